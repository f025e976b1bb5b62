"""Pure routing functions: state in, next node name out. No I/O, no randomness."""

from __future__ import annotations

from typing import Literal

from app.graph.state import TurnState, tools_barred
from app.vocabulary import ACTION_TOOLS

DIRECT_REPLY_INTENTS = frozenset({"greeting", "feedback", "out_of_scope"})


def _failed(state: TurnState) -> bool:
    return bool(state.get("error")) or bool(state.get("escalate_reason"))


def after_screen(
    state: TurnState,
) -> Literal["escalate", "respond", "understand", "act"]:
    if _failed(state):
        return "escalate"
    if state.get("refusal") or state.get("outcome"):
        return "respond"
    if state.get("confirmed"):
        return "act"
    return "understand"


def after_understand(
    state: TurnState,
) -> Literal["escalate", "respond", "retrieve", "plan", "act"]:
    if _failed(state):
        return "escalate"
    if state.get("outcome"):
        return "respond"
    if state.get("confirmed") and state.get("plan"):
        # "ok fine, yes" to an action we asked about before a question in between; on a turn
        # the screen found half-suspicious, the action is planned (and asked about) again.
        return "plan" if tools_barred(state) else "act"
    intent = state.get("intent", "")
    if intent in ACTION_TOOLS or state.get("slots", {}).get("open_incident"):
        return "plan"
    if intent == "kb_question":
        return "retrieve"
    return "respond"


def after_retrieve(state: TurnState) -> Literal["escalate", "answer"]:
    return "escalate" if _failed(state) else "answer"


def after_answer(state: TurnState) -> Literal["escalate", "respond"]:
    return "escalate" if _failed(state) else "respond"


def after_plan(state: TurnState) -> Literal["escalate", "respond", "confirm", "act"]:
    if _failed(state):
        return "escalate"
    plan = state.get("plan")
    if not plan:
        return "respond"
    if plan.get("confirm"):
        # Asking is not acting: the yes comes in a turn of its own and is screened again.
        return "confirm"
    # Defence in depth: plan asks first on a half-suspicious turn, so a tool that would run
    # without a yes there is a planning bug; a human takes it rather than the tool.
    return "escalate" if tools_barred(state) else "act"


def after_confirm(state: TurnState) -> Literal["escalate", "screen"]:
    return "escalate" if state.get("error") else "screen"


def after_act(state: TurnState) -> Literal["escalate", "respond"]:
    return "escalate" if _failed(state) else "respond"


def after_escalate(state: TurnState) -> Literal["respond", "__end__"]:
    error = state.get("error") or {}
    return "__end__" if error.get("node") == "escalate" else "respond"


def after_respond(state: TurnState) -> Literal["escalate", "await_approval", "__end__"]:
    error = state.get("error") or {}
    if error.get("node") in ("escalate", "respond"):
        # The last-resort nodes failed: stop here; the runner records the escalation itself.
        return "__end__"
    if _failed(state) and not state.get("escalation"):
        return "escalate"
    if state.get("pending_approval") and not state.get("error"):
        return "await_approval"
    return "__end__"


def after_await(state: TurnState) -> Literal["escalate", "screen", "respond"]:
    if state.get("error"):
        return "escalate"
    return "screen" if state.get("inbox") else "respond"
