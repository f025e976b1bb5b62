"""Fault injection for the ITSM tools: latency, random errors, outages, crashes after commit.

Settings are per tool name, with ``"*"`` for every tool, and may change while the ITSM runs
(tests and the month replay open and close fault windows). Faults apply to the employee-facing
tools only: escalations and approvals must keep working while the tools are down, because
that is exactly when the graph hands work to humans.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from tools.errors import SimulatedCrash, Unavailable

ALL = "*"


@dataclass(frozen=True)
class FaultSpec:
    latency_s: float = 0.0
    error_rate: float = 0.0
    outage: bool = False


class FaultInjector:
    def __init__(self, seed: int = 0, sleep: Callable[[float], None] = time.sleep) -> None:
        self._rng = random.Random(seed)
        self._sleep = sleep
        self._lock = threading.Lock()
        self._specs: dict[str, FaultSpec] = {}
        self._crashes: dict[str, int] = {}

    def _update(self, tool: str, **changes: Any) -> None:
        with self._lock:
            self._specs[tool] = replace(self._specs.get(tool, FaultSpec()), **changes)

    def set_latency(self, tool: str, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("latency cannot be negative")
        self._update(tool, latency_s=seconds)

    def set_error_rate(self, tool: str, rate: float) -> None:
        if not 0.0 <= rate <= 1.0:
            raise ValueError("error rate must be within 0..1")
        self._update(tool, error_rate=rate)

    def set_outage(self, tool: str, down: bool = True) -> None:
        self._update(tool, outage=down)

    def crash_after_commit(self, tool: str, times: int = 1) -> None:
        """The next ``times`` committed effects of ``tool`` raise before their reply."""
        with self._lock:
            self._crashes[tool] = times

    def clear(self, tool: str | None = None) -> None:
        with self._lock:
            if tool is None:
                self._specs.clear()
                self._crashes.clear()
            else:
                self._specs.pop(tool, None)
                self._crashes.pop(tool, None)

    @contextmanager
    def window(
        self, tool: str = ALL, *, latency_s: float = 0.0, error_rate: float = 0.0,
        outage: bool = False,
    ) -> Iterator[FaultInjector]:
        """Apply a fault for the duration of a ``with`` block, then restore what was there."""
        with self._lock:
            previous = self._specs.get(tool)
        self._update(tool, latency_s=latency_s, error_rate=error_rate, outage=outage)
        try:
            yield self
        finally:
            with self._lock:
                if previous is None:
                    self._specs.pop(tool, None)
                else:
                    self._specs[tool] = previous

    def spec_for(self, tool: str) -> FaultSpec:
        with self._lock:
            specific = self._specs.get(tool, FaultSpec())
            general = self._specs.get(ALL, FaultSpec())
        return FaultSpec(
            latency_s=max(specific.latency_s, general.latency_s),
            error_rate=max(specific.error_rate, general.error_rate),
            outage=specific.outage or general.outage,
        )

    def before_call(self, tool: str) -> None:
        spec = self.spec_for(tool)
        if spec.latency_s:
            self._sleep(spec.latency_s)
        if spec.outage:
            raise Unavailable(f"the ITSM tool '{tool}' is down (injected outage)")
        if spec.error_rate:
            with self._lock:
                draw = self._rng.random()
            if draw < spec.error_rate:
                raise Unavailable(f"the ITSM tool '{tool}' failed to respond (injected error)")

    def after_commit(self, tool: str) -> None:
        with self._lock:
            left = self._crashes.get(tool, 0)
            if left <= 0:
                return
            self._crashes[tool] = left - 1
        raise SimulatedCrash(f"simulated crash after committing '{tool}', before replying")
