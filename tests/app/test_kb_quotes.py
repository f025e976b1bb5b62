"""Article text quoted in an answer reaches the employee whole: the output screen's password
detectors fired on UI labels and typed commands in KB steps ("choose **Unlock and reset**",
"type `size:>10MB`"), blanking about one answer in six."""

from __future__ import annotations

import pytest

from app.runtime import Runtime
from tests.app.test_understanding_dialogue import talk


@pytest.mark.parametrize(("n", "question"), list(enumerate([
    "my outlook keeps asking for my password over and over",
    "Mailbox full. You can't send or receive items.",
    "2nd moniter not detected",
    "Can I print to my home printer from the work laptop?",
])))
def test_quoted_steps_are_not_blanked(shared_runtime: Runtime, n: int, question: str) -> None:
    [answer] = talk(shared_runtime, 640 + n, question)
    assert answer.outcome == "answered" and answer.citations, answer.reply
    assert "[REDACTED" not in answer.reply, answer.reply
