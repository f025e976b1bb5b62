"""Fixtures for the ITSM tests: a seeded template database copied per test, on SQLite always
and on PostgreSQL when a server answers at ZERODESK_TEST_PG_URL (default: local ``test``)."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text, update
from sqlalchemy.exc import OperationalError

from tools.context import ToolScope
from tools.db import Base, create_schema, make_engine, read_session, write_session
from tools.faults import FaultInjector
from tools.models import Employee
from tools.seed import seed_itsm
from tools.service import ITSM

SEED_EMPLOYEES = 2000
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
PG_URL = os.environ.get(
    "ZERODESK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@dataclass
class MutableClock:
    now: datetime = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class SleepRecorder:
    calls: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


# --- templates --------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "itsm.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        seed_itsm(engine, employees=SEED_EMPLOYEES, seed=7, clock=lambda: T0)
    finally:
        engine.dispose()
    return path


def _copy_sqlite(template: Path, target: Path) -> None:
    # The backup API copies a consistent snapshot, WAL content included.
    with sqlite3.connect(template) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _pg_admin() -> Engine:
    return make_engine(PG_URL, isolation_level="AUTOCOMMIT")


def _pg_url(schema: str) -> str:
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    admin = _pg_admin()
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        admin.dispose()
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {exc.orig}")
    schema = f"zd_tpl_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine = make_engine(_pg_url(schema))
    try:
        seed_itsm(engine, employees=SEED_EMPLOYEES, seed=7, clock=lambda: T0)
        yield schema
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        admin.dispose()


def _copy_pg(template: str, schema: str) -> Engine:
    admin = _pg_admin()
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    finally:
        admin.dispose()
    engine = make_engine(_pg_url(schema))
    create_schema(engine)
    with engine.begin() as conn:
        for table in Base.metadata.sorted_tables:
            conn.execute(text(f"INSERT INTO {schema}.{table.name} "
                              f"SELECT * FROM {template}.{table.name}"))
            if "id" in table.c and table.c.id.autoincrement is True:
                conn.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{schema}.{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {schema}.{table.name}), 0) + 1, false)"))
    return engine


def _drop_pg(schema: str) -> None:
    admin = _pg_admin()
    try:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    finally:
        admin.dispose()


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@contextmanager
def _seeded_copy(backend: str, request: pytest.FixtureRequest, folder: Path) -> Iterator[Engine]:
    if backend == "sqlite":
        target = folder / "itsm.db"
        _copy_sqlite(request.getfixturevalue("sqlite_template"), target)
        eng = make_engine(f"sqlite:///{target}")
        try:
            yield eng
        finally:
            eng.dispose()
        return
    template = request.getfixturevalue("pg_template")
    schema = f"zd_t_{uuid.uuid4().hex[:10]}"
    eng = _copy_pg(template, schema)
    try:
        yield eng
    finally:
        eng.dispose()
        _drop_pg(schema)


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A freshly copied, seeded ITSM database for one test."""
    with _seeded_copy(request.param, request, tmp_path) as eng:
        yield eng


@pytest.fixture(scope="module", params=BACKENDS)
def module_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """One seeded copy shared by a module's tests (for large tables of read-mostly cases)."""
    with _seeded_copy(request.param, request, tmp_path_factory.mktemp("module")) as eng:
        yield eng


@pytest.fixture
def clock() -> MutableClock:
    return MutableClock()


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


@pytest.fixture
def faults(sleeps: SleepRecorder) -> FaultInjector:
    return FaultInjector(seed=11, sleep=sleeps)


@pytest.fixture
def itsm(engine: Engine, clock: MutableClock, faults: FaultInjector) -> ITSM:
    return ITSM(engine, ToolScope(), clock, faults)


# --- finding people in the seeded directory ----------------------------------------------------
class People:
    """Picks seeded employees by role/status and can change a status for a test."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._used: set[str] = set()

    def take(self, role: str, status: str = "active", *, with_manager: bool = False) -> str:
        """An employee of ``role`` not handed out before in this test, set to ``status``."""
        with read_session(self.engine) as session:
            query = select(Employee).where(Employee.role == role).order_by(Employee.id)
            for emp in session.scalars(query):
                manager = session.get(Employee, emp.manager_id) if emp.manager_id else None
                if emp.id in self._used or emp.vip or (
                    with_manager and (manager is None or manager.status != "active")
                ):
                    continue
                if emp.status != "active" and status == "active":
                    continue
                chosen = emp.id
                self._used.add(chosen)
                break
            else:
                raise LookupError(f"no unused {role} left in the seeded directory")
        self.set_status(chosen, status)
        return chosen

    def set_status(self, employee_id: str, status: str) -> None:
        with write_session(self.engine) as session:
            session.execute(update(Employee).where(Employee.id == employee_id)
                            .values(status=status))

    def manager_of(self, employee_id: str) -> str:
        with read_session(self.engine) as session:
            emp = session.get(Employee, employee_id)
            assert emp is not None and emp.manager_id is not None
            return emp.manager_id


@pytest.fixture
def people(engine: Engine) -> People:
    return People(engine)


@pytest.fixture(scope="module")
def module_people(module_engine: Engine) -> People:
    return People(module_engine)
