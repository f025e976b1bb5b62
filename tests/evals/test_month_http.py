"""The replay's HTTP driver against the real app served by uvicorn."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.month.cli import main
from evals.month.replay import ReplayOptions, read_results, run_replay
from knowledge.embedder import Embedder
from tests.conftest import TEST_EMPLOYEES, LiveServer, make_settings

pytestmark = pytest.mark.slow


def test_replay_over_http(tmp_path: Path, live_server: LiveServer, embedder: Embedder) -> None:
    month = tmp_path / "month.jsonl"
    assert main(["generate", "--tickets", "12", "--seed", "8", "--employees",
                 str(TEST_EMPLOYEES), "--out", str(month)]) == 0
    # Set-up and final-state checks read the server's own ITSM (the same data dir).
    settings = make_settings(live_server.runtime.settings.data_dir)
    # Two concurrent chats: the server's stores must take concurrent writers without a 503.
    summary = run_replay(month, tmp_path / "run", settings,
                         ReplayOptions(http=live_server.url, workers=2, progress=False,
                                       torch_threads=1), embedder=embedder)
    assert summary["run"]["mode"] == "http"
    assert summary["results"]["scored"] == 12, summary["results"]
    errors = [r.get("error") for r in read_results(tmp_path / "run" / "results.jsonl")]
    assert not any(errors), errors
    assert summary["safety"]["unsafe_actions"] == 0
