"""``replay``: drive a month file through the real graph on a simulated clock.

Sets the run up (working state, runtime, human desk, fault window), runs the month hour by hour
(``hours.py``) and writes the report. Results are appended to ``results.jsonl`` as tickets
finish, so an interrupted replay resumes where it stopped.
"""

from __future__ import annotations

import json
import resource
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.runtime import Runtime, build_runtime
from app.settings import Settings
from evals.month import world
from evals.month.arrivals import month_bounds
from evals.month.drivers import Driver, InProcess, OverHttp
from evals.month.faults import FaultSwitch, FaultWindow
from evals.month.generate import events_of, meta_path
from evals.month.hours import Run, run_hours
from evals.month.humans import HumanDesk
from evals.month.phrasing import load_phrasing
from evals.month.procs import Workers, WorkerSpec
from evals.month.schema import MonthFileError, load_month
from evals.month.simclock import SimClock
from evals.month.ticket_run import TicketRunner
from evals.month.timing import instrument, merge
from knowledge.embedder import Embedder


@dataclass
class ReplayOptions:
    workers: int = 1
    resume: bool = False
    fault: FaultWindow | None = None
    limit: int | None = None
    http: str | None = None
    staff_scale: float = 1.0
    progress: bool = True
    torch_threads: int | None = None  # None leaves torch's setting alone
    processes: int = 1  # > 1 adds worker processes beside this one (in-process mode only)


def read_results(path: Path) -> list[dict[str, Any]]:
    """Finished tickets of a run; a line cut short by an interruption is dropped (that
    ticket simply runs again)."""
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return out


def _month_of(tickets: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    return str(meta.get("month") or tickets[0]["arrival"][:7])


def _prepare_dir(run_dir: Path, resume: bool) -> tuple[Path, dict[str, Any]]:
    run_dir.mkdir(parents=True, exist_ok=True)
    results = run_dir / "results.jsonl"
    if results.exists() and results.stat().st_size and not resume:
        raise MonthFileError(f"{results} already has results: pass --resume to continue that "
                             "run, or choose a new --out")
    state_path = run_dir / "run-state.json"
    state = json.loads(state_path.read_text()) if state_path.exists() else {"attempt": -1}
    state["attempt"] += 1
    state_path.write_text(json.dumps(state))
    return results, state


def run_replay(month_path: Path, run_dir: Path, settings: Settings, options: ReplayOptions,
               *, embedder: Embedder | None = None) -> dict[str, Any]:
    from evals.month.report import write_report

    tickets = load_month(month_path)
    meta_file = meta_path(month_path)
    meta = json.loads(meta_file.read_text()) if meta_file.exists() else {}
    events = events_of(meta)
    month = _month_of(tickets, meta)
    start, end = month_bounds(month)
    if options.limit:
        tickets = tickets[: options.limit]
    results_path, state = _prepare_dir(run_dir, options.resume)
    previous = read_results(results_path) if options.resume else []
    if previous:
        # Rewrite without any half-written last line, so appends start on a clean line.
        results_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                        for r in previous), encoding="utf-8")
    done = {r["id"] for r in previous}
    clock = SimClock(start)
    restore_threads = _torch_threads(options.torch_threads)
    setup_started = time.perf_counter()
    runtime = build_runtime(settings, clock=clock, embedder=embedder, durability="exit")
    procs: Workers | None = None
    watch = instrument(runtime)
    try:
        world.index_audit_threads(runtime.engine)
        if options.processes > 1:
            if options.http:
                raise MonthFileError("--processes drives the graph in-process; it cannot be "
                                     "combined with --http")
            # Started after this runtime is built, so only one process records the role card.
            procs = Workers(options.processes - 1, WorkerSpec(
                settings.model_dump(), start, options.fault, state["attempt"],
                options.torch_threads))
        wall_started = time.perf_counter()
        driver: Driver = OverHttp(options.http) if options.http else InProcess(
            runtime.conversations)
        staff = _staff_ids(runtime)
        desk = HumanDesk(runtime.itsm, runtime.conversations, clock, staff,
                         int(meta.get("seed", 0)), options.staff_scale, t=start)
        for record in previous:
            desk.add(record)
        run = Run(runtime, clock, desk,
                  TicketRunner(runtime.itsm, driver, clock, load_phrasing(), state["attempt"]),
                  FaultSwitch(runtime, options.fault), [], http=bool(options.http), procs=procs)
        todo = [t for t in tickets if t["id"] not in done]
        records = previous + run_hours(run, todo, start, end, events, results_path,
                                       options.workers, options.progress)
        driver.close()
        run.faults.off()
        wall = time.perf_counter() - wall_started
        own_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if procs is not None:
            procs.close()
        worker_rss = procs.rss_mb if procs is not None else []
        splits = [watch.totals(), *(procs.time_splits if procs is not None else [])]
        perf = {"wall_s": round(wall, 2), "setup_s": round(wall_started - setup_started, 2),
                "tickets_replayed": len(todo),
                "tickets_per_s": round(len(todo) / wall, 2) if wall else None,
                "peak_rss_mb": round(own_rss, 1),
                "worker_peak_rss_mb": [round(x, 1) for x in worker_rss],
                # Each process's own peak, added: an upper bound on the run's total at once.
                "peak_rss_total_mb": round(own_rss + sum(worker_rss), 1),
                "processes": options.processes,
                "workers": options.workers, "mode": "http" if options.http else "in-process",
                **{k: round(v, 2) for k, v in run.timings.items()},
                # Summed over processes, so it can exceed the wall time when they overlap.
                "time_split_s": merge(splits)}
        return write_report(run_dir, records, run, meta, perf, options)
    finally:
        if procs is not None:
            procs.close()
        watch.restore()
        runtime.close()
        restore_threads()


def _torch_threads(count: int | None) -> Any:
    """Pin torch's intra-op threads for the replay; returns how to put them back.

    torch's default (one thread per core) fights the replay's worker threads and anything
    else on the machine: measured 10x slower turns on a loaded 2-core box."""
    if not count:
        return lambda: None
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(count)
    return lambda: torch.set_num_threads(before)


def _staff_ids(runtime: Runtime) -> tuple[str, ...]:
    from sqlalchemy import select

    from tools.models import Employee

    with runtime.engine.connect() as conn:
        rows = conn.execute(select(Employee.id).where(
            Employee.role == "it_staff", Employee.status == "active").order_by(Employee.id))
        staff = tuple(r[0] for r in rows)
    if not staff:
        raise MonthFileError("the ITSM has no active IT staff: seed it with `zerodesk seed`")
    return staff
