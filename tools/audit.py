"""Writing the audit log: who did what to which entity, with before and after snapshots."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from tools.context import Actor
from tools.db import Base
from tools.models import AuditEntry

AGENT_ACTOR_ID = "zerodesk-agent"
# Never copied into the audit log: even a hash of a reset token has no business there.
SECRET_COLUMNS = frozenset({"reset_token_sha256"})


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def snapshot(row: Base | None) -> dict[str, Any] | None:
    if row is None:
        return None
    mapper = inspect(type(row))
    return {
        col.key: _json_value(getattr(row, col.key))
        for col in mapper.column_attrs
        if col.key not in SECRET_COLUMNS
    }


def actor_columns(actor: Actor, on_behalf_of: str | None) -> tuple[str, str, str | None]:
    if actor.kind == "agent":
        return "agent", AGENT_ACTOR_ID, actor.employee_id
    if on_behalf_of == actor.employee_id:
        on_behalf_of = None
    return actor.kind, actor.employee_id, on_behalf_of


def record(
    session: Session,
    *,
    actor: Actor,
    action: str,
    entity: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    at: datetime,
    on_behalf_of: str | None = None,
    idempotency_key: str | None = None,
) -> None:
    kind, actor_id, behalf = actor_columns(actor, on_behalf_of)
    session.add(
        AuditEntry(
            at=at,
            actor_kind=kind,
            actor_id=actor_id,
            on_behalf_of=behalf,
            action=action,
            entity=entity,
            before=before,
            after=after,
            thread_id=actor.thread_id,
            idempotency_key=idempotency_key,
        )
    )
