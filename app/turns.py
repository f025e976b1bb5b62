"""One turn's result in the brief's contract shape."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from app.graph.state import TurnState


@dataclass
class TurnResult:
    thread_id: str
    turn: int
    outcome: str
    intent: str | None
    reply: str
    citations: list[str] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    escalation: dict[str, Any] | None = None
    refusal: str | None = None
    guardrails: list[dict[str, Any]] = field(default_factory=list)
    latency_ms: float = 0.0
    handled_by: str = "agent"
    trace: list[dict[str, Any]] = field(default_factory=list)

    def contract(self) -> dict[str, Any]:
        """The brief's per-turn output line."""
        return {
            "outcome": self.outcome,
            "intent": self.intent,
            "reply": self.reply,
            "citations": self.citations,
            "actions": [{"tool": a["tool"], "status": a["status"]} for a in self.actions],
            "escalation": None if self.escalation is None else {
                "reason": self.escalation.get("reason"),
                "group": self.escalation.get("group"),
                "priority": self.escalation.get("priority"),
            },
            "refusal": self.refusal,
            "guardrails": self.guardrails,
            "latency_ms": round(self.latency_ms, 1),
        }

    def api(self) -> dict[str, Any]:
        """What the widget gets: the contract plus thread bookkeeping and ticket cards."""
        body = self.contract()
        body.update(thread_id=self.thread_id, turn=self.turn, handled_by=self.handled_by,
                    actions=[{k: a.get(k) for k in ("tool", "status", "message", "data")}
                             for a in self.actions],
                    escalation=self.escalation)
        return body

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def result_from_state(state: TurnState, thread_id: str, interrupted: bool) -> TurnResult:
    outcome = state.get("outcome") or "escalated"
    if interrupted and state.get("awaiting") == "confirm":
        outcome = "awaiting_confirmation"
    escalation = state.get("escalation") if outcome == "escalated" else None
    intent = state.get("intent") or None
    if intent is None and state.get("actions"):
        # A "yes" (or an approver's decision) carries out the turn before it: report the
        # intent it acted on rather than none.
        intent = (state.get("previous") or {}).get("intent") or None
    return TurnResult(
        thread_id=thread_id,
        turn=int(state.get("turn", 0)),
        outcome=outcome,
        intent=intent,
        reply=state.get("reply", ""),
        citations=list(state.get("citations", [])) if outcome == "answered" else [],
        actions=list(state.get("actions", [])),
        escalation=escalation,
        refusal=state.get("refusal") if outcome == "refused" else None,
        guardrails=list(state.get("guardrails", [])),
    )
