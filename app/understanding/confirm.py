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
                          r"human|agent|technician)\b|\bcall me\b)", re.IGNORECASE)


def read_answer(text: str) -> Answer:
    words = text.split()
    if not words:
        return "other"
    # A long reply is a new message that happens to start with "ok" or "no", not an answer.
    if len(words) > MAX_WORDS:
        return "other"
    if _NO.match(text):
        return "other" if _NEW_REQUEST.search(text) else "no"
    if _YES.match(text):
        return "yes"
    return "other"
