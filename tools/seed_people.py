"""Synthetic directory rows (employees, accounts, MFA devices, assets) as plain dicts.

Everything derives from one ``random.Random(seed)`` consumed in a fixed order, so the same
(count, seed, clock reading) always yields the same rows.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from tools import people_data as pd

SPAN = 7  # direct reports per manager


@dataclass
class People:
    employees: list[dict[str, Any]] = field(default_factory=list)
    accounts: list[dict[str, Any]] = field(default_factory=list)
    devices: list[dict[str, Any]] = field(default_factory=list)
    assets: list[dict[str, Any]] = field(default_factory=list)


def employee_id(n: int) -> str:
    return f"E{n:06d}"


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def _departments(count: int, rng: random.Random) -> list[str]:
    names = [d[0] for d in pd.DEPARTMENTS]
    weights = [d[1] for d in pd.DEPARTMENTS]
    out = [pd.EXECUTIVE_DEPARTMENT]
    for n in range(2, count + 1):
        out.append(pd.IT_DEPARTMENT if n % pd.IT_EVERY == 2 else rng.choices(names, weights)[0])
    return out


def build_people(count: int, seed: int, now: datetime, it_groups: tuple[str, ...]) -> People:
    if count < 50:
        raise ValueError("the directory needs at least 50 employees to form a hierarchy")
    rng = random.Random(seed)
    depts = _departments(count, rng)
    titles: dict[str, tuple[str, ...]] = {d[0]: d[2] for d in pd.DEPARTMENTS}
    titles[pd.IT_DEPARTMENT] = pd.IT_TITLES
    members: dict[str, list[int]] = {}
    for index, dept in enumerate(depts):
        if index:
            members.setdefault(dept, []).append(index)
    manager_of: dict[int, int | None] = {0: None}
    level: dict[int, int] = {0: 0}
    for dept_members in members.values():
        for pos, index in enumerate(dept_members):
            boss = 0 if pos == 0 else dept_members[(pos - 1) // SPAN]
            manager_of[index] = boss
            level[index] = level[boss] + 1
    has_reports = {m for m in manager_of.values() if m is not None}
    people = People()
    emails: dict[str, int] = {}
    it_seen = 0
    for index, dept in enumerate(depts):
        eid = employee_id(index + 1)
        first, last = rng.choice(pd.FIRST_NAMES), rng.choice(pd.LAST_NAMES)
        local = f"{_ascii(first)}.{_ascii(last)}"
        emails[local] = emails.get(local, 0) + 1
        if emails[local] > 1:
            local = f"{local}{emails[local]}"
        loc, tz, prefix = rng.choices(pd.LOCATIONS, pd.LOCATION_WEIGHTS)[0]
        status_draw = rng.random()
        status = "terminated" if status_draw < 0.02 else "on_leave" if status_draw < 0.05 else (
            "active")
        depth, manager_index = level[index], manager_of[index]
        role, group = ("manager" if index in has_reports else "employee"), None
        if dept == pd.IT_DEPARTMENT and depth > 1:
            role, group = "it_staff", it_groups[it_seen % len(it_groups)]
            it_seen += 1
        if index == 0:
            status, title = "active", "Chief Executive Officer"
        elif depth == 1:
            title = f"Vice President, {dept}"
        elif index in has_reports and role != "it_staff":
            title = f"{'Director' if depth == 2 else 'Manager'}, {dept}"
        else:
            title = rng.choice(titles[dept])
        people.employees.append({
            "id": eid, "first_name": first, "last_name": last,
            "email": f"{local}@northwind.example", "phone": f"{prefix} {rng.randrange(10000):04d}",
            "department": dept, "location": loc, "time_zone": tz, "title": title,
            "manager_id": None if manager_index is None else employee_id(manager_index + 1),
            "vip": depth <= 2 or rng.random() < 0.005, "status": status, "role": role,
            "assignment_group": group,
        })
        _account(people, rng, eid, local, now)
        _devices_and_assets(people, rng, eid, now, index)
    return people


def _account(people: People, rng: random.Random, eid: str, local: str, now: datetime) -> None:
    locked = rng.random() < 0.02
    people.accounts.append({
        "employee_id": eid, "username": local, "locked": locked,
        "failed_attempts": 5 if locked else rng.randrange(3),
        "locked_at": now - timedelta(minutes=rng.randrange(5, 600)) if locked else None,
        "password_changed_at": now - timedelta(days=rng.randrange(1, 120)),
        "reset_token_sha256": None, "reset_token_expires_at": None,
        "mfa_enrollment_pending": False,
    })


def _devices_and_assets(
    people: People, rng: random.Random, eid: str, now: datetime, index: int
) -> None:
    draw = rng.random()
    for _ in range(0 if draw < 0.03 else 2 if draw > 0.83 else 1):
        kind, label = rng.choice(pd.MFA_DEVICES)
        people.devices.append({
            "employee_id": eid, "kind": kind, "label": label, "active": True,
            "enrolled_at": now - timedelta(days=rng.randrange(10, 900)), "revoked_at": None,
        })
    issued = now - timedelta(days=rng.randrange(30, 1400))
    kit: list[tuple[str, str, tuple[str, ...]]] = [("laptop", "LT", pd.LAPTOPS)]
    if rng.random() < 0.6:
        kit.append(("monitor", "MN", pd.MONITORS))
    if rng.random() < 0.25:
        kit.append(("phone", "PH", pd.PHONES))
    for kind, code, models in kit:
        people.assets.append({
            "serial": f"NW-{code}-{index + 1:06d}", "kind": kind, "model": rng.choice(models),
            "employee_id": eid, "assigned_at": issued, "status": "in_use",
        })
