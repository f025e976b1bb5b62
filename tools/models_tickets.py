"""Work items: tickets and their notes, approvals, escalations to humans, SLA breaches."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tools.db import Base, UTCDateTime


class Counter(Base):
    """Ticket number sequences, bumped with UPDATE ... RETURNING inside the caller's transaction."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(10), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class Ticket(Base):
    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    number: Mapped[str] = mapped_column(String(10), unique=True)
    kind: Mapped[str] = mapped_column(String(10))  # incident | request
    caller_id: Mapped[str] = mapped_column(ForeignKey("employees.id"), index=True)
    opened_by: Mapped[str] = mapped_column(String(60))  # "agent:E000123", "staff:E000042", ...
    short_description: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(20))
    assignment_group: Mapped[str] = mapped_column(String(60), index=True)
    impact: Mapped[int] = mapped_column(Integer)
    urgency: Mapped[int] = mapped_column(Integer)
    priority: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(12), index=True)
    sla_due: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolution_code: Mapped[str | None] = mapped_column(String(30))
    resolution_note: Mapped[str | None] = mapped_column(Text)
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)


class TicketComment(Base):
    __tablename__ = "ticket_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    author_kind: Mapped[str] = mapped_column(String(10))
    author_id: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    work_note: Mapped[bool] = mapped_column(Boolean, default=False)  # staff-only visibility
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Approval(Base):
    __tablename__ = "approvals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(10))  # software | access
    item_id: Mapped[int] = mapped_column(Integer)
    item_name: Mapped[str] = mapped_column(String(80))
    employee_id: Mapped[str] = mapped_column(ForeignKey("employees.id"), index=True)
    requested_by: Mapped[str] = mapped_column(String(7))
    status: Mapped[str] = mapped_column(String(10), index=True)
    approver_kind: Mapped[str] = mapped_column(String(10))  # manager | staff | owner
    approver_id: Mapped[str | None] = mapped_column(String(7))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime())
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by: Mapped[str | None] = mapped_column(String(60))
    decision_note: Mapped[str | None] = mapped_column(Text)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    ticket_number: Mapped[str] = mapped_column(String(10))


class Escalation(Base):
    __tablename__ = "escalations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    thread_id: Mapped[str] = mapped_column(String(200), index=True)
    employee_id: Mapped[str] = mapped_column(ForeignKey("employees.id"))
    reason: Mapped[str] = mapped_column(String(40))
    group_name: Mapped[str] = mapped_column(String(60), index=True)
    priority: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), index=True)  # open | taken_over | resolved
    ticket_number: Mapped[str] = mapped_column(String(10))
    summary: Mapped[str] = mapped_column(Text)
    packet: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sla_due: Mapped[datetime] = mapped_column(UTCDateTime())
    assigned_staff_id: Mapped[str | None] = mapped_column(String(7))


class SlaBreach(Base):
    __tablename__ = "sla_breaches"
    # One breach per entity per due time: re-running a sweep never double-counts.
    __table_args__ = (UniqueConstraint("entity_kind", "entity_ref", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity_kind: Mapped[str] = mapped_column(String(12))  # ticket | approval | escalation
    entity_ref: Mapped[str] = mapped_column(String(20))
    group_name: Mapped[str] = mapped_column(String(60))
    priority: Mapped[int | None] = mapped_column(Integer)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime())
    action: Mapped[str] = mapped_column(String(120))
