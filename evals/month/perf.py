"""Latency and where the time goes, from each turn's node trace and wall time.

Node timings map to components approximately: ``screen`` is the input guardrails (and the one
query embedding the turn needs, cached for the later nodes), ``retrieve`` is embedding plus
Chroma plus BM25, ``act`` and ``escalate`` are ITSM writes, every other node is graph logic;
what the wall time holds beyond the nodes is LangGraph's checkpointer, the conversation store
and the PII redaction before storage.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

COMPONENT = {"screen": "guardrails (screen)", "retrieve": "embedding + Chroma (retrieve)",
             "act": "ITSM (act)", "escalate": "ITSM (escalate)"}
OUTSIDE = "checkpointer + store (wall - nodes)"


def percentiles(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"n": 0, "p50": None, "p90": None, "p99": None, "max": None}
    arr = np.asarray(values, dtype=float)
    return {"n": len(values), "p50": round(float(np.percentile(arr, 50)), 2),
            "p90": round(float(np.percentile(arr, 90)), 2),
            "p99": round(float(np.percentile(arr, 99)), 2), "max": round(float(arr.max()), 2)}


def turn_stats(records: list[dict[str, Any]]) -> dict[str, Any]:
    per_node: dict[str, list[float]] = defaultdict(list)
    totals: dict[str, float] = defaultdict(float)
    walls: list[float] = []
    for r in records:
        for turn in r.get("turns", []):
            walls.append(turn["wall_ms"])
            node_sum = 0.0
            for step in turn.get("trace", []):
                per_node[step["node"]].append(step["ms"])
                totals[COMPONENT.get(step["node"], "graph (other nodes)")] += step["ms"]
                node_sum += step["ms"]
            if turn.get("trace"):
                totals[OUTSIDE] += max(0.0, turn["wall_ms"] - node_sum)
    grand = sum(totals.values()) or 1.0
    return {
        "turns": len(walls),
        "turn_latency_ms": percentiles(walls),
        "node_latency_ms": {k: percentiles(v) for k, v in sorted(per_node.items())},
        "node_total_s": {k: round(sum(v) / 1000, 2) for k, v in sorted(per_node.items())},
        "time_split_s": {k: round(v / 1000, 2) for k, v in sorted(totals.items(),
                                                                    key=lambda kv: -kv[1])},
        "time_split_share": {k: round(v / grand, 4) for k, v in sorted(
            totals.items(), key=lambda kv: -kv[1])},
    }


def resolution_minutes(records: list[dict[str, Any]]) -> float | None:
    """Median simulated minutes from first message to resolution, agent-resolved tickets."""
    spans = [(len(r["turns"]) - 1) + sum(t["wall_ms"] for t in r["turns"]) / 60000
             for r in records if r.get("score") and r["score"]["autonomous"]]
    return round(float(np.median(spans)), 2) if spans else None
