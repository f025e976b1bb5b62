"""A durable outbox for escalations that could not be stored: appended, fsynced, retried.

Several processes share one outbox file (``zerodesk serve --workers N``, a background flush in
each, the ``outbox-flush`` command), so every change to the file happens under an OS lock
(``fcntl.flock``) on a sidecar ``.lock`` file: a thread lock alone would let an append from
another process land between a flush's read and its rewrite, and be lost. A second sidecar,
``.flush.lock``, keeps flushes one at a time, so the (slow) deliveries run without holding the
file lock that appends need.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tools.service import ITSM

log = logging.getLogger("zerodesk.outbox")
ESCALATION_FIELDS = ("thread_id", "employee_id", "reason", "group", "priority", "summary",
                     "packet", "idempotency_key")


@contextmanager
def _flocked(path: Path, mode: int = fcntl.LOCK_EX) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, mode)  # released when the descriptor closes, even if we crash
        yield
    finally:
        os.close(fd)


class Outbox:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._file_lock = path.with_name(path.name + ".lock")
        self._flush_lock = path.with_name(path.name + ".flush.lock")
        self._lock = threading.Lock()  # flock is per open file; this keeps threads tidy too

    @property
    def path(self) -> Path:
        return self._path

    def append(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, sort_keys=True, default=str) + "\n"
        with self._lock, _flocked(self._file_lock):
            fd = os.open(self._path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                os.write(fd, line.encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)

    def pending(self) -> list[dict[str, Any]]:
        with self._lock, _flocked(self._file_lock, fcntl.LOCK_SH):
            return [r for r in map(_parse, self._lines()) if r is not None]

    def _lines(self) -> list[str]:
        if not self._path.exists():
            return []
        return [ln for ln in self._path.read_text(encoding="utf-8").splitlines() if ln.strip()]

    def flush(self, deliver: Callable[[dict[str, Any]], None]) -> tuple[int, int]:
        """Deliver each record; keep the ones that still fail. Returns (delivered, failed).

        The file lock is held only to take a snapshot and to write back; records appended
        meanwhile (by any process) come after the snapshot and are kept as they are.
        """
        with _flocked(self._flush_lock):
            with self._lock, _flocked(self._file_lock):
                taken = self._lines()
            if not taken:
                return 0, 0
            left: list[str] = []
            for line in taken:
                record = _parse(line)
                try:
                    if record is None:
                        raise ValueError("not a JSON object")
                    deliver(record)
                except Exception:
                    # Kept verbatim, unreadable lines included: the outbox never drops one.
                    log.exception("outbox delivery failed; kept for the next flush")
                    left.append(line)
            with self._lock, _flocked(self._file_lock):
                now = self._lines()
                if now[:len(taken)] != taken:  # only flush rewrites, and we hold its lock
                    raise RuntimeError(f"outbox {self._path} changed under a flush")
                kept = left + now[len(taken):]
                tmp = self._path.with_name(self._path.name + ".tmp")
                tmp.write_text("".join(ln + "\n" for ln in kept), encoding="utf-8")
                with open(tmp, "rb") as fh:
                    os.fsync(fh.fileno())
                os.replace(tmp, self._path)
            return len(taken) - len(left), len(left)


def _parse(line: str) -> dict[str, Any] | None:
    try:
        value = json.loads(line)
    except ValueError:
        log.error("outbox line is not JSON; kept as it is: %.80s", line)
        return None
    return value if isinstance(value, dict) else None


def deliver_to(itsm: ITSM) -> Callable[[dict[str, Any]], None]:
    """Delivery into the ITSM: ``create_escalation`` is idempotent on the record's key, so a
    record delivered twice (a crash between delivery and rewrite) still makes one handoff."""

    def deliver(record: dict[str, Any]) -> None:
        itsm.create_escalation(**{k: record[k] for k in ESCALATION_FIELDS})

    return deliver
