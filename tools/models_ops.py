"""Operational tables: the audit log, the effect ledger and the seed marker."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from tools.db import Base, UTCDateTime


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    actor_kind: Mapped[str] = mapped_column(String(10))
    actor_id: Mapped[str] = mapped_column(String(40))
    on_behalf_of: Mapped[str | None] = mapped_column(String(7))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40), index=True)  # "ticket:INC0012345"
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Staff read a conversation's audit trail by thread, and so does the month scorer for every
    # ticket: without an index each read scans the whole (only ever growing) log.
    thread_id: Mapped[str | None] = mapped_column(String(200), index=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(128))


class LedgerEntry(Base):
    """First result of every mutating call, committed in the same transaction as its effect."""

    __tablename__ = "effect_ledger"

    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    tool: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(60))
    args_sha256: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SeedMarker(Base):
    __tablename__ = "seed_marker"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seed: Mapped[int] = mapped_column(Integer)
    employees: Mapped[int] = mapped_column(Integer)
    seeded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    report: Mapped[dict[str, Any]] = mapped_column(JSON)
