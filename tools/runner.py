"""The one path every tool call takes: scope, faults, ledger, authorization, effect, commit.

The effect, its audit rows and its ledger row commit in one transaction; the reply is built
only after the commit, so a crash between the two is healed by a retry with the same key.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tools import audit, ledger
from tools.clock import Clock, now_from
from tools.context import READ_TOOLS, Actor, ToolScope
from tools.db import read_session, write_session
from tools.errors import (
    Conflict,
    InvalidArguments,
    NotAllowed,
    NotFound,
    ToolError,
    Unavailable,
)
from tools.faults import FaultInjector
from tools.policy import Principal, check_actor_status, check_scope, resolve_principal
from tools.results import ToolResult
from tools.sla_policy import SlaPolicy


@dataclass(frozen=True)
class CallContext:
    session: Session
    tool: str
    actor: Actor
    principal: Principal
    now: datetime
    scope: ToolScope
    sla: SlaPolicy
    idempotency_key: str | None


Handler = Callable[[CallContext, BaseModel], ToolResult]


class ToolRunner:
    def __init__(
        self,
        engine: Engine,
        scope: ToolScope,
        clock: Clock,
        sla: SlaPolicy,
        faults: FaultInjector | None,
        deadline_s: float | None = None,
    ) -> None:
        self.engine = engine
        self.scope = scope
        self.clock = clock
        self.sla = sla
        self.faults = faults
        self.deadline_s = deadline_s

    def run(
        self, tool: str, handler: Handler, actor: Actor, args: BaseModel, key: str | None
    ) -> ToolResult:
        mutating = tool not in READ_TOOLS
        started = time.monotonic()
        try:
            check_scope(self.scope, tool)
            if mutating and not key:
                raise InvalidArguments(f"'{tool}' changes data and needs an idempotency key")
            if mutating and key:
                ledger.check_key(key)
            if self.faults is not None:
                self.faults.before_call(tool)
            result = self._execute(tool, handler, actor, args, key if mutating else None,
                                   started)
        except NotAllowed as exc:
            self._audit_denial(tool, actor, exc.reason, key)
            return ToolResult(tool, "denied", exc.reason, _code(exc))
        except (NotFound, Conflict) as exc:
            return ToolResult(tool, "failed", exc.reason, _code(exc))
        if result.fresh and self.faults is not None:
            self.faults.after_commit(tool)
        return result.value

    def _past_deadline(self, tool: str, started: float) -> None:
        """A slow ITSM ends the call before its commit: the caller has given up waiting
        (and escalates), so the effect must not land behind its back."""
        if self.deadline_s is None:
            return
        took = time.monotonic() - started
        if took > self.deadline_s:
            raise Unavailable(f"the ITSM tool '{tool}' took {took:.1f}s, over its "
                              f"{self.deadline_s:g}s deadline; nothing was changed")

    def _execute(
        self, tool: str, handler: Handler, actor: Actor, args: BaseModel, key: str | None,
        started: float,
    ) -> _Outcome:
        digest = ledger.args_digest(tool, args.model_dump(mode="json"))
        opener = write_session if key else read_session
        try:
            with opener(self.engine) as session:
                if key:
                    stored = ledger.lookup(session, key, tool, actor, digest)
                    if stored is not None:
                        return _Outcome(stored, fresh=False)
                principal = resolve_principal(session, actor)
                check_actor_status(principal, tool)
                now = now_from(self.clock)
                ctx = CallContext(
                    session, tool, actor, principal, now, self.scope, self.sla, key
                )
                result = handler(ctx, args)
                if key:
                    ledger.store(session, key, tool, actor, digest, result, now)
                self._past_deadline(tool, started)  # raising here rolls the effect back
        except IntegrityError:
            # A concurrent call with the same key won the race and committed first; its
            # result is the one and only effect. Anything else is a real integrity failure.
            if key is None:
                raise
            with read_session(self.engine) as session:
                stored = ledger.lookup(session, key, tool, actor, digest)
            if stored is None:
                raise
            return _Outcome(stored, fresh=False)
        return _Outcome(result, fresh=bool(key))

    def _audit_denial(self, tool: str, actor: Actor, reason: str, key: str | None) -> None:
        # Denials change nothing, but staff reviewing a manipulated conversation need them.
        with write_session(self.engine) as session:
            audit.record(
                session,
                actor=actor,
                action=f"tool.denied.{tool}",
                entity=f"employee:{actor.employee_id}",
                before=None,
                after={"reason": reason},
                at=now_from(self.clock),
                idempotency_key=key,
            )


def _code(exc: ToolError) -> dict[str, Any]:
    return {"code": exc.code} if exc.code else {}


@dataclass(frozen=True)
class _Outcome:
    value: ToolResult
    fresh: bool
