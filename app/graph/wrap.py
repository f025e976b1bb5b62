"""Every node runs inside ``guarded``: timed into the turn trace, and failures become data.

An exception in a node never escapes the graph as an answer or an action: it is recorded in
``state["error"]`` and every router sends an errored state to the escalation node.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from langgraph.errors import GraphBubbleUp
from langgraph.runtime import Runtime

from app.graph.state import TurnContext, TurnState
from knowledge.errors import KnowledgeError
from tools.errors import ToolError, Unavailable

log = logging.getLogger("zerodesk.graph")
NodeFn = Callable[[TurnState, Runtime[TurnContext]], dict[str, Any]]


def reason_for(exc: BaseException) -> str:
    if isinstance(exc, Unavailable):
        return "tool_error"
    if isinstance(exc, (KnowledgeError, TimeoutError, ConnectionError)):
        return "dependency_down"
    if isinstance(exc, ToolError):
        return "tool_error"
    return "unexpected_error"


def guarded(name: str, fn: NodeFn) -> NodeFn:
    def run(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
        started = time.perf_counter()
        status = "ok"
        try:
            return fn(state, runtime) or {}
        except GraphBubbleUp:  # interrupt(): a pause, not a failure
            status = "paused"
            raise
        except Exception as exc:
            status = "error"
            log.exception("node %s failed in thread %s", name, runtime.context.thread_id)
            return {
                "error": {
                    "node": name,
                    "type": type(exc).__name__,
                    "message": str(exc)[:300],
                    "reason": reason_for(exc),
                }
            }
        finally:
            runtime.context.trace.append(
                {"node": name, "ms": round((time.perf_counter() - started) * 1000, 3),
                 "status": status}
            )

    run.__name__ = name
    return run
