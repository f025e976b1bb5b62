"""``seed_itsm``: build the whole mock ITSM, deterministically and only once."""

from __future__ import annotations

import random
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from tools import catalogue_data as cd
from tools.clock import Clock, now_from, system_clock
from tools.db import create_schema, write_session
from tools.models import (
    AccessGrant,
    AccessGroup,
    Account,
    Approval,
    Asset,
    AuditEntry,
    Counter,
    Employee,
    MfaDevice,
    Outage,
    SeedMarker,
    Service,
    Software,
    Ticket,
)
from tools.seed_people import People, build_people
from tools.seed_tickets import build_tickets
from tools.sla_policy import SlaPolicy, default_policy

TICKETS_PER_EMPLOYEE = 1 / 8
# Only tables without JSON columns reach this size, so COPY's type adaptation is safe.
COPY_THRESHOLD = 1000


@dataclass(frozen=True)
class SeedReport:
    employees: int
    accounts: int
    mfa_devices: int
    assets: int
    software: int
    access_groups: int
    services: int
    tickets: int
    approvals: int
    seed: int
    already_seeded: bool
    seconds: float


def seed_itsm(
    engine: Engine,
    *,
    employees: int = 76_000,
    seed: int = 7,
    clock: Clock = system_clock,
    sla: SlaPolicy | None = None,
) -> SeedReport:
    """Create the schema and fill it. Rows depend only on (employees, seed, clock()); a second
    call finds the marker and reports ``already_seeded`` without touching anything."""
    started = time.perf_counter()
    sla = sla or default_policy()
    create_schema(engine)
    with write_session(engine) as session:
        marker = session.get(SeedMarker, 1)
        if marker is not None:
            stored = dict(marker.report, already_seeded=True, seconds=0.0)
            return SeedReport(**stored)
        now = now_from(clock)
        people = build_people(employees, seed, now, sla.it_groups)
        counts = _insert_all(session, people, random.Random(seed + 1), now, sla)
        report = SeedReport(**counts, seed=seed, already_seeded=False,
                            seconds=round(time.perf_counter() - started, 3))
        session.add(SeedMarker(id=1, seed=seed, employees=employees, seeded_at=now,
                               report=asdict(report)))
        session.add(AuditEntry(at=now, actor_kind="system", actor_id="seed", action="seed",
                               entity="itsm", before=None, after=asdict(report)))
    return report


def _bulk(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    # Core executemany, not the ORM bulk path (which re-groups rows and is several times
    # slower); on PostgreSQL the big tables go through COPY, another 2-3x faster.
    if not rows:
        return
    conn = session.connection()
    table = model.__table__
    if conn.dialect.name == "postgresql" and len(rows) >= COPY_THRESHOLD:
        columns = list(rows[0])
        driver = conn.connection.driver_connection
        if driver is None:
            raise RuntimeError("the pooled PostgreSQL connection has no driver connection")
        statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(tuple(row[c] for c in columns))
        return
    conn.execute(insert(table), rows)


def _insert_all(
    session: Session, people: People, rng: random.Random, now: datetime, sla: SlaPolicy
) -> dict[str, int]:
    _bulk(session, Employee, people.employees)
    _bulk(session, Account, people.accounts)
    _bulk(session, MfaDevice, people.devices)
    _bulk(session, Asset, people.assets)
    _bulk(session, Software, [
        {"title": t, "vendor": v, "category": c, "approval": a, "aliases": list(al)}
        for t, v, c, a, al in cd.SOFTWARE])
    active_managers = [e["id"] for e in people.employees
                       if e["role"] == "manager" and e["status"] == "active"]
    owners = [rng.choice(active_managers) for _ in cd.ACCESS_GROUPS]
    _bulk(session, AccessGroup, [
        {"name": n, "kind": k, "approval": a, "description": d, "aliases": list(al),
         "owner_id": owner}
        for (n, k, a, d, al), owner in zip(cd.ACCESS_GROUPS, owners, strict=True)])
    group_ids = {n: i for n, i in session.execute(select(AccessGroup.name, AccessGroup.id))}
    _bulk(session, AccessGrant, [
        {"group_id": group_ids[g[0]], "employee_id": owner, "granted_at": now,
         "approval_id": None}
        for g, owner in zip(cd.ACCESS_GROUPS, owners, strict=True)])
    callers = [e["id"] for e in people.employees]
    tickets, next_value = build_tickets(int(len(callers) * TICKETS_PER_EMPLOYEE), callers, rng,
                                        now, sla)
    _bulk(session, Ticket, tickets)
    staff = [e for e in people.employees if e["role"] == "it_staff" and e["status"] == "active"]
    major = _seed_outage(session, staff, now, next_value, sla)
    approvals = _seed_approvals(session, people, rng, now, next_value, sla)
    _bulk(session, Counter, [{"name": p, "value": v - 1} for p, v in next_value.items()])
    return {
        "employees": len(people.employees), "accounts": len(people.accounts),
        "mfa_devices": len(people.devices), "assets": len(people.assets),
        "software": len(cd.SOFTWARE), "access_groups": len(cd.ACCESS_GROUPS),
        "services": len(cd.SERVICES), "tickets": len(tickets) + major + approvals,
        "approvals": approvals,
    }


def _ticket_row(number: str, kind: str, caller: str, text: str, category: str, group: str,
                impact: int, urgency: int, now: datetime, sla: SlaPolicy) -> dict[str, Any]:
    priority = impact + urgency - 1
    return {
        "number": number, "kind": kind, "caller_id": caller, "opened_by": "system:seed",
        "short_description": text, "description": text, "category": category,
        "assignment_group": group, "impact": impact, "urgency": urgency, "priority": priority,
        "state": "new", "sla_due": sla.resolution_due(group, priority, now), "created_at": now,
        "updated_at": now, "resolved_at": None, "closed_at": None, "resolution_code": None,
        "resolution_note": None, "reopen_count": 0,
    }


def _take(next_value: dict[str, int], prefix: str) -> str:
    number = f"{prefix}{next_value[prefix]:07d}"
    next_value[prefix] += 1
    return number


def _seed_outage(session: Session, staff: list[dict[str, Any]], now: datetime,
                 next_value: dict[str, int], sla: SlaPolicy) -> int:
    name, status, text = cd.SEEDED_OUTAGE
    started = now - timedelta(minutes=40)
    number = _take(next_value, "INC")
    _bulk(session, Ticket, [_ticket_row(number, "incident", staff[0]["id"], text, "network",
                                        sla.group_for_category("network"), 1, 2, started, sla)])
    _bulk(session, Service, [
        {"name": n, "aliases": list(al), "status": status if n == name else "operational",
         "updated_at": now} for n, al in cd.SERVICES])
    service_id = session.scalars(select(Service.id).where(Service.name == name)).one()
    _bulk(session, Outage, [{"service_id": service_id, "started_at": started, "ended_at": None,
                             "description": text, "major_incident": number}])
    return 1


def _seed_approvals(session: Session, people: People, rng: random.Random, now: datetime,
                    next_value: dict[str, int], sla: SlaPolicy) -> int:
    """A few requests already waiting on managers, so the console has something to show."""
    titles = [t for t in cd.SOFTWARE if t[3] == "manager"]
    software_ids = {t: i for t, i in session.execute(select(Software.title, Software.id))}
    active = {e["id"] for e in people.employees if e["status"] == "active"}
    candidates = [e for e in people.employees if e["status"] == "active"
                  and e["role"] == "employee" and e["manager_id"] in active]
    count = max(3, len(people.employees) // 1000)
    for employee in rng.sample(candidates, count):
        title = rng.choice(titles)[0]
        number = _take(next_value, "REQ")
        group = sla.group_for_category("software")
        _bulk(session, Ticket, [_ticket_row(number, "request", employee["id"],
                                            f"Request software: {title}", "software", group,
                                            3, 2, now, sla) | {"state": "on_hold"}])
        ticket_id = session.scalars(select(Ticket.id).where(Ticket.number == number)).one()
        _bulk(session, Approval, [{
            "kind": "software", "item_id": software_ids[title], "item_name": title,
            "employee_id": employee["id"], "requested_by": employee["id"], "status": "pending",
            "approver_kind": "manager", "approver_id": employee["manager_id"],
            "requested_at": now, "due_at": now + timedelta(hours=sla.approval_hours),
            "escalated_at": None, "decided_at": None, "decided_by": None,
            "decision_note": None, "ticket_id": ticket_id, "ticket_number": number}])
    return count
