"""What the conversation still owes the employee: a proposal they moved on from without
answering, and how long an offer of it stays on the table.

An offer ("You also mentioned: … Want me to look at that next?") is made once. Repeating it
under every later answer is noise, so an offer shown on an earlier turn and not taken up on
this one is dropped.
"""

from __future__ import annotations

import re
from typing import Any

from app.graph.state import TurnState

# The employee replacing the proposal rather than adding to it ("actually Miro instead").
_REPLACES = re.compile(
    r"\b(?:instead|rather|actually|scratch that|forget (?:it|that|about)|never ?mind|cancel"
    r"|changed? my mind|no wait|not that)\b", re.IGNORECASE)
# Free text a proposal carries from whichever message made it; the item is in the other args.
_WORDING = frozenset({"justification", "description", "comment", "short_description"})


def _same_proposal(a: dict[str, Any], b: dict[str, Any]) -> bool:
    def core(step: dict[str, Any]) -> tuple[Any, ...]:
        args = step.get("args") or {}
        return step.get("tool"), sorted((k, str(v)) for k, v in args.items() if k not in _WORDING)
    return core(a) == core(b)


def superseded_offer(state: TurnState, step: dict[str, Any]) -> str | None:
    """The earlier proposal's topic, to offer after this one, when this turn proposes another
    action while that one still waits for a yes the employee never gave or refused ("my screen
    cracked" -> "also can you install Snagit?"). Without it the first one is silently lost."""
    if state.get("offer"):
        return None  # one offer at a time; the message's own second issue comes first
    prev = state.get("previous") or {}
    parked = prev.get("parked") or {}
    earlier = parked.get("plan")
    if not earlier or parked.get("declined") or _same_proposal(earlier, step):
        return None
    if _REPLACES.search(state.get("message", "")):
        return None
    topic = str(prev.get("topic") or "").strip()
    return topic or None


def offer_shown(state: TurnState, reply: str) -> dict[str, Any]:
    """Remember the turn an offer was first put to the employee."""
    offer = state.get("offer")
    if offer and offer in reply and (state.get("offer_shown") or {}).get("text") != offer:
        return {"offer_shown": {"text": offer, "turn": state.get("turn", 0)}}
    return {}


def offer_expired(state: TurnState) -> bool:
    """The offer was shown on an earlier turn and this turn moved on to something else or
    said no (taking it up clears it before the reply). Feedback on the answer it came with
    ("thanks, that fixed Outlook") is not moving on: the offer is put again under it."""
    offer, shown = state.get("offer"), state.get("offer_shown") or {}
    replied_to_answer = state.get("intent") == "feedback" and state.get("reply_key") != "cancelled"
    return bool(offer) and shown.get("text") == offer and not replied_to_answer and \
        shown.get("turn", 0) < state.get("turn", 0)
