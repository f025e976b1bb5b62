"""Read-only lookups for the graph: employees, the catalogue, access groups."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tools.errors import NotFound
from tools.models import AccessGroup, Account, Employee, MfaDevice, Software
from tools.views import AccessGroupView, EmployeeView, SoftwareView


def employee_view(session: Session, employee_id: str) -> EmployeeView | None:
    # One round trip: every turn of a new conversation reads its caller, and three ORM
    # lookups cost more than the rest of the directory work together.
    devices = (select(func.count(MfaDevice.id))
               .where(MfaDevice.employee_id == Employee.id, MfaDevice.active)
               .correlate(Employee).scalar_subquery())
    row = session.execute(
        select(Employee, Account, devices)
        .outerjoin(Account, Account.employee_id == Employee.id)
        .where(Employee.id == employee_id)
    ).first()
    if row is None:
        return None
    emp, account, count = row
    return EmployeeView(
        id=emp.id, name=f"{emp.first_name} {emp.last_name}", email=emp.email,
        department=emp.department, location=emp.location, time_zone=emp.time_zone,
        title=emp.title, manager_id=emp.manager_id, vip=emp.vip, status=emp.status,
        role=emp.role, assignment_group=emp.assignment_group,
        account_locked=bool(account and account.locked),
        failed_attempts=account.failed_attempts if account else 0,
        password_changed_at=account.password_changed_at if account else None,
        mfa_devices=int(count or 0),
    )


def pick_employee(session: Session, seed: int) -> str:
    """A deterministic ordinary employee: active, role employee, not a VIP."""
    ordinary = select(Employee.id).where(
        Employee.status == "active", Employee.role == "employee", Employee.vip.is_(False)
    )
    count = session.scalar(select(func.count()).select_from(ordinary.subquery())) or 0
    if count == 0:
        raise NotFound("the directory has no ordinary active employee (is the ITSM seeded?)")
    # Knuth's multiplicative hash spreads consecutive seeds across the directory.
    offset = (seed * 2654435761) % count
    return str(session.scalars(ordinary.order_by(Employee.id).offset(offset).limit(1)).one())


def catalogue(session: Session) -> list[SoftwareView]:
    return [
        SoftwareView(s.id, s.title, s.vendor, s.category, s.approval, tuple(s.aliases))
        for s in session.scalars(select(Software).order_by(Software.title))
    ]


def access_groups(session: Session) -> list[AccessGroupView]:
    return [
        AccessGroupView(g.id, g.name, g.kind, g.description, g.owner_id, g.approval,
                        tuple(g.aliases))
        for g in session.scalars(select(AccessGroup).order_by(AccessGroup.name))
    ]
