"""What a conversation carries between nodes and across turns (checkpointed, redacted only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypedDict


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
    failures: int  # "that didn't work" count for the current problem
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


def new_turn(state: TurnState, text: str) -> dict[str, Any]:
    """The update that starts a turn for ``text`` (already redacted)."""
    history = list(state.get("history", []))[-(HISTORY_LIMIT - 1):]
    history.append({"role": "employee", "text": text})
    return {
        **PER_TURN,
        "message": text,
        "inbox": None,
        "turn": state.get("turn", 0) + 1,
        "history": history,
    }
