"""plan, confirm, act, await_approval: scoped tool calls with a human yes before any write."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import interrupt

from app.graph.deps import GraphDeps
from app.graph.state import TurnContext, TurnState
from app.graph.wrap import NodeFn
from app.replies import clarify_question, confirm_question
from app.vocabulary import ACTION_TOOLS
from tools.context import Actor
from tools.ledger import idempotency_key


def plan_args(
    intent: str, slots: dict[str, Any], message: str
) -> tuple[dict[str, Any], str | None]:
    """Tool arguments from slots, or the name of the slot we still need to ask for."""
    summary = message.strip().splitlines()[0][:120] if message.strip() else intent
    if intent == "software_request":
        if not slots.get("software"):
            return {}, "software"
        return {"software": slots["software"], "justification": message[:500]}, None
    if intent == "access_request":
        if not slots.get("group"):
            return {}, "group"
        return {"group": slots["group"], "justification": message[:500]}, None
    if intent == "ticket_update":
        if not slots.get("ticket"):
            return {}, "ticket"
        return {"ticket": slots["ticket"], "action": slots.get("ticket_action", "comment"),
                "comment": message[:1000]}, None
    if intent == "hardware_issue":
        return {"short_description": summary, "description": message[:2000],
                "category": "hardware", "impact": 3, "urgency": 3}, None
    if intent == "hardware_request":
        return {"short_description": summary, "description": message[:2000],
                "category": "hardware"}, None
    if intent == "outage_report":
        return {}, None
    return {}, None


def make_plan(deps: GraphDeps) -> NodeFn:
    confirm_before = set(deps.role_card.tools.confirm_before)

    def plan(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
        intent = state.get("intent", "")
        tool = ACTION_TOOLS[intent]
        slots = state.get("slots", {})
        args, missing = plan_args(intent, slots, state.get("message", ""))
        if missing:
            return {"outcome": "clarifying",
                    "reply": clarify_question(missing, slots, deps.software, deps.groups)}
        needs_yes = tool in confirm_before
        step = {"tool": tool, "args": args, "confirm": needs_yes}
        if not needs_yes:
            return {"plan": step}
        return {
            "plan": step,
            "awaiting": "confirm",
            "outcome": "awaiting_confirmation",
            "reply": confirm_question(tool, args, deps.software, deps.groups),
            "actions": [{"tool": tool, "status": "pending_confirmation"}],
        }

    return plan


def make_confirm(deps: GraphDeps) -> NodeFn:
    def confirm(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
        reply = interrupt({"kind": "confirm", "plan": state.get("plan"),
                           "question": state.get("reply", "")})
        return {"inbox": str(reply.get("text", "")),
                "inbox_findings": list(reply.get("findings", [])), "awaiting": "confirm"}

    return confirm


def make_act(deps: GraphDeps) -> NodeFn:
    def act(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
        step = state.get("plan") or {}
        tool, args = step["tool"], dict(step.get("args", {}))
        ctx = runtime.context
        actor = Actor("agent", ctx.employee_id, ctx.thread_id)
        key = idempotency_key(ctx.thread_id, state.get("turn", 0), tool, args)
        result = deps.itsm.call(tool, actor, args, key)
        action = {"tool": tool, "status": result.status, "message": result.message,
                  "data": result.data}
        update: dict[str, Any] = {"plan": None, "actions": [action], "reply": result.message,
                                  "confirmed": False}
        if result.status == "completed":
            update.update(outcome="action_completed", failures=0)
        elif result.status == "pending_approval":
            update.update(outcome="awaiting_approval",
                          pending_approval={"tool": tool, **result.data})
        elif result.status == "denied":
            update.update(outcome="refused" if result.data.get("code") == "other_person_data"
                          else "answered",
                          refusal=result.data.get("code") if result.data.get("code") ==
                          "other_person_data" else None)
        else:
            update["escalate_reason"] = "tool_error"
        return update

    return act


def make_await_approval(deps: GraphDeps) -> NodeFn:
    def await_approval(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
        pending = state.get("pending_approval") or {}
        event = interrupt({"kind": "approval", "approval": pending})
        if event.get("type") == "decision":
            tool = pending.get("tool", "")
            approved = bool(event.get("approved"))
            status = "completed" if approved else "denied"
            return {
                "pending_approval": None,
                "outcome": "action_completed" if approved else "answered",
                "actions": [{"tool": tool, "status": status, "message": event.get("message", ""),
                             "data": {k: v for k, v in pending.items() if k != "tool"}}],
                "reply": str(event.get("message", "")),
                "reply_key": "approval_decided",
            }
        return {"inbox": str(event.get("text", "")),
                "inbox_findings": list(event.get("findings", []))}

    return await_approval
