"""Read a free-text reply to a confirmation question as yes, no, or something else."""

from __future__ import annotations

import re
from typing import Literal

Answer = Literal["yes", "no", "other"]

# Fillers people put before the answer: "ok, on second thought yes", "hmm, no, cancel".
_LEAD = (r"^\W*((ok(ay)?|hmm+|oh|ah|well|actually|sorry|on second thought|then|thanks|thank you|"
         r"thx|hi|hello|hey( there)?|um+|so|please|sorry to bother you|quick question:?|"
         r"can you help\?)[\s,.!:?]+)*")
_YES = re.compile(
    _LEAD + r"(y|ya|yes|yea|yeah|yep|yup|sure|ok|okay|k|please|please do|do it|go ahead|"
    r"go for it|proceed|confirm(ed)?|correct|right|absolutely|of course|sounds good|fine|"
    r"that'?s (fine|ok|okay|right)|"
    r"alright|all right|affirmative|yes please|ok go|let'?s do it|that'?s right|"
    r"(install|raise|log|submit|reset|unlock|send|open|reopen|request|order) (it|that|them))\b",
    re.IGNORECASE,
)
_NO = re.compile(
    _LEAD + r"(wait|hold on|hang on)?[\s,.!]*(n|no|nope|nah|cancel|stop|don'?t|do not|"
    r"never ?mind|not now|abort|no thanks|negative|forget it|leave it)\b",
    re.IGNORECASE,
)
MAX_WORDS = 12
# "no wait, cancel that. Can I get Git instead?" or "no, put me through to a person": a no
# followed by a new request is a new message; the understand node drops the cancellation and
# handles the request.
_NEW_REQUEST = re.compile(r"[.!,;]\s*.*(\?|\b(can|could) (i|you)\b|\bi (need|want|'d like)\b|"
                          r"\b(put|get|give|transfer|connect) me\b|\b(a |real |live )?(person|"
                          r"human|agent|technician)\b|\bcall me\b|"
                          # A correction: "no, it's not locked, I just forgot the password".
                          r"\bit'?s (not|actually)\b[^.!?]*[,;]\s*i\b|\bi (just |actually |only )?"
                          r"(forgot|lost|meant|broke)\b)", re.IGNORECASE)


# What may follow a yes and still leave a plain yes: thanks, "go ahead", "no worries".
_PLAIN_TAIL = re.compile(
    r"\b(please|pls|plz|thanks|thank you|thx|ty|ta|cheers|great|perfect|cool|lovely|brilliant|"
    r"awesome|no problem|no worries|go ahead|go for it|do it|that'?s fine|sounds good|asap|"
    r"right away|mate)\b", re.IGNORECASE)
_BUT = re.compile(r"\b(but|however|though|although)\b", re.IGNORECASE)
# "ok but my monitor is flickering now", "yes, and my printer is jammed": a yes that brings
# a new problem or a further request is a new message, like a no followed by a request.
_MORE_THAN_YES = re.compile(
    r"\b(but|however|though|although|also|too|as well|another|plus|in addition|btw|"
    r"by the way|while you'?re at it|meanwhile)\b|"
    r"\band (my|the|our|his|her|their|i|i'?m|i'?ve|can|could)\b|"
    r"\b(not working|(is|does|do|wo|ca|did|has|have)n'?t|cannot|no longer|broken|broke|"
    r"flicker\w*|errors?|crash\w*|fail\w*|stuck|issues?|"
    r"problems?|slow|dead|cracked|missing|jamm?\w*|frozen|freez\w*|keeps?|again)\b",
    re.IGNORECASE)
# "please install power bi", "pls add me to jira": a request that opens with "please" and names
# its own object is a new message, not a yes. ("yes please, install it" still is one.)
_PLEASE_DO = re.compile(
    r"^\W*(please|pls|plz|kindly)[\s,]+(install|add|reset|unlock|give|get|put|order|grant|"
    r"open|create|send|request|set up|book|raise|log|submit)\s+(?!(it|that|them|this|one|now|"
    r"please|pls|asap|thanks?|ahead)\b)\w", re.IGNORECASE)


def _plain_yes(text: str) -> bool:
    match = _YES.match(text)
    if match is None:
        return False
    rest = _PLAIN_TAIL.sub(" ", text[match.end():])
    return not (_MORE_THAN_YES.search(rest) or _NEW_REQUEST.search(f". {rest}"))


# The no said last: "I'll take it to the service bar myself, no thanks", "I'll use an
# external one for now, not now".
_NO_LAST = re.compile(r"[,.;!-]\s*(no+|nope|nah|not now|no thanks?|no thank you|cancel( it| that)?|"
                      r"never ?mind|forget it|leave it)[\s,.!]*(thanks?|thank you|please)?\W*$",
                      re.IGNORECASE)


def _starts(text: str) -> Answer:
    words = text.split()
    # A long reply is a new message that happens to start with "ok" or "no", not an answer.
    if not words or len(words) > MAX_WORDS:
        return "other"
    if _NO.match(text):
        return "other" if _NEW_REQUEST.search(text) else "no"
    if _YES.match(text):
        return "yes"
    last = _NO_LAST.search(text)
    if last is not None and "?" not in text:
        # Not when what comes first is news or a request: "my screen is still broken, no".
        before = text[:last.start()]
        if not (_NEW_REQUEST.search(f". {before}") or _MORE_THAN_YES.search(before)):
            return "no"
    return "other"


def read_answer(text: str) -> Answer:
    """The answer to "shall I go ahead?": only a plain yes runs the action."""
    answer = _starts(text)
    if answer == "yes" and (not _plain_yes(text) or _PLEASE_DO.match(text)):
        return "other"
    return answer


def starts_with_yes(text: str) -> bool:
    """A short reply that opens with a yes, plain or not ("yes, the Zoom too please"): what
    accepts an offer, and what the screen checks for a yes that asks for more."""
    return _starts(text) == "yes"


def qualified_yes(text: str) -> bool:
    """"ok but ...", "yes, however ...": a yes with a reservation accepts nothing."""
    match = _YES.match(text)
    return match is not None and bool(_BUT.search(text[match.end():]))
