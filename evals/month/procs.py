"""Replay worker processes: the month's tickets spread over more than one Python process.

A turn is mostly Python (graph, guardrails, SQLAlchemy), so threads share one core through the
GIL; a second process uses the second core. Each worker builds its own runtime on the same data
dir (SQLite in WAL mode takes the writers in turn), runs the tickets it is sent at the simulated
time it is told, and sends back the finished records. The parent keeps everything that orders
the month: hour boundaries, SLA sweeps, the human desk, the results file.

Tickets are split by caller, so one employee's tickets of an hour run in one process, in
arrival order, as they would one by one.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import zlib
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.connection import Connection
from typing import Any

from evals.month.faults import FaultWindow


@dataclass(frozen=True)
class WorkerSpec:
    settings: dict[str, Any]
    start: datetime
    fault: FaultWindow | None
    attempt: int
    torch_threads: int | None


# The parent also runs the hour boundaries (human desk, SLA sweep) and writes the results, while
# the workers wait for it there: it takes a smaller share of the tickets so all finish together.
PARENT_WEIGHT = 0.5


def shard_of(ticket: dict[str, Any], shards: int) -> int:
    """Shard 0 is the parent's. crc32, not hash(): Python salts str hashes per process, and
    the split must be stable."""
    if shards == 1:
        return 0
    point = (zlib.crc32(ticket["employee"].encode()) % 10_000) / 10_000
    total = PARENT_WEIGHT + shards - 1
    if point < PARENT_WEIGHT / total:
        return 0
    return 1 + min(shards - 2, int((point - PARENT_WEIGHT / total) * total))


def _serve(conn: Connection, spec: WorkerSpec) -> None:
    from app.runtime import build_runtime
    from app.settings import Settings
    from evals.month.drivers import InProcess
    from evals.month.faults import FaultSwitch
    from evals.month.phrasing import load_phrasing
    from evals.month.simclock import SimClock
    from evals.month.ticket_run import TicketRunner
    from evals.month.timing import instrument

    if spec.torch_threads:
        import torch

        torch.set_num_threads(spec.torch_threads)
    clock = SimClock(spec.start)
    runtime = build_runtime(Settings(**spec.settings), clock=clock, durability="exit")
    watch = instrument(runtime)
    faults = FaultSwitch(runtime, spec.fault)
    runner = TicketRunner(runtime.itsm, InProcess(runtime.conversations), clock,
                          load_phrasing(), spec.attempt)
    conn.send(("ready", None))
    try:
        while True:
            message = conn.recv()
            if message is None:
                break
            at, tickets = message
            clock.move_to(at)
            faults.apply(at)
            prewarm(runtime.embedder, faults, tickets)
            conn.send(("records", [runner.run(t) for t in tickets]))
    finally:
        faults.off()
        watch.restore()
        runtime.close()
        conn.send(("stats", {"rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                             "time_split": watch.totals()}))
        conn.close()


def _entry(conn: Connection, spec: WorkerSpec) -> None:
    try:
        _serve(conn, spec)
    except BaseException as exc:  # the parent must hear why, not just see a dead pipe
        try:
            conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        finally:
            raise


def prewarm(embedder: Any, faults: Any, tickets: list[dict[str, Any]]) -> bool:
    """Embed the batch's messages in one model call before its tickets run; True if it did.

    Every turn embeds its message (screen, understand, retrieve share the cached vector), and
    one batched call costs a fraction of one call per message; the turns then hit the query
    cache. Messages with a ``{ticket}`` placeholder are filled per ticket, so they are left to
    the turn. Skipped while an embedder fault is on: the turns must meet the fault themselves.
    """
    if faults.active and faults.window is not None and faults.window.kind == "embedder":
        return False
    texts = sorted({t.strip() for ticket in tickets for t in ticket["turns"]
                    if "{" not in t and t.strip()})
    if texts:
        embedder.embed_queries(texts)
    return bool(texts)


class WorkerError(RuntimeError):
    """A replay worker process died or could not start; the message says why."""


class Workers:
    """``count`` extra processes; ``start``/``collect`` send a batch and read its records."""

    def __init__(self, count: int, spec: WorkerSpec) -> None:
        ctx = mp.get_context("spawn")  # no fork: the parent holds SQLite and Chroma handles
        self._conns: list[Connection] = []
        self._procs: list[Any] = []
        self.rss_mb: list[float] = []
        self.time_splits: list[dict[str, float]] = []
        for _ in range(count):
            parent, child = ctx.Pipe()
            proc = ctx.Process(target=_entry, args=(child, spec), daemon=True)
            proc.start()
            child.close()
            self._conns.append(parent)
            self._procs.append(proc)
        for conn in self._conns:
            self._expect(conn, "ready")

    def __len__(self) -> int:
        return len(self._conns)

    def _expect(self, conn: Connection, kind: str) -> Any:
        try:
            got, payload = conn.recv()
        except EOFError as exc:
            raise WorkerError("a replay worker process exited without a word") from exc
        if got == "failed":
            raise WorkerError(f"a replay worker process failed: {payload}")
        if got != kind:
            raise WorkerError(f"a replay worker sent {got!r}, expected {kind!r}")
        return payload

    def start(self, index: int, at: datetime, tickets: list[dict[str, Any]]) -> None:
        self._conns[index].send((at, tickets))

    def collect(self, index: int) -> list[dict[str, Any]]:
        return list(self._expect(self._conns[index], "records"))

    def close(self) -> None:
        for conn, proc in zip(self._conns, self._procs, strict=True):
            try:
                conn.send(None)
                stats = self._expect(conn, "stats")
                self.rss_mb.append(float(stats["rss_mb"]))
                self.time_splits.append(dict(stats["time_split"]))
            except (OSError, EOFError, WorkerError):
                pass  # already gone; the join below reaps it
            proc.join(timeout=30)
            if proc.is_alive():
                proc.kill()
        self._conns.clear()
        self._procs.clear()
