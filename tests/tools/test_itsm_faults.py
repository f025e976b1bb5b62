"""Fault injection: latency, seeded error rate, outages; faults never leave half effects."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from tools.context import Actor
from tools.db import read_session
from tools.errors import Unavailable
from tools.faults import FaultInjector
from tools.models import Ticket
from tools.service import ITSM


def test_latency_is_applied_per_tool(itsm: ITSM, faults: FaultInjector, sleeps: Any,
                                     people: Any) -> None:
    eid = people.take("employee")
    faults.set_latency("get_my_tickets", 1.5)
    itsm.call("get_my_tickets", Actor("agent", eid), {})
    itsm.call("check_service_status", Actor("agent", eid), {})
    assert sleeps.calls == [1.5]
    faults.set_latency("*", 0.25)
    itsm.call("check_service_status", Actor("agent", eid), {})
    assert sleeps.calls == [1.5, 0.25]


def test_outage_raises_and_leaves_no_effect(itsm: ITSM, engine: Any, faults: FaultInjector,
                                            people: Any) -> None:
    eid = people.take("employee")
    faults.set_outage("create_incident")
    with pytest.raises(Unavailable, match="create_incident"):
        itsm.call("create_incident", Actor("agent", eid), {"short_description": "Down"},
                  "fault-key-1")
    with read_session(engine) as session:
        assert session.scalar(select(func.count(Ticket.id)).where(
            Ticket.short_description == "Down")) == 0
    # Escalation is the way out of an outage, so it is never subject to tool faults.
    view = itsm.create_escalation(thread_id="tf", employee_id=eid, reason="dependency_down",
                                  group="Service Desk", priority="P2", summary="ITSM down",
                                  packet={}, idempotency_key="fault-esc-1")
    assert view.status == "open"
    faults.set_outage("create_incident", down=False)
    done = itsm.call("create_incident", Actor("agent", eid), {"short_description": "Down"},
                     "fault-key-1")
    assert done.status == "completed"


def test_window_restores_previous_settings(itsm: ITSM, faults: FaultInjector,
                                           people: Any) -> None:
    eid = people.take("employee")
    with faults.window("*", outage=True), pytest.raises(Unavailable):
        itsm.call("check_service_status", Actor("agent", eid), {})
    assert itsm.call("check_service_status", Actor("agent", eid), {}).status == "completed"


def test_error_rate_is_seeded_and_roughly_right() -> None:
    def run(seed: int) -> list[bool]:
        injector = FaultInjector(seed=seed, sleep=lambda _s: None)
        injector.set_error_rate("reset_password", 0.3)
        outcomes = []
        for _ in range(1000):
            try:
                injector.before_call("reset_password")
                outcomes.append(True)
            except Unavailable:
                outcomes.append(False)
        return outcomes

    first = run(5)
    assert first == run(5)
    assert first != run(6)
    assert 250 <= first.count(False) <= 350


def test_error_rate_through_the_service(itsm: ITSM, faults: FaultInjector,
                                        people: Any) -> None:
    eid = people.take("employee")
    faults.set_error_rate("check_service_status", 1.0)
    with pytest.raises(Unavailable):
        itsm.call("check_service_status", Actor("agent", eid), {})
    faults.clear()
    assert itsm.call("check_service_status", Actor("agent", eid), {}).status == "completed"


def test_bad_settings_are_rejected() -> None:
    injector = FaultInjector()
    with pytest.raises(ValueError):
        injector.set_error_rate("x", 1.5)
    with pytest.raises(ValueError):
        injector.set_latency("x", -1)


def test_a_call_past_its_deadline_changes_nothing_and_a_retry_acts_once(
        engine: Any, clock: Any, people: Any) -> None:
    from tools.context import ToolScope

    slow = FaultInjector(seed=3)  # real sleeps: the deadline is measured on the wall clock
    itsm = ITSM(engine, ToolScope(), clock, slow, deadline_s=0.05)
    eid = people.take("employee")
    args = {"short_description": "Deadline probe"}
    slow.set_latency("create_incident", 0.12)
    with pytest.raises(Unavailable, match="deadline; nothing was changed"):
        itsm.call("create_incident", Actor("agent", eid), args, "deadline-key-1")

    def count() -> int:
        with read_session(engine) as session:
            return int(session.scalar(select(func.count(Ticket.id)).where(
                Ticket.short_description == "Deadline probe")) or 0)

    assert count() == 0
    slow.set_latency("create_incident", 0.0)
    first = itsm.call("create_incident", Actor("agent", eid), args, "deadline-key-1")
    again = itsm.call("create_incident", Actor("agent", eid), args, "deadline-key-1")
    assert first.status == "completed" and again.data == first.data
    assert count() == 1
