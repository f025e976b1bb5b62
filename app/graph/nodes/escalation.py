"""escalate: route by the role card, hand a packet to staff, and never lose the record."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from app.graph.deps import GraphDeps
from app.graph.state import TurnContext, TurnState, tools_barred
from app.graph.wrap import NodeFn
from app.handoff import hand_off
from tools.ledger import idempotency_key


def packet_for(state: TurnState, reason: str) -> dict[str, Any]:
    error = state.get("error")
    return {
        "summary": _summary(state, reason),
        "transcript": list(state.get("history", [])),
        "evidence": [
            {k: e.get(k) for k in ("article_id", "chunk_id", "score", "confidence")}
            for e in state.get("evidence", [])
        ],
        "guardrails": list(state.get("guardrails", [])),
        "steps_tried": list(state.get("actions", [])) + [
            {"kb_article": a} for a in state.get("last_kb", [])
        ],
        "proposed_action": state.get("plan"),
        "intent": state.get("intent"),
        "service": state.get("slots", {}).get("service"),
        "error": error,
    }


def _summary(state: TurnState, reason: str) -> str:
    message = state.get("message", "")
    intent = state.get("intent") or "unclassified"
    return f"[{reason}] {intent}: {message[:200]}"


def make_escalate(deps: GraphDeps) -> NodeFn:
    def escalate(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
        ctx = runtime.context
        error = state.get("error") or {}
        reason = (state.get("escalate_reason") or error.get("reason")
                  or ("policy_violation" if tools_barred(state) else "unexpected_error"))
        route = deps.role_card.route(reason, vip=ctx.vip)
        packet = packet_for(state, reason)
        key = idempotency_key(ctx.thread_id, state.get("turn", 0), "escalate", {"reason": reason})
        record: dict[str, Any] = {
            "thread_id": ctx.thread_id, "employee_id": ctx.employee_id, "reason": reason,
            "group": route.group, "priority": route.priority, "summary": packet["summary"],
            "packet": packet, "idempotency_key": key,
        }
        escalation = hand_off(deps.itsm, deps.outbox, record, deps.clock())
        return {"outcome": "escalated", "escalation": escalation, "escalate_reason": reason,
                "plan": None, "pending_approval": state.get("pending_approval")}

    return escalate
