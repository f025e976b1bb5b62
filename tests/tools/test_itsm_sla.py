"""SLA sweep: overdue tickets escalate, approvals move to staff then expire, handoffs breach."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from tools.context import Actor
from tools.db import read_session
from tools.models import SlaBreach
from tools.service import ITSM
from tools.sla import sla_sweep
from tools.sla_policy import default_policy, parse_policy


def breaches_for(engine: Any, ref: str) -> list[SlaBreach]:
    with read_session(engine) as session:
        return list(session.scalars(select(SlaBreach).where(SlaBreach.entity_ref == ref)
                                    .order_by(SlaBreach.id)))


def test_overdue_ticket_climbs_then_moves_to_escalation_queue(itsm: ITSM, engine: Any,
                                                             people: Any) -> None:
    eid = people.take("employee")
    staff = Actor("staff", people.take("it_staff"))
    opened = itsm.call("create_incident", Actor("agent", eid),
                       {"short_description": "Wi-Fi drops", "category": "network",
                        "impact": 2, "urgency": 1}, "sla-key-01")
    number = opened.data["ticket"]
    assert opened.data["priority"] == "P2"
    hours = default_policy().groups["Network Operations"].hours
    itsm.clock.advance(hours=hours[2] + 0.1)  # type: ignore[attr-defined]
    report = sla_sweep(itsm)
    assert report.tickets_bumped >= 1
    assert itsm.ticket(number, staff).priority == "P1"
    assert sla_sweep(itsm).breaches == 0  # same moment: nothing new
    itsm.clock.advance(hours=hours[1] + 0.1)  # type: ignore[attr-defined]
    sla_sweep(itsm)
    view = itsm.ticket(number, staff)
    assert view.assignment_group == "Network Operations L2"
    assert view.priority == "P1" and view.impact + view.urgency - 1 == 1
    actions = [b.action for b in breaches_for(engine, number)]
    assert actions == ["priority raised to P1", "reassigned to Network Operations L2"]
    assert [a.action for a in itsm.audit(actor=staff, entity=f"ticket:{number}")][:2] == [
        "sla.ticket_breach", "sla.ticket_breach"]


def test_on_hold_stops_the_clock(itsm: ITSM, engine: Any, people: Any) -> None:
    eid = people.take("employee")
    staff = Actor("staff", people.take("it_staff"))
    number = itsm.call("create_request", Actor("agent", eid), {"short_description": "Chair"},
                       "sla-key-02").data["ticket"]
    itsm.transition_ticket(number, staff, "on_hold", work_note="waiting for vendor")
    itsm.clock.advance(days=30)  # type: ignore[attr-defined]
    sla_sweep(itsm)
    assert breaches_for(engine, number) == []


def test_unanswered_approval_moves_to_staff_then_expires(itsm: ITSM, people: Any) -> None:
    eid = people.take("employee", with_manager=True)
    staff = Actor("staff", people.take("it_staff"))
    result = itsm.call("request_software", Actor("agent", eid), {"software": "MATLAB"},
                       "sla-key-03")
    approval_id = result.data["approval_id"]
    policy = default_policy()
    itsm.clock.advance(hours=policy.approval_hours + 1)  # type: ignore[attr-defined]
    assert sla_sweep(itsm).approvals_escalated >= 1
    moved = next(a for a in itsm.list_approvals(actor=staff) if a.id == approval_id)
    assert (moved.approver_kind, moved.approver_id) == ("staff", None)
    manager = Actor("employee", people.manager_of(eid))
    assert approval_id not in [a.id for a in itsm.list_approvals(actor=manager)]
    itsm.clock.advance(hours=policy.approval_escalation_hours + 1)  # type: ignore[attr-defined]
    assert sla_sweep(itsm).approvals_expired >= 1
    expired = next(a for a in itsm.list_approvals(actor=staff, status=None)
                   if a.id == approval_id)
    assert expired.status == "expired"
    ticket = itsm.ticket(result.data["ticket"], staff)
    assert (ticket.state, ticket.resolution_code) == ("resolved", "approval_expired")


def test_handoff_not_picked_up_is_a_breach(itsm: ITSM, engine: Any, people: Any) -> None:
    eid = people.take("employee")
    view = itsm.create_escalation(thread_id="sla-t", employee_id=eid, reason="low_confidence",
                                  group="Service Desk", priority="P3", summary="Unsure",
                                  packet={}, idempotency_key="sla-esc-0001")
    itsm.clock.advance(hours=5)  # type: ignore[attr-defined]
    assert sla_sweep(itsm).handoffs_breached == 1
    staff = Actor("staff", people.take("it_staff"))
    assert itsm.list_escalations(actor=staff, status="open")[0].priority == "P2"
    assert len(breaches_for(engine, str(view.id))) == 1
    itsm.update_escalation(view.id, staff, "taken_over")
    itsm.clock.advance(days=2)  # type: ignore[attr-defined]
    assert sla_sweep(itsm).handoffs_breached == 0


def test_policy_file_is_validated() -> None:
    hours = {"P1": 1, "P2": 2, "P3": 3, "P4": 4, "P5": 5}
    good: dict[str, Any] = {
        "default_hours": hours, "approval_hours": 1, "approval_escalation_hours": 1,
        "escalation_hours": hours, "categories": {"other": "Desk"},
        "groups": {"Desk": {"escalation_queue": "Desk L2", "hours": hours}},
        "it_groups": ["Desk"],
    }
    policy = parse_policy(good)
    assert policy.group_names() == ["Desk", "Desk L2"]
    start = itsm_start()
    assert policy.resolution_due("Desk L2", 3, start) - start == timedelta(hours=3)
    missing_p5 = {**good, "default_hours": {k: v for k, v in hours.items() if k != "P5"}}
    with pytest.raises(ValueError, match="P1..P5"):
        parse_policy(missing_p5)
    with pytest.raises(ValueError, match="unknown groups"):
        parse_policy({**good, "categories": {"other": "Nobody"}})


def itsm_start() -> datetime:
    return datetime(2025, 1, 1, tzinfo=UTC)
