"""Wires the nodes into the graph. Only wiring lives here."""

from __future__ import annotations

from typing import Any, cast

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import START, StateGraph

from app.graph import routing
from app.graph.deps import GraphDeps
from app.graph.nodes.actions import make_act, make_await_approval, make_confirm, make_plan
from app.graph.nodes.escalation import make_escalate
from app.graph.nodes.knowledge import make_answer, make_retrieve
from app.graph.nodes.reply import make_respond
from app.graph.nodes.screening import make_screen
from app.graph.nodes.understanding import make_understand
from app.graph.state import TurnContext, TurnState
from app.graph.wrap import guarded

NODES = {
    "screen": make_screen,
    "understand": make_understand,
    "retrieve": make_retrieve,
    "answer": make_answer,
    "plan": make_plan,
    "confirm": make_confirm,
    "act": make_act,
    "await_approval": make_await_approval,
    "escalate": make_escalate,
    "respond": make_respond,
}
ROUTES = {
    "screen": routing.after_screen,
    "understand": routing.after_understand,
    "retrieve": routing.after_retrieve,
    "answer": routing.after_answer,
    "plan": routing.after_plan,
    "confirm": routing.after_confirm,
    "act": routing.after_act,
    "await_approval": routing.after_await,
    "escalate": routing.after_escalate,
    "respond": routing.after_respond,
}


def build_graph(deps: GraphDeps, checkpointer: BaseCheckpointSaver[Any] | None = None) -> Any:
    builder = StateGraph(TurnState, context_schema=TurnContext)
    for name, make in NODES.items():
        # cast: LangGraph's node protocols want a parameter literally named ``runtime``
        # with positional-or-keyword kind; ours is positional. Behaviour is identical.
        builder.add_node(name, cast(Any, guarded(name, make(deps))))
    builder.add_edge(START, "screen")
    for name, route in ROUTES.items():
        builder.add_conditional_edges(name, route)
    return builder.compile(checkpointer=checkpointer)
