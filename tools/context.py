"""Who is acting, and what the role card lets the agent do."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ActorKind = Literal["agent", "employee", "staff", "system"]

READ_TOOLS: frozenset[str] = frozenset({"get_my_tickets", "check_service_status"})
WRITE_TOOLS: frozenset[str] = frozenset(
    {
        "reset_password",
        "unlock_account",
        "reset_mfa",
        "request_software",
        "request_access",
        "create_incident",
        "create_request",
        "update_ticket",
    }
)
ALL_TOOLS: frozenset[str] = READ_TOOLS | WRITE_TOOLS


@dataclass(frozen=True)
class Actor:
    """The party behind a call.

    For ``agent`` the ``employee_id`` is the employee the agent acts for, taken from the
    authenticated session; for ``staff`` it is the staff member's own employee id, which the ITSM
    checks against the directory (claiming to be staff is not enough).
    """

    kind: ActorKind
    employee_id: str
    thread_id: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("agent", "employee", "staff", "system"):
            raise ValueError(f"unknown actor kind {self.kind!r}")
        if not 1 <= len(self.employee_id) <= 40:
            raise ValueError("an actor needs an id of 1..40 characters")
        if self.thread_id is not None and len(self.thread_id) > 200:
            raise ValueError("thread ids are at most 200 characters")


@dataclass(frozen=True)
class ToolScope:
    """The part of the role card the tools enforce themselves.

    ``restricted_software`` says what happens to a ``restricted`` catalogue title: a pending
    staff approval, or an outright denial. ``max_open_tickets`` stops a looping or manipulated
    agent from flooding the queue for one employee.
    """

    allowed_tools: frozenset[str] = field(default_factory=lambda: ALL_TOOLS)
    restricted_software: Literal["staff_approval", "deny"] = "staff_approval"
    max_open_tickets: int = 25

    def __post_init__(self) -> None:
        unknown = self.allowed_tools - ALL_TOOLS
        if unknown:
            raise ValueError(f"role card names unknown tools: {sorted(unknown)}")
        if self.max_open_tickets < 1:
            raise ValueError("max_open_tickets must be at least 1")
