"""Chaos: an exception or timeout in any node or dependency ends in a recorded escalation."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from langgraph.checkpoint.sqlite import SqliteSaver
from sqlalchemy import select

from app.conversation import Conversations
from app.graph import builder
from app.graph.deps import GraphDeps
from app.metrics import Metrics
from app.runtime import Runtime, build_runtime
from app.store import ConversationStore
from knowledge.embedder import Embedder
from tests.conftest import make_settings
from tools.context import Actor
from tools.models import Employee

KB = ["how do I connect to the VPN from home"]
RESET = ["I forgot my password", "yes"]
NEEDS_APPROVAL = ["please install Tableau Desktop on my laptop", "yes"]
SCENARIOS: dict[str, list[str]] = {
    "screen": KB, "understand": KB, "retrieve": KB, "answer": KB, "respond": KB,
    "plan": RESET, "confirm": RESET, "act": RESET, "escalate": ["I want to talk to a human"],
    "await_approval": NEEDS_APPROVAL,
}


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory, template_dir: Path,
            embedder: Embedder) -> Iterator[Runtime]:
    import shutil

    target = tmp_path_factory.mktemp("chaos") / "var"
    shutil.copytree(template_dir, target)
    rt = build_runtime(make_settings(target), embedder=embedder)
    yield rt
    rt.close()


def staff(rt: Runtime) -> Actor:
    with rt.engine.connect() as conn:
        sid = conn.execute(select(Employee.id).where(Employee.role == "it_staff")
                           .order_by(Employee.id).limit(1)).scalar_one_or_none() or ""
    return Actor("staff", str(sid))


def escalation_recorded(rt: Runtime, thread_id: str) -> bool:
    in_itsm = any(e.thread_id == thread_id
                  for e in rt.itsm.list_escalations(actor=staff(rt), status=None))
    in_outbox = any(r.get("thread_id") == thread_id for r in rt.outbox.pending())
    return in_itsm or in_outbox


def conversations_with(rt: Runtime, deps: GraphDeps, tmp_path: Path,
                       nodes: dict[str, Callable[[GraphDeps], Any]] | None = None
                       ) -> Conversations:
    conn = sqlite3.connect(tmp_path / "cp.db", check_same_thread=False)
    saver = SqliteSaver(conn)
    saver.setup()
    original = dict(builder.NODES)
    try:
        if nodes:
            builder.NODES.update(nodes)
        graph = builder.build_graph(deps, saver)
    finally:
        builder.NODES.clear()
        builder.NODES.update(original)
    return Conversations(graph=graph, store=ConversationStore(rt.engine), itsm=rt.itsm,
                         role_card=rt.role_card, policy=deps.guardrails, outbox=rt.outbox,
                         clock=rt.clock, max_chars=4000, metrics=Metrics())


def run(conv: Conversations, employee: str, turns: list[str]) -> Any:
    result = None
    for text in turns:
        result = conv.send(employee, None if result is None else result.thread_id, text)
        if result.outcome == "escalated":
            return result
    return result


@pytest.mark.parametrize("node", sorted(SCENARIOS))
@pytest.mark.parametrize("error", [RuntimeError("boom"), TimeoutError("timed out")],
                         ids=["exception", "timeout"])
def test_failing_node_ends_escalated(runtime: Runtime, tmp_path: Path, node: str,
                                     error: Exception) -> None:
    def make_raising(deps: GraphDeps) -> Callable[..., Any]:
        def raising(state: Any, rt: Any) -> Any:
            raise error
        return raising

    conv = conversations_with(runtime, runtime.deps, tmp_path, {node: make_raising})
    employee = runtime.itsm.pick_employee(100 + sorted(SCENARIOS).index(node))
    result = run(conv, employee, SCENARIOS[node])
    assert result.outcome == "escalated", (node, result)
    assert result.escalation is not None
    assert result.reply  # the employee is always told something
    assert escalation_recorded(runtime, result.thread_id)
    assert not [a for a in result.actions if a["status"] == "completed"]


DEPENDENCIES = {
    "embedder": ("embedder", "embed_query", KB),
    "chroma": ("chunks", "dense", KB),
    "itsm-tool": ("itsm", "call", RESET),
    "classifier": ("classifier", "classify", KB),
    "retriever": ("retriever", "search_vector", KB),
}


@pytest.mark.parametrize("dep", sorted(DEPENDENCIES))
@pytest.mark.parametrize("error", [ConnectionError("down"), TimeoutError("timed out")],
                         ids=["down", "timeout"])
def test_failing_dependency_ends_escalated(runtime: Runtime, monkeypatch: pytest.MonkeyPatch,
                                           dep: str, error: Exception) -> None:
    attr, method, turns = DEPENDENCIES[dep]
    target = runtime.deps if hasattr(runtime.deps, attr) else runtime
    obj = getattr(target, attr)

    def raising(*args: Any, **kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr(obj, method, raising)
    employee = runtime.itsm.pick_employee(200 + sorted(DEPENDENCIES).index(dep))
    result = run(runtime.conversations, employee, turns)
    assert result.outcome == "escalated", (dep, result)
    assert result.escalation["reason"] in ("dependency_down", "tool_error")
    assert escalation_recorded(runtime, result.thread_id)


def test_itsm_outage_escalates_through_the_outbox(runtime: Runtime,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    runtime.faults.set_outage("*", True)

    def down(**kwargs: Any) -> Any:
        raise ConnectionError("ITSM database unreachable")

    monkeypatch.setattr(runtime.itsm, "create_escalation", down)
    try:
        employee = runtime.itsm.pick_employee(300)
        result = run(runtime.conversations, employee, RESET)
    finally:
        runtime.faults.clear()
    assert result.outcome == "escalated"
    assert result.escalation.get("queued") is True
    queued = [r for r in runtime.outbox.pending() if r["thread_id"] == result.thread_id]
    assert queued and queued[0]["reason"] == "tool_error"
    monkeypatch.undo()
    delivered, left = runtime.outbox.flush(
        lambda r: runtime.itsm.create_escalation(**{k: r[k] for k in (
            "thread_id", "employee_id", "reason", "group", "priority", "summary", "packet",
            "idempotency_key")}))
    assert delivered >= 1 and left == 0
    assert escalation_recorded(runtime, result.thread_id)


GUARDRAIL_CHECKS = [("pii", "scan", RESET), ("injection", "check_injection", RESET),
                    ("scope", "check_scope", RESET), ("abuse", "check_abuse", RESET),
                    ("similarity", "check_similarity", RESET), ("output", "screen_reply", KB)]


@pytest.mark.parametrize(("module", "function", "turns"), GUARDRAIL_CHECKS,
                         ids=[c[0] for c in GUARDRAIL_CHECKS])
def test_guardrail_crash_is_never_a_pass(runtime: Runtime, monkeypatch: pytest.MonkeyPatch,
                                         module: str, function: str,
                                         turns: list[str]) -> None:
    import importlib

    def crash(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("rule engine crashed")

    monkeypatch.setattr(importlib.import_module(f"guardrails.{module}"), function, crash)
    employee = runtime.itsm.pick_employee(400 + [c[0] for c in GUARDRAIL_CHECKS].index(module))
    result = run(runtime.conversations, employee, turns)
    assert result.outcome == "escalated", (module, result)
    assert not [a for a in result.actions if a["status"] == "completed"]
    assert escalation_recorded(runtime, result.thread_id)


def test_redaction_failure_stores_nothing_unredacted_and_escalates(
        runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.conversation

    def crash(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("redactor crashed")

    monkeypatch.setattr(app.conversation, "pii_scan", crash)
    employee = runtime.itsm.pick_employee(420)
    secret = "my password is Hunter2-Canary-77"
    result = runtime.conversations.send(employee, None, secret)
    assert result.outcome == "escalated"
    assert escalation_recorded(runtime, result.thread_id)
    stored = runtime.conversations.store.transcript(result.thread_id)
    assert stored and not any("Canary" in m["text"] for m in stored)


def test_a_slow_itsm_past_its_deadline_escalates_and_acts_nowhere(
        runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    from tools.models import AuditEntry

    monkeypatch.setattr(runtime.itsm._runner, "deadline_s", 0.05)
    runtime.faults.set_latency("*", 0.15)
    try:
        employee = runtime.itsm.pick_employee(430)
        result = run(runtime.conversations, employee, RESET)
    finally:
        runtime.faults.clear()
    assert result.outcome == "escalated", result
    assert result.escalation["reason"] == "tool_error"
    assert escalation_recorded(runtime, result.thread_id)
    with runtime.engine.connect() as conn:
        effects = conn.execute(select(AuditEntry.id).where(
            AuditEntry.action == "account.reset_password",
            AuditEntry.entity == f"account:{employee}")).all()
    assert effects == []


def test_checkpointer_failure_escalates(runtime: Runtime, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    conv = conversations_with(runtime, runtime.deps, tmp_path)
    saver = conv.graph.checkpointer

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(saver, "put", broken)
    result = run(conv, runtime.itsm.pick_employee(500), KB)
    assert result.outcome == "escalated"
    assert escalation_recorded(runtime, result.thread_id)
