"""Read a free-text reply to a confirmation question as yes, no, or something else."""

from __future__ import annotations

import re
from typing import Literal

Answer = Literal["yes", "no", "other"]

_YES = re.compile(
    r"^\W*(y|ya|yes|yeah|yep|yup|sure|ok|okay|k|please|please do|do it|go ahead|go for it|"
    r"proceed|confirm(ed)?|correct|right|absolutely|of course|sounds good|affirmative|"
    r"yes please|ok go|let'?s do it|that'?s right)\b",
    re.IGNORECASE,
)
_NO = re.compile(
    r"^\W*(n|no|nope|nah|cancel|stop|don'?t|do not|never ?mind|not now|abort|wait|hold on|"
    r"no thanks|negative|forget it|leave it)\b",
    re.IGNORECASE,
)
MAX_WORDS = 12


def read_answer(text: str) -> Answer:
    words = text.split()
    if not words:
        return "other"
    # A long reply is a new message that happens to start with "ok" or "no", not an answer.
    if len(words) > MAX_WORDS:
        return "other"
    if _NO.match(text):
        return "no"
    if _YES.match(text):
        return "yes"
    return "other"
