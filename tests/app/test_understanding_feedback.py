"""Feedback is read from the words said, through the real graph: a likeness to the feedback
exemplars never turns "still not working" into "glad that sorted it"."""

from __future__ import annotations

import re

import pytest

from app.runtime import Runtime
from app.understanding.dialogue import feedback_kind
from tests.app.test_understanding_dialogue import talk


@pytest.mark.parametrize("still_broken", [
    "tried all of that, still not working",
    "did that already, same error again",
])
def test_still_broken_after_a_handoff_joins_the_open_ticket(shared_runtime: Runtime,
                                                            still_broken: str) -> None:
    first, after = talk(shared_runtime, 611, "I want to talk to a person please", still_broken)
    assert first.outcome == "escalated", first.reply
    [ticket] = re.findall(r"INC\d{7}", first.reply)
    assert after.outcome == "escalated", after.reply
    assert after.escalation and after.escalation["reason"] == "repeated_failure"
    assert ticket in after.reply and "glad" not in after.reply.lower()


def test_still_broken_after_an_offer_is_not_a_thank_you(shared_runtime: Runtime) -> None:
    offer, after = talk(shared_runtime, 612, "reset my password please",
                        "tried all of that, still not working")
    assert offer.outcome == "awaiting_confirmation", offer.reply
    assert "glad" not in after.reply.lower()
    assert not [a for a in after.actions if a.get("status") == "completed"]


@pytest.mark.parametrize("bare", ["yes", "ok sure", "yes please"])
def test_a_bare_yes_with_nothing_pending_is_not_a_hello(shared_runtime: Runtime,
                                                        bare: str) -> None:
    hello, yes = talk(shared_runtime, 613, "hi", bare)
    assert hello.intent == "greeting"
    assert yes.outcome == "answered" and yes.intent == "feedback"
    assert not yes.actions and "Hi!" not in yes.reply


@pytest.mark.parametrize(("reply", "outcome"), [("yes", "answered"), ("no", "clarifying")])
def test_yes_or_no_to_did_this_solve_it(shared_runtime: Runtime, reply: str,
                                        outcome: str) -> None:
    answer, after = talk(shared_runtime, 614, "how do I connect to the VPN from home", reply)
    assert answer.outcome == "answered" and "Did this solve it?" in answer.reply
    assert (after.intent, after.outcome) == ("feedback", outcome), after.reply
    assert ("glad" in after.reply.lower()) is (reply == "yes")


@pytest.mark.parametrize(("text", "after_answer", "kind"), [
    ("thanks", False, "positive"),
    ("ok thanks, will try that later", True, "positive"),
    ("thx, have a good one", False, "positive"),
    ("thanks for letting me know", True, "positive"),
    ("thanks for letting me know", False, "positive"),
    # Thanks before a request is politeness, not a verdict on an answer.
    ("thanks Locked out. Pls unlock.", False, None),
    ("thanks Locked out. Pls unlock.", True, None),
    ("thakns I need Zoom", False, None),
    ("ok thanks, vpn drops every hour", True, None),
    ("cheers for fixing the printer yesterday", False, "positive"),
    ("thanks for the quick reply, now I need Zoom", False, None),
])
def test_thanks_with_news_is_not_feedback(text: str, after_answer: bool,
                                          kind: str | None) -> None:
    assert feedback_kind(text, after_answer=after_answer) == kind


@pytest.mark.parametrize("opening", ["thanks Locked out. Pls unlock.",
                                     "thanks locked out, pls unlock"])
def test_a_request_opening_with_thanks_is_the_request(shared_runtime: Runtime,
                                                      opening: str) -> None:
    [turn] = talk(shared_runtime, 614, opening)
    assert turn.intent == "account_unlock", turn.reply
    assert turn.outcome == "awaiting_confirmation", turn.reply
