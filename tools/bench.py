"""Benchmark: seed time for the full directory and tool-call latency.

    python -m tools.bench [--database-url URL] [--employees 76000] [--calls 300]

Without a URL it runs on SQLite in a temporary directory, then on the local PostgreSQL (in a
throwaway schema) when one answers.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from tools.clock import system_clock
from tools.context import Actor, ToolScope
from tools.db import make_engine
from tools.faults import FaultInjector
from tools.ledger import idempotency_key
from tools.seed import seed_itsm
from tools.service import ITSM

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
# A realistic mix: reads dominate, then tickets, then account actions and requests.
MIX: tuple[tuple[str, dict[str, Any]], ...] = (
    ("get_my_tickets", {}),
    ("check_service_status", {"service": "vpn"}),
    ("get_my_tickets", {"state": "all"}),
    ("create_incident", {"short_description": "Laptop fan is loud", "category": "hardware"}),
    ("reset_password", {}),
    ("request_software", {"software": "Zoom"}),
    ("unlock_account", {}),
    ("update_ticket", {}),
)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def run(engine: Engine, label: str, employees: int, calls: int) -> None:
    started = time.perf_counter()
    report = seed_itsm(engine, employees=employees, seed=7, clock=system_clock)
    seconds = time.perf_counter() - started
    state = "already seeded" if report.already_seeded else f"{report.employees} employees"
    print(f"[{label}] seed: {seconds:.2f} s ({state}, {report.tickets} tickets, "
          f"{report.assets} assets)")
    itsm = ITSM(engine, ToolScope(max_open_tickets=10_000), system_clock, FaultInjector())
    timings: dict[str, list[float]] = {}
    last_ticket: dict[str, str] = {}
    run_id = uuid.uuid4().hex[:8]
    for i in range(calls):
        tool, args = MIX[i % len(MIX)]
        eid = itsm.pick_employee(i // len(MIX))
        if tool == "update_ticket":
            if eid not in last_ticket:
                continue
            args = {"ticket": last_ticket[eid], "action": "comment", "comment": "any update?"}
        actor = Actor("agent", eid, f"bench-{run_id}")
        key = idempotency_key(f"bench-{run_id}", i, tool, args)
        t0 = time.perf_counter()
        result = itsm.call(tool, actor, args, None if tool in ("get_my_tickets",
                                                                "check_service_status") else key)
        timings.setdefault(tool, []).append((time.perf_counter() - t0) * 1000)
        if tool == "create_incident" and result.status == "completed":
            last_ticket[eid] = result.data["ticket"]
    every = [ms for values in timings.values() for ms in values]
    print(f"[{label}] tool calls: n={len(every)} p50={statistics.median(every):.1f} ms "
          f"p95={percentile(every, 95):.1f} ms max={max(every):.1f} ms")
    for tool, values in sorted(timings.items()):
        print(f"[{label}]   {tool:<22} n={len(values):<4} p50={statistics.median(values):6.1f} ms"
              f"  p95={percentile(values, 95):6.1f} ms")


@contextmanager
def pg_schema(url: str) -> Iterator[Engine | None]:
    admin = make_engine(url, isolation_level="AUTOCOMMIT")
    schema = f"zd_bench_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except OperationalError as exc:
        print(f"[postgres] skipped: not reachable at {url} ({exc.orig})")
        admin.dispose()
        yield None
        return
    engine = make_engine(f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}")
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        admin.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--database-url", help="bench only this database (seeded in place)")
    parser.add_argument("--employees", type=int, default=76_000)
    parser.add_argument("--calls", type=int, default=300)
    args = parser.parse_args(argv)
    if args.database_url:
        engine = make_engine(args.database_url)
        try:
            run(engine, engine.dialect.name, args.employees, args.calls)
        finally:
            engine.dispose()
        return 0
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/itsm.db")
        try:
            run(engine, "sqlite", args.employees, args.calls)
        finally:
            engine.dispose()
    with pg_schema(DEFAULT_PG) as pg:
        if pg is not None:
            run(pg, "postgres", args.employees, args.calls)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
