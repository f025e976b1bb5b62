"""Passwords typed with no word saying so: "I tried Kx9!pL2#qv and it still fails"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.passwords import NOT_A_PASSWORD, NOT_SECRET_SHAPE, SENTENCE_END, Span

# A password typed inline, without the word "password": "I tried Kx9!pL2#qv and it still fails",
# "it won't take Summer2024!". After a login verb a token with three character classes counts
# when the message is about signing in; anywhere else only a token with all four classes and a
# real symbol does (a shape no product name, version, path or ticket id has).
_LOGIN_VERB = re.compile(
    r"(?i)\b(?:tried|try|trying|typed|typing|type|entered|entering|enter|using|used|use|put in"
    r"|input|keyed in|log(?:ging)? ?in with|sign(?:ing)? ?in with|logged in with|signed in with"
    r"|(?:won'?t|doesn'?t|does not|will not|didn'?t|did not) (?:take|accept|like)|rejects?|rejected"
    r"|refuses?|with password|new one is|old one was|chose|picked|set it to|changed it to"
    r"|wrote (?:it|them) down as|noted (?:it )?(?:down )?as|saved (?:it )?as|stored (?:it )?as)"
    r"\s+(?:(?:it|the|my|as|again|with|both|password|pw)\s+){0,2}[\"'`\u201c]?"
    r"(?P<val>[^\s\"'`\u201d]{6,64})"
    # A value ends the clause; "tried Windows11 compatibility mode" names a thing, not a secret.
    r"(?=[\"'`\u201d]?(?:[\s,.;:!?)]*$|[,.;:!?)]|\s+(?:and|but|then|again|as|twice|three|four"
    r"|every|each|for|on|in|at|it|which|still|is|was|are|were|to|so|because|since|with|or|but"
    r"|from|into|caps|-|\u2013|\u2014)\b))")
_ABOUT_LOGIN = re.compile(
    r"(?i)\b(?:log ?in|logon|sign ?in|password|passphrase|pw|pwd|pin|locked|lock(?:ed)? out"
    r"|rejects?|rejected|wrong|incorrect|invalid|fails?|failed|failing|doesn'?t work|not working"
    r"|won'?t work"
    r"|access denied|credentials?|vpn|wi-?fi|account|sticky note|post-?it|written down"
    r"|wrote (?:it|them) down)\b")
_TOKEN = re.compile(r"(?<![\w@/\\:.-])[^\s\"'`]{8,40}(?![\w@/\\])")
_REAL_SYMBOL = re.compile(r"[!@#$%^&*?~+=<>|\\]")
_USER_PREFIX = re.compile(r"(?:[a-z][\w.\-]{1,30}:|-{0,2}[a-z][\w.\-]{1,30}=)(?=\S)")



def _classes(val: str) -> int:
    # Hyphens, dots and commas join words in names and versions ("AES-256"); they are no class.
    return (any(c.islower() for c in val) + any(c.isupper() for c in val)
            + any(c.isdigit() for c in val) + any(not c.isalnum() and c not in "-_.,"
                                                 for c in val))


def _inline_ok(val: str, classes_needed: int) -> bool:
    val = val.rstrip(SENTENCE_END)
    return (6 <= len(val) <= 64 and not NOT_SECRET_SHAPE.search(val)
            and val.lower() not in NOT_A_PASSWORD and _classes(val) >= classes_needed
            and any(c.isdigit() or not c.isalnum() for c in val))


def inline_passwords(text: str) -> Iterator[Span]:
    about_login = _ABOUT_LOGIN.search(text) is not None
    for m in _LOGIN_VERB.finditer(text):
        val = m.group("val").rstrip(SENTENCE_END)
        if about_login and _inline_ok(val, 3):
            yield "password", m.start("val"), m.start("val") + len(val)
    for m in _TOKEN.finditer(text):
        val = m.group().rstrip(SENTENCE_END)
        start = m.start()
        # "jdoe:Wint3r!Sun" (curl -u, basic-auth pairs, URLs' userinfo) and "--password=..."
        # (a flag or key): the account name or key before the colon or "=" is not the secret.
        user = _USER_PREFIX.match(val)
        if user and _inline_ok(val[user.end():], 3):
            start, val = start + user.end(), val[user.end():]
        if _REAL_SYMBOL.search(val) and _inline_ok(val, 4 if not user else 3):
            yield "password", start, start + len(val)
