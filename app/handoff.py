"""Hand a record to IT staff: the ITSM takes it, or the durable outbox keeps it until it can.

The one place both the graph's escalate node and the turn runner's last-resort path store a
handoff, so "no escalation is ever lost" holds the same way for both.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from app.outbox import Outbox
from tools.service import ITSM

log = logging.getLogger("zerodesk.handoff")


def hand_off(itsm: ITSM, outbox: Outbox, record: dict[str, Any], at: datetime) -> dict[str, Any]:
    """Store ``record`` (the ``create_escalation`` fields) and return what the employee is told
    about it: reason, group, priority and the ticket, or ``queued`` when only the outbox has it."""
    escalation: dict[str, Any] = {"reason": record["reason"], "group": record["group"],
                                  "priority": record["priority"], "ticket": None}
    try:
        view = itsm.create_escalation(**record)
    except Exception:
        log.exception("escalation for thread %s goes to the outbox", record["thread_id"])
        outbox.append({**record, "at": at.isoformat()})
        escalation["queued"] = True
        return escalation
    escalation["ticket"] = view.ticket_number
    escalation["id"] = view.id
    if view.packet.get("linked_to"):
        # Others reported the same outage first: the employee's own ticket is linked to theirs.
        escalation["linked_to"] = view.packet["linked_to"]
        escalation["priority"] = int(view.priority.removeprefix("P"))
    elif view.packet.get("follow_ups"):
        # Joined the conversation's open handoff: the employee hears the ticket they already
        # have, at the (possibly raised) priority it now carries.
        escalation["follow_up"] = True
        escalation["priority"] = int(view.priority.removeprefix("P"))
    return escalation
