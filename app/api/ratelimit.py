"""Per-employee turn budget: a sliding one-minute window held in this process.

Several uvicorn workers each keep their own window, so the effective limit is the setting times
the worker count; a shared store (the ITSM database or Redis) is the step past one process.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

from app.errors import ZerodeskError

WINDOW_SECONDS = 60.0


class RateLimited(ZerodeskError):
    """Too many turns in the window; ``retry_after`` says when the next one is allowed."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RateLimiter:
    def __init__(self, per_minute: int, *, window: float = WINDOW_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute < 1:
            raise ValueError("the rate limit must allow at least one turn a minute")
        self.per_minute = per_minute
        self.window = window
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._calls = 0

    def hit(self, key: str) -> None:
        """Count one turn for ``key`` or raise ``RateLimited`` without counting it."""
        now = self._clock()
        with self._lock:
            self._calls += 1
            if self._calls % 1024 == 0:
                self._forget_idle(now)
            hits = self._hits.setdefault(key, deque())
            while hits and now - hits[0] >= self.window:
                hits.popleft()
            if len(hits) >= self.per_minute:
                wait = max(1, math.ceil(self.window - (now - hits[0])))
                raise RateLimited(
                    f"too many messages: the limit is {self.per_minute} a minute; "
                    f"try again in {wait} s", wait)
            hits.append(now)

    def _forget_idle(self, now: float) -> None:
        idle = [k for k, v in self._hits.items() if not v or now - v[-1] >= self.window]
        for key in idle:
            del self._hits[key]
