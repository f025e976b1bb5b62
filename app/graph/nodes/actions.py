"""plan, confirm, act, await_approval: scoped tool calls with a human yes before any write."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import interrupt

from app.graph.deps import GraphDeps
from app.graph.offers import superseded_offer
from app.graph.state import TurnContext, TurnState, tools_barred
from app.graph.wrap import NodeFn
from app.replies import clarify_question, confirm_question
from app.understanding.readouts import (
    describe_service,
    describe_ticket,
    describe_tickets,
    not_found_ticket,
    pick_service,
    says_many_affected,
)
from app.vocabulary import ACTION_TOOLS, READ_ONLY_TOOLS
from tools.context import Actor
from tools.errors import ToolError
from tools.ledger import idempotency_key
from tools.lifecycle import OPEN_STATES


def tool_for(intent: str, slots: dict[str, Any]) -> str | None:
    """The tool an intent plans; "open a ticket for this" after an answer is an incident."""
    if slots.get("open_incident"):
        return "create_incident"
    return ACTION_TOOLS.get(intent)


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
    if intent == "ticket_status" and slots.get("ticket"):
        return {"state": "all", "limit": 50}, None
    if slots.get("open_incident") or intent == "hardware_issue":
        about = str(slots.get("about") or message)
        short = about.strip().splitlines()[0][:120] if about.strip() else summary
        return {"short_description": short if len(short) >= 3 else summary,
                "description": about[:2000],
                "category": "hardware" if intent == "hardware_issue" else "other",
                "impact": 3, "urgency": 3}, None
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
        slots = state.get("slots", {})
        tool = tool_for(intent, slots)
        if tool is None:
            raise ValueError(f"no tool plans intent {intent!r}")
        args, missing = plan_args(intent, slots, state.get("message", ""))
        if missing:
            return {"outcome": "clarifying",
                    "reply": clarify_question(missing, slots, deps.software, deps.groups)}
        if tool == "update_ticket":
            ctx = runtime.context
            args = fit_ticket_action(deps, Actor("agent", ctx.employee_id, ctx.thread_id), args)
        if tool == "check_service_status" and tools_barred(state) and \
                says_many_affected(str(slots.get("about") or state.get("message", ""))):
            # A possible outage hitting many people will not wait for a yes to read the board:
            # with tools barred on this turn, people look at it instead.
            return {"escalate_reason": "major_outage"}
        # On a turn the screen found half-suspicious even a read is asked about first: an
        # attack must not reach a tool on its own turn, and the yes is screened again.
        needs_yes = tool in confirm_before or tools_barred(state)
        step = {"tool": tool, "args": args, "confirm": needs_yes}
        if not needs_yes:
            return {"plan": step}
        earlier = superseded_offer(state, step)
        return {
            **({"offer": earlier} if earlier else {}),
            "plan": step,
            "awaiting": "confirm",
            "outcome": "awaiting_confirmation",
            "reply": "\n\n".join(filter(None, [
                slots.get("preface"), confirm_question(tool, args, deps.software, deps.groups)])),
            "actions": [{"tool": tool, "status": "pending_confirmation"}],
        }

    return plan


def fit_ticket_action(deps: GraphDeps, actor: Actor, args: dict[str, Any]) -> dict[str, Any]:
    """People "close" a ticket that is still open (that is a cancel in the ITSM) and ask to
    "reopen" one nobody resolved yet (that is a note on it). Unknown tickets stay as asked:
    the tool itself answers for them."""
    try:
        state = deps.itsm.ticket(str(args["ticket"]), actor).state
    except ToolError:
        return args
    action = args.get("action")
    if action == "close" and state in OPEN_STATES:
        return {**args, "action": "cancel"}
    if action == "reopen" and state in OPEN_STATES:
        return {**args, "action": "comment"}
    return args


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
        if result.status == "completed" and tool in READ_ONLY_TOOLS:
            update.update(read_out(state, tool, result.data, result.message))
        elif result.status == "completed":
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


def read_out(state: TurnState, tool: str, data: dict[str, Any], message: str) -> dict[str, Any]:
    """The answer to a read: the one ticket or service asked about, or a possible outage
    nobody has reported yet, which goes to people rather than "all operational"."""
    slots = state.get("slots", {})
    if tool == "get_my_tickets" and slots.get("ticket"):
        number = str(slots["ticket"])
        said = describe_ticket(number, list(data.get("tickets", [])))
        return {"outcome": "answered", "reply": said or not_found_ticket(number)}
    if tool == "get_my_tickets":
        return {"outcome": "answered", "reply": describe_tickets(list(data.get("tickets", [])))}
    if tool == "check_service_status":
        about = str(slots.get("about") or state.get("message", ""))
        board = list(data.get("services", []))
        row = pick_service(about, board)
        if (row is None or row.get("status") == "operational") and says_many_affected(about):
            # Naming the service lets later reports of it join this handoff (tools.outages).
            service = {"service": str(row["service"])} if row is not None else {}
            return {"escalate_reason": "major_outage", "slots": {**slots, **service}}
        if row is not None:
            return {"outcome": "answered", "reply": describe_service(row)}
    return {"outcome": "answered", "reply": message}


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
