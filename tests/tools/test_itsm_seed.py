"""Seeding: deterministic, idempotent, and shaped like the directory the agent expects."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, select

from tools.db import make_engine, read_session
from tools.models import AccessGroup, Account, Employee, Software, Ticket
from tools.seed import seed_itsm

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def fingerprint(engine: Engine) -> str:
    digest = hashlib.sha256()
    with read_session(engine) as session:
        for model in (Employee, Account, Ticket):
            for row in session.scalars(select(model).order_by(*model.__table__.primary_key)):
                values = [getattr(row, c.key) for c in model.__table__.columns]
                digest.update(repr(values).encode())
    return digest.hexdigest()


def seeded(path: Path, seed: int, employees: int = 300) -> Engine:
    engine = make_engine(f"sqlite:///{path}")
    seed_itsm(engine, employees=employees, seed=seed, clock=lambda: T0)
    return engine


def test_same_seed_same_rows_other_seed_other_rows(tmp_path: Path) -> None:
    a, b, c = (seeded(tmp_path / n, s) for n, s in (("a.db", 7), ("b.db", 7), ("c.db", 8)))
    try:
        assert fingerprint(a) == fingerprint(b)
        assert fingerprint(a) != fingerprint(c)
    finally:
        for engine in (a, b, c):
            engine.dispose()


def test_second_run_reports_already_seeded(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        first = seed_itsm(engine, employees=300, seed=7, clock=lambda: T0)
        before = fingerprint(engine)
        second = seed_itsm(engine, employees=300, seed=7, clock=lambda: T0)
        assert not first.already_seeded and second.already_seeded
        assert second.employees == first.employees == 300
        assert fingerprint(engine) == before
    finally:
        engine.dispose()


def test_directory_shape(engine: Engine) -> None:
    with read_session(engine) as session:
        employees = list(session.scalars(select(Employee).order_by(Employee.id)))
        software = list(session.scalars(select(Software)))
        groups = list(session.scalars(select(AccessGroup)))
        tickets = list(session.scalars(select(Ticket)))
    ids = [e.id for e in employees]
    assert ids[0] == "E000001" and ids[-1] == "E002000" and len(set(ids)) == 2000
    assert all(re.fullmatch(r"[a-z]+\.[a-z]+\d*@northwind\.example", e.email) for e in employees)
    assert len({e.email for e in employees}) == 2000
    by_id = {e.id: e for e in employees}
    managers = Counter(e.manager_id for e in employees if e.manager_id)
    assert all(by_id[m].role in ("manager", "it_staff") for m in managers)
    assert all(e.role != "manager" or managers[e.id] > 0 for e in employees)
    staff = [e for e in employees if e.role == "it_staff"]
    assert staff and all(e.department == "Information Technology" and e.assignment_group
                         for e in staff)
    assert {e.status for e in employees} == {"active", "on_leave", "terminated"}
    assert any(e.vip for e in employees)
    assert len(software) == 40 and {s.approval for s in software} == {
        "auto", "manager", "restricted"}
    assert next(s for s in software if s.title == "Wireshark").approval == "restricted"
    assert len(groups) == 30 and {g.approval for g in groups} == {"auto", "manager", "owner"}
    assert all(by_id[g.owner_id].status == "active" for g in groups)
    numbers = [t.number for t in tickets]
    assert all(re.fullmatch(r"(INC|REQ)\d{7}", n) for n in numbers)
    assert len(set(numbers)) == len(numbers)
    assert all(t.priority == t.impact + t.urgency - 1 for t in tickets)
    assert all(t.resolution_code and t.resolution_note for t in tickets
               if t.state in ("resolved", "closed"))


def test_backends_seed_identical_rows(engine: Engine, sqlite_template: Path) -> None:
    # PostgreSQL seeds its big tables through COPY; the rows must match SQLite's exactly.
    reference = make_engine(f"sqlite:///{sqlite_template}")
    try:
        assert fingerprint(engine) == fingerprint(reference)
    finally:
        reference.dispose()
