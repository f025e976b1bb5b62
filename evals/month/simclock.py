"""A simulated clock the runtime reads: each ticket (and each worker thread) sees its own time.

Tickets of the same simulated hour run concurrently, each at its own arrival time, so the time
lives in a context variable rather than in one shared field. Code outside a ticket (the SLA
sweeps, the human desk) reads the replay's current time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime


def parse_utc(text: str) -> datetime:
    at = datetime.fromisoformat(text)
    if at.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone; use e.g. 2026-10-14T09:00:00Z")
    return at.astimezone(UTC)


class SimClock:
    def __init__(self, start: datetime) -> None:
        self._now = start.astimezone(UTC)
        self._local: ContextVar[datetime | None] = ContextVar("month_sim_time", default=None)

    def __call__(self) -> datetime:
        return self._local.get() or self._now

    @property
    def now(self) -> datetime:
        return self._now

    def move_to(self, at: datetime) -> None:
        """Move the replay's shared time forward (never backwards)."""
        self._now = max(self._now, at.astimezone(UTC))

    @contextmanager
    def at(self, when: datetime) -> Iterator[None]:
        """Everything inside reads ``when``: one ticket's turn, one human action."""
        token = self._local.set(when.astimezone(UTC))
        try:
            yield
        finally:
            self._local.reset(token)
