"""A paused conversation survives a killed server: restart, answer yes, the action runs once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from tests.conftest import TEST_EMPLOYEES, free_port
from tools.db import make_engine
from tools.models import AuditEntry

PG = os.environ.get("ZERODESK_TEST_PG_CHECKPOINTS", "postgresql://postgres@127.0.0.1:5432/test")


def pg_schema_url() -> Iterator[str]:
    import psycopg

    schema = f"zd_cp_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(PG, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL not reachable at {PG}: {exc}")
    with admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        sep = "&" if "?" in PG else "?"
        yield f"{PG}{sep}options=-csearch_path%3D{schema}"
        admin.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def checkpoint_env(request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    if request.param == "sqlite":
        yield {}
    else:
        yield from ({"ZERODESK_CHECKPOINT_URL": url} for url in pg_schema_url())


class Server:
    def __init__(self, data_dir: Path, extra_env: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "ZERODESK_DATA_DIR": str(data_dir),
                    "ZERODESK_SEED_EMPLOYEES": str(TEST_EMPLOYEES), "HF_HUB_OFFLINE": "1",
                    **extra_env}
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve", "--port", str(self.port)],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(self.proc.stderr.read().decode() if self.proc.stderr else "")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.3)
        raise RuntimeError("server did not start")

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)  # no graceful shutdown: a crash
        self.proc.wait(timeout=30)
        if self.proc.stderr:
            self.proc.stderr.close()


def chat(server: Server, token: str, message: str, thread: str | None) -> dict[str, object]:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        res = client.post("/api/chat", json={"message": message, "thread_id": thread},
                          headers={"Authorization": f"Bearer {token}"})
    res.raise_for_status()
    body: dict[str, object] = res.json()
    return body


def login(server: Server, employee: str) -> str:
    with httpx.Client(base_url=server.url, timeout=30) as client:
        res = client.post("/api/login", json={"employee_id": employee})
    res.raise_for_status()
    return str(res.json()["token"])


@pytest.mark.slow
def test_confirmation_survives_a_killed_server(data_dir: Path,
                                               checkpoint_env: dict[str, str]) -> None:
    employee = "E000101"
    server = Server(data_dir, {**checkpoint_env, "ZERODESK_SECRET_KEY": "restart-test"})
    server.start()
    try:
        token = login(server, employee)
        first = chat(server, token, "I forgot my password, please reset it", None)
        assert first["outcome"] == "awaiting_confirmation", first
    finally:
        server.kill()

    server.start()  # same data dir, same secret: the session token still verifies
    try:
        second = chat(server, token, "yes", str(first["thread_id"]))
        assert second["outcome"] == "action_completed", second
        third = chat(server, token, "yes", str(first["thread_id"]))
        assert third["outcome"] != "action_completed" or third["actions"] == []
    finally:
        server.kill()

    engine = make_engine(f"sqlite:///{data_dir / 'itsm.db'}")
    with engine.connect() as conn:
        resets = conn.execute(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "account.reset_password",
            AuditEntry.on_behalf_of == employee)).scalar_one()
    engine.dispose()
    assert resets == 1
