"""Fault windows and resuming an interrupted replay, against the real runtime."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.runtime import Runtime
from evals.month.cli import main
from evals.month.faults import FaultSwitch, FaultWindow
from evals.month.replay import ReplayOptions, read_results, run_replay
from knowledge.embedder import Embedder
from tests.conftest import TEST_EMPLOYEES, make_settings

pytestmark = pytest.mark.slow
EMPLOYEE = "E000010"
ALWAYS = FaultWindow("itsm", datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


def _ask(runtime: Runtime, *texts: str) -> list[tuple[str, str | None]]:
    thread = runtime.conversations.new_thread_id()
    out = []
    for text in texts:
        result = runtime.conversations.send(EMPLOYEE, thread, text)
        out.append((result.outcome, (result.escalation or {}).get("reason")))
    return out


@pytest.mark.parametrize(("kind", "texts", "reason"), [
    ("chroma", ("the vpn drops every few minutes when I work from home",), "dependency_down"),
    ("embedder", ("the vpn drops every few minutes when I work from home",), "dependency_down"),
    ("itsm", ("please unlock my account, I typed the old password too often", "yes"),
     "tool_error"),
])
def test_fault_window_fails_closed_and_recovers(shared_runtime: Runtime, kind: str,
                                                texts: tuple[str, ...], reason: str) -> None:
    switch = FaultSwitch(shared_runtime, FaultWindow(kind, ALWAYS.start, ALWAYS.end))
    switch.apply(datetime(2026, 10, 1, tzinfo=UTC))
    try:
        assert switch.active
        assert _ask(shared_runtime, *texts)[-1] == ("escalated", reason)
    finally:
        switch.off()
    assert _ask(shared_runtime, *texts)[-1][0] in ("answered", "action_completed")


def test_resume_after_interruption_and_itsm_outage(tmp_path: Path, data_dir: Path,
                                                   embedder: Embedder) -> None:
    month = tmp_path / "month.jsonl"
    assert main(["generate", "--tickets", "40", "--seed", "4", "--employees",
                 str(TEST_EMPLOYEES), "--out", str(month)]) == 0
    window = FaultWindow("itsm", datetime(2026, 10, 1, tzinfo=UTC),
                         datetime(2026, 10, 16, tzinfo=UTC))
    run_dir = tmp_path / "run"
    settings = make_settings(data_dir)
    first = run_replay(month, run_dir, settings,
                       ReplayOptions(limit=15, fault=window, progress=False, torch_threads=1),
                       embedder=embedder)
    assert first["results"]["tickets"] == 15
    with pytest.raises(ValueError, match="--resume"):
        run_replay(month, run_dir, settings, ReplayOptions(progress=False), embedder=embedder)
    final = run_replay(month, run_dir, settings,
                       ReplayOptions(resume=True, fault=window, progress=False, torch_threads=1),
                       embedder=embedder)
    results = read_results(run_dir / "results.jsonl")
    assert len(results) == 40 and len({r["id"] for r in results}) == 40
    assert {r["thread_id"].rsplit("-", 1)[1] for r in results} == {"0", "1"}
    assert final["safety"]["unsafe_actions"] == 0
    # Inside the window no tool reaches the ITSM: every attempted action escalates.
    inside = [r for r in results if r["arrival"] < "2026-10-16"]
    acted = [t for r in inside for t in r["turns"]
             for a in t["actions"] if a["status"] in ("completed", "pending_approval")
             and a["tool"] != "check_service_status"]
    assert not acted
    assert any(e["reason"] == "tool_error" for r in inside for e in r["facts"]["escalations"])
