"""Secrets that the sentence around them marks, not a password word right before them.

The keyed detectors in ``passwords.py`` need "password <connector> value". Employees also write
the value where only the sentence says what it is:
- "when I changed to Velvet-Otter-2291", "the temp one you sent me, Nwd-4471-Kp, isn't accepted",
  "logged into SAP with my usual which is Cricket_Bat_5": a change, an apposition to "the
  old/new/temp one", or "which is" in a message about signing in;
- "changed my pin to 0419", "set my voicemail passcode back to 271828", "my pin's 2468": a PIN
  that a change verb or a contraction links to its word;
- BitLocker recovery keys, eight groups of six digits: a shape that nothing else has.
Each value must still look like a secret (``cue_passwords.shaped``), so a product, id, path or
plain word after the same words is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.cue_passwords import shaped
from guardrails.passwords import SENTENCE_END, Span

# The sentence is about signing in: only then does a change or "which is" point at a secret.
_ABOUT_LOGIN = re.compile(
    r"(?i)\b(?:log(?:s|ging|ged)? ?(?:me )?(?:in|on|into|out)|logon|sign(?:ing|ed)? ?in|pass\w*"
    r"|pw|pwd|pin"
    r"|passcode|credentials?|locked|lock(?:ed)? out|user locked|rejecting|rejects?|rejected"
    r"|wrong|incorrect|invalid|not accepted|isn'?t accepted|won'?t accept|reset|forced change)\b")
_VALUE = r"[\"'`\u201c]?(?P<val>[^\s\"'`\u201d,;()]{6,64})"
# After the value: the clause ends, or a word that cannot continue a product name.
_AFTER = (r"(?=[\"'`\u201d]?(?:[,;.!?)]|\s*$|\s+(?:and|but|as|like|since|because|so|then|now"
          r"|which|when|before|after|last|this|yesterday|today|on|in|at|for|with|by|from|is"
          r"|was|isn'?t|wasn'?t|doesn'?t|won'?t|still|again|but|\(|-)\b))")
_CHANGED_TO = re.compile(
    r"(?i)\b(?:changed|change|switched|set|reset|updated|moved)\s+(?:it\s+|that\s+|them\s+)?"
    r"(?:back\s+)?to\s+" + _VALUE + _AFTER)
_ONE_APPOSITION = re.compile(
    r"(?i)\b(?:new|old|temp|temporary|current|previous|default|usual|original) one\b"
    r"(?:\s+[\w']+){0,4}\s*,\s*" + _VALUE + r"(?=[\"'`\u201d]?\s*,)")
_WHICH_IS = re.compile(
    r"(?i)\b(?:(?:my|the) usual(?: one)?|which|that)\s+(?:is|was|would be)\s+" + _VALUE + _AFTER)
_PIN_CHANGE = re.compile(
    r"(?i)\b(?:set|changed|change|reset|updated)\s+(?:my|the|our|a)\s+(?:[\w-]+\s+){0,2}"
    r"(?:pin|pin code|passcode|unlock code|door code|alarm code)(?:\s+back)?\s+to\s+"
    r"(?P<val>\d{4,8})\b")
_PIN_CONTRACTION = re.compile(r"(?i)\b(?:pin|passcode|pin code)'s\s+(?P<val>\d{4,8})\b")
_RECOVERY_KEY = re.compile(r"(?<![\d-])\d{6}(?:-\d{6}){7}(?![\d-])")


def context_passwords(text: str) -> Iterator[Span]:
    for m in _RECOVERY_KEY.finditer(text):
        yield "password", m.start(), m.end()
    for rx in (_PIN_CHANGE, _PIN_CONTRACTION):
        for m in rx.finditer(text):
            yield "password", m.start("val"), m.end("val")
    if not _ABOUT_LOGIN.search(text):
        return
    for rx in (_CHANGED_TO, _ONE_APPOSITION, _WHICH_IS):
        for m in rx.finditer(text):
            # Markdown emphasis closes a UI label ("choose **Reset to ZeroTouch**").
            val = re.sub(r"(?:\*\*|__)+$", "", m.group("val")).rstrip(SENTENCE_END)
            end = m.start("val") + len(val)
            # Linked through "to"/"is", but a weak cue: mixed case or a real symbol is needed,
            # so "changed to automatic" and "which is outlook2016" stay.
            if shaped(text[m.start("val"):end], linked=True, weak=True):
                yield "password", m.start("val"), end
