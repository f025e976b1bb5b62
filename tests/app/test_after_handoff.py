"""After a handoff, "still broken" joins the ticket people already have: it is neither answered
afresh from the knowledge base nor taken as a "no" to nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest

from app.runtime import Runtime
from app.understanding.followups import after_handoff
from tests.app.test_understanding_dialogue import talk

HANDED_OFF: dict[str, Any] = {"outcome": "escalated", "escalation_reason": "low_confidence",
                              "intent": "kb_question"}


@pytest.mark.parametrize(("prev", "text", "kind", "reason"), [
    (HANDED_OFF, "same error again", "handoff", "repeated_failure"),
    (HANDED_OFF, "no, still failing", "handoff", "repeated_failure"),
    (HANDED_OFF, "nope, same problem", "handoff", "repeated_failure"),
    # Thanks for the handoff: people still have it, nothing is resolved.
    (HANDED_OFF, "thanks", "acknowledged", None),
    (HANDED_OFF, "no thanks", "acknowledged", None),
    (HANDED_OFF, "ok great, cheers", "acknowledged", None),
    ({**HANDED_OFF, "escalation_reason": "security_incident"}, "thank you", "acknowledged",
     None),
    # Fixed after all: the ordinary positive feedback reads it.
    (HANDED_OFF, "it works now, thanks", "", None),
    (HANDED_OFF, "how do I map a network drive?", "", None),
    # A longer message may bring a new problem along: the router reads it afresh.
    (HANDED_OFF, "it still does not work and now outlook crashes on start too", "", None),
    ({**HANDED_OFF, "escalation_reason": "security_incident"}, "what happens now?", "handoff",
     "security_incident"),
    ({**HANDED_OFF, "outcome": "answered", "escalation_reason": None}, "same error again", "",
     None),
])
def test_after_handoff(prev: dict[str, Any], text: str, kind: str, reason: str | None) -> None:
    follow = after_handoff(prev, text)
    assert (follow.kind, follow.reason) == (kind, reason)


def test_still_failing_twice_after_a_handoff_stays_on_the_ticket(shared_runtime: Runtime) -> None:
    first, second, third = talk(shared_runtime, 615, "I want to talk to a person please",
                                "tried all of that, still not working", "same error again")
    [ticket] = re.findall(r"INC\d{7}", first.reply)
    for later in (second, third):
        assert later.outcome == "escalated", later.reply
        assert later.escalation and later.escalation["reason"] == "repeated_failure"
        assert ticket in later.reply and not later.citations


def test_no_still_failing_after_a_handoff_is_not_a_cancel(shared_runtime: Runtime) -> None:
    first, after = talk(shared_runtime, 616, "I want to talk to a person please",
                        "no, still failing")
    assert first.outcome == "escalated"
    assert after.outcome == "escalated" and "haven't done anything" not in after.reply


def test_thanks_after_a_handoff_is_not_a_resolution(shared_runtime: Runtime) -> None:
    first, thanks = talk(shared_runtime, 617, "I want to talk to a person please", "thanks!")
    assert first.outcome == "escalated"
    assert (thanks.intent, thanks.outcome) == ("feedback", "answered")
    assert "resolved" not in thanks.reply and "IT team has this" in thanks.reply
