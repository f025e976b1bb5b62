"""Where a replay's time goes, measured: embedding, retrieval, guardrails, ITSM, checkpointer,
conversation store, and the graph's own work (LangGraph plus node logic).

The replay wraps the runtime's objects (as the fault switch does) with timers that count
exclusive time: an embedding computed inside a guardrail check counts as embedding only, so the
parts add up to the time spent in turns. Node traces give per-node latency; this gives the
components the owner asks about.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

GRAPH = "graph (LangGraph + node logic)"
_ABSENT = object()


class Stopwatch:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._lock = threading.Lock()
        self._local = threading.local()
        self._patched: list[tuple[Any, str, Any]] = []

    def wrap(self, owner: Any, name: str, bucket: str) -> None:
        original: Callable[..., Any] = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            stack: list[float] = self._local.__dict__.setdefault("stack", [])
            stack.append(0.0)  # time spent in timed calls nested inside this one
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - started
                nested = stack.pop()
                if stack:
                    stack[-1] += elapsed
                with self._lock:
                    self.seconds[bucket] += elapsed - nested
                    self.calls[bucket] += 1

        self._patched.append((owner, name, owner.__dict__.get(name, _ABSENT)))
        setattr(owner, name, timed)

    def restore(self) -> None:
        """Put every wrapped attribute back (module functions outlive one replay)."""
        for owner, name, before in reversed(self._patched):
            if before is _ABSENT:
                delattr(owner, name)  # an instance attribute shadowing the class's method
            else:
                setattr(owner, name, before)
        self._patched.clear()

    def totals(self) -> dict[str, float]:
        with self._lock:
            return dict(self.seconds)


def instrument(runtime: Any) -> Stopwatch:
    """Time the parts of ``runtime`` a turn goes through. Imports stay inside: this module is
    loaded by replay workers before they build anything."""
    import app.conversation
    import app.graph.nodes.reply
    import app.graph.nodes.screening

    watch = Stopwatch()
    conversations = runtime.conversations
    watch.wrap(conversations, "send", GRAPH)
    watch.wrap(conversations, "resume_approval", GRAPH)
    watch.wrap(runtime.embedder, "embed", "embedding (MiniLM)")
    watch.wrap(runtime.retriever, "search_vector", "retrieval (Chroma + BM25 + fusion)")
    for name in ("get_tuple", "put", "put_writes"):
        watch.wrap(runtime.checkpointer, name, "checkpointer")
    for name in ("take_message", "record_turn", "recent_agent_texts", "owner"):
        watch.wrap(conversations.store, name, "conversation store")
    for name in ("call", "create_escalation", "get_employee", "thread_escalation"):
        watch.wrap(runtime.itsm, name, "ITSM")
    watch.wrap(app.conversation, "pii_scan", "guardrails")
    watch.wrap(app.graph.nodes.screening, "screen_input", "guardrails")
    watch.wrap(app.graph.nodes.reply, "screen_output", "guardrails")
    return watch


def merge(parts: list[dict[str, float]]) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for part in parts:
        for key, value in part.items():
            out[key] += value
    return {k: round(v, 2) for k, v in sorted(out.items(), key=lambda kv: -kv[1])}
