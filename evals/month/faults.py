"""Fault windows: the ITSM, Chroma or the embedder down for a stretch of the simulated month.

``itsm`` uses the ITSM's own ``FaultInjector`` (every employee-facing tool down). ``chroma``
makes the chunk store's dense query fail the way an unreachable Chroma does; ``embedder``
makes every embedding call fail the way a dead model process does. Both raise the knowledge
layer's own errors so the graph sees what it would see in production.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.runtime import Runtime
from knowledge.errors import EmbedderUnavailable, StoreUnavailable
from tools.faults import ALL

KINDS = ("itsm", "chroma", "embedder")


@dataclass(frozen=True)
class FaultWindow:
    kind: str
    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"--fault must be one of {', '.join(KINDS)}, got {self.kind!r}")
        if self.end <= self.start:
            raise ValueError("--fault-window END must be after START")

    def covers(self, at: datetime) -> bool:
        return self.start <= at < self.end


def _raiser(exc: Exception) -> Any:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise exc

    return fail


class FaultSwitch:
    """Turns one window on and off; ``off`` restores exactly what was patched."""

    def __init__(self, runtime: Runtime, window: FaultWindow | None) -> None:
        self.runtime = runtime
        self.window = window
        self.active = False
        self._saved: list[tuple[Any, str]] = []

    def apply(self, at: datetime) -> None:
        want = self.window is not None and self.window.covers(at)
        if want and not self.active:
            self.on()
        elif not want and self.active:
            self.off()

    def on(self) -> None:
        assert self.window is not None
        kind = self.window.kind
        if kind == "itsm":
            self.runtime.faults.set_outage(ALL, True)
        elif kind == "chroma":
            self._patch(self.runtime.chunks, "dense",
                        StoreUnavailable("Chroma is unreachable (injected by the month replay)"))
        else:
            err = EmbedderUnavailable("the embedding model is down (injected by the month replay)")
            for name in ("embed", "embed_query", "embed_queries"):
                self._patch(self.runtime.embedder, name, err)
        self.active = True

    def _patch(self, target: Any, name: str, exc: Exception) -> None:
        self._saved.append((target, name))
        setattr(target, name, _raiser(exc))

    def off(self) -> None:
        if self.window is not None and self.window.kind == "itsm":
            self.runtime.faults.clear(ALL)
        for target, name in reversed(self._saved):
            # The patch is an instance attribute; deleting it uncovers the class's method.
            delattr(target, name)
        self._saved.clear()
        self.active = False
