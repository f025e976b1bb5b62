"""The staff desk facade: reassignment, one approval, ticket lists, audit filters, and staff
writes that happen at most once per idempotency key."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from tests.tools.conftest import MutableClock
from tools.context import Actor, ToolScope
from tools.db import read_session
from tools.errors import Conflict, InvalidArguments, NotAllowed, NotFound
from tools.lifecycle import OPEN_STATES
from tools.models import Ticket, TicketComment
from tools.service import ITSM
from tools.staff_reads import TicketFilter


def agent(eid: str) -> Actor:
    return Actor("agent", eid, "thread-desk")


def incident(itsm: ITSM, eid: str, key: str, category: str = "network") -> str:
    result = itsm.call("create_incident", agent(eid),
                       {"short_description": "Wi-Fi drops every hour", "category": category,
                        "impact": 2, "urgency": 2}, key)
    assert result.status == "completed", result
    return str(result.data["ticket"])


def work_notes(engine: Any, number: str) -> list[str]:
    with read_session(engine) as session:
        return list(session.scalars(
            select(TicketComment.body).join(Ticket, Ticket.id == TicketComment.ticket_id)
            .where(Ticket.number == number, TicketComment.work_note.is_(True))
            .order_by(TicketComment.id)))


# --- reassign ------------------------------------------------------------------------------
def test_reassign_moves_ticket_and_its_handoff_keeps_sla_and_audits(itsm: ITSM, engine: Any,
                                                                     people: Any) -> None:
    eid, staff = people.take("employee"), Actor("staff", people.take("it_staff"))
    handoff = itsm.create_escalation(
        thread_id="th-desk", employee_id=eid, reason="low_confidence", group="Service Desk",
        priority="P3", summary="Cannot print", packet={}, idempotency_key="desk-esc-0001")
    before = itsm.ticket(handoff.ticket_number, staff)
    itsm.clock.advance(minutes=5)  # type: ignore[attr-defined]
    view = itsm.reassign_ticket(handoff.ticket_number, staff, "End User Computing", "printer")
    assert view.assignment_group == "End User Computing"
    assert view.sla_due == before.sla_due  # routing inside the desk buys no time
    assert view.updated_at > before.updated_at
    assert itsm.thread_escalation("th-desk").group == "End User Computing"  # type: ignore[union-attr]
    assert work_notes(engine, handoff.ticket_number) == [
        f"Reassigned from Service Desk to End User Computing by {staff.employee_id}: printer"]
    trail = itsm.audit(actor=staff, entity=f"ticket:{handoff.ticket_number}", limit=5)
    moved = next(a for a in trail if a.action == "ticket.reassign")
    assert moved.before and moved.after
    assert (moved.before["assignment_group"], moved.after["assignment_group"]) == (
        "Service Desk", "End User Computing")
    assert [a.action for a in itsm.audit(actor=staff, entity=f"escalation:{handoff.id}")][0] == (
        "escalation.reassign")


@pytest.mark.parametrize(("who", "group", "error"), [
    ("agent", "Service Desk L2", NotAllowed),
    ("employee", "Service Desk L2", NotAllowed),
    ("staff claim by an employee", "Service Desk L2", NotAllowed),
    ("staff on leave", "Service Desk L2", NotAllowed),
    ("staff", "Nowhere Team", InvalidArguments),
    ("staff", "Network Operations", Conflict),  # already there
])
def test_reassign_refusals(itsm: ITSM, people: Any, who: str, group: str,
                           error: type[Exception]) -> None:
    eid = people.take("employee")
    number = incident(itsm, eid, "desk-refuse-01")
    actors = {
        "agent": agent(eid), "employee": Actor("employee", eid),
        "staff claim by an employee": Actor("staff", eid),
        "staff on leave": Actor("staff", people.take("it_staff", "on_leave")),
        "staff": Actor("staff", people.take("it_staff")),
    }
    with pytest.raises(error):
        itsm.reassign_ticket(number, actors[who], group)
    assert itsm.ticket(number, agent(eid)).assignment_group == "Network Operations"


def test_reassign_needs_an_open_ticket_and_a_real_one(itsm: ITSM, people: Any) -> None:
    eid, staff = people.take("employee"), Actor("staff", people.take("it_staff"))
    number = incident(itsm, eid, "desk-closed-01")
    itsm.transition_ticket(number, staff, "resolved", resolution_code="fixed",
                           resolution_note="AP firmware updated")
    with pytest.raises(Conflict, match="only open tickets"):
        itsm.reassign_ticket(number, staff, "Service Desk")
    with pytest.raises(NotFound):
        itsm.reassign_ticket("INC9999999", staff, "Service Desk")


# --- at-most-once staff writes -------------------------------------------------------------
def test_staff_writes_with_a_key_happen_once(itsm: ITSM, engine: Any, people: Any) -> None:
    eid = people.take("employee")
    first, second = (Actor("staff", people.take("it_staff")) for _ in range(2))
    number = incident(itsm, eid, "desk-once-01")
    for _ in range(3):  # a client retrying after lost replies
        itsm.add_work_note(number, first, "called the user", idempotency_key="retry-key-1")
    assert work_notes(engine, number) == ["called the user"]
    # The same key from another staff member is theirs, not a replay of someone else's call.
    itsm.add_work_note(number, second, "called the user", idempotency_key="retry-key-1")
    assert work_notes(engine, number) == ["called the user"] * 2
    with pytest.raises(InvalidArguments, match="different call"):
        itsm.add_work_note(number, first, "something else", idempotency_key="retry-key-1")
    for _ in range(2):
        view = itsm.transition_ticket(number, first, "in_progress", idempotency_key="move-key-1")
        assert view.state == "in_progress"  # the retry returns the ticket, not a 409
    with pytest.raises(Conflict):  # without a key a repeat is a real (illegal) second move
        itsm.transition_ticket(number, first, "in_progress")
    for _ in range(2):
        itsm.reassign_ticket(number, first, "Service Desk", idempotency_key="move-key-2")
    assert work_notes(engine, number)[-1].startswith("Reassigned from Network Operations")
    assert len(work_notes(engine, number)) == 3
    with pytest.raises(InvalidArguments, match="8.."):
        itsm.add_work_note(number, first, "x", idempotency_key="short")


def test_a_failed_keyed_write_leaves_no_ledger_entry(itsm: ITSM, people: Any) -> None:
    eid, staff = people.take("employee"), Actor("staff", people.take("it_staff"))
    number = incident(itsm, eid, "desk-fail-01")
    with pytest.raises(Conflict):  # new -> closed is not a move
        itsm.transition_ticket(number, staff, "closed", idempotency_key="fail-key-1")
    itsm.transition_ticket(number, staff, "resolved", resolution_code="fixed",
                           resolution_note="done", idempotency_key="fail-key-2")
    # Nothing was recorded for the failed key, so the same call under it now really runs.
    view = itsm.transition_ticket(number, staff, "closed", idempotency_key="fail-key-1")
    assert view.state == "closed"


# --- one approval --------------------------------------------------------------------------
def test_one_approval_for_staff_and_its_approver_only(itsm: ITSM, people: Any) -> None:
    eid = people.take("employee", with_manager=True)
    result = itsm.call("request_software", agent(eid), {"software": "Tableau"}, "desk-appr-01")
    assert result.status == "pending_approval", result
    approval_id = result.data["approval_id"]
    staff = Actor("staff", people.take("it_staff"))
    view = itsm.approval(approval_id, staff)
    assert (view.id, view.status, view.employee_id) == (approval_id, "pending", eid)
    assert view.approver_kind == "manager"  # Tableau's catalogue policy
    approver = view.approver_id
    assert approver is not None and approver == people.manager_of(eid)
    assert itsm.approval(approval_id, Actor("employee", approver)) == view
    outsider = people.take("employee")
    for who in (Actor("employee", outsider), Actor("employee", eid), agent(eid),
                Actor("staff", outsider)):
        with pytest.raises(NotAllowed):
            itsm.approval(approval_id, who)
    with pytest.raises(NotFound):
        itsm.approval(10**9, staff)
    with pytest.raises(NotAllowed):  # missing looks the same as not yours
        itsm.approval(10**9, Actor("employee", outsider))


# --- ticket lists ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def desk(module_engine: Any, module_people: Any) -> tuple[ITSM, Actor]:
    return ITSM(module_engine, ToolScope(), MutableClock()), Actor(
        "staff", module_people.take("it_staff"))


FILTERS: list[tuple[dict[str, Any], Any]] = [
    ({"state": "open"}, lambda t: t.state in OPEN_STATES),
    ({"state": "resolved"}, lambda t: t.state == "resolved"),
    ({"group": "Network Operations"}, lambda t: t.assignment_group == "Network Operations"),
    ({"kind": "request"}, lambda t: t.kind == "request"),
    ({"priority": "P2"}, lambda t: t.priority == 2),
    ({"state": "open", "priority": "3", "kind": "incident"},
     lambda t: t.state in OPEN_STATES and t.priority == 3 and t.kind == "incident"),
]


@pytest.mark.parametrize(("given", "keep"), FILTERS)
def test_ticket_filters_match_the_table(desk: tuple[ITSM, Actor], module_engine: Any,
                                        given: dict[str, Any], keep: Any) -> None:
    itsm, staff = desk
    with read_session(module_engine) as session:
        expected = [t.number for t in session.scalars(select(Ticket)) if keep(t)]
    assert expected, f"the seeded data has no ticket for {given}; the case proves nothing"
    page = itsm.tickets(staff, TicketFilter(**given, limit=200))
    assert page.total == len(expected)
    assert {t["number"] for t in page.tickets} <= set(expected)
    assert len(page.tickets) == min(200, len(expected))
    dues = [t["sla_due"] for t in page.tickets if t["sla_due"]]
    assert dues == sorted(dues)


def test_ticket_pages_tile_and_caller_filter(desk: tuple[ITSM, Actor],
                                             module_engine: Any) -> None:
    itsm, staff = desk
    with read_session(module_engine) as session:
        caller, count = session.execute(
            select(Ticket.caller_id, func.count()).group_by(Ticket.caller_id)
            .order_by(func.count().desc(), Ticket.caller_id).limit(1)).one()
    assert count >= 2
    seen = [t["number"] for off in range(count)
            for t in itsm.tickets(staff, TicketFilter(caller_id=caller.lower(), limit=1,
                                                      offset=off)).tickets]
    assert len(seen) == len(set(seen)) == count


@pytest.mark.parametrize("bad", [
    {"state": "frozen"}, {"group": "Nowhere Team"}, {"kind": "change"}, {"priority": "P9"},
    {"limit": 0}, {"limit": 201}, {"offset": -1},
])
def test_bad_ticket_filters_are_refused(desk: tuple[ITSM, Actor], bad: dict[str, Any]) -> None:
    itsm, staff = desk
    with pytest.raises(InvalidArguments):
        itsm.tickets(staff, TicketFilter(**bad))


def test_lists_are_staff_only(desk: tuple[ITSM, Actor], module_people: Any) -> None:
    itsm, _ = desk
    eid = module_people.take("employee")
    for who in (Actor("employee", eid), agent(eid), Actor("staff", eid)):
        with pytest.raises(NotAllowed):
            itsm.tickets(who)
        with pytest.raises(NotAllowed):
            itsm.approvals_page(who)
        with pytest.raises(NotAllowed):
            itsm.audit(actor=who)


def test_approval_pages_validate_status(desk: tuple[ITSM, Actor]) -> None:
    itsm, staff = desk
    everything = itsm.approvals_page(staff, status=None, limit=200)
    pending = itsm.approvals_page(staff, status="pending", limit=200)
    assert pending and all(a.status == "pending" for a in pending)
    assert len(everything) >= len(pending)
    with pytest.raises(InvalidArguments):
        itsm.approvals_page(staff, status="maybe")


# --- audit filters -------------------------------------------------------------------------
def test_audit_prefix_is_literal_and_pages_back(itsm: ITSM, people: Any) -> None:
    eid, staff = people.take("employee"), Actor("staff", people.take("it_staff"))
    number = incident(itsm, eid, "desk-audit-01")
    for n in range(3):
        itsm.add_work_note(number, staff, f"note {n}")
    notes = itsm.audit(actor=staff, action="ticket.work", actor_id=staff.employee_id)
    assert [a.action for a in notes] == ["ticket.work_note"] * 3
    assert itsm.audit(actor=staff, action="ticket_") == []  # "_" is not a wildcard
    assert itsm.audit(actor=staff, action="ticket%work") == []  # nor is "%"
    first = itsm.audit(actor=staff, entity=f"ticket:{number}", limit=2)
    rest = itsm.audit(actor=staff, entity=f"ticket:{number}", before_id=first[-1].id)
    assert [a.id for a in first + rest] == sorted((a.id for a in first + rest), reverse=True)
    assert len(first + rest) == 4  # opened + three notes
    by_thread = itsm.audit(actor=staff, thread_id="thread-desk")
    assert {a.entity for a in by_thread} >= {f"ticket:{number}"}
    with pytest.raises(InvalidArguments):
        itsm.audit(actor=staff, limit=0)
