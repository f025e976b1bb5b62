"""Retries, resumes after a crash, and concurrent duplicates cause exactly one effect."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import func, select

from tools.context import Actor
from tools.db import read_session
from tools.errors import InvalidArguments, SimulatedCrash
from tools.faults import FaultInjector
from tools.ledger import idempotency_key
from tools.models import AuditEntry, LedgerEntry, Ticket
from tools.service import ITSM


def counts(engine: Any, eid: str) -> tuple[int, int, int]:
    with read_session(engine) as session:
        tickets = session.scalar(select(func.count(Ticket.id)).where(Ticket.caller_id == eid))
        audits = session.scalar(select(func.count(AuditEntry.id)).where(
            AuditEntry.on_behalf_of == eid))
        ledger = session.scalar(select(func.count()).select_from(LedgerEntry))
    return int(tickets or 0), int(audits or 0), int(ledger or 0)


def test_key_is_stable_and_sensitive() -> None:
    k = idempotency_key("t1", 3, "create_incident", {"a": 1, "b": [1, 2]})
    assert k == idempotency_key("t1", 3, "create_incident", {"b": [1, 2], "a": 1})
    assert len(k) == 64
    others = {idempotency_key("t2", 3, "create_incident", {"a": 1, "b": [1, 2]}),
              idempotency_key("t1", 4, "create_incident", {"a": 1, "b": [1, 2]}),
              idempotency_key("t1", 3, "create_request", {"a": 1, "b": [1, 2]}),
              idempotency_key("t1", 3, "create_incident", {"a": 2, "b": [1, 2]})}
    assert k not in others and len(others) == 4


def test_retry_returns_first_result_with_one_effect(itsm: ITSM, engine: Any,
                                                    people: Any) -> None:
    eid = people.take("employee")
    actor = Actor("agent", eid, "t-retry")
    args = {"short_description": "Monitor flickers", "category": "hardware"}
    key = idempotency_key("t-retry", 1, "create_incident", args)
    first = itsm.call("create_incident", actor, args, key)
    after_first = counts(engine, eid)
    itsm.clock.advance(minutes=5)  # type: ignore[attr-defined]
    for _ in range(3):
        assert itsm.call("create_incident", actor, args, key) == first
    assert counts(engine, eid) == after_first


def test_crash_after_commit_then_retry(itsm: ITSM, engine: Any, faults: FaultInjector,
                                       people: Any) -> None:
    eid = people.take("employee", with_manager=True)
    actor = Actor("agent", eid, "t-crash")
    args = {"software": "Tableau"}
    key = idempotency_key("t-crash", 2, "request_software", args)
    before = counts(engine, eid)
    faults.crash_after_commit("request_software")
    with pytest.raises(SimulatedCrash):
        itsm.call("request_software", actor, args, key)
    after_crash = counts(engine, eid)
    assert after_crash[0] == before[0] + 1  # the effect did commit
    resumed = itsm.call("request_software", actor, args, key)
    assert resumed.status == "pending_approval"
    assert counts(engine, eid) == after_crash
    mine = [a for a in itsm.list_approvals(actor=Actor("system", "t"), status=None)
            if a.employee_id == eid]
    assert len(mine) == 1 and mine[0].ticket_number == resumed.data["ticket"]


def test_missing_or_reused_keys_are_rejected(itsm: ITSM, people: Any) -> None:
    eid, other = people.take("employee"), people.take("employee")
    with pytest.raises(InvalidArguments):
        itsm.call("reset_password", Actor("agent", eid), {})
    with pytest.raises(InvalidArguments):
        itsm.call("reset_password", Actor("agent", eid), {}, "short")
    key = idempotency_key("t", 1, "reset_password", {})
    assert itsm.call("reset_password", Actor("agent", eid), {}, key).status == "completed"
    with pytest.raises(InvalidArguments):  # someone else's key: never their result
        itsm.call("reset_password", Actor("agent", other), {}, key)
    with pytest.raises(InvalidArguments):  # same key, different action
        itsm.call("unlock_account", Actor("agent", eid), {}, key)
    assert itsm.call("get_my_tickets", Actor("agent", eid), {}).status == "completed"


def test_concurrent_duplicates_make_one_effect(itsm: ITSM, engine: Any, people: Any) -> None:
    eid = people.take("employee")
    actor = Actor("agent", eid, "t-race")
    args = {"short_description": "Race", "category": "other"}
    key = idempotency_key("t-race", 1, "create_request", args)
    results: list[Any] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def worker() -> None:
        barrier.wait()
        try:
            results.append(itsm.call("create_request", actor, args, key))
        except BaseException as exc:  # collected and asserted below, never hidden
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len({r.data["ticket"] for r in results}) == 1
    with read_session(engine) as session:
        made = session.scalar(select(func.count(Ticket.id)).where(
            Ticket.caller_id == eid, Ticket.short_description == "Race"))
    assert made == 1


def test_escalation_retry_after_crash_is_single(itsm: ITSM, engine: Any, people: Any) -> None:
    eid = people.take("employee")
    fields: dict[str, Any] = {
        "thread_id": "t-esc", "employee_id": eid, "reason": "tool_error", "group": "Service Desk",
        "priority": 2, "summary": "Tool failed", "packet": {}, "idempotency_key": "esc-key-0001"}
    views = [itsm.create_escalation(**fields) for _ in range(3)]
    assert len({v.id for v in views}) == 1
    with pytest.raises(InvalidArguments):
        itsm.create_escalation(**{**fields, "summary": "different"})
