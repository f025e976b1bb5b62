"""The world each ticket assumes: a locked account, an earlier ticket, an outage on the board.

These are facts about the employee's situation that the month file states (``setup``) and the
replay makes true in its own copy of the ITSM just before the conversation, the way the
directory would lock an account after failed sign-ins or the desk would have an older ticket.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, text, update

from tools.context import Actor
from tools.db import write_session
from tools.errors import Conflict
from tools.lifecycle import Mover
from tools.models import Account
from tools.service import ITSM
from tools.tickets import apply_transition, open_ticket

SEED_ACTOR = Actor("system", "month-replay")
STAFF_MOVER = Mover(is_staff=True, is_caller=False)
EARLIER = timedelta(days=2)


def index_audit_threads(engine: Engine) -> None:
    """The replay reads the audit log by conversation; SQLite needs an index for that to stay
    fast at month scale (the app does not query it this way, so it has none)."""
    if engine.dialect.name != "sqlite":
        return
    with engine.begin() as conn:
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_month_audit_thread "
                          "ON audit_log (thread_id)"))


def prepare(itsm: ITSM, ticket: dict[str, Any], at: datetime) -> dict[str, Any]:
    """Make the ticket's ``setup`` true; returns what the conversation may refer to."""
    setup = ticket.get("setup") or {}
    facts: dict[str, Any] = {}
    if not setup:
        return facts
    employee = ticket["employee"]
    with write_session(itsm.engine) as session:
        if setup.get("lock_account"):
            session.execute(update(Account).where(Account.employee_id == employee).values(
                locked=True, failed_attempts=5, locked_at=at - timedelta(minutes=3)))
        if "ticket" in setup:
            opened = at - EARLIER
            row = open_ticket(
                session, kind="incident", caller_id=employee, opened_by=SEED_ACTOR,
                short_description="Docking station not detecting the second screen",
                description="Opened by phone before this conversation.", category="hardware",
                group=itsm.sla.group_for_category("hardware"), impact=3, urgency=3,
                now=opened, sla=itsm.sla)
            # Waiting on the caller (on_hold) keeps the SLA clock stopped, as the desk would.
            target = "resolved" if setup["ticket"]["state"] == "resolved" else "on_hold"
            apply_transition(session, row, target, actor=SEED_ACTOR, mover=STAFF_MOVER,
                             now=opened + timedelta(hours=4), resolution_code="fixed",
                             resolution_note="Replaced the dock firmware.")
            facts["ticket"] = row.number
    return facts


def fill(text_: str, facts: dict[str, Any]) -> str:
    return text_.replace("{ticket}", str(facts.get("ticket", "INC0000000")))


def set_outage(itsm: ITSM, service: str, down: bool) -> None:
    """Open or close the outage on the status board (with its major incident)."""
    try:
        if down:
            itsm.set_service_status(SEED_ACTOR, service, "outage",
                                    f"{service} is unavailable for most users; engineers are "
                                    "restoring the mail gateway.")
        else:
            itsm.set_service_status(SEED_ACTOR, service, "operational", f"{service} restored")
    except Conflict:
        pass  # already so: a resumed replay passes the same event again
