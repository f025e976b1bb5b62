"""Staff-only reads behind ``/api/itsm``: filtered ticket lists, one approval, the audit trail.

Each function checks the actor itself (``check_staff``) so a caller that forgets the HTTP
guard still gets nothing; filters are validated here so bad input is a typed error with words
a staff member understands, never an empty page that looks like "nothing matched".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from tools import approvals
from tools.context import Actor
from tools.errors import InvalidArguments, NotAllowed, NotFound
from tools.escalations import parse_priority
from tools.lifecycle import OPEN_STATES, STATES
from tools.models import Approval, AuditEntry, Employee, Ticket
from tools.policy import check_staff
from tools.tickets import PREFIXES
from tools.views import ApprovalView, AuditView, priority_label

APPROVAL_STATUSES = ("pending", "approved", "rejected", "expired", "withdrawn")
MAX_PAGE = 200
# "open" is shorthand for every state a ticket can still be worked in.
STATE_FILTERS = (*STATES, "open")


@dataclass(frozen=True)
class TicketFilter:
    state: str | None = None
    group: str | None = None
    caller_id: str | None = None
    kind: str | None = None
    priority: str | None = None
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True)
class TicketPage:
    tickets: tuple[dict[str, Any], ...]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {"tickets": list(self.tickets), "total": self.total, "limit": self.limit,
                "offset": self.offset}


def _page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidArguments(f"limit must be 1..{MAX_PAGE}, got {limit}")
    if offset < 0:
        raise InvalidArguments(f"offset must be 0 or more, got {offset}")


def _ticket_query(f: TicketFilter, groups: list[str]) -> Select[Ticket]:
    query = select(Ticket)
    if f.state is not None:
        if f.state not in STATE_FILTERS:
            raise InvalidArguments(f"state must be one of {list(STATE_FILTERS)}, got {f.state!r}")
        wanted = sorted(OPEN_STATES) if f.state == "open" else [f.state]
        query = query.where(Ticket.state.in_(wanted))
    if f.group is not None:
        if f.group not in groups:
            raise InvalidArguments(f"unknown group {f.group!r}; known groups: {groups}")
        query = query.where(Ticket.assignment_group == f.group)
    if f.kind is not None:
        if f.kind not in PREFIXES:
            raise InvalidArguments(f"kind must be one of {sorted(PREFIXES)}, got {f.kind!r}")
        query = query.where(Ticket.kind == f.kind)
    if f.priority is not None:
        query = query.where(Ticket.priority == parse_priority(f.priority))
    if f.caller_id is not None:
        query = query.where(Ticket.caller_id == f.caller_id.strip().upper())
    return query


def _summary(t: Ticket) -> dict[str, Any]:
    return {
        "number": t.number, "kind": t.kind, "caller_id": t.caller_id,
        "short_description": t.short_description, "category": t.category,
        "assignment_group": t.assignment_group, "priority": priority_label(t.priority),
        "state": t.state, "sla_due": t.sla_due.isoformat() if t.sla_due else None,
        "created_at": t.created_at.isoformat(), "updated_at": t.updated_at.isoformat(),
    }


def list_tickets(session: Session, actor: Actor, f: TicketFilter,
                 groups: list[str]) -> TicketPage:
    """Tickets matching ``f``, soonest SLA due first (those without a due date last)."""
    check_staff(session, actor, "the ticket list")
    _page(f.limit, f.offset)
    query = _ticket_query(f, groups)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(Ticket.sla_due.is_(None), Ticket.sla_due, Ticket.id)
        .limit(f.limit).offset(f.offset))
    return TicketPage(tuple(_summary(t) for t in rows), total, f.limit, f.offset)


def get_approval(session: Session, approval_id: int, actor: Actor) -> Approval:
    """One approval for staff, or for the person it waits on. Anyone else is told it is not
    theirs, in the same words whether or not it exists, so ids cannot be probed."""
    if actor.kind == "agent":
        raise NotAllowed("the agent has no approval inbox; approvals are for people")
    row = session.get(Approval, approval_id)
    if actor.kind == "system" or _is_active_staff(session, actor):
        if row is None:
            raise NotFound(f"there is no approval {approval_id}")
        return row
    if row is None or row.approver_id != actor.employee_id:
        raise NotAllowed(f"approval {approval_id} does not wait on {actor.employee_id}")
    return row


def _is_active_staff(session: Session, actor: Actor) -> bool:
    if actor.kind != "staff":
        return False
    employee = session.get(Employee, actor.employee_id)
    return employee is not None and employee.role == "it_staff" and employee.status == "active"


def list_approvals_page(session: Session, actor: Actor, status: str | None,
                        limit: int, offset: int) -> list[ApprovalView]:
    check_staff(session, actor, "the approval list")
    _page(limit, offset)
    query = select(Approval)
    if status is not None:
        if status not in APPROVAL_STATUSES:
            raise InvalidArguments(
                f"status must be one of {list(APPROVAL_STATUSES)}, got {status!r}")
        query = query.where(Approval.status == status)
    rows = session.scalars(query.order_by(Approval.due_at, Approval.id).limit(limit)
                           .offset(offset))
    return [approvals.to_view(r) for r in rows]


@dataclass(frozen=True)
class AuditFilter:
    entity: str | None = None
    actor_id: str | None = None
    action: str | None = None  # a prefix: "ticket." matches every ticket event
    thread_id: str | None = None
    before_id: int | None = None  # keyset paging: entries older than this id
    limit: int = 100


def audit_trail(session: Session, actor: Actor, f: AuditFilter) -> list[AuditView]:
    """Newest first. Page with ``before_id`` = the last id of the previous page."""
    check_staff(session, actor, "the audit log")
    _page(f.limit, 0)
    query = select(AuditEntry)
    if f.entity is not None:
        query = query.where(AuditEntry.entity == f.entity)
    if f.actor_id is not None:
        query = query.where(AuditEntry.actor_id == f.actor_id)
    if f.action is not None:
        escaped = f.action.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(AuditEntry.action.like(f"{escaped}%", escape="\\"))
    if f.thread_id is not None:
        query = query.where(AuditEntry.thread_id == f.thread_id)
    if f.before_id is not None:
        query = query.where(AuditEntry.id < f.before_id)
    rows = session.scalars(query.order_by(AuditEntry.id.desc()).limit(f.limit))
    return [AuditView(r.id, r.at, r.actor_kind, r.actor_id, r.on_behalf_of, r.action, r.entity,
                      r.before, r.after, r.thread_id) for r in rows]
