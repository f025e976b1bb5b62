"""Time for the ITSM. Nothing in ``tools/`` reads the wall clock except ``system_clock``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def fixed_clock(at: datetime) -> Clock:
    aware = require_aware(at)
    return lambda: aware


def require_aware(at: datetime) -> datetime:
    """Normalise to UTC; a naive datetime is a bug in the caller, not something to guess about."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"naive datetime {at.isoformat()} given; the ITSM needs timezone-aware")
    return at.astimezone(UTC)


def now_from(clock: Clock) -> datetime:
    return require_aware(clock())
