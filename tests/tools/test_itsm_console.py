"""The staff side of the facade: approvals, escalations, service status, directory picks."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from tools.context import Actor
from tools.db import read_session
from tools.errors import Conflict, InvalidArguments, NotAllowed
from tools.models import SoftwareGrant
from tools.service import ITSM


def key(n: int | str) -> str:
    return f"test-key-{n}"


def agent(eid: str) -> Actor:
    return Actor("agent", eid, "thread-t")


def test_access_owner_approval_and_decision_rules(itsm: ITSM, people: Any) -> None:
    eid = people.take("employee", with_manager=True)
    result = itsm.call("request_access", agent(eid), {"group": "Finance Shared Drive"}, key(10))
    assert result.status == "pending_approval" and result.data["approver_kind"] == "owner"
    approval_id = result.data["approval_id"]
    owner = next(g.owner_id for g in itsm.access_groups() if g.name == "Finance Shared Drive")
    manager = people.manager_of(eid)
    for who in (Actor("agent", owner, "t"), Actor("employee", eid), Actor("employee", manager),
                Actor("staff", people.take("employee"))):
        with pytest.raises(NotAllowed):
            itsm.decide_approval(approval_id, who, True, "looks fine")
    assert [a.id for a in itsm.list_approvals(actor=Actor("employee", owner))] == [approval_id]
    decided = itsm.decide_approval(approval_id, Actor("employee", owner), True, "needed for Q3")
    assert decided.status == "approved" and decided.decided_by == f"employee:{owner}"
    assert itsm.ticket(decided.ticket_number, agent(eid)).state == "resolved"
    with pytest.raises(Conflict, match="already approved"):
        itsm.decide_approval(approval_id, Actor("employee", owner), False, "changed mind")


def test_staff_rejects_and_nothing_is_granted(itsm: ITSM, engine: Any, people: Any) -> None:
    eid = people.take("employee", with_manager=True)
    result = itsm.call("request_software", agent(eid), {"software": "Figma"}, key(11))
    staff = Actor("staff", people.take("it_staff"))
    view = itsm.decide_approval(result.data["approval_id"], staff, False, "no licence left")
    assert view.status == "rejected"
    ticket = itsm.ticket(view.ticket_number, staff)
    assert (ticket.state, ticket.resolution_code) == ("resolved", "rejected")
    with read_session(engine) as session:
        assert session.scalar(select(func.count(SoftwareGrant.id)).where(
            SoftwareGrant.employee_id == eid)) == 0


def test_cancelling_a_request_withdraws_its_approval(itsm: ITSM, people: Any) -> None:
    eid = people.take("employee", with_manager=True)
    result = itsm.call("request_software", agent(eid), {"software": "Photoshop"}, key(21))
    itsm.call("update_ticket", agent(eid), {"ticket": result.data["ticket"], "action": "cancel"},
              key(22))
    staff = Actor("staff", people.take("it_staff"))
    pending = [a.id for a in itsm.list_approvals(actor=staff)]
    assert result.data["approval_id"] not in pending
    with pytest.raises(Conflict, match="already withdrawn"):
        itsm.decide_approval(result.data["approval_id"], staff, True, "ok")


def test_service_status_and_outage_declaration(itsm: ITSM, people: Any) -> None:
    eid = people.take("employee")
    vpn = itsm.call("check_service_status", agent(eid), {"service": "globalprotect"})
    assert vpn.data["services"][0]["status"] == "degraded"
    assert vpn.data["services"][0]["outage"]["major_incident"].startswith("INC")
    staff = Actor("staff", people.take("it_staff"))
    with pytest.raises(NotAllowed):
        itsm.set_service_status(agent(eid), "Email", "outage", "Exchange down")
    board = itsm.set_service_status(staff, "Email", "outage", "Exchange down")
    assert board.status == "outage" and board.outages
    mail = itsm.call("check_service_status", agent(eid), {"service": "outlook"})
    assert "down" in mail.message
    restored = itsm.set_service_status(staff, "Email", "operational", "Failover done")
    assert restored.outages == ()
    major = itsm.ticket(board.outages[0]["major_incident"], staff)
    assert (major.state, major.priority) == ("resolved", "P1")
    missing = itsm.call("check_service_status", agent(eid), {"service": "teleporter"})
    assert missing.status == "failed"


def test_escalations_are_idempotent_and_staff_only(itsm: ITSM, people: Any) -> None:
    eid = people.take("employee")
    fields: dict[str, Any] = {
        "thread_id": "th-9", "employee_id": eid, "reason": "user_requested_human",
        "group": "Service Desk", "priority": "P3", "summary": "Wants a person",
        "packet": {"turns": ["[redacted]"]}, "idempotency_key": key("esc"),
    }
    first = itsm.create_escalation(**fields)
    again = itsm.create_escalation(**fields)
    assert first == again and first.ticket_number.startswith("INC")
    staff = Actor("staff", people.take("it_staff"))
    assert [e.id for e in itsm.list_escalations(actor=staff, status="open")] == [first.id]
    with pytest.raises(NotAllowed):
        itsm.list_escalations(actor=Actor("employee", eid))
    with pytest.raises(NotAllowed):
        itsm.audit(actor=agent(eid))
    taken = itsm.update_escalation(first.id, staff, "taken_over")
    assert (taken.status, taken.assigned_staff_id) == ("taken_over", staff.employee_id)
    assert itsm.thread_escalation("th-9") == taken
    with pytest.raises(InvalidArguments):
        itsm.create_escalation(**{**fields, "group": "Nobody", "idempotency_key": key("e2")})


def test_pick_employee_is_deterministic_and_ordinary(itsm: ITSM) -> None:
    picks = [itsm.pick_employee(n) for n in range(5)]
    assert picks == [itsm.pick_employee(n) for n in range(5)]
    assert len(set(picks)) == 5
    for eid in picks:
        view = itsm.get_employee(eid)
        assert view is not None
        assert (view.status, view.role, view.vip) == ("active", "employee", False)
    assert itsm.get_employee("E999999") is None
