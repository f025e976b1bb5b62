"""The ticket state machine: which moves exist, who may make them, what they require.

Pure functions over a small value object, so the rules can be checked exhaustively (and by
hypothesis) without a database; ``tickets.apply_transition`` is the only place that applies
them to a row.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from tools.errors import Conflict, NotAllowed

State = Literal["new", "in_progress", "on_hold", "resolved", "closed", "cancelled"]
STATES: tuple[State, ...] = ("new", "in_progress", "on_hold", "resolved", "closed", "cancelled")
OPEN_STATES: frozenset[str] = frozenset({"new", "in_progress", "on_hold"})
TERMINAL_STATES: frozenset[str] = frozenset({"closed", "cancelled"})

TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset({"in_progress", "on_hold", "resolved", "cancelled"}),
    "in_progress": frozenset({"on_hold", "resolved", "cancelled"}),
    "on_hold": frozenset({"in_progress", "resolved", "cancelled"}),
    "resolved": frozenset({"closed", "in_progress"}),  # resolved -> in_progress is a reopen
    "closed": frozenset(),
    "cancelled": frozenset(),
}

RESOLUTION_CODES: frozenset[str] = frozenset(
    {
        "fixed",
        "workaround",
        "fulfilled",
        "rejected",
        "duplicate",
        "no_fault_found",
        "user_guidance",
        "approval_expired",
    }
)


@dataclass(frozen=True)
class TicketStatus:
    state: str
    resolution_code: str | None = None
    resolution_note: str | None = None
    reopen_count: int = 0


@dataclass(frozen=True)
class Mover:
    """Who is moving the ticket: verified staff (or the system) and/or the ticket's caller."""

    is_staff: bool
    is_caller: bool


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def transition(
    current: TicketStatus,
    target: str,
    mover: Mover,
    *,
    resolution_code: str | None = None,
    resolution_note: str | None = None,
) -> TicketStatus:
    """Return the status after moving to ``target``, or raise without changing anything."""
    if target not in TRANSITIONS:
        raise Conflict(f"'{target}' is not a ticket state")
    if current.state in TERMINAL_STATES:
        raise Conflict(f"the ticket is {current.state}, which is final; open a new ticket instead")
    if target not in TRANSITIONS[current.state]:
        raise Conflict(f"a ticket cannot move from {current.state} to {target}")
    reopen = current.state == "resolved" and target == "in_progress"
    if target in {"closed", "cancelled"} or reopen:
        if not (mover.is_staff or mover.is_caller):
            raise NotAllowed(f"only the caller or IT staff may move a ticket to {target}")
    elif not mover.is_staff:
        raise NotAllowed(f"only IT staff may move a ticket to {target}")
    if target == "resolved":
        if _blank(resolution_code) or _blank(resolution_note):
            raise Conflict("resolving a ticket needs a resolution code and a resolution note")
        if resolution_code not in RESOLUTION_CODES:
            raise Conflict(f"unknown resolution code {resolution_code!r}")
        return replace(
            current, state=target, resolution_code=resolution_code, resolution_note=resolution_note
        )
    if reopen:
        # The earlier resolution no longer holds; a new one is needed to resolve again.
        return TicketStatus("in_progress", None, None, current.reopen_count + 1)
    return replace(current, state=target)


def is_consistent(status: TicketStatus) -> bool:
    """The invariant every stored ticket satisfies."""
    if status.state not in TRANSITIONS:
        return False
    if status.state in {"resolved", "closed"}:
        return not _blank(status.resolution_code) and not _blank(status.resolution_note)
    return True
