"""The IT staff and approvers behind the agent, simulated on the month's clock.

Handoffs and the tickets the agent opens wait in per-group queues; staff on shift pick the most
urgent, oldest item, take it over in the ITSM, and resolve it after a handling time. Approvers
decide (or let the SLA sweep move their approval on). Every human action is written to the ITSM
at its simulated time, so ``sla_sweep`` sees the same world it would see in production.
"""

from __future__ import annotations

import heapq
import logging
import random
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from app.conversation import Conversations
from evals.month import staffing as st
from evals.month.simclock import SimClock
from tools.context import Actor
from tools.errors import ToolError
from tools.models import Approval
from tools.service import ITSM

log = logging.getLogger("zerodesk.month")
STEP = timedelta(minutes=5)
NOTE = "Handled by the IT team (simulated by the month replay)."


@dataclass
class Work:
    key: str
    kind: str  # handoff | fulfilment
    group: str
    priority: int
    created: datetime
    minutes: float
    due: datetime
    ticket: str | None
    escalation_id: int | None = None
    picked: datetime | None = None
    done: datetime | None = None
    staff: str | None = None


@dataclass(order=True)
class Decision:
    at_key: str
    approval_id: int
    thread_id: str
    at: datetime
    approve: bool
    by_staff: bool
    status: str = "scheduled"


@dataclass
class HumanDesk:
    itsm: ITSM
    conversations: Conversations
    clock: SimClock
    staff_ids: tuple[str, ...]
    seed: int
    scale: float = 1.0
    t: datetime | None = None
    queue: list[Work] = field(default_factory=list)
    active: list[Work] = field(default_factory=list)
    busy: dict[str, list[datetime]] = field(default_factory=dict)
    items: dict[str, Work] = field(default_factory=dict)
    decisions: dict[int, Decision] = field(default_factory=dict)
    pending: list[Decision] = field(default_factory=list)  # a heap by decision time
    backlog: list[tuple[str, dict[str, int]]] = field(default_factory=list)

    def add(self, record: dict[str, Any]) -> None:
        """Take in one replayed ticket's handoffs, opened tickets and approvals."""
        if not record.get("facts"):
            return  # the ticket failed to replay; its error is in the results
        rng = random.Random(f"{self.seed}:human:{record['id']}")
        for esc in record["facts"]["escalations"]:
            key = f"esc:{esc['id']}"
            if key in self.items:
                continue
            created = datetime.fromisoformat(esc["created_at"])
            minutes = st.handling_minutes(rng, st.HANDLE_MINUTES.get(esc["reason"],
                                                                     st.DEFAULT_HANDLE))
            due = self.itsm.sla.handoff_due(int(esc["priority"]), created)
            self._enqueue(Work(key, "handoff", esc["group"], int(esc["priority"]), created,
                               minutes, due, esc["ticket"], esc["id"]))
        for opened in record.get("opened", []):
            key = f"tkt:{opened['ticket']}"
            if key in self.items:
                continue
            created = datetime.fromisoformat(opened["at"])
            minutes = st.handling_minutes(rng, st.FULFIL_MINUTES[opened["kind"]])
            due = self.itsm.sla.resolution_due(opened["group"], opened["priority"], created)
            self._enqueue(Work(key, "fulfilment", opened["group"], opened["priority"], created,
                               minutes, due, opened["ticket"]))
        for approval in record.get("approvals", []):
            self._schedule(rng, approval)

    def _enqueue(self, work: Work) -> None:
        self.items[work.key] = work
        self.queue.append(work)

    def _plan(self, approval: dict[str, Any], at: datetime, approve: bool, staff: bool) -> None:
        d = Decision(at.isoformat(), approval["approval_id"], approval["thread_id"], at, approve,
                     staff)
        self.decisions[d.approval_id] = d
        heapq.heappush(self.pending, d)

    def _schedule(self, rng: random.Random, approval: dict[str, Any]) -> None:
        if approval["approval_id"] in self.decisions:
            return
        asked = datetime.fromisoformat(approval["at"])
        approve = rng.random() < st.APPROVE_SHARE
        delay = st.decision_hours(rng, st.APPROVER_MEDIAN_HOURS)
        staff_route = approval.get("approver_kind") == "staff"
        if rng.random() < st.APPROVER_RESPONDS and delay < self.itsm.sla.approval_hours:
            self._plan(approval, asked + timedelta(hours=delay), approve, staff_route)
            return
        # Nobody answered in time: the sweep moves it to staff, who may or may not decide.
        late = st.decision_hours(rng, st.STAFF_MEDIAN_HOURS)
        if late < self.itsm.sla.approval_escalation_hours:
            at = asked + timedelta(hours=self.itsm.sla.approval_hours + late)
            self._plan(approval, at, approve, True)

    def _staff(self, group: str, slot: int) -> str:
        return self.staff_ids[(zlib.crc32(group.encode()) + slot) % len(self.staff_ids)]

    def _write(self, at: datetime, fn: Any, *args: Any, **kwargs: Any) -> bool:
        with self.clock.at(at):
            try:
                fn(*args, **kwargs)
                return True
            except ToolError:
                # The employee cancelled it, or it moved on meanwhile: nothing for staff to do.
                return False

    def _pick(self, t: datetime) -> None:
        waiting = sorted((w for w in self.queue if w.created <= t),
                         key=lambda w: (w.priority, w.created, w.key))
        for work in waiting:
            slots = self.busy.setdefault(work.group, [])
            duty = st.on_duty(work.group, t, self.scale)
            while len(slots) < duty:
                slots.append(t)
            free = next((i for i in range(duty) if slots[i] <= t), None)
            if free is None:
                continue
            work.picked, work.staff = t, self._staff(work.group, free)
            work.done = t + timedelta(minutes=work.minutes)
            slots[free] = work.done
            self.queue.remove(work)
            self.active.append(work)
            actor = Actor("staff", work.staff)
            if work.escalation_id is not None:
                self._write(t, self.itsm.update_escalation, work.escalation_id, actor,
                            "taken_over")
            if work.ticket:
                self._write(t, self.itsm.transition_ticket, work.ticket, actor, "in_progress")

    def _finish(self, t: datetime) -> None:
        done = [w for w in self.active if w.done is not None and w.done <= t]
        finished = {w.key for w in done}
        self.active = [w for w in self.active if w.key not in finished]
        for work in done:
            assert work.done is not None and work.staff is not None
            actor = Actor("staff", work.staff)
            if work.escalation_id is not None:
                self._write(work.done, self.itsm.update_escalation, work.escalation_id, actor,
                            "resolved")
            if work.ticket:
                code = "fulfilled" if work.kind == "fulfilment" else "fixed"
                self._write(work.done, self.itsm.transition_ticket, work.ticket, actor,
                            "resolved", resolution_code=code, resolution_note=NOTE)

    def _decide(self, t: datetime) -> None:
        while self.pending and self.pending[0].at <= t:
            d = heapq.heappop(self.pending)
            with self.itsm.engine.connect() as conn:
                row = conn.execute(Approval.__table__.select().where(
                    Approval.id == d.approval_id)).first()
            if row is None or row.status != "pending":
                d.status = "moot"
                continue
            who = (Actor("staff", self.staff_ids[d.approval_id % len(self.staff_ids)])
                   if d.by_staff or not row.approver_id else Actor("employee", row.approver_id))
            note = "Approved for business use." if d.approve else "Not needed for this role."
            if not self._write(d.at, self.itsm.decide_approval, d.approval_id, who, d.approve,
                               note):
                d.status = "refused"
                continue
            d.status = "approved" if d.approve else "rejected"
            with self.clock.at(d.at):
                try:
                    self.conversations.resume_approval(d.thread_id, {
                        "approval_id": d.approval_id, "approved": d.approve, "message": note})
                except Exception:  # noqa: BLE001 - the decision stands; the month goes on
                    log.exception("resuming %s after approval %s failed", d.thread_id,
                                  d.approval_id)
                    d.status += "_not_resumed"

    def advance(self, to: datetime) -> None:
        """Simulate the humans up to ``to`` in five-minute steps."""
        t = self.t or to
        while t <= to:
            self._finish(t)
            self._decide(t)
            self._pick(t)
            t += STEP
        self.t = t
        waiting: dict[str, int] = {}
        for work in self.queue:
            if work.created <= to:
                waiting[work.group] = waiting.get(work.group, 0) + 1
        self.backlog.append((to.isoformat(), waiting))
