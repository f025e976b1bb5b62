"""Staff-side operations behind the console: working tickets and flipping service status."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tools import audit, outages
from tools.context import Actor
from tools.errors import Conflict, InvalidArguments, NotFound
from tools.lifecycle import OPEN_STATES, Mover
from tools.models import Employee, Escalation, Outage, Service
from tools.models_catalogue import SERVICE_STATUSES
from tools.policy import check_staff
from tools.sla_policy import SlaPolicy
from tools.tickets import add_comment, apply_transition, get_ticket, open_ticket, to_view
from tools.views import ServiceView, TicketView


def transition_ticket(
    session: Session, number: str, actor: Actor, to_state: str, now: datetime, *,
    resolution_code: str | None, resolution_note: str | None, work_note: str | None,
) -> TicketView:
    check_staff(session, actor, "working tickets")
    ticket = get_ticket(session, number)
    mover = Mover(is_staff=True, is_caller=ticket.caller_id == actor.employee_id)
    apply_transition(session, ticket, to_state, actor=actor, mover=mover, now=now,
                     resolution_code=resolution_code, resolution_note=resolution_note)
    if work_note:
        add_comment(session, ticket, actor=actor, body=work_note, work_note=True, now=now)
    outages.settle_linked(session, ticket, actor=actor, now=now)
    return to_view(session, ticket, include_work_notes=True)


def add_work_note(session: Session, number: str, actor: Actor, body: str,
                  now: datetime) -> TicketView:
    check_staff(session, actor, "work notes")
    ticket = get_ticket(session, number)
    if not body.strip():
        raise InvalidArguments("a work note needs text")
    add_comment(session, ticket, actor=actor, body=body, work_note=True, now=now)
    return to_view(session, ticket, include_work_notes=True)


def reassign_ticket(session: Session, number: str, actor: Actor, group: str, note: str,
                    now: datetime, sla: SlaPolicy) -> TicketView:
    """Move an open ticket, and any live handoff on it, to another assignment group.

    The SLA due time stays: the caller's clock does not restart because the desk routed the
    work internally, so bouncing a ticket between groups never buys time.
    """
    staff_id = check_staff(session, actor, "reassigning tickets")
    if group not in sla.group_names():
        raise InvalidArguments(f"unknown group {group!r}; known groups: {sla.group_names()}")
    ticket = get_ticket(session, number)
    if ticket.state not in OPEN_STATES:
        raise Conflict(f"{number} is {ticket.state}; only open tickets can be reassigned")
    if ticket.assignment_group == group:
        raise Conflict(f"{number} is already with {group}")
    before, old = audit.snapshot(ticket), ticket.assignment_group
    ticket.assignment_group, ticket.updated_at = group, now
    audit.record(session, actor=actor, action="ticket.reassign", entity=f"ticket:{number}",
                 before=before, after=audit.snapshot(ticket), at=now,
                 on_behalf_of=ticket.caller_id)
    # A handoff and its ticket must name the same group, or the queue and the ticket disagree.
    for row in session.scalars(select(Escalation).where(
            Escalation.ticket_number == number, Escalation.status != "resolved")):
        was = audit.snapshot(row)
        row.group_name, row.updated_at = group, now
        audit.record(session, actor=actor, action="escalation.reassign",
                     entity=f"escalation:{row.id}", before=was, after=audit.snapshot(row),
                     at=now, on_behalf_of=row.employee_id)
    why = f": {note.strip()}" if note.strip() else ""
    add_comment(session, ticket, actor=actor, work_note=True, now=now,
                body=f"Reassigned from {old} to {group} by {staff_id}{why}")
    return to_view(session, ticket, include_work_notes=True)


def service_board(session: Session) -> list[ServiceView]:
    open_outages: dict[int, list[dict[str, str | None]]] = {}
    for o in session.scalars(select(Outage).where(Outage.ended_at.is_(None))):
        open_outages.setdefault(o.service_id, []).append({
            "description": o.description, "started_at": o.started_at.isoformat(),
            "major_incident": o.major_incident})
    return [ServiceView(s.name, s.status, tuple(open_outages.get(s.id, [])))
            for s in session.scalars(select(Service).order_by(Service.name))]


def set_service_status(
    session: Session, actor: Actor, name: str, status: str, description: str | None,
    now: datetime, sla: SlaPolicy,
) -> ServiceView:
    """Declare or clear an outage. Declaring opens a major incident; clearing resolves it."""
    check_staff(session, actor, "changing service status")
    if status not in SERVICE_STATUSES:
        raise InvalidArguments(f"status must be one of {SERVICE_STATUSES}")
    service = session.scalars(select(Service).where(Service.name == name)).one_or_none()
    if service is None:
        raise NotFound(f"there is no service {name!r} on the status board")
    before = audit.snapshot(service)
    current = session.scalars(select(Outage).where(
        Outage.service_id == service.id, Outage.ended_at.is_(None))).first()
    if status != "operational" and current is None:
        if not description or not description.strip():
            raise InvalidArguments("declaring an outage needs a description")
        caller = _outage_caller(session, actor)
        ticket = open_ticket(
            session, kind="incident", caller_id=caller, opened_by=actor,
            short_description=f"Major incident: {name} {status}", description=description,
            category="other", group=sla.group_for_category("other"),
            impact=1, urgency=1 if status == "outage" else 2, now=now, sla=sla,
        )
        session.add(Outage(service_id=service.id, started_at=now, ended_at=None,
                           description=description, major_incident=ticket.number))
    elif status == "operational" and current is not None:
        current.ended_at = now
        if current.major_incident:
            ticket = get_ticket(session, current.major_incident)
            if ticket.state in ("new", "in_progress", "on_hold"):
                apply_transition(session, ticket, "resolved", actor=actor,
                                 mover=Mover(is_staff=True, is_caller=False), now=now,
                                 resolution_code="fixed",
                                 resolution_note=description or f"{name} restored")
    elif status == service.status:
        raise Conflict(f"{name} is already {status}")
    service.status, service.updated_at = status, now
    audit.record(session, actor=actor, action="service.status", entity=f"service:{name}",
                 before=before, after=audit.snapshot(service), at=now)
    session.flush()
    return next(v for v in service_board(session) if v.name == name)


def _outage_caller(session: Session, actor: Actor) -> str:
    if actor.kind == "staff":
        return actor.employee_id
    # The system declares outages (e.g. the replay) on behalf of the first active service
    # desk analyst, because every ticket needs a real caller.
    staff = session.scalars(select(Employee.id).where(
        Employee.role == "it_staff", Employee.status == "active").order_by(Employee.id)).first()
    if staff is None:
        raise NotFound("no active IT staff member to own the major incident")
    return staff
