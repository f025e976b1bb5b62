"""The app's own records beside the ITSM: conversations, redacted transcripts, turn traces."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
    select,
    update,
)

metadata = MetaData()

conversations = Table(
    "zd_conversations", metadata,
    Column("thread_id", String(64), primary_key=True),
    Column("employee_id", String(16), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("held_by", String(16), nullable=True),  # staff id while a human has taken over
    Column("last_outcome", String(32), nullable=True),
)
messages = Table(
    "zd_messages", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("thread_id", String(64), nullable=False, index=True),
    Column("role", String(16), nullable=False),  # employee | agent | staff | system
    Column("author", String(16), nullable=True),
    Column("text", Text, nullable=False),  # redacted
    Column("meta", JSON, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
approval_threads = Table(
    "zd_approval_threads", metadata,
    Column("approval_id", Integer, primary_key=True),
    Column("thread_id", String(64), nullable=False),
)
traces = Table(
    "zd_traces", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("thread_id", String(64), nullable=False, index=True),
    Column("turn", Integer, nullable=False),
    Column("outcome", String(32), nullable=False),
    Column("data", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


class ConversationStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        # Writes take the write lock up front (BEGIN IMMEDIATE on SQLite): a read-then-write
        # transaction upgraded later fails at once with "database is locked" under concurrency.
        self._writer = engine.execution_options(zerodesk_write=True)
        metadata.create_all(engine)

    def owner(self, thread_id: str) -> str | None:
        with self._engine.connect() as conn:
            row = conn.execute(
                select(conversations.c.employee_id).where(conversations.c.thread_id == thread_id)
            ).first()
        return None if row is None else str(row[0])

    def conversation(self, thread_id: str) -> dict[str, Any] | None:
        with self._engine.connect() as conn:
            row = conn.execute(
                select(conversations).where(conversations.c.thread_id == thread_id)
            ).mappings().first()
        return None if row is None else dict(row)

    def held_by(self, thread_id: str) -> str | None:
        conv = self.conversation(thread_id)
        return None if conv is None else conv["held_by"]

    def set_holder(self, thread_id: str, staff_id: str | None, at: datetime) -> None:
        with self._writer.begin() as conn:
            conn.execute(update(conversations).where(conversations.c.thread_id == thread_id)
                         .values(held_by=staff_id, updated_at=at))

    def add_message(self, thread_id: str, role: str, text: str, at: datetime, *,
                    author: str | None = None, meta: dict[str, Any] | None = None) -> int:
        with self._writer.begin() as conn:
            result = conn.execute(insert(messages).values(
                thread_id=thread_id, role=role, author=author, text=text, meta=meta,
                created_at=at))
            conn.execute(update(conversations).where(conversations.c.thread_id == thread_id)
                         .values(updated_at=at))
            return int(result.inserted_primary_key[0])  # type: ignore[index]

    def take_message(self, thread_id: str, employee_id: str, text: str,
                     at: datetime) -> str | None:
        """One transaction for an employee's message: open the conversation if it is new,
        store the (redacted) text, and return who holds the thread now (None: the bot)."""
        with self._writer.begin() as conn:
            row = conn.execute(select(conversations.c.held_by)
                               .where(conversations.c.thread_id == thread_id)).first()
            if row is None:
                conn.execute(insert(conversations).values(
                    thread_id=thread_id, employee_id=employee_id, created_at=at, updated_at=at))
            else:
                conn.execute(update(conversations).where(conversations.c.thread_id == thread_id)
                             .values(updated_at=at))
            conn.execute(insert(messages).values(thread_id=thread_id, role="employee",
                                                 author=employee_id, text=text, created_at=at))
        return None if row is None or row[0] is None else str(row[0])

    def record_turn(self, thread_id: str, turn: int, outcome: str, reply: str,
                    reply_meta: dict[str, Any], trace: dict[str, Any], approvals: list[int],
                    at: datetime) -> None:
        """One transaction for what a turn leaves behind: the agent's reply, the trace and the
        approvals the turn opened (so a staff decision finds its way back to the thread)."""
        with self._writer.begin() as conn:
            for approval_id in approvals:
                known = conn.execute(select(approval_threads.c.thread_id)
                                     .where(approval_threads.c.approval_id == approval_id)).first()
                if known is None:
                    conn.execute(insert(approval_threads).values(approval_id=approval_id,
                                                                 thread_id=thread_id))
            if reply:
                conn.execute(insert(messages).values(
                    thread_id=thread_id, role="agent", author=None, text=reply, meta=reply_meta,
                    created_at=at))
            conn.execute(insert(traces).values(
                thread_id=thread_id, turn=turn, outcome=outcome,
                data=json.loads(json.dumps(trace, default=str)), created_at=at))
            conn.execute(update(conversations).where(conversations.c.thread_id == thread_id)
                         .values(last_outcome=outcome, updated_at=at))

    def recent_agent_texts(self, thread_id: str, last: int = 2) -> list[str]:
        """The agent's messages among the thread's last ``last`` messages, oldest first."""
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(messages.c.role, messages.c.text).where(messages.c.thread_id == thread_id)
                .order_by(messages.c.id.desc()).limit(last)
            ).all()
        return [str(r.text) for r in reversed(rows) if r.role == "agent"]

    def transcript(self, thread_id: str, after_id: int = 0) -> list[dict[str, Any]]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(messages).where(messages.c.thread_id == thread_id, messages.c.id > after_id)
                .order_by(messages.c.id)
            ).mappings().all()
        return [dict(r) for r in rows]

    def add_trace(self, thread_id: str, turn: int, outcome: str, data: dict[str, Any],
                  at: datetime) -> None:
        with self._writer.begin() as conn:
            conn.execute(insert(traces).values(
                thread_id=thread_id, turn=turn, outcome=outcome,
                data=json.loads(json.dumps(data, default=str)), created_at=at))
            conn.execute(update(conversations).where(conversations.c.thread_id == thread_id)
                         .values(last_outcome=outcome, updated_at=at))

    def traces(self, thread_id: str) -> list[dict[str, Any]]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(traces).where(traces.c.thread_id == thread_id).order_by(traces.c.id)
            ).mappings().all()
        return [dict(r) for r in rows]

    def approval_thread(self, approval_id: int) -> str | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(approval_threads.c.thread_id)
                               .where(approval_threads.c.approval_id == approval_id)).first()
        return None if row is None else str(row[0])
