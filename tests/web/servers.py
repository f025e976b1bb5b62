"""A live server that can be killed mid-conversation and brought back on the same port."""

from __future__ import annotations

import threading
import time

import uvicorn

from app.settings import Settings
from knowledge.embedder import Embedder
from tests.conftest import LiveServer


class RestartableServer:
    """Wraps ``LiveServer``: ``kill()`` drops every connection at once, as a crash would;
    ``start()`` serves the same data dir on the same port again."""

    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        self.settings = settings
        self.embedder = embedder
        self.live = LiveServer(settings, embedder)
        self.port = self.live.port
        self.url = self.live.url
        self.running = False

    def start(self) -> None:
        if self.running:
            return
        if self.live.server.started:  # a stopped server cannot start twice: build a new one
            self.live = LiveServer(self.settings, self.embedder)
            self.live.port, self.live.url = self.port, self.url
            config = uvicorn.Config(self.live.app, host="127.0.0.1", port=self.port,
                                    log_level="warning", lifespan="on")
            self.live.server = uvicorn.Server(config)
            self.live.thread = threading.Thread(target=self.live.server.run, daemon=True)
        self.live.__enter__()
        self.running = True

    def kill(self) -> None:
        """Stop now: close the listening socket and drop every open connection (event
        streams included) instead of waiting for them; the app still shuts down cleanly."""
        server = self.live.server
        server.should_exit = True
        deadline = time.monotonic() + 30
        while self.live.thread.is_alive() and time.monotonic() < deadline:
            for conn in list(server.server_state.connections):
                transport = getattr(conn, "transport", None)
                if transport is not None:
                    conn.loop.call_soon_threadsafe(transport.close)
            self.live.thread.join(0.2)
        assert not self.live.thread.is_alive(), "uvicorn did not stop"
        self.live.__exit__(None, None, None)
        self.running = False

    def stop(self) -> None:
        if self.running:
            self.kill()
