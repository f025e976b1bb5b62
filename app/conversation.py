"""Runs turns through the compiled graph: redaction first, human holds, fail-closed edges."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from langgraph.types import Command

from app.employees import Employee, EmployeeCache
from app.errors import BadInput, Conflict, Forbidden, NotFound
from app.graph.state import TurnContext
from app.handoff import hand_off
from app.metrics import Metrics
from app.outbox import Outbox
from app.replies import ESCALATED_DEFAULT
from app.role_card import RoleCard
from app.store import ConversationStore
from app.turns import TurnResult, result_from_state
from guardrails.pii import scan as pii_scan
from guardrails.policy import GuardrailPolicy, ScreenContext
from tools.context import Actor
from tools.ledger import idempotency_key
from tools.service import ITSM

log = logging.getLogger("zerodesk.turns")
HUMAN_HOLDS = "A member of the IT team has this conversation; they'll reply here."
WITHHELD = "[message withheld: it could not be checked for personal data]"


Progress = Callable[[str, str], None]
# What the widget shows while a node works (sent after the node before it finishes).
PROGRESS = {
    "screen": "Understanding your message…",
    "understand": "Searching the knowledge base…",
    "retrieve": "Checking the answer against our articles…",
    "plan": "Preparing the request…",
    "act": "Updating the IT systems…",
    "escalate": "Handing this to the IT team…",
}


class GraphUnfinished(RuntimeError):
    """The graph stopped without an outcome it could stand behind."""


class Conversations:
    def __init__(self, *, graph: Any, store: ConversationStore, itsm: ITSM, role_card: RoleCard,
                 policy: GuardrailPolicy, outbox: Outbox, clock: Callable[[], datetime],
                 max_chars: int, metrics: Metrics, durability: str = "sync") -> None:
        self.graph = graph
        self.store = store
        self.itsm = itsm
        self.role_card = role_card
        self.policy = policy
        self.outbox = outbox
        self.clock = clock
        self.max_chars = max_chars
        self.durability = durability
        self.metrics = metrics
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._employees = EmployeeCache(itsm)

    def employee(self, employee_id: str) -> Employee:
        return self._employees.get(employee_id)

    def new_thread_id(self) -> str:
        return uuid.uuid4().hex

    def _lock(self, thread_id: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(thread_id, threading.Lock())

    def check_text(self, text: str) -> str:
        if not isinstance(text, str) or not text.strip():
            raise BadInput("message is empty")
        if len(text) > self.max_chars:
            raise BadInput(f"message is {len(text)} characters; the limit is {self.max_chars}")
        return text.strip()

    def send(self, employee_id: str, thread_id: str | None, text: str,
             on_progress: Progress | None = None) -> TurnResult:
        text = self.check_text(text)
        employee = self.employee(employee_id)
        thread_id = thread_id or self.new_thread_id()
        owner = self.store.owner(thread_id)
        if owner is not None and owner != employee.id:
            raise Forbidden("this conversation belongs to someone else")
        now = self.clock()
        started = time.perf_counter()
        with self._lock(thread_id):
            try:
                redacted, findings = self._redact(text, employee, thread_id)
            except Exception as exc:
                # Without a working redactor nothing the employee typed may be stored or
                # read further: keep a placeholder and hand the thread to a person.
                log.exception("redaction failed; the message is withheld and escalated")
                self.store.take_message(thread_id, employee.id, WITHHELD, now)
                result = self._fail_closed(employee, thread_id, exc)
                result.latency_ms = (time.perf_counter() - started) * 1000
                self._record(result)
                return result
            if self.store.take_message(thread_id, employee.id, redacted, now):
                return TurnResult(thread_id, 0, "escalated", None, "", handled_by="human",
                                  latency_ms=(time.perf_counter() - started) * 1000)
            payload = {"type": "message", "text": redacted, "findings": findings}
            result = self._run(employee, thread_id, payload, started, on_progress)
        self._record(result)
        return result

    def resume_approval(self, thread_id: str, decision: dict[str, Any]) -> TurnResult | None:
        """Resume a thread paused on an approval; None when it is not paused there."""
        conv = self.store.conversation(thread_id)
        if conv is None:
            raise NotFound(f"no conversation {thread_id}")
        employee = self.employee(conv["employee_id"])
        with self._lock(thread_id):
            pending = self.pending_interrupt(thread_id)
            if not pending or pending.get("kind") != "approval":
                return None
            result = self._run(employee, thread_id, {"type": "decision", **decision},
                               time.perf_counter())
        self._record(result)
        return result

    def pending_interrupt(self, thread_id: str) -> dict[str, Any] | None:
        snapshot = self.graph.get_state(self._config(thread_id))
        for intr in snapshot.interrupts:
            return dict(intr.value)
        return None

    def _config(self, thread_id: str) -> dict[str, Any]:
        return {"configurable": {"thread_id": thread_id}}

    def _redact(self, text: str, employee: Employee, thread_id: str) -> tuple[str, list[str]]:
        last_agent = self.store.recent_agent_texts(thread_id, 2)
        ctx = ScreenContext(employee_id=employee.id, email=employee.email, phone=employee.phone,
                            name=employee.name, history=tuple(last_agent))
        result = pii_scan(text, ctx, self.policy)
        return result.redacted_text, result.types

    def _run(self, employee: Employee, thread_id: str, payload: dict[str, Any],
             started: float, on_progress: Progress | None = None) -> TurnResult:
        config = self._config(thread_id)
        ctx = TurnContext(employee_id=employee.id, thread_id=thread_id, vip=employee.vip,
                          own_email=employee.email, own_phone=employee.phone,
                          own_name=employee.name)
        try:
            pending = self.pending_interrupt(thread_id)
            if pending is not None:
                graph_input: Any = Command(resume=payload)
            elif payload["type"] == "message":
                graph_input = {"inbox": payload["text"], "inbox_findings": payload["findings"],
                               "employee_id": employee.id, "thread_id": thread_id}
            else:
                raise Conflict("nothing is waiting for a decision in this conversation")
            for update in self.graph.stream(graph_input, config, context=ctx,
                                            durability=self.durability, stream_mode="updates"):
                for node in update:
                    if on_progress is not None and node in PROGRESS:
                        on_progress(node, PROGRESS[node])
            snapshot = self.graph.get_state(config)
            values = snapshot.values
            error = values.get("error") or {}
            unfinished = not snapshot.interrupts and (
                not values.get("outcome") or error.get("node") == "escalate"
                or (error and not values.get("escalation"))
            )
            if unfinished:
                raise GraphUnfinished(f"graph ended without a safe outcome: {error}")
            result = result_from_state(values, thread_id, bool(snapshot.interrupts))
            if not result.reply:
                result.reply = ESCALATED_DEFAULT if result.outcome == "escalated" else ""
        except Conflict:
            raise
        except Exception as exc:
            log.exception("turn failed outside the graph's own handling; escalating")
            result = self._fail_closed(employee, thread_id, exc)
        result.trace = ctx.trace
        result.latency_ms = (time.perf_counter() - started) * 1000
        return result

    def _fail_closed(self, employee: Employee, thread_id: str, exc: Exception) -> TurnResult:
        route = self.role_card.route("unexpected_error", vip=employee.vip)
        record: dict[str, Any] = {
            "thread_id": thread_id, "employee_id": employee.id, "reason": "unexpected_error",
            "group": route.group, "priority": route.priority,
            "summary": f"[unexpected_error] turn failed: {type(exc).__name__}",
            "packet": {"error": {"type": type(exc).__name__, "message": str(exc)[:300]}},
            "idempotency_key": idempotency_key(thread_id, self.clock().isoformat(), "fail", {}),
        }
        escalation = hand_off(self.itsm, self.outbox, record, self.clock())
        return TurnResult(thread_id, 0, "escalated", None, ESCALATED_DEFAULT,
                          escalation=escalation)

    def _record(self, result: TurnResult) -> None:
        approvals = [int(a["data"]["approval_id"]) for a in result.actions
                     if a.get("status") == "pending_approval"
                     and (a.get("data") or {}).get("approval_id") is not None]
        self.store.record_turn(
            result.thread_id, result.turn, result.outcome, result.reply,
            {"outcome": result.outcome, "citations": result.citations},
            {"nodes": result.trace, **result.contract()}, approvals, self.clock())
        self.metrics.observe(result)

    def feedback(self, employee_id: str, thread_id: str, solved: bool) -> None:
        """The widget's "Did this solve it?": the confirmed-resolution signal."""
        if self.store.owner(thread_id) != employee_id:
            raise Forbidden("not your conversation")
        self.store.add_message(thread_id, "system", "solved" if solved else "not solved",
                               self.clock(), author=employee_id,
                               meta={"feedback": "solved" if solved else "not_solved"})
        if solved:
            self.metrics.resolved("employee_feedback")

    def take_over(self, thread_id: str, staff_id: str) -> None:
        if self.store.conversation(thread_id) is None:
            raise NotFound(f"no conversation {thread_id}")
        self.store.set_holder(thread_id, staff_id, self.clock())

    def hand_back(self, thread_id: str) -> None:
        self.store.set_holder(thread_id, None, self.clock())

    def staff_reply(self, thread_id: str, staff_id: str, text: str) -> int:
        text = self.check_text(text)
        conv = self.store.conversation(thread_id)
        if conv is None:
            raise NotFound(f"no conversation {thread_id}")
        if conv["held_by"] != staff_id:
            raise Conflict("take over the conversation before replying in it")
        # Staff text is stored like everyone else's: redacted, in the employee's context.
        redacted, _ = self._redact(text, self.employee(conv["employee_id"]), thread_id)
        return self.store.add_message(thread_id, "staff", redacted, self.clock(),
                                      author=staff_id)

    def staff_actor(self, staff_id: str) -> Actor:
        return Actor("staff", staff_id)
