"""The graph's drawing is a reviewed artifact: docs/graph.mmd must match the compiled graph."""

from __future__ import annotations

import os
from pathlib import Path

from app.runtime import Runtime

SNAPSHOT = Path(__file__).resolve().parents[2] / "docs" / "graph.mmd"


def test_mermaid_snapshot(shared_runtime: Runtime) -> None:
    drawing = shared_runtime.graph.get_graph().draw_mermaid()
    if os.environ.get("ZERODESK_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(drawing, encoding="utf-8")
    assert SNAPSHOT.read_text(encoding="utf-8") == drawing, (
        "the graph changed: review it, then rerun with ZERODESK_UPDATE_SNAPSHOTS=1"
    )


def test_every_node_can_reach_escalate_and_end(shared_runtime: Runtime) -> None:
    graph = shared_runtime.graph.get_graph()
    edges: dict[str, set[str]] = {}
    for edge in graph.edges:
        edges.setdefault(edge.source, set()).add(edge.target)
    expected = {"screen", "understand", "retrieve", "answer", "plan", "confirm", "act",
                "await_approval", "escalate", "respond"}
    assert expected <= set(graph.nodes)
    for node in expected - {"escalate", "respond"}:
        assert "escalate" in edges[node], f"{node} has no way to escalate"
    # escalate ends the run only when it failed itself; the runner then records the
    # escalation outside the graph (tests/app/test_fail_closed.py proves it).
    assert edges["escalate"] == {"respond", "__end__"}
    assert "__end__" in edges["respond"]
    into_end = {src for src, targets in edges.items() if "__end__" in targets}
    assert into_end == {"respond", "escalate"}


# What makes a path to the end safe: a verified answer, an executed-and-audited action, an
# interrupt, or the escalation node.
GATES = {"answer", "act", "confirm", "await_approval", "escalate"}
# Paths that reach the end through none of them, each reviewed: the reply is fixed text, no
# tool runs, and the router only takes the edge for the states named.
UNGATED = {
    ("__start__", "screen", "respond", "__end__"):
        "a refusal from the guardrails, or a declined confirmation",
    ("__start__", "screen", "understand", "respond", "__end__"):
        "greeting, feedback, out-of-scope refusal, or an outcome set by understanding",
    ("__start__", "screen", "understand", "plan", "respond", "__end__"):
        "no plan could be made: a clarifying question",
}


def _paths(edges: dict[str, set[str]], path: tuple[str, ...]) -> list[tuple[str, ...]]:
    if path[-1] == "__end__":
        return [path]
    found = []
    for nxt in sorted(edges.get(path[-1], ())):
        if nxt not in path:  # simple paths: every edge of the graph is still walked
            found += _paths(edges, (*path, nxt))
    return found


def test_every_path_to_the_end_passes_a_gate(shared_runtime: Runtime) -> None:
    graph = shared_runtime.graph.get_graph()
    edges: dict[str, set[str]] = {}
    for edge in graph.edges:
        edges.setdefault(edge.source, set()).add(edge.target)
    # A turn starts at the top, or resumes at the node that paused it for a yes or a decision.
    paths = [p for entry in ("__start__", "confirm", "await_approval")
             for p in _paths(edges, (entry,))]
    assert len(paths) > 10
    walked = {(a, b) for p in paths for a, b in zip(p, p[1:], strict=False)}
    assert walked == {(e.source, e.target) for e in graph.edges}, "some edge is never walked"
    ungated = {p for p in paths if not GATES & set(p)}
    assert ungated == set(UNGATED), sorted(ungated ^ set(UNGATED))
    for path in paths:  # act is entered from plan, or from a yes the routers check (below)
        if "act" in path:
            assert path[path.index("act") - 1] in ("plan", "screen", "understand"), path


def test_the_ungated_edges_are_taken_only_for_their_reviewed_states() -> None:
    from app.graph import routing

    # after_screen answers directly only for a refusal or an outcome the screen decided.
    assert routing.after_screen({"refusal": "prompt_injection"}) == "respond"  # type: ignore[typeddict-item]
    assert routing.after_screen({}) == "understand"  # type: ignore[typeddict-item]
    # after_understand answers directly for the fixed-reply intents, never for a KB question
    # or an action.
    for intent in routing.DIRECT_REPLY_INTENTS:
        assert routing.after_understand({"intent": intent}) == "respond"  # type: ignore[typeddict-item]
    assert routing.after_understand({"intent": "kb_question"}) == "retrieve"  # type: ignore[typeddict-item]
    assert routing.after_understand({"intent": "password_reset"}) == "plan"  # type: ignore[typeddict-item]
    # screen and understand go to act only with the employee's yes to a plan already made.
    assert routing.after_screen({"confirmed": True}) == "act"  # type: ignore[typeddict-item]
    assert routing.after_understand({"confirmed": False, "plan": {"tool": "x"},  # type: ignore[typeddict-item]
                                     "intent": "greeting"}) == "respond"
    assert routing.after_understand({"confirmed": True, "plan": None,  # type: ignore[typeddict-item]
                                     "intent": "greeting"}) == "respond"
    # after_plan answers directly only when there is no plan (the clarifying question).
    assert routing.after_plan({}) == "respond"  # type: ignore[typeddict-item]
    assert routing.after_plan({"plan": {"tool": "reset_password", "confirm": True}}) == "confirm"  # type: ignore[typeddict-item]
