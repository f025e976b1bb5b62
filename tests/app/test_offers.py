"""Offers through the real graph: a proposal the employee moved on from is offered once after
the new one, never repeated under every later answer, and not offered when it was replaced."""

from __future__ import annotations

from typing import Any

import pytest

from app.graph.offers import offer_expired, superseded_offer
from app.graph.state import TurnState
from app.runtime import Runtime
from tests.app.test_understanding_dialogue import talk

INCIDENT: dict[str, Any] = {
    "tool": "create_incident",
    "args": {"short_description": "screen cracked", "category": "hardware"}}
ZOOM: dict[str, Any] = {
    "tool": "request_software", "args": {"software": "Zoom", "justification": "webinars"}}
MIRO: dict[str, Any] = {
    "tool": "request_software", "args": {"software": "Miro", "justification": "boards"}}


def parked(plan: dict[str, Any], declined: bool = False) -> dict[str, Any]:
    return {"topic": "my laptop screen cracked when I dropped it",
            "parked": {"plan": plan, "declined": declined, "age": 0}}


@pytest.mark.parametrize(("previous", "message", "offer", "step", "want"), [
    (parked(INCIDENT), "also can you install Snagit for me", None, ZOOM,
     "my laptop screen cracked when I dropped it"),
    (parked(INCIDENT), "I need Zoom", None, ZOOM, "my laptop screen cracked when I dropped it"),
    # replaced, not added to
    (parked(ZOOM), "actually I need Miro instead", None, MIRO, None),
    (parked(ZOOM), "never mind that, Miro please", None, MIRO, None),
    # the same proposal again (more detail given): nothing to offer
    (parked(ZOOM), "it's for the sales webinars", None,
     {**ZOOM, "args": {**ZOOM["args"], "justification": "sales webinars"}}, None),
    # the employee said no to it
    (parked(INCIDENT, declined=True), "can I get Zoom", None, ZOOM, None),
    # nothing was waiting
    ({"topic": "how do I print"}, "can I get Zoom", None, ZOOM, None),
    # the message's own second issue is offered first
    (parked(INCIDENT), "Zoom please and my mouse is broken", "my mouse is broken", ZOOM, None),
])
def test_superseded_offer(previous: dict[str, Any], message: str, offer: str | None,
                          step: dict[str, Any], want: str | None) -> None:
    state = TurnState(previous=previous, message=message, offer=offer)
    assert superseded_offer(state, step) == want


SHOWN = {"text": "my printer is jammed", "turn": 2}


@pytest.mark.parametrize(("shown", "turn", "intent", "reply_key", "expired"), [
    (None, 3, "kb_question", None, False),
    ({**SHOWN, "turn": 3}, 3, "kb_question", None, False),  # shown on this very turn
    (SHOWN, 3, "kb_question", None, True),  # moved on
    (SHOWN, 3, "feedback", "cancelled", True),  # "no thanks"
    (SHOWN, 3, "feedback", "thanks", False),  # "thanks, that fixed it": put it again
    ({"text": "an older offer", "turn": 1}, 3, "kb_question", None, False),  # not shown yet
])
def test_offer_expired(shown: dict[str, Any] | None, turn: int, intent: str,
                       reply_key: str | None, expired: bool) -> None:
    state = TurnState(offer="my printer is jammed", offer_shown=shown, turn=turn, intent=intent,
                      reply_key=reply_key)
    assert offer_expired(state) is expired


def test_an_offer_is_made_once(shared_runtime: Runtime) -> None:
    first, done, declined, later = talk(
        shared_runtime, 621, "I need Zoom and my printer is jammed", "yes", "no thanks",
        "how do I connect to the VPN from home")
    assert first.outcome == "awaiting_confirmation"
    assert done.outcome == "action_completed" and "my printer is jammed" in done.reply
    assert "my printer is jammed" not in declined.reply
    assert later.outcome == "answered" and "my printer is jammed" not in later.reply


def test_a_proposal_moved_on_from_is_offered_after_the_new_one(shared_runtime: Runtime) -> None:
    first, other, done, back = talk(
        shared_runtime, 622, "my laptop screen has a big crack after I dropped it",
        "also can you install Snagit for me", "yes", "yes please")
    assert (first.intent, first.outcome) == ("hardware_issue", "awaiting_confirmation")
    assert (other.intent, other.outcome) == ("software_request", "awaiting_confirmation")
    assert done.outcome == "awaiting_approval" and "big crack" in done.reply
    assert (back.intent, back.outcome) == ("hardware_issue", "awaiting_confirmation")


def test_a_replaced_proposal_is_not_offered(shared_runtime: Runtime) -> None:
    first, other, done = talk(shared_runtime, 623, "I need Zoom",
                              "actually I need Miro instead", "yes")
    assert first.outcome == other.outcome == "awaiting_confirmation"
    assert "Miro" in other.reply
    assert done.outcome == "action_completed" and "Zoom" not in done.reply


def test_feedback_on_the_answer_keeps_the_offer(shared_runtime: Runtime) -> None:
    first, fixed, dock = talk(shared_runtime, 624,
                              "Outlook keeps crashing and my dock stopped charging.",
                              "thanks, that fixed Outlook", "yes, help me with the dock too")
    assert "dock" in first.reply and "dock" in fixed.reply
    # the offer taken up: the dock is looked at (the knowledge base has an article for it)
    assert dock.outcome == "answered" and "Docking station" in dock.reply, dock.reply
