"""The caller as a turn needs them: name and contacts for redaction, VIP for routing."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from app.errors import NotFound
from tools.service import ITSM

EMPLOYEE_TTL_S = 60.0
EMPLOYEE_CACHE_SIZE = 10_000


@dataclass(frozen=True)
class Employee:
    id: str
    name: str
    email: str | None
    phone: str | None
    vip: bool


class EmployeeCache:
    """Cached briefly: every turn needs the caller's name and contacts for redaction, and the
    directory changes rarely. Employment status is not read from here: the ITSM tools check it
    on every action."""

    def __init__(self, itsm: ITSM, ttl_s: float = EMPLOYEE_TTL_S,
                 size: int = EMPLOYEE_CACHE_SIZE) -> None:
        self.itsm = itsm
        self.ttl_s = ttl_s
        self.size = size
        self._hits: dict[str, tuple[float, Employee]] = {}
        self._guard = threading.Lock()

    def get(self, employee_id: str) -> Employee:
        now = time.monotonic()
        hit = self._hits.get(employee_id)
        if hit is not None and now - hit[0] < self.ttl_s:
            return hit[1]
        view = self.itsm.get_employee(employee_id)
        if view is None:
            raise NotFound(f"unknown employee id {employee_id!r}")
        employee = Employee(view.id, view.name, view.email, None, view.vip)
        with self._guard:
            if len(self._hits) >= self.size:
                self._hits.clear()
            self._hits[employee_id] = (now, employee)
        return employee
