"""A durable outbox for escalations that could not be stored: appended, fsynced, retried."""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger("zerodesk.outbox")


class Outbox:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()

    def append(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, sort_keys=True, default=str) + "\n"
        with self._lock:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self._path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                os.write(fd, line.encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)

    def pending(self) -> list[dict[str, Any]]:
        with self._lock:
            return self._read()

    def _read(self) -> list[dict[str, Any]]:
        if not self._path.exists():
            return []
        out = []
        for line in self._path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line))
        return out

    def flush(self, deliver: Callable[[dict[str, Any]], None]) -> tuple[int, int]:
        """Deliver each record; keep the ones that still fail. Returns (delivered, left)."""
        with self._lock:
            records = self._read()
            left: list[dict[str, Any]] = []
            for record in records:
                try:
                    deliver(record)
                except Exception:
                    log.exception("outbox delivery failed; kept for the next flush")
                    left.append(record)
            tmp = self._path.with_suffix(".tmp")
            tmp.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in left),
                           encoding="utf-8")
            os.replace(tmp, self._path)
            return len(records) - len(left), len(left)
