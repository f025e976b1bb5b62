"""What a conversation carries between nodes and across turns (checkpointed, redacted only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypedDict

from guardrails.pipeline import TOOL_GATE_CODE


class TurnState(TypedDict, total=False):
    # identity and turn bookkeeping; employee_id always comes from the session, never the text
    employee_id: str
    thread_id: str
    turn: int
    inbox: str | None  # a new employee message (redacted) waiting for the screen node
    inbox_findings: list[str]  # PII types found (and removed) in it before the graph saw it
    awaiting: str | None  # "confirm" while a yes/no for ``plan`` is outstanding
    confirmed: bool
    message: str  # the current message, already redacted
    query: str | None  # the part of the message being handled when it held several issues
    history: list[dict[str, str]]  # redacted transcript, bounded
    # understanding
    intent: str
    intent_confidence: float
    slots: dict[str, Any]
    offer: str | None  # a second issue from the same message, offered after the first
    offer_shown: dict[str, Any] | None  # {"text", "turn"} the offer was put (app.graph.offers)
    failures: int  # "that didn't work" count for the current problem
    previous: dict[str, Any] | None  # what the last turn ended in, for follow-ups
    attacks: int
    abuse_warned: bool
    last_kb: list[str]  # articles of the last answer, what "that didn't work" refers to
    # retrieval and answer
    evidence: list[dict[str, Any]]
    segments: list[dict[str, Any]]
    reply: str
    reply_key: str | None  # a fixed reply from app.replies
    reply_override: str | None  # a guardrail's own wording (caring HR reply)
    warning: str | None  # an abuse warning shown with the reply
    resolved: bool  # the employee said it worked
    citations: list[str]
    # actions
    plan: dict[str, Any] | None
    actions: list[dict[str, Any]]
    pending_approval: dict[str, Any] | None
    # results
    outcome: str
    refusal: str | None
    escalate_reason: str | None
    escalation: dict[str, Any] | None
    guardrails: list[dict[str, Any]]
    findings: list[str]
    error: dict[str, str] | None


# Fields that describe one turn; cleared whenever a new employee message starts a turn.
PER_TURN: dict[str, Any] = {
    "intent": "",
    "intent_confidence": 0.0,
    "slots": {},
    "evidence": [],
    "segments": [],
    "reply": "",
    "reply_key": None,
    "reply_override": None,
    "warning": None,
    "resolved": False,
    "query": None,
    "citations": [],
    "actions": [],
    "confirmed": False,
    "outcome": "",
    "refusal": None,
    "escalate_reason": None,
    "escalation": None,
    "guardrails": [],
    "findings": [],
    "error": None,
}
HISTORY_LIMIT = 20


@dataclass
class TurnContext:
    """Run-scoped, never checkpointed: who is asking (from the session) and the turn's trace."""

    employee_id: str
    thread_id: str
    trace: list[dict[str, Any]] = field(default_factory=list)
    vip: bool = False
    own_email: str | None = None
    own_phone: str | None = None
    own_name: str | None = None


def previous_turn(state: TurnState) -> dict[str, Any] | None:
    """The part of the finished turn a follow-up can refer to ("yes it had email on it",
    "who will approve it?", "I'm her team lead"): per-turn fields are cleared after this."""
    if not state.get("turn"):
        return None
    escalation = state.get("escalation") or {}
    before = state.get("previous") or {}
    # A turn that only answered a confirmation question continues the turn before it.
    own = bool(state.get("intent"))
    actions = [{k: a.get(k) for k in ("tool", "status", "message")} | {
        "ticket": (a.get("data") or {}).get("ticket")} for a in state.get("actions", [])]
    return {
        "message": state.get("message", ""),
        "topic": (state.get("query") or state.get("message", "")) if own
        else before.get("topic", ""),
        "intent": state.get("intent", "") if own else before.get("intent", ""),
        "outcome": state.get("outcome", ""), "refusal": state.get("refusal"),
        "escalation_reason": escalation.get("reason") or state.get("escalate_reason"),
        "slots": dict(state.get("slots", {})), "reply_key": state.get("reply_key"),
        "actions": actions,
        "parked": _parked(state, before, own),
        # "non-IT topic: hr": which people a pointer sent the employee to
        "scope": next((str(g["reasons"][0]) for g in state.get("guardrails", [])
                       if g.get("check") == "scope" and g.get("code") == "out_of_scope"
                       and g.get("reasons")), None),
    }


PARK_TURNS = 2


def _parked(state: TurnState, before: dict[str, Any], own: bool) -> dict[str, Any] | None:
    """An action waiting for a yes survives a question in between ("wait, what happens to my
    saved Wi-Fi?") and a "no" (the employee may change their mind); any other action or a
    few turns without a yes drop it."""
    plan = state.get("plan")
    if plan and state.get("outcome") == "awaiting_confirmation":
        return {"plan": plan, "intent": state.get("intent", ""),
                "slots": dict(state.get("slots", {})), "declined": False, "age": 0}
    old = before.get("parked")
    if not old or state.get("actions") and state.get("reply_key") != "cancelled":
        return None
    if old["age"] + 1 > PARK_TURNS:
        return None
    declined = old["declined"] or state.get("reply_key") == "cancelled"
    return {**old, "declined": declined, "age": old["age"] + 1}


def tools_barred(state: TurnState) -> bool:
    """The input screen forbade tool calls on this turn (the guardrails' tool_gate verdict)."""
    return any(g.get("code") == TOOL_GATE_CODE for g in state.get("guardrails", []))


def new_turn(state: TurnState, text: str) -> dict[str, Any]:
    """The update that starts a turn for ``text`` (already redacted)."""
    history = list(state.get("history", []))[-(HISTORY_LIMIT - 1):]
    history.append({"role": "employee", "text": text})
    return {
        **PER_TURN,
        "previous": previous_turn(state),
        "message": text,
        "inbox": None,
        "turn": state.get("turn", 0) + 1,
        "history": history,
    }
