"""The served app's background jobs: SLA sweep and outbox flush, over a real uvicorn server."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy import select

import app.background as background
from app.api.main import create_app
from app.background import BackgroundJobs, PeriodicJob
from app.outbox import Outbox
from app.runtime import build_runtime, utc_now
from knowledge.embedder import Embedder
from tests.conftest import LiveServer, free_port, make_settings
from tools.ledger import idempotency_key
from tools.models import SlaBreach, Ticket

TICK = 0.2


class MovableClock:
    """The runtime's clock, moved by the test: proves the jobs read time from the runtime."""

    def __init__(self) -> None:
        self.now = utc_now()

    def __call__(self) -> datetime:
        return self.now


def wait_for(check: Callable[[], object], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, template_dir: Path, embedder: Embedder,
           clock: MovableClock) -> Iterator[LiveServer]:
    target = tmp_path_factory.mktemp("background") / "var"
    shutil.copytree(template_dir, target)
    settings = make_settings(target, sla_sweep_interval_s=TICK, outbox_flush_interval_s=TICK)
    live = LiveServer(settings, embedder)
    # The same live server, with the movable clock in its runtime.
    live.app = create_app(settings, lambda s: build_runtime(s, embedder=embedder, clock=clock))
    live.port = free_port()
    live.url = f"http://127.0.0.1:{live.port}"
    live.server = uvicorn.Server(uvicorn.Config(live.app, host="127.0.0.1", port=live.port,
                                                log_level="warning", lifespan="on"))
    live.thread = threading.Thread(target=live.server.run, daemon=True)
    with live:
        yield live
    assert not [t for t in threading.enumerate() if t.name.startswith("zd-sla-sweep")
                or t.name.startswith("zd-outbox-flush")], "a background job outlived the server"


def jobs(server: LiveServer) -> BackgroundJobs:
    found: BackgroundJobs = server.app.state.jobs
    return found


def test_an_outboxed_escalation_is_delivered_by_the_running_server(server: LiveServer) -> None:
    runtime = server.runtime
    thread_id = "bg-outbox-0001"
    route = runtime.role_card.route("tool_error")
    # What the escalation node writes when the ITSM cannot take a handoff.
    Outbox(runtime.settings.outbox_path).append({
        "thread_id": thread_id, "employee_id": runtime.itsm.pick_employee(11),
        "reason": "tool_error", "group": route.group, "priority": route.priority,
        "summary": "[tool_error] reset_password: ITSM unreachable",
        "packet": {"summary": "queued while the ITSM was down"},
        "idempotency_key": idempotency_key(thread_id, 1, "escalate", {"reason": "tool_error"}),
        "at": utc_now().isoformat()})
    wait_for(lambda: runtime.itsm.thread_escalation(thread_id) is not None,
             "the server to deliver the outboxed escalation")
    assert runtime.itsm.thread_escalation(thread_id).group == route.group  # type: ignore[union-attr]
    wait_for(lambda: not runtime.outbox.pending(), "the outbox to be emptied")


def test_a_ticket_past_its_sla_is_escalated_by_the_running_server(
        server: LiveServer, clock: MovableClock) -> None:
    runtime = server.runtime
    with runtime.engine.connect() as conn:
        number, stored_due, priority, group = conn.execute(
            select(Ticket.number, Ticket.sla_due, Ticket.priority, Ticket.assignment_group)
            .where(Ticket.state.in_(("new", "in_progress")), Ticket.sla_due.is_not(None))
            .order_by(Ticket.sla_due).limit(1)).one()
    assert stored_due is not None
    due: datetime = stored_due if stored_due.tzinfo else stored_due.replace(tzinfo=UTC)
    assert due > clock.now, "the seeded ticket is already overdue; the test proves nothing"
    sweep = jobs(server).job("sla-sweep")
    assert sweep is not None
    ran = sweep.runs
    wait_for(lambda: sweep.runs >= ran + 2, "two sweeps before its due time")

    def breaches() -> list[str]:
        with runtime.engine.connect() as conn:
            return [str(a) for a in conn.scalars(select(SlaBreach.action).where(
                SlaBreach.entity_kind == "ticket", SlaBreach.entity_ref == number))]

    assert breaches() == []
    clock.now = due + timedelta(minutes=1)
    wait_for(breaches, f"the running server to escalate {number}")
    with runtime.engine.connect() as conn:
        after = conn.execute(select(Ticket.priority, Ticket.assignment_group)
                             .where(Ticket.number == number)).one()
    assert (after.priority, after.assignment_group) != (priority, group)
    assert sweep.failures == 0


def test_a_failing_job_logs_and_runs_again(server: LiveServer, caplog: pytest.LogCaptureFixture,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    sweep = jobs(server).job("sla-sweep")
    assert sweep is not None
    failed = sweep.failures

    def broken(*args: object) -> None:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(background, "sla_sweep", broken)
    wait_for(lambda: sweep.failures >= failed + 2, "the sweep to fail twice")
    monkeypatch.undo()
    assert "background job sla-sweep failed" in caplog.text
    assert "RuntimeError: database on fire" in caplog.text  # the traceback is logged
    runs = sweep.runs
    wait_for(lambda: sweep.runs >= runs + 2, "the sweep to run again")
    assert server.client().get("/healthz").status_code == 200


def test_an_interval_of_zero_turns_a_job_off(server: LiveServer) -> None:
    assert [j.name for j in jobs(server).jobs] == ["sla-sweep", "outbox-flush"]
    runtime = server.runtime
    off = replace(runtime, settings=runtime.settings.model_copy(
        update={"sla_sweep_interval_s": 0}))
    assert [j.name for j in BackgroundJobs.for_runtime(off).jobs] == ["outbox-flush"]


def test_stop_waits_for_a_run_in_progress() -> None:
    started, finished = threading.Event(), threading.Event()

    def slow() -> None:
        started.set()
        time.sleep(0.3)
        finished.set()

    job = PeriodicJob("slow", 0.01, slow)
    job.start()
    assert started.wait(5)
    job.stop()
    assert finished.is_set()
    runs = job.runs
    time.sleep(0.05)
    assert job.runs == runs  # stopped for good
