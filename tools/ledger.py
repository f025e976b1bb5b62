"""The effect ledger: one row per idempotency key, holding the first result.

The row is added in the same transaction as the effect it records, so either both exist or
neither does; a retry after a crash finds the row and gets the first result back.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from tools.context import Actor
from tools.errors import InvalidArguments
from tools.models import LedgerEntry
from tools.results import ToolResult


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def idempotency_key(thread_id: str, turn: int | str, action: str, args: dict[str, Any]) -> str:
    """The key a caller derives for one intended effect: same conversation, turn, action and
    arguments give the same key, so a retry or a resumed run cannot act twice."""
    payload = _canonical({"thread": thread_id, "turn": str(turn), "action": action, "args": args})
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


MAX_KEY_LENGTH = 128


def check_key(key: str) -> None:
    if not 8 <= len(key) <= MAX_KEY_LENGTH:
        raise InvalidArguments(
            f"an idempotency key must be 8..{MAX_KEY_LENGTH} characters; use idempotency_key()"
        )


def args_digest(tool: str, args: dict[str, Any]) -> str:
    return hashlib.sha256(_canonical({"tool": tool, "args": args}).encode("utf-8")).hexdigest()


def actor_ref(actor: Actor) -> str:
    return f"{actor.kind}:{actor.employee_id}"


def lookup(
    session: Session, key: str, tool: str, actor: Actor, digest: str
) -> ToolResult | None:
    entry = session.get(LedgerEntry, key)
    if entry is None:
        return None
    # A key replayed for another call is a caller bug (or an attempt to read someone else's
    # result); refuse rather than hand back an unrelated effect.
    if entry.tool != tool or entry.actor != actor_ref(actor) or entry.args_sha256 != digest:
        raise InvalidArguments(
            f"idempotency key {key[:12]}... was first used for a different call "
            f"({entry.tool} by {entry.actor}); derive a new key for a new action"
        )
    return ToolResult.from_json(entry.result)


def store(
    session: Session,
    key: str,
    tool: str,
    actor: Actor,
    digest: str,
    result: ToolResult,
    at: datetime,
) -> None:
    session.add(
        LedgerEntry(
            key=key,
            tool=tool,
            actor=actor_ref(actor),
            args_sha256=digest,
            result=result.to_json(),
            created_at=at,
        )
    )
