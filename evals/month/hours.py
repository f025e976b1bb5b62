"""The replay's hour-by-hour loop on the simulated clock.

Each simulated hour: the human desk catches up to the hour, ``sla_sweep`` runs at the hour,
scripted events and fault windows switch, then the hour's tickets run concurrently (each at its
own arrival time). Hours are cut again where an event or a fault window starts or ends.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from tqdm import tqdm

from app.runtime import Runtime
from evals.month import world
from evals.month.faults import FaultSwitch
from evals.month.humans import HumanDesk
from evals.month.mix import MonthEvents
from evals.month.procs import Workers, prewarm, shard_of
from evals.month.simclock import SimClock, parse_utc
from evals.month.ticket_run import TicketRunner, when
from tools.sla import sla_sweep

HOUR = timedelta(hours=1)


@dataclass
class Run:
    runtime: Runtime
    clock: SimClock
    desk: HumanDesk
    runner: TicketRunner
    faults: FaultSwitch
    sweeps: list[dict[str, Any]]
    timings: dict[str, float] = field(default_factory=dict)
    http: bool = False
    procs: Workers | None = None

    def timed(self, name: str, started: float) -> None:
        self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started


def _segments(start: datetime, end: datetime, edges: list[datetime]) -> Iterator[
        tuple[datetime, datetime]]:
    """Hours of the month, cut again wherever an event or a fault window starts or ends."""
    t = start
    while t < end:
        nxt = t + HOUR
        cuts = sorted({e for e in edges if t < e < nxt} | {t, nxt})
        yield from zip(cuts, cuts[1:], strict=False)
        t = nxt


def _boundary(run: Run, at: datetime, events: MonthEvents | None) -> None:
    """The desk catches up, the sweep runs, events and fault windows switch at ``at``."""
    run.clock.move_to(at)
    started = time.perf_counter()
    run.desk.advance(at)
    run.timed("human_desk_s", started)
    if at.minute == 0:
        started = time.perf_counter()
        with run.clock.at(at):
            run.sweeps.append(sla_sweep(run.runtime.itsm, at).as_dict())
        run.timed("sla_sweeps_s", started)
    if events is not None:
        lo, hi = parse_utc(events.outage_start), parse_utc(events.outage_end)
        if at in (lo, hi):
            with run.clock.at(at):
                world.set_outage(run.runtime.itsm, events.outage_service, at == lo)
    run.faults.apply(at)


def run_hours(run: Run, todo: list[dict[str, Any]], start: datetime, end: datetime,
              events: MonthEvents | None, results_path: Path, workers: int,
              progress: bool) -> list[dict[str, Any]]:
    """Run ``todo`` hour by hour; each finished ticket is appended to ``results_path``."""
    edges = []
    if events is not None:
        edges += [parse_utc(events.outage_start), parse_utc(events.outage_end)]
    if run.faults.window is not None:
        edges += [run.faults.window.start, run.faults.window.end]
    todo = sorted(todo, key=lambda t: (t["arrival"], t["id"]))
    out: list[dict[str, Any]] = []
    lock = threading.Lock()
    bar = tqdm(total=len(todo), unit="ticket", desc="month replay", disable=not progress,
               mininterval=1.0)
    stats = {"n": 0, "auto": 0, "correct": 0}
    index = 0
    with results_path.open("a", encoding="utf-8") as sink, \
            ThreadPoolExecutor(max_workers=max(1, workers)) as pool:

        def finish(record: dict[str, Any]) -> None:
            with lock:
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                sink.flush()
                out.append(record)
                score = record.get("score") or {}
                stats["n"] += 1
                stats["auto"] += bool(score.get("autonomous"))
                stats["correct"] += bool(score.get("correct"))
                bar.update(1)
                bar.set_postfix(resolved=f"{stats['auto'] / stats['n']:.1%}",
                                correct=f"{stats['correct'] / stats['n']:.1%}", refresh=False)

        for seg_start, seg_end in _segments(start, end, edges):
            _boundary(run, seg_start, events)
            batch = []
            while index < len(todo) and when(todo[index]) < seg_end:
                batch.append(todo[index])
                index += 1
            started = time.perf_counter()
            _run_batch(run, pool, batch, finish, workers, seg_start)
            run.timed("tickets_s", started)
        # Anything stamped after the month (a hand-edited file) still runs, at the end.
        _run_batch(run, pool, todo[index:], finish, workers, end)
        _boundary(run, end, events)
    bar.close()
    return out


def _prewarm(run: Run, batch: list[dict[str, Any]]) -> None:
    """``procs.prewarm`` for this process's share; skipped over HTTP (the server embeds)."""
    if run.http:
        return
    started = time.perf_counter()
    if prewarm(run.runtime.embedder, run.faults, batch):
        run.timed("prewarm_embedding_s", started)


def _run_batch(run: Run, pool: ThreadPoolExecutor, batch: list[dict[str, Any]],
               finish: Any, workers: int, at: datetime) -> None:
    """Run one segment's tickets, in this process and in the worker processes, then hand
    the records to the results file and the desk in arrival order."""
    if not run.procs:
        _prewarm(run, batch)
        for record in _run_here(run, pool, batch, workers):
            finish(record)
            run.desk.add(record)
        return
    shards = len(run.procs) + 1
    parts: list[list[dict[str, Any]]] = [[] for _ in range(shards)]
    for ticket in batch:
        parts[shard_of(ticket, shards)].append(ticket)
    sent = [i for i, part in enumerate(parts[1:]) if part]
    for i in sent:
        run.procs.start(i, at, parts[i + 1])
    _prewarm(run, parts[0])
    records = _run_here(run, pool, parts[0], workers)
    for i in sent:
        records += run.procs.collect(i)
    for record in sorted(records, key=lambda r: (r["arrival"], r["id"])):
        finish(record)
        run.desk.add(record)


def _run_here(run: Run, pool: ThreadPoolExecutor, batch: list[dict[str, Any]],
              workers: int) -> list[dict[str, Any]]:
    if workers <= 1:
        return [run.runner.run(ticket) for ticket in batch]
    records = [future.result() for future in
               as_completed([pool.submit(run.runner.run, t) for t in batch])]
    return sorted(records, key=lambda r: (r["arrival"], r["id"]))
