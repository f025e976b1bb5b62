"""What the understand node returns when a turn continues an earlier one: a yes to a parked
action, a count of failed attempts, an incident about the problem described before, and the
first of several catalogue items named at once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.understanding.names import Named, named_all
from app.understanding.slots import DEVICES


def one_item(text: str, intent: str, update: dict[str, Any], software: Sequence[Named],
             groups: Sequence[Named]) -> str:
    """"install postman and git", "Git and the sales-emea list": request the first item now
    and offer the next one; returns the text to take this request's slot from."""
    items_sw = [("install", i) for i in named_all(text, software)]
    items_gr = [("add me to", i) for i in named_all(text, groups)]
    mine, other = (items_sw, items_gr) if intent == "software_request" else (items_gr, items_sw)
    rest = [*mine[1:], *other]
    if not mine or not rest:
        return text
    verb, item = rest[0]
    update["offer"] = f"{verb} {item.name}"
    return mine[0][1].name


def open_incident(prev: dict[str, Any]) -> dict[str, Any]:
    """"ok, please open a ticket" after an answer that did not help: an incident about the
    problem described before, not about the words "open a ticket"."""
    about = str(prev.get("topic") or "")
    intent = "hardware_issue" if any(d in about.lower() for d in DEVICES) else "kb_question"
    return {"intent": intent, "intent_confidence": 1.0,
            "slots": {"open_incident": True, "about": about}}


def resume(parked: dict[str, Any]) -> dict[str, Any]:
    """A yes to an action asked about before: straight to it, unless the employee said no to
    it in between, in which case we ask again."""
    if parked.get("declined"):
        return {"intent": parked["intent"], "intent_confidence": 1.0,
                "slots": dict(parked.get("slots", {}))}
    return {"intent": parked["intent"], "intent_confidence": 1.0, "plan": parked["plan"],
            "confirmed": True, "slots": dict(parked.get("slots", {}))}


def feedback(failures_so_far: int, kind: str, limit: int) -> dict[str, Any]:
    """A thank-you resets the count of failed attempts; the limit-th "that didn't work"
    escalates as a repeated failure."""
    if kind == "negative":
        failures = failures_so_far + 1
        if failures >= limit:
            return {"failures": failures, "escalate_reason": "repeated_failure"}
        return {"failures": failures, "outcome": "clarifying", "reply_key": "didnt_work"}
    return {"failures": 0, "outcome": "answered", "reply_key": "thanks", "resolved": True}
