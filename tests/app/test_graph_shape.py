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
