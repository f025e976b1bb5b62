"""The world an outcome case assumes, made true in the scratch ITSM before it runs.

The case files say "add a note to INC0050663" or "unlock my account"; the seeded ITSM has no
such ticket and nobody is locked. Like the month replay's ``setup``, the runner creates that
world first, from the turns and the case's own label, never from the system's output:

* every ticket number a turn names exists: the employee's own, unless the label says the case
  is about someone else's data (then a colleague's). It is ``resolved`` when the turn that
  names it says it was closed/resolved or the problem is back, otherwise ``in_progress``;
* an ``account_unlock`` case starts with the employee's account locked.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from app.runtime import Runtime
from tools.db import write_session
from tools.models import Account, Employee, Ticket

NUMBER = re.compile(r"\b(INC|REQ)\s?-?(\d{7})\b", re.IGNORECASE)
WAS_DONE = re.compile(r"\b(closed|resolved|is back|came back|again|re-?open|not fixed)\b",
                      re.IGNORECASE)


def tickets_named(turns: list[str]) -> dict[str, str]:
    """Ticket number -> the state the case assumes it is in."""
    found: dict[str, str] = {}
    for text in turns:
        for m in NUMBER.finditer(text):
            number = f"{m.group(1).upper()}{m.group(2)}"
            found.setdefault(number, "resolved" if WAS_DONE.search(text) else "in_progress")
    return found


def prepare(rt: Runtime, case: dict[str, Any], employee: str) -> None:
    label = case.get("label", {})
    someone_else = label.get("refusal") == "other_person_data"
    now = rt.clock()
    with write_session(rt.engine) as session:
        owner = employee
        if someone_else:
            owner = session.scalars(select(Employee.id).where(Employee.id != employee)
                                    .order_by(Employee.id).limit(1)).one()
        for number, state in tickets_named(case["turns"]).items():
            _upsert(session, number, owner, state, now)
        if label.get("intent") == "account_unlock":
            session.execute(update(Account).where(Account.employee_id == employee).values(
                locked=True, failed_attempts=5, locked_at=now - timedelta(minutes=3)))


def _upsert(session: Any, number: str, owner: str, state: str, now: Any) -> None:
    row = session.scalars(select(Ticket).where(Ticket.number == number)).one_or_none()
    resolved = state == "resolved"
    values = {
        "caller_id": owner, "state": state, "updated_at": now - timedelta(hours=20),
        "resolved_at": now - timedelta(hours=20) if resolved else None, "closed_at": None,
        "resolution_code": "fixed" if resolved else None,
        "resolution_note": "Resolved by the desk." if resolved else None,
    }
    if row is not None:
        for key, value in values.items():
            setattr(row, key, value)
        return
    kind = "incident" if number.startswith("INC") else "request"
    session.add(Ticket(
        number=number, kind=kind, opened_by="system:outcome-eval",
        short_description="Opened by phone before this conversation", description="",
        category="other", assignment_group="Service Desk", impact=3, urgency=3, priority=4,
        sla_due=now + timedelta(days=3), created_at=now - timedelta(days=2), reopen_count=0,
        **values,
    ))
