"""Ticket rows: numbering, opening, moving through the lifecycle, notes, and views."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tools import audit
from tools.context import Actor
from tools.errors import NotFound
from tools.lifecycle import Mover, TicketStatus, transition
from tools.models import Counter, Ticket, TicketComment
from tools.policy import priority_for
from tools.sla_policy import SlaPolicy
from tools.views import CommentView, TicketView, priority_label

PREFIXES = {"incident": "INC", "request": "REQ"}
FIRST_NUMBER = 10_000


def next_number(session: Session, kind: str) -> str:
    prefix = PREFIXES[kind]
    # UPDATE ... RETURNING takes the row lock, so concurrent openers never share a number.
    value = session.execute(
        update(Counter)
        .where(Counter.name == prefix)
        .values(value=Counter.value + 1)
        .returning(Counter.value)
    ).scalar_one_or_none()
    if value is None:
        value = FIRST_NUMBER
        session.add(Counter(name=prefix, value=value))
        session.flush()
    return f"{prefix}{value:07d}"


def open_ticket(
    session: Session,
    *,
    kind: str,
    caller_id: str,
    opened_by: Actor,
    short_description: str,
    description: str,
    category: str,
    group: str,
    impact: int,
    urgency: int,
    now: datetime,
    sla: SlaPolicy,
    idempotency_key: str | None = None,
) -> Ticket:
    priority = priority_for(impact, urgency)
    ticket = Ticket(
        number=next_number(session, kind),
        kind=kind,
        caller_id=caller_id,
        opened_by=f"{opened_by.kind}:{opened_by.employee_id}",
        short_description=short_description,
        description=description,
        category=category,
        assignment_group=group,
        impact=impact,
        urgency=urgency,
        priority=priority,
        state="new",
        sla_due=sla.resolution_due(group, priority, now),
        created_at=now,
        updated_at=now,
        reopen_count=0,
    )
    session.add(ticket)
    session.flush()
    audit.record(
        session,
        actor=opened_by,
        action=f"ticket.open.{kind}",
        entity=f"ticket:{ticket.number}",
        before=None,
        after=audit.snapshot(ticket),
        at=now,
        on_behalf_of=caller_id,
        idempotency_key=idempotency_key,
    )
    return ticket


def get_ticket(session: Session, number: str) -> Ticket:
    ticket = session.scalars(select(Ticket).where(Ticket.number == number)).one_or_none()
    if ticket is None:
        raise NotFound(f"there is no ticket {number}")
    return ticket


def apply_transition(
    session: Session,
    ticket: Ticket,
    target: str,
    *,
    actor: Actor,
    mover: Mover,
    now: datetime,
    resolution_code: str | None = None,
    resolution_note: str | None = None,
    idempotency_key: str | None = None,
) -> None:
    before = audit.snapshot(ticket)
    current = TicketStatus(
        ticket.state, ticket.resolution_code, ticket.resolution_note, ticket.reopen_count
    )
    after = transition(
        current, target, mover, resolution_code=resolution_code, resolution_note=resolution_note
    )
    ticket.state = after.state
    ticket.resolution_code = after.resolution_code
    ticket.resolution_note = after.resolution_note
    ticket.reopen_count = after.reopen_count
    ticket.updated_at = now
    if after.state == "resolved":
        ticket.resolved_at = now
    elif after.state == "closed":
        ticket.closed_at = now
    elif after.state == "in_progress" and after.reopen_count > current.reopen_count:
        ticket.resolved_at = None
    audit.record(
        session,
        actor=actor,
        action=f"ticket.{current.state}->{after.state}",
        entity=f"ticket:{ticket.number}",
        before=before,
        after=audit.snapshot(ticket),
        at=now,
        on_behalf_of=ticket.caller_id,
        idempotency_key=idempotency_key,
    )


def add_comment(
    session: Session,
    ticket: Ticket,
    *,
    actor: Actor,
    body: str,
    work_note: bool,
    now: datetime,
    idempotency_key: str | None = None,
) -> TicketComment:
    comment = TicketComment(
        ticket_id=ticket.id,
        author_kind=actor.kind,
        author_id=actor.employee_id,
        body=body,
        work_note=work_note,
        created_at=now,
    )
    session.add(comment)
    ticket.updated_at = now
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="ticket.work_note" if work_note else "ticket.comment",
        entity=f"ticket:{ticket.number}",
        before=None,
        after=audit.snapshot(comment),
        at=now,
        on_behalf_of=ticket.caller_id,
        idempotency_key=idempotency_key,
    )
    return comment


def summary(ticket: Ticket) -> dict[str, Any]:
    """What an employee may see of a ticket in a list."""
    return {
        "ticket": ticket.number,
        "kind": ticket.kind,
        "short_description": ticket.short_description,
        "state": ticket.state,
        "priority": priority_label(ticket.priority),
        "assignment_group": ticket.assignment_group,
        "updated_at": ticket.updated_at.isoformat(),
    }


def to_view(session: Session, ticket: Ticket, *, include_work_notes: bool) -> TicketView:
    query = select(TicketComment).where(TicketComment.ticket_id == ticket.id)
    if not include_work_notes:
        query = query.where(TicketComment.work_note.is_(False))
    comments = tuple(
        CommentView(c.author_kind, c.author_id, c.body, c.work_note, c.created_at)
        for c in session.scalars(query.order_by(TicketComment.id))
    )
    return TicketView(
        number=ticket.number,
        kind=ticket.kind,
        caller_id=ticket.caller_id,
        short_description=ticket.short_description,
        description=ticket.description,
        category=ticket.category,
        assignment_group=ticket.assignment_group,
        impact=ticket.impact,
        urgency=ticket.urgency,
        priority=priority_label(ticket.priority),
        state=ticket.state,
        sla_due=ticket.sla_due,
        created_at=ticket.created_at,
        updated_at=ticket.updated_at,
        resolved_at=ticket.resolved_at,
        closed_at=ticket.closed_at,
        resolution_code=ticket.resolution_code,
        resolution_note=ticket.resolution_note,
        reopen_count=ticket.reopen_count,
        comments=comments,
    )
