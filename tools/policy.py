"""Who may do what. Every check raises ``NotAllowed`` with a reason staff can act on.

The rules (the permission-matrix tests restate them independently):

* A tool outside the role card's ``allowed_tools`` is denied for everyone.
* ``system`` actors never use the self-service tools.
* ``staff`` is a claim: the employee behind it must be in IT with role ``it_staff``.
  An ``agent`` acting for an IT staff member is still the self-service agent, so it acts only on
  that person's own account and tickets; staff use the console to act for others.
* Terminated employees get nothing, not even reads. Employees on leave keep the read-only
  tools (their tickets, service status) and cannot change anything; the desk handles their
  account by hand.
* Only verified staff act on another employee's account, requests or tickets; nobody acts on a
  terminated employee's account.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from tools.context import WRITE_TOOLS, Actor, ToolScope
from tools.errors import NotAllowed, NotFound
from tools.models import Employee, Ticket


@dataclass(frozen=True)
class Principal:
    actor: Actor
    employee: Employee
    is_staff: bool

    @property
    def employee_id(self) -> str:
        return self.employee.id


def check_scope(scope: ToolScope, tool: str) -> None:
    if tool not in scope.allowed_tools:
        raise NotAllowed(f"the role card does not allow the tool '{tool}'", "not_in_scope")


def resolve_principal(session: Session, actor: Actor) -> Principal:
    if actor.kind == "system":
        raise NotAllowed("system actors do not use the self-service tools", "system_actor")
    employee = session.get(Employee, actor.employee_id)
    if employee is None:
        raise NotAllowed(f"{actor.employee_id} is not in the employee directory", "unknown_actor")
    is_staff = actor.kind == "staff" and employee.role == "it_staff"
    if actor.kind == "staff" and not is_staff:
        raise NotAllowed(f"{employee.id} acted as staff but is not IT staff", "not_staff")
    return Principal(actor, employee, is_staff)


def check_staff(session: Session, actor: Actor, what: str) -> str:
    """For console operations: a verified, active IT staff member (or the system itself)."""
    if actor.kind == "system":
        return "system"
    employee = session.get(Employee, actor.employee_id) if actor.kind == "staff" else None
    if employee is None or employee.role != "it_staff":
        raise NotAllowed(
            f"{actor.employee_id} ({actor.kind}) is not IT staff; {what} is staff-only"
        )
    if employee.status != "active":
        raise NotAllowed(f"{employee.id} is {employee.status}; staff actions need active staff")
    return employee.id


def check_actor_status(principal: Principal, tool: str) -> None:
    emp = principal.employee
    if emp.status == "terminated":
        raise NotAllowed(f"{emp.id} is terminated; no actions are allowed", "terminated")
    if emp.status == "on_leave" and tool in WRITE_TOOLS:
        raise NotAllowed(f"{emp.id} is on leave; only read-only tools are available", "on_leave")


def resolve_target(
    session: Session, principal: Principal, for_employee: str | None, *, mutating: bool
) -> Employee:
    target_id = for_employee or principal.employee_id
    if target_id != principal.employee_id and not principal.is_staff:
        raise NotAllowed(
            f"{principal.employee_id} may act only on their own account and requests, "
            "not on another employee's",
            "other_person_data",
        )
    if target_id == principal.employee_id:
        return principal.employee
    target = session.get(Employee, target_id)
    if target is None:
        raise NotFound(f"{target_id} is not in the employee directory")
    if mutating and target.status == "terminated":
        raise NotAllowed(f"{target.id} is terminated; no account actions are allowed",
                         "target_terminated")
    return target


def check_ticket_access(principal: Principal, ticket: Ticket) -> None:
    if ticket.caller_id != principal.employee_id and not principal.is_staff:
        raise NotAllowed(f"{ticket.number} is not {principal.employee_id}'s ticket",
                         "other_person_data")


def priority_for(impact: int, urgency: int) -> int:
    """ITIL matrix: impact and urgency 1 (high) .. 3 (low) give P1 .. P5."""
    if impact not in (1, 2, 3) or urgency not in (1, 2, 3):
        raise ValueError(f"impact and urgency must be 1..3, got {impact} and {urgency}")
    return impact + urgency - 1


def self_service_urgency(principal: Principal, impact: int, urgency: int) -> int:
    """P1 declares a major incident; only staff may do that, so self-service caps at P2."""
    if principal.is_staff or priority_for(impact, urgency) > 1:
        return urgency
    return 2


@dataclass(frozen=True)
class Route:
    approver_kind: str  # manager | owner | staff
    approver_id: str | None


def approval_route(
    session: Session, rule: str, beneficiary: Employee, owner_id: str | None = None
) -> Route | None:
    """Where a request goes: ``None`` for auto-approval, else the approver.

    A missing or inactive approver, or one who would approve their own request, routes to
    staff: nobody approves for themselves and no request waits on someone who cannot answer.
    """
    if rule == "auto":
        return None
    if rule == "restricted":
        return Route("staff", None)
    if rule == "manager":
        kind, approver_id = "manager", beneficiary.manager_id
    elif rule == "owner":
        kind, approver_id = "owner", owner_id
    else:
        raise ValueError(f"unknown approval rule {rule!r}")
    approver = session.get(Employee, approver_id) if approver_id else None
    if approver is None or approver.status != "active" or approver.id == beneficiary.id:
        return Route("staff", None)
    return Route(kind, approver.id)
