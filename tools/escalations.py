"""Agent-to-human handoffs: one row per handoff, each with a ticket for the receiving group."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tools import audit
from tools.context import Actor
from tools.errors import Conflict, InvalidArguments, NotFound
from tools.lifecycle import OPEN_STATES
from tools.models import Employee, Escalation
from tools.policy import priority_for
from tools.sla_policy import SlaPolicy
from tools.tickets import add_comment, get_ticket, open_ticket
from tools.views import EscalationView, priority_label

ESCALATION_STATUSES = ("open", "taken_over", "resolved")
# Handoffs waiting on an approval are requests; everything else reports a problem.
REQUEST_REASONS = frozenset({"approval_required"})
# The impact/urgency pair that yields each priority on the ITIL matrix.
IMPACT_URGENCY = {1: (1, 1), 2: (1, 2), 3: (2, 2), 4: (2, 3), 5: (3, 3)}


def parse_priority(priority: int | str) -> int:
    text = str(priority).strip().upper().removeprefix("P")
    if not text.isdigit() or int(text) not in IMPACT_URGENCY:
        raise InvalidArguments(f"priority must be P1..P5 (or 1..5), got {priority!r}")
    return int(text)


def create(
    session: Session, *, actor: Actor, employee_id: str, reason: str, group: str,
    priority: int | str, summary: str, packet: dict[str, Any], now: datetime, sla: SlaPolicy,
    idempotency_key: str,
) -> Escalation:
    level = parse_priority(priority)
    if group not in sla.group_names():
        raise InvalidArguments(f"unknown group {group!r}; known groups: {sla.group_names()}")
    if not reason.strip() or not summary.strip():
        raise InvalidArguments("an escalation needs a reason and a summary")
    if len(reason) > 40:
        raise InvalidArguments("an escalation reason is a short code (at most 40 characters)")
    try:
        packet = json.loads(json.dumps(packet))
    except (TypeError, ValueError) as exc:
        raise InvalidArguments(f"the handoff packet must be JSON: {exc}") from exc
    if session.get(Employee, employee_id) is None:
        raise NotFound(f"{employee_id} is not in the employee directory")
    impact, urgency = IMPACT_URGENCY[level]
    ticket = open_ticket(
        session, kind="request" if reason in REQUEST_REASONS else "incident",
        caller_id=employee_id, opened_by=actor, short_description=f"[{reason}] {summary}"[:160],
        description=summary, category="other", group=group, impact=impact, urgency=urgency,
        now=now, sla=sla, idempotency_key=idempotency_key,
    )
    row = Escalation(
        thread_id=actor.thread_id or "", employee_id=employee_id, reason=reason,
        group_name=group, priority=level, status="open", ticket_number=ticket.number,
        summary=summary, packet=packet, created_at=now, updated_at=now,
        sla_due=sla.handoff_due(level, now),
    )
    session.add(row)
    session.flush()
    audit.record(session, actor=actor, action="escalation.open", entity=f"escalation:{row.id}",
                 before=None, after=audit.snapshot(row), at=now, on_behalf_of=employee_id,
                 idempotency_key=idempotency_key)
    return row


def open_handoff(session: Session, thread_id: str, employee_id: str, group: str
                 ) -> Escalation | None:
    """The conversation's handoff a new one should join instead of opening a second ticket:
    same conversation, caller and receiving group, still open, its ticket still being worked.
    A different group (a security event after a password handoff) gets its own ticket."""
    if not thread_id:
        return None
    row = latest_for_thread(session, thread_id)
    if row is None or row.status != "open" or row.employee_id != employee_id \
            or row.group_name != group:
        return None
    return row if get_ticket(session, row.ticket_number).state in OPEN_STATES else None


def follow_up(
    session: Session, row: Escalation, *, actor: Actor, reason: str, priority: int | str,
    summary: str, packet: dict[str, Any], now: datetime, sla: SlaPolicy, idempotency_key: str,
) -> Escalation:
    """Add a later handoff of the same conversation to its open one: a work note on the
    ticket, the packet kept beside the first, and the priority raised (never lowered) so the
    queue reflects the most urgent thing the employee has said."""
    level = parse_priority(priority)
    if not reason.strip() or not summary.strip():
        raise InvalidArguments("an escalation needs a reason and a summary")
    try:
        packet = json.loads(json.dumps(packet))
    except (TypeError, ValueError) as exc:
        raise InvalidArguments(f"the handoff packet must be JSON: {exc}") from exc
    before = audit.snapshot(row)
    ticket = get_ticket(session, row.ticket_number)
    add_comment(session, ticket, actor=actor, body=f"Follow-up [{reason}] {summary}",
                work_note=True, now=now, idempotency_key=idempotency_key)
    row.packet = {**row.packet, "follow_ups": [
        *row.packet.get("follow_ups", []),
        {"reason": reason, "priority": level, "at": now.isoformat(), "packet": packet},
    ]}
    if level < row.priority:
        row.priority = level
        row.sla_due = min(row.sla_due, sla.handoff_due(level, now))
        ticket.impact, ticket.urgency = IMPACT_URGENCY[level]
        ticket.priority = priority_for(ticket.impact, ticket.urgency)
        due = sla.resolution_due(ticket.assignment_group, ticket.priority, now)
        ticket.sla_due = due if ticket.sla_due is None else min(ticket.sla_due, due)
    row.updated_at = now
    audit.record(session, actor=actor, action="escalation.follow_up",
                 entity=f"escalation:{row.id}", before=before, after=audit.snapshot(row),
                 at=now, on_behalf_of=row.employee_id, idempotency_key=idempotency_key)
    return row


def get(session: Session, escalation_id: int) -> Escalation:
    row = session.get(Escalation, escalation_id)
    if row is None:
        raise NotFound(f"there is no escalation {escalation_id}")
    return row


def move(
    session: Session, row: Escalation, *, to: str, actor: Actor, staff_id: str, now: datetime
) -> None:
    allowed = {"open": {"taken_over", "resolved"}, "taken_over": {"resolved"}, "resolved": set()}
    if to not in allowed[row.status]:
        raise Conflict(f"escalation {row.id} is {row.status}; it cannot become {to}")
    before = audit.snapshot(row)
    row.status = to
    row.updated_at = now
    # The system may close a handoff, but only a person is ever recorded as its owner.
    if staff_id != "system" and (to == "taken_over" or row.assigned_staff_id is None):
        row.assigned_staff_id = staff_id
    audit.record(session, actor=actor, action=f"escalation.{to}", entity=f"escalation:{row.id}",
                 before=before, after=audit.snapshot(row), at=now, on_behalf_of=row.employee_id)


def latest_for_thread(session: Session, thread_id: str) -> Escalation | None:
    return session.scalars(
        select(Escalation).where(Escalation.thread_id == thread_id)
        .order_by(Escalation.id.desc())
    ).first()


def to_view(row: Escalation) -> EscalationView:
    return EscalationView(
        id=row.id, thread_id=row.thread_id, employee_id=row.employee_id, reason=row.reason,
        group=row.group_name, priority=priority_label(row.priority), status=row.status,
        ticket_number=row.ticket_number, summary=row.summary, packet=dict(row.packet),
        created_at=row.created_at, sla_due=row.sla_due, assigned_staff_id=row.assigned_staff_id,
    )
