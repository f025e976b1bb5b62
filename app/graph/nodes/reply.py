"""respond: the one place a reply is worded, output-checked and added to the transcript."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from app.graph.deps import GraphDeps
from app.graph.nodes.screening import verdict_json
from app.graph.offers import offer_expired, offer_shown
from app.graph.state import HISTORY_LIMIT, TurnContext, TurnState
from app.graph.wrap import NodeFn
from app.replies import FIXED, REFUSALS, escalation_reply
from guardrails.pipeline import screen_output
from guardrails.policy import ScreenContext
from guardrails.verdict import Action

SAFE_FALLBACK = ("I couldn't put together a safe reply, so I've passed this to the IT team. "
                 "They'll contact you.")


def compose_reply(state: TurnState) -> str:
    outcome = state.get("outcome", "")
    if state.get("reply_override"):
        base = str(state["reply_override"])
    elif outcome == "escalated":
        escalation = state.get("escalation") or {}
        base = escalation_reply(str(escalation.get("reason", "")), escalation)
    elif outcome == "refused":
        base = REFUSALS.get(state.get("refusal") or "", REFUSALS["out_of_scope"])
    elif state.get("reply_key") in FIXED and not state.get("reply"):
        base = FIXED[str(state["reply_key"])]
    else:
        base = state.get("reply", "") or FIXED["clarify_intent"]
    extras = []
    if state.get("warning"):
        extras.append(str(state["warning"]))
    if "password" in state.get("findings", []):
        extras.append(FIXED["password_typed"])
    if state.get("offer") and outcome in ("answered", "action_completed", "awaiting_approval"):
        extras.append(f"You also mentioned: “{state['offer']}”. Want me to look at that next? "
                      "(yes / no)")
    return "\n\n".join([base, *extras])


def make_respond(deps: GraphDeps) -> NodeFn:
    def respond(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
        ctx = runtime.context
        if not state.get("outcome"):
            # Nothing decided an outcome: treat it as something we could not finish.
            return {"escalate_reason": "unexpected_error"}
        update: dict[str, Any] = {}
        if offer_expired(state):
            state = {**state, "offer": None}
            update.update(offer=None, offer_shown=None)
        text = compose_reply(state)
        checked = screen_output(
            text,
            ScreenContext(employee_id=ctx.employee_id, email=ctx.own_email, phone=ctx.own_phone,
                          name=ctx.own_name),
            deps.guardrails,
            [str(s["text"]) for s in state.get("segments", []) if s.get("quoted")],
        )
        verdicts = [*state.get("guardrails", []), *(verdict_json(v) for v in checked.verdicts)]
        update["guardrails"] = verdicts
        if checked.action in (Action.REFUSE, Action.ESCALATE) and not state.get("escalation"):
            update["escalate_reason"] = "policy_violation"
            update["reply"] = SAFE_FALLBACK
            return update
        final = SAFE_FALLBACK if checked.action in (Action.REFUSE, Action.ESCALATE) \
            else checked.text
        history = list(state.get("history", []))[-(HISTORY_LIMIT - 1):]
        history.append({"role": "agent", "text": final})
        update.update(reply=final, history=history, **offer_shown(state, final))
        return update

    return respond
