"""The staff desk half of the ``ITSM`` facade: ticket lists, single approvals, reassignment,
the audit trail, and at-most-once staff writes keyed like the agent's tools.

A mixin so ``tools/service.py`` stays readable; it relies only on ``engine``, ``clock`` and
``sla``, which ``ITSM.__init__`` sets.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tools import approvals, console, ledger, staff_reads
from tools.clock import Clock, now_from
from tools.context import Actor
from tools.db import read_session, write_session
from tools.policy import check_staff
from tools.results import ToolResult
from tools.sla_policy import SlaPolicy
from tools.staff_reads import AuditFilter, TicketFilter, TicketPage
from tools.tickets import get_ticket, to_view
from tools.views import ApprovalView, AuditView, TicketView

StaffWrite = Callable[[Session, datetime], TicketView]


class StaffDesk:
    engine: Engine
    clock: Clock
    sla: SlaPolicy

    # --- reads -----------------------------------------------------------------------------
    def tickets(self, actor: Actor, filters: TicketFilter | None = None) -> TicketPage:
        with read_session(self.engine) as session:
            return staff_reads.list_tickets(session, actor, filters or TicketFilter(),
                                            self.sla.group_names())

    def approval(self, approval_id: int, actor: Actor) -> ApprovalView:
        """One approval: staff see any, an approver sees those waiting on them."""
        with read_session(self.engine) as session:
            return approvals.to_view(staff_reads.get_approval(session, approval_id, actor))

    def approvals_page(self, actor: Actor, *, status: str | None = "pending", limit: int = 50,
                       offset: int = 0) -> list[ApprovalView]:
        with read_session(self.engine) as session:
            return staff_reads.list_approvals_page(session, actor, status, limit, offset)

    def audit(
        self, *, actor: Actor, entity: str | None = None, limit: int = 100,
        actor_id: str | None = None, action: str | None = None, thread_id: str | None = None,
        before_id: int | None = None,
    ) -> list[AuditView]:
        """Newest first; ``action`` is a prefix, ``before_id`` pages back."""
        with read_session(self.engine) as session:
            return staff_reads.audit_trail(session, actor, AuditFilter(
                entity=entity, actor_id=actor_id, action=action, thread_id=thread_id,
                before_id=before_id, limit=limit))

    # --- writes: each takes an optional idempotency key, for retried HTTP calls ------------
    def reassign_ticket(self, number: str, actor: Actor, group: str, note: str = "", *,
                        idempotency_key: str | None = None) -> TicketView:
        """Hand an open ticket (and any live handoff on it) to another assignment group."""
        return self._staff_write(
            "staff.reassign", actor, {"ticket": number, "group": group, "note": note},
            idempotency_key, number,
            lambda s, now: console.reassign_ticket(s, number, actor, group, note, now, self.sla))

    def transition_ticket(
        self, number: str, actor: Actor, to_state: str, *, resolution_code: str | None = None,
        resolution_note: str | None = None, work_note: str | None = None,
        idempotency_key: str | None = None,
    ) -> TicketView:
        args = {"ticket": number, "state": to_state, "code": resolution_code,
                "note": resolution_note, "work_note": work_note}
        return self._staff_write(
            "staff.transition", actor, args, idempotency_key, number,
            lambda s, now: console.transition_ticket(
                s, number, actor, to_state, now, resolution_code=resolution_code,
                resolution_note=resolution_note, work_note=work_note))

    def add_work_note(self, number: str, actor: Actor, body: str, *,
                      idempotency_key: str | None = None) -> TicketView:
        return self._staff_write(
            "staff.work_note", actor, {"ticket": number, "body": body}, idempotency_key, number,
            lambda s, now: console.add_work_note(s, number, actor, body, now))

    def _staff_write(self, op: str, actor: Actor, args: dict[str, Any], key: str | None,
                     number: str, write: StaffWrite) -> TicketView:
        """Run ``write`` at most once per key. The ledger row commits with the effect, so a
        retry after a lost reply finds it and returns the ticket without a second effect."""
        with write_session(self.engine) as session:
            now = now_from(self.clock)
            if key is None:
                return write(session, now)
            ledger.check_key(key)
            # Keys come from HTTP clients: scope them to the staff member and keep them apart
            # from the agent's keys, so nobody can collide with (or probe) another's effects.
            key = "staff:" + ledger.idempotency_key(ledger.actor_ref(actor), "-", op,
                                                    {"key": key})
            digest = ledger.args_digest(op, args)
            if ledger.lookup(session, key, op, actor, digest) is not None:
                check_staff(session, actor, "working tickets")  # still staff on the retry?
                return to_view(session, get_ticket(session, number), include_work_notes=True)
            view = write(session, now)
            result = ToolResult(op, "completed", f"{op} on {number}", {"ticket": number})
            ledger.store(session, key, op, actor, digest, result, now)
            return view
