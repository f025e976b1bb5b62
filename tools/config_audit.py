"""Audit trail of configuration the agent runs under (the role card): one entry per new version."""

from __future__ import annotations

from sqlalchemy import Engine, select

from tools import audit
from tools.clock import Clock, now_from
from tools.context import Actor
from tools.db import write_session
from tools.models import AuditEntry

SYSTEM = Actor("system", "zerodesk")


def record_version(engine: Engine, clock: Clock, *, entity: str, version: str,
                   digest: str) -> bool:
    """Record that ``entity`` is now at ``version``/``digest``; False when it already was."""
    with write_session(engine) as session:
        last = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == entity,
                                     AuditEntry.action == "config.loaded")
            .order_by(AuditEntry.id.desc()).limit(1)
        ).first()
        before = last.after if last is not None else None
        if before is not None and before.get("digest") == digest:
            return False
        audit.record(session, actor=SYSTEM, action="config.loaded", entity=entity,
                     before=before, after={"version": version, "digest": digest},
                     at=now_from(clock))
        return True
