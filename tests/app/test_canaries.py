"""Only redacted text is ever stored: canaries typed into chats must appear in no store.

Each canary is planted through a conversation, then every byte the runtime wrote (ITSM and
conversation database, checkpoints, their WAL files, the outbox, Chroma) and every log record
is searched for it."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from app.runtime import build_runtime
from knowledge.embedder import Embedder
from tests.conftest import make_settings

# Each is something a detector is meant to catch; the tail makes it unique to this test.
CANARIES = {
    "password": "Zq7-Canary!Pw-41x",
    "card": "4539 1488 0343 6467",
    "api_key": "sk_live_CANARYk3y9w8v7u6t5s4r3q2p1",
    "aws_key": "AKIACANARY7Q2W3E4R5T",
    "iban": "GB82 WEST 1234 5698 7654 32",
    "other_email": "canary.colleague@northwind-partner.example",
    "other_phone": "+44 20 7946 0958",
}
CONVERSATIONS = [
    ["I forgot my password, the old one was Zq7-Canary!Pw-41x", "yes"],
    ["my laptop won't boot. my card is 4539 1488 0343 6467 if you need it",
     "I want to talk to a person"],
    ["the deploy script prints sk_live_CANARYk3y9w8v7u6t5s4r3q2p1 and AKIACANARY7Q2W3E4R5T, "
     "is that bad?"],
    ["please pay my invoice to GB82 WEST 1234 5698 7654 32"],
    ["email canary.colleague@northwind-partner.example or call +44 20 7946 0958 about my "
     "ticket, I need a human"],
]


def _forms(secret: str) -> set[str]:
    # The canary as typed and without its spaces (a store may normalise either way).
    return {secret, secret.replace(" ", "")}


def test_no_canary_reaches_any_store_or_log(data_dir: Path, embedder: Embedder,
                                            caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    runtime = build_runtime(make_settings(data_dir), embedder=embedder)
    try:
        for i, turns in enumerate(CONVERSATIONS):
            employee = runtime.itsm.pick_employee(900 + i)
            thread = None
            for text in turns:
                result = runtime.conversations.send(employee, thread, text)
                thread = result.thread_id
                assert not any(s in result.reply for c in CANARIES.values() for s in _forms(c))
    finally:
        runtime.close()
    found = []
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    assert any(p.name.startswith("checkpoints") for p in files)
    # Control: the harmless words around the canaries were stored, so the scan reads the
    # bytes where they would be.
    assert any(b"the deploy script prints" in p.read_bytes() for p in files)
    for path in files:
        blob = path.read_bytes()
        for kind, secret in CANARIES.items():
            if any(s.encode() in blob for s in _forms(secret)):
                found.append(f"{kind} in {path.relative_to(data_dir)}")
    logs = caplog.text
    found += [f"{kind} in the logs" for kind, secret in CANARIES.items()
              if any(s in logs for s in _forms(secret))]
    assert found == []
