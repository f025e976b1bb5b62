"""Periodic jobs the running server owns: the SLA sweep and the escalation outbox flush.

Without them a served Zerodesk never escalates tickets, approvals or handoffs past their SLA,
and never retries an escalation the ITSM could not take, unless someone runs the CLI. Each job
runs on its own thread and interval (``ZERODESK_SLA_SWEEP_INTERVAL_S``,
``ZERODESK_OUTBOX_FLUSH_INTERVAL_S``; 0 turns one off), reads time from the runtime's clock,
and survives its own failures: a failed run is logged with its traceback and the job tries
again at the next interval. The lifespan stops them before the runtime closes.

With several uvicorn workers each worker runs them; that is safe because the sweep records
each breach once per (entity, due time) in one transaction and the outbox flushes one at a time
under a file lock with idempotent delivery.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from app.outbox import deliver_to
from app.runtime import Runtime
from tools.sla import sla_sweep

log = logging.getLogger("zerodesk.background")
STOP_WAIT_S = 30.0


@dataclass
class PeriodicJob:
    name: str
    interval_s: float
    run: Callable[[], None]
    runs: int = 0
    failures: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        # The first run waits one interval: a restart does not hammer a database that is
        # still warming up, and tests that do not ask for a job never see it run.
        self._thread = threading.Thread(target=self._loop, name=f"zd-{self.name}", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(self.interval_s):
            try:
                self.run()
            except Exception:
                self.failures += 1
                log.exception("background job %s failed; it runs again in %.0f s",
                              self.name, self.interval_s)
            finally:
                self.runs += 1

    def request_stop(self) -> None:
        self._stop.set()

    def stop(self, timeout: float = STOP_WAIT_S) -> None:
        """Ask the job to stop and wait for a run in progress to finish (it commits or rolls
        back on its own; nothing is cut off half way)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.error("background job %s did not stop within %.0f s", self.name, timeout)


def sweep_job(runtime: Runtime) -> Callable[[], None]:
    def run() -> None:
        report = sla_sweep(runtime.itsm, runtime.clock())
        if report.breaches:
            log.warning("%s", report.summary())

    return run


def flush_job(runtime: Runtime) -> Callable[[], None]:
    deliver = deliver_to(runtime.itsm)

    def run() -> None:
        delivered, failed = runtime.outbox.flush(deliver)
        if delivered or failed:
            log.warning("outbox flush: %d escalation(s) delivered, %d still waiting",
                        delivered, failed)

    return run


class BackgroundJobs:
    def __init__(self, jobs: list[PeriodicJob]) -> None:
        self.jobs = jobs

    @classmethod
    def for_runtime(cls, runtime: Runtime) -> BackgroundJobs:
        settings = runtime.settings
        wanted = (("sla-sweep", settings.sla_sweep_interval_s, sweep_job),
                  ("outbox-flush", settings.outbox_flush_interval_s, flush_job))
        return cls([PeriodicJob(name, interval, make(runtime))
                    for name, interval, make in wanted if interval > 0])

    def job(self, name: str) -> PeriodicJob | None:
        return next((j for j in self.jobs if j.name == name), None)

    def start(self) -> None:
        for job in self.jobs:
            job.start()

    def stop(self) -> None:
        for job in self.jobs:
            job.request_stop()  # all of them at once, then wait for each
        for job in self.jobs:
            job.stop()
