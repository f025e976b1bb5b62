"""Who files tickets: the seeded directory, read from the ITSM or rebuilt by the seed's rules.

The seed is deterministic (``tools.seed_people.build_people`` for a count and seed), so without
a database the generator rebuilds exactly the rows ``zerodesk seed`` writes and draws callers
from them: active employees and managers, never IT staff (they use the console, not the widget),
never the CEO, and never anyone on leave or terminated (their tools are read-only or closed).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, select

from tools import catalogue_data as cd
from tools.models import AccessGroup, Employee
from tools.seed_people import build_people
from tools.sla_policy import default_policy

# The seed's clock only moves timestamps; ids, roles, statuses and sites do not depend on it.
_ANY_TIME = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Caller:
    id: str
    time_zone: str
    vip: bool
    manager_id: str | None


@dataclass(frozen=True)
class Directory:
    callers: tuple[Caller, ...]
    group_owners: dict[str, str]  # access group name -> owner employee id
    staff: tuple[str, ...]  # active IT staff ids (the human side of the replay)


def _eligible(row: dict[str, object]) -> bool:
    return (row["status"] == "active" and row["role"] in ("employee", "manager")
            and row["id"] != "E000001")


def from_seed_rules(employees: int, seed: int = 7) -> Directory:
    """Rebuild the directory ``seed_itsm(employees=..., seed=...)`` creates."""
    people = build_people(employees, seed, _ANY_TIME, default_policy().it_groups)
    rows = people.employees
    callers = tuple(Caller(str(r["id"]), str(r["time_zone"]), bool(r["vip"]),
                           r["manager_id"] if isinstance(r["manager_id"], str) else None)
                    for r in rows if _eligible(r))
    # tools.seed draws group owners first from random.Random(seed + 1); mirror that draw.
    active_managers = [r["id"] for r in rows if r["role"] == "manager" and r["status"] == "active"]
    rng = random.Random(seed + 1)
    owners = {g[0]: str(rng.choice(active_managers)) for g in cd.ACCESS_GROUPS}
    staff = tuple(str(r["id"]) for r in rows
                  if r["role"] == "it_staff" and r["status"] == "active")
    return Directory(callers, owners, staff)


def from_database(engine: Engine) -> Directory:
    """The directory as stored in an ITSM database (``zerodesk seed`` output)."""
    with engine.connect() as conn:
        rows = conn.execute(select(Employee.id, Employee.time_zone, Employee.vip,
                                   Employee.manager_id, Employee.status, Employee.role)
                            .order_by(Employee.id)).all()
        owners = dict(conn.execute(select(AccessGroup.name, AccessGroup.owner_id)).all())
    callers = tuple(Caller(r.id, r.time_zone, bool(r.vip), r.manager_id) for r in rows
                    if _eligible({"id": r.id, "status": r.status, "role": r.role}))
    staff = tuple(r.id for r in rows if r.role == "it_staff" and r.status == "active")
    return Directory(callers, {str(k): str(v) for k, v in owners.items()}, staff)
