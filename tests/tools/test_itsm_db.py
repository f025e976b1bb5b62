"""Engine setup and the typed datetime column."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text

from tools.context import Actor, ToolScope
from tools.db import create_schema, make_engine


def test_sqlite_pragmas(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 10_000
    finally:
        engine.dispose()


def _audit_indexes(engine: Engine) -> set[str]:
    return {str(ix["name"]) for ix in inspect(engine).get_indexes("audit_log")}


def test_an_index_added_later_reaches_an_existing_database(engine: Engine) -> None:
    """A data dir created before the audit log's thread index existed gets it on the next start
    (create_all alone never adds an index to an existing table), and nothing stored is lost."""
    with engine.begin() as conn:
        rows = conn.execute(text("SELECT count(*) FROM audit_log")).scalar()
        conn.execute(text("DROP INDEX ix_audit_log_thread_id"))
    assert "ix_audit_log_thread_id" not in _audit_indexes(engine)
    create_schema(engine)
    create_schema(engine)  # and again: it is safe to call on every start
    assert "ix_audit_log_thread_id" in _audit_indexes(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar() == rows


def test_unsupported_url_is_named() -> None:
    with pytest.raises(ValueError, match="mysql"):
        make_engine("mysql://x@y/z")


def test_naive_datetimes_are_refused(itsm: object) -> None:
    from tools.service import ITSM
    assert isinstance(itsm, ITSM)
    itsm.clock.now = datetime(2025, 1, 1)  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="naive"):
        itsm.call("get_my_tickets", Actor("agent", itsm.pick_employee(0)), {})


def test_scope_and_actor_validation() -> None:
    with pytest.raises(ValueError, match="unknown tools"):
        ToolScope(allowed_tools=frozenset({"format_disk"}))
    with pytest.raises(ValueError):
        Actor("root", "E000001")  # type: ignore[arg-type]
