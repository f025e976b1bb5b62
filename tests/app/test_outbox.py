"""The escalation outbox across processes: appends racing flushes lose nothing."""

from __future__ import annotations

import json
import multiprocessing
import time
from pathlib import Path
from typing import Any

import pytest

from app.outbox import Outbox

PER_WRITER = 150


def _write(path: str, writer: str, start: Any) -> None:
    outbox = Outbox(Path(path))
    start.wait()  # a barrier: all three processes are running before anyone starts
    for n in range(PER_WRITER):
        outbox.append({"id": f"{writer}-{n}"})
        time.sleep(0.001)  # spread the appends over many flushes


def _flush(path: str, log: str, start: Any, writers_done: Any) -> None:
    """Flushes over and over while the writers append; each delivery is logged to ``log``
    (this process only) and takes a moment, so appends land during deliveries."""
    outbox = Outbox(Path(path))
    delivered: list[str] = []

    def deliver(record: dict[str, Any]) -> None:
        time.sleep(0.0005)
        if record["id"].endswith("7"):  # some keep failing: they must stay in the outbox
            raise ConnectionError("ITSM down for this one")
        delivered.append(record["id"])

    start.wait()
    while not writers_done.is_set():
        outbox.flush(deliver)
    outbox.flush(deliver)
    Path(log).write_text(json.dumps(delivered), encoding="utf-8")


def test_two_writers_and_a_flusher_lose_no_record(tmp_path: Path) -> None:
    path, log = tmp_path / "outbox.jsonl", tmp_path / "delivered.json"
    ctx = multiprocessing.get_context("spawn")
    start, done = ctx.Barrier(3, timeout=60), ctx.Event()
    writers = [ctx.Process(target=_write, args=(str(path), w, start)) for w in ("a", "b")]
    flusher = ctx.Process(target=_flush, args=(str(path), str(log), start, done))
    for proc in (*writers, flusher):
        proc.start()
    for proc in writers:
        proc.join(60)
        assert proc.exitcode == 0
    done.set()
    flusher.join(60)
    assert flusher.exitcode == 0

    delivered = json.loads(log.read_text(encoding="utf-8"))
    pending = [r["id"] for r in Outbox(path).pending()]
    everything = {f"{w}-{n}" for w in ("a", "b") for n in range(PER_WRITER)}
    assert len(delivered) == len(set(delivered)), "a record was delivered twice"
    assert not set(delivered) & set(pending), "a delivered record is still pending"
    assert set(delivered) | set(pending) == everything, \
        f"lost: {sorted(everything - set(delivered) - set(pending))[:10]}"
    assert set(pending) == {i for i in everything if i.endswith("7")}
    assert len(pending) == len(set(pending))


def test_an_unreadable_line_is_kept_not_dropped(tmp_path: Path,
                                               caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "outbox.jsonl"
    outbox = Outbox(path)
    outbox.append({"id": "good"})
    with path.open("a", encoding="utf-8") as fh:
        fh.write('{"id": "torn\n')  # a crash mid-append
    seen: list[str] = []
    assert outbox.flush(lambda r: seen.append(r["id"])) == (1, 1)
    assert seen == ["good"]
    assert path.read_text(encoding="utf-8") == '{"id": "torn\n'
    assert "not JSON" in caplog.text
