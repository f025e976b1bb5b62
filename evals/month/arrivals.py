"""When tickets arrive: weekday and hour curves in each caller's local time, plus the month's
scripted events (the day after a release, an outage window)."""

from __future__ import annotations

import calendar
import random
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import accumulate
from zoneinfo import ZoneInfo

from evals.month.mix import HOUR_WEIGHT, WEEKDAY_WEIGHT, MonthEvents

OUTAGE_SERVICE = "Email"
OUTAGE_HOURS = (13, 17)  # UTC: Europe's afternoon and the Americas' morning both feel it
WORK_HOURS = tuple(range(7, 19))
ALL_HOURS = tuple(range(24))


@cache
def month_bounds(month: str) -> tuple[datetime, datetime]:
    """[start, end) of a calendar month ``YYYY-MM``, in UTC."""
    try:
        year, mon = (int(p) for p in month.split("-"))
        start = datetime(year, mon, 1, tzinfo=UTC)
    except ValueError as exc:
        raise ValueError(f"month must look like 2026-10, got {month!r}") from exc
    days = calendar.monthrange(year, mon)[1]
    return start, start + timedelta(days=days)


def month_events(month: str, rng: random.Random) -> MonthEvents:
    start, end = month_bounds(month)
    tuesdays = [start.date() + timedelta(days=d) for d in range((end - start).days)
                if (start.date() + timedelta(days=d)).weekday() == 1]
    release_day = tuesdays[1] + timedelta(days=1)  # the day after the second Tuesday
    candidates = [start.date() + timedelta(days=d) for d in range(14, (end - start).days - 3)]
    candidates = [d for d in candidates if d.weekday() < 5 and d != release_day]
    day = rng.choice(candidates)
    lo, hi = OUTAGE_HOURS
    outage_start = datetime.combine(day, time(lo), UTC) + timedelta(minutes=rng.randrange(60))
    outage_end = datetime.combine(day, time(hi), UTC) + timedelta(minutes=rng.randrange(60))
    return MonthEvents(release_day.isoformat(), OUTAGE_SERVICE, _z(outage_start), _z(outage_end))


def _z(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


@cache
def _local_days(month: str) -> tuple[tuple[date, ...], tuple[float, ...]]:
    """The local dates that can fall in the month, with cumulative weekday weights."""
    start, end = month_bounds(month)
    # A day either side: a Sydney Monday morning is still Sunday evening in UTC.
    first = start.date() - timedelta(days=1)
    days = tuple(first + timedelta(days=d) for d in range((end - start).days + 2))
    return days, tuple(accumulate(WEEKDAY_WEIGHT[d.weekday()] for d in days))


@cache
def _hours(hours: tuple[int, ...]) -> tuple[float, ...]:
    return tuple(accumulate(HOUR_WEIGHT[h] for h in hours))


def local_arrival(month: str, zone: str, rng: random.Random,
                  day: date | None = None, hours: tuple[int, ...] | None = None) -> str:
    """An arrival in the month: a local weekday and working hour drawn from the curves,
    converted from the caller's time zone to UTC. ``day`` pins the local date."""
    start, end = month_bounds(month)
    days, day_cum = ((day,), (1.0,)) if day else _local_days(month)
    hour_set = hours or ALL_HOURS
    hour_cum = _hours(hour_set)
    for _ in range(1000):
        local_day = rng.choices(days, cum_weights=day_cum)[0]
        hour = rng.choices(hour_set, cum_weights=hour_cum)[0]
        local = datetime.combine(local_day, time(hour, rng.randrange(60)), _zone(zone))
        at = local.astimezone(UTC)
        if start <= at < end:
            return _z(at)
    raise ValueError(f"no arrival inside {month} for time zone {zone}")


def window_arrival(start: str, end: str, rng: random.Random) -> str:
    lo = datetime.fromisoformat(start)
    span = (datetime.fromisoformat(end) - lo).total_seconds()
    return _z(lo + timedelta(seconds=int(rng.random() * span) // 60 * 60))


def release_arrival(month: str, events: MonthEvents, zone: str, rng: random.Random) -> str:
    return local_arrival(month, zone, rng, date.fromisoformat(events.release_day), WORK_HOURS)
