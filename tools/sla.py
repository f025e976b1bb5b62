"""``sla_sweep``: time-based escalation of tickets, approvals and handoffs past their due time.

Each breach is recorded once per (entity, due time) and pushes the due time forward, so a sweep
can run as often as wanted (``zerodesk sla-sweep`` from cron, or every simulated hour of the
month replay) without double counting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tools import audit
from tools.approvals import FULFILMENT
from tools.clock import now_from, require_aware
from tools.context import Actor
from tools.db import write_session
from tools.models import Approval, Escalation, SlaBreach, Ticket
from tools.sla_policy import SlaPolicy
from tools.tickets import apply_transition

if TYPE_CHECKING:
    from tools.service import ITSM

SWEEPER = Actor("system", "sla-sweep")
# on_hold stops the resolution clock (waiting on the caller or a vendor).
RUNNING_STATES = ("new", "in_progress")


@dataclass(frozen=True)
class SweepReport:
    at: datetime
    tickets_bumped: int = 0
    tickets_reassigned: int = 0
    approvals_escalated: int = 0
    approvals_expired: int = 0
    handoffs_breached: int = 0

    @property
    def breaches(self) -> int:
        return (self.tickets_bumped + self.tickets_reassigned + self.approvals_escalated
                + self.approvals_expired + self.handoffs_breached)

    def as_dict(self) -> dict[str, Any]:
        return {"at": self.at.isoformat(), "breaches": self.breaches,
                "tickets_bumped": self.tickets_bumped,
                "tickets_reassigned": self.tickets_reassigned,
                "approvals_escalated": self.approvals_escalated,
                "approvals_expired": self.approvals_expired,
                "handoffs_breached": self.handoffs_breached}

    def summary(self) -> str:
        return (f"SLA sweep at {self.at.isoformat()}: {self.breaches} breach(es); "
                f"{self.tickets_bumped} ticket(s) raised in priority, "
                f"{self.tickets_reassigned} moved to escalation queues, "
                f"{self.approvals_escalated} approval(s) moved to staff, "
                f"{self.approvals_expired} expired, {self.handoffs_breached} handoff(s) late")


def sla_sweep(itsm: ITSM, now: datetime | None = None) -> SweepReport:
    at = require_aware(now) if now is not None else now_from(itsm.clock)
    with write_session(itsm.engine) as session:
        bumped, moved = _sweep_tickets(session, itsm.sla, at)
        escalated, expired = _sweep_approvals(session, itsm.sla, at)
        late = _sweep_handoffs(session, itsm.sla, at)
    return SweepReport(at, bumped, moved, escalated, expired, late)


def _seen(session: Session, kind: str, ref: str, due: datetime) -> bool:
    return session.scalars(select(SlaBreach.id).where(
        SlaBreach.entity_kind == kind, SlaBreach.entity_ref == ref, SlaBreach.due_at == due,
    )).first() is not None


def _breach(session: Session, kind: str, ref: str, group: str, priority: int | None,
            due: datetime, at: datetime, action: str) -> None:
    session.add(SlaBreach(entity_kind=kind, entity_ref=ref, group_name=group, priority=priority,
                          due_at=due, detected_at=at, action=action))


def _sweep_tickets(session: Session, sla: SlaPolicy, at: datetime) -> tuple[int, int]:
    bumped = moved = 0
    overdue = session.scalars(select(Ticket).where(
        Ticket.state.in_(RUNNING_STATES), Ticket.sla_due < at).order_by(Ticket.id)).all()
    for ticket in overdue:
        due = ticket.sla_due
        if due is None or _seen(session, "ticket", ticket.number, due):
            continue
        before = audit.snapshot(ticket)
        group, queue = ticket.assignment_group, sla.escalation_queue(ticket.assignment_group)
        if ticket.priority > 1:
            # Raise urgency first, then impact, so priority stays the matrix value.
            if ticket.urgency > 1:
                ticket.urgency -= 1
            else:
                ticket.impact -= 1
            ticket.priority -= 1
            action, bumped = f"priority raised to P{ticket.priority}", bumped + 1
        elif queue is not None:
            ticket.assignment_group = queue
            action, moved = f"reassigned to {queue}", moved + 1
        else:
            action = f"still overdue at P1 in {group}"
        _breach(session, "ticket", ticket.number, group, ticket.priority, due, at, action)
        ticket.sla_due = sla.resolution_due(ticket.assignment_group, ticket.priority, at)
        ticket.updated_at = at
        audit.record(session, actor=SWEEPER, action="sla.ticket_breach",
                     entity=f"ticket:{ticket.number}", before=before,
                     after=audit.snapshot(ticket), at=at, on_behalf_of=ticket.caller_id)
    return bumped, moved


def _sweep_approvals(session: Session, sla: SlaPolicy, at: datetime) -> tuple[int, int]:
    escalated = expired = 0
    overdue = session.scalars(select(Approval).where(
        Approval.status == "pending", Approval.due_at < at).order_by(Approval.id)).all()
    for approval in overdue:
        if _seen(session, "approval", str(approval.id), approval.due_at):
            continue
        before = audit.snapshot(approval)
        if approval.escalated_at is None:
            action = f"undecided by {approval.approver_kind}; moved to staff"
        else:
            action = "undecided by staff; expired"
        _breach(session, "approval", str(approval.id), "approvals", None, approval.due_at, at,
                action)
        if approval.escalated_at is None:
            approval.approver_kind, approval.approver_id = "staff", None
            approval.escalated_at = at
            approval.due_at = at + timedelta(hours=sla.approval_escalation_hours)
            escalated += 1
        else:
            approval.status, approval.decided_at = "expired", at
            approval.decided_by = f"system:{SWEEPER.employee_id}"
            approval.decision_note = "no decision before the deadline"
            expired += 1
            ticket = session.get(Ticket, approval.ticket_id)
            if ticket is not None and ticket.state in RUNNING_STATES + ("on_hold",):
                apply_transition(session, ticket, "resolved", actor=SWEEPER, mover=FULFILMENT,
                                 now=at, resolution_code="approval_expired",
                                 resolution_note=f"{approval.item_name}: approval expired")
        audit.record(session, actor=SWEEPER, action=f"sla.approval_{approval.status}",
                     entity=f"approval:{approval.id}", before=before,
                     after=audit.snapshot(approval), at=at, on_behalf_of=approval.employee_id)
    return escalated, expired


def _sweep_handoffs(session: Session, sla: SlaPolicy, at: datetime) -> int:
    late = 0
    overdue = session.scalars(select(Escalation).where(
        Escalation.status == "open", Escalation.sla_due < at).order_by(Escalation.id)).all()
    for row in overdue:
        if _seen(session, "escalation", str(row.id), row.sla_due):
            continue
        before = audit.snapshot(row)
        _breach(session, "escalation", str(row.id), row.group_name, row.priority, row.sla_due,
                at, "handoff not picked up in time")
        row.priority = max(1, row.priority - 1)
        row.sla_due = sla.handoff_due(row.priority, at)
        row.updated_at = at
        late += 1
        audit.record(session, actor=SWEEPER, action="sla.handoff_breach",
                     entity=f"escalation:{row.id}", before=before, after=audit.snapshot(row),
                     at=at, on_behalf_of=row.employee_id)
    return late
