"""Typed errors of the mock ITSM.

Each carries a ``reason`` written for a staff member reading the audit log or the console, so
the graph can escalate with it verbatim. ``ITSM.call`` turns ``NotAllowed`` into a ``denied``
result and ``NotFound``/``Conflict`` into ``failed`` results; ``Unavailable`` always raises so the
graph escalates instead of answering.
"""

from __future__ import annotations


class ToolError(Exception):
    """Base of every error the ITSM raises on purpose."""

    def __init__(self, reason: str, code: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        # A stable machine-readable tag (e.g. "other_person_data") the graph can route on.
        self.code = code


class NotAllowed(ToolError):
    """The actor may not do this (scope, ownership, role, employment status, policy)."""


class NotFound(ToolError):
    """The employee, ticket, title, group or service does not exist."""


class Conflict(ToolError):
    """The request clashes with the current state (illegal transition, already decided...)."""


class Unavailable(ToolError):
    """The ITSM (or one tool) is down or timed out; callers must escalate, never guess."""


class InvalidArguments(ToolError, ValueError):
    """Arguments failed the tool's schema, or a mutating call came without an idempotency key."""


class SimulatedCrash(RuntimeError):
    """Raised by fault injection after a commit, before the reply, to test crash recovery.

    Deliberately not a ``ToolError``: nothing in the ITSM may turn it into a result.
    """
