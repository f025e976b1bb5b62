"""Shared fixtures: a real embedder, a seeded + ingested data dir template, a live server."""

from __future__ import annotations

import os

# A stray model download must fail loudly, never happen quietly.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from app.api.main import create_app
from app.runtime import Runtime, build_runtime, firewall_scanner, open_chunks
from app.settings import Settings
from knowledge.embedder import Embedder
from knowledge.ingest import ingest_kb
from tools.db import create_schema, make_engine
from tools.seed import seed_itsm

TEST_EMPLOYEES = 2000


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    return Settings(data_dir=data_dir, seed_employees=TEST_EMPLOYEES, **overrides)


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return Embedder()


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    """Seeded ITSM + ingested bundled KB, built once; tests copy it."""
    root = tmp_path_factory.mktemp("template")
    settings = make_settings(root)
    settings.ensure_dirs()
    engine = make_engine(settings.itsm_url)
    create_schema(engine)
    seed_itsm(engine, employees=TEST_EMPLOYEES, seed=settings.seed)
    engine.dispose()
    report = ingest_kb(settings.kb_dir, open_chunks(settings), embedder, firewall_scanner())
    assert report.added and not report.errors, report.as_dict()
    return root


@pytest.fixture
def data_dir(template_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "var"
    shutil.copytree(template_dir, target)
    return target


@pytest.fixture(scope="session")
def shared_runtime(template_dir: Path, tmp_path_factory: pytest.TempPathFactory,
                   embedder: Embedder) -> Iterator[Runtime]:
    """One runtime for tests that only add conversations (each uses its own thread)."""
    target = tmp_path_factory.mktemp("shared") / "var"
    shutil.copytree(template_dir, target)
    runtime = build_runtime(make_settings(target), embedder=embedder)
    yield runtime
    runtime.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """uvicorn serving the real app on 127.0.0.1 in a background thread."""

    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        app = create_app(settings, lambda s: build_runtime(s, embedder=embedder))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.app = app
        self._clients: list[httpx.Client] = []

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        for client in self._clients:
            client.close()
        self.server.should_exit = True
        self.thread.join(timeout=30)

    @property
    def runtime(self) -> Runtime:
        runtime: Runtime = self.app.state.runtime
        return runtime

    def client(self, employee_id: str | None = None) -> httpx.Client:
        client = httpx.Client(base_url=self.url, timeout=60)
        self._clients.append(client)  # closed when the server stops
        if employee_id:
            res = client.post("/api/login", json={"employee_id": employee_id})
            res.raise_for_status()
            client.headers["Authorization"] = f"Bearer {res.json()['token']}"
        return client


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory, template_dir: Path,
                embedder: Embedder) -> Iterator[LiveServer]:
    target = tmp_path_factory.mktemp("live") / "var"
    shutil.copytree(template_dir, target)
    with LiveServer(make_settings(target), embedder) as server:
        yield server
