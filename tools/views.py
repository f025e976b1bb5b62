"""Read-only views handed out of the ITSM; no ORM object ever leaves ``tools/``."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


class _View:
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: datetimes as ISO strings, tuples as lists."""
        result: dict[str, Any] = _jsonable(asdict(self))  # type: ignore[call-overload]
        return result


def priority_label(priority: int) -> str:
    return f"P{priority}"


@dataclass(frozen=True)
class EmployeeView(_View):
    id: str
    name: str
    email: str
    department: str
    location: str
    time_zone: str
    title: str
    manager_id: str | None
    vip: bool
    status: str
    role: str
    assignment_group: str | None
    account_locked: bool
    failed_attempts: int
    password_changed_at: datetime | None
    mfa_devices: int


@dataclass(frozen=True)
class SoftwareView(_View):
    id: int
    title: str
    vendor: str
    category: str
    approval: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class AccessGroupView(_View):
    id: int
    name: str
    kind: str
    description: str
    owner_id: str
    approval: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class CommentView(_View):
    author_kind: str
    author_id: str
    body: str
    work_note: bool
    created_at: datetime


@dataclass(frozen=True)
class TicketView(_View):
    number: str
    kind: str
    caller_id: str
    short_description: str
    description: str
    category: str
    assignment_group: str
    impact: int
    urgency: int
    priority: str
    state: str
    sla_due: datetime | None
    created_at: datetime
    updated_at: datetime
    resolved_at: datetime | None
    closed_at: datetime | None
    resolution_code: str | None
    resolution_note: str | None
    reopen_count: int
    comments: tuple[CommentView, ...]


@dataclass(frozen=True)
class ApprovalView(_View):
    id: int
    kind: str
    item_name: str
    employee_id: str
    requested_by: str
    status: str
    approver_kind: str
    approver_id: str | None
    requested_at: datetime
    due_at: datetime
    escalated_at: datetime | None
    decided_at: datetime | None
    decided_by: str | None
    decision_note: str | None
    ticket_number: str


@dataclass(frozen=True)
class EscalationView(_View):
    id: int
    thread_id: str
    employee_id: str
    reason: str
    group: str
    priority: str
    status: str
    ticket_number: str
    summary: str
    packet: dict[str, Any]
    created_at: datetime
    sla_due: datetime
    assigned_staff_id: str | None


@dataclass(frozen=True)
class AuditView(_View):
    id: int
    at: datetime
    actor_kind: str
    actor_id: str
    on_behalf_of: str | None
    action: str
    entity: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    thread_id: str | None


@dataclass(frozen=True)
class ServiceView(_View):
    name: str
    status: str
    outages: tuple[dict[str, Any], ...]
