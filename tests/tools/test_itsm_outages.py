"""Reports of the same suspected outage: the first is a handoff, later ones from other people
are their own tickets linked to it, and resolving the outage resolves them."""

from __future__ import annotations

from typing import Any

import pytest

from tests.tools.conftest import MutableClock
from tools.context import Actor
from tools.service import ITSM


def report(itsm: ITSM, eid: str, n: int, *, service: str | None = "Jira Software",
           reason: str = "major_outage", thread: str | None = None) -> Any:
    packet: dict[str, Any] = {"transcript": [f"turn {n}"]}
    if service is not None:
        packet["service"] = service
    return itsm.create_escalation(
        thread_id=thread or f"th-outage-{n}", employee_id=eid, reason=reason,
        group="Service Desk L2", priority="P1", summary=f"report {n}", packet=packet,
        idempotency_key=f"outage-key-{n}-{thread}",
    )


def staff(people: Any) -> Actor:
    return Actor("staff", people.take("it_staff"))


@pytest.mark.parametrize(("second", "hours_later", "linked"), [
    ({}, 0, True),
    ({"service": "jira software"}, 7, True),  # names compare without case
    ({"service": "Email"}, 0, False),
    ({"service": None}, 0, False),  # no service named: nothing to group by
    ({"reason": "low_confidence"}, 0, False),
    ({}, 9, False),  # too far apart to be the same outage
])
def test_which_reports_link(itsm: ITSM, people: Any, clock: MutableClock,
                            second: dict[str, Any], hours_later: int, linked: bool) -> None:
    first = report(itsm, people.take("employee"), 1)
    clock.advance(hours=hours_later)
    later = report(itsm, people.take("employee"), 2, **second)
    assert (later.packet.get("linked_to") == first.ticket_number) is linked
    assert later.ticket_number != first.ticket_number
    queue = itsm.list_escalations(actor=staff(people), status="open")
    assert len(queue) == (1 if linked else 2)


def test_a_linked_report_is_counted_noted_and_audited(itsm: ITSM, people: Any) -> None:
    first = report(itsm, people.take("employee"), 1)
    second_eid = people.take("employee")
    later = report(itsm, second_eid, 2)
    assert later.priority == "P3" and later.packet == {"linked_to": first.ticket_number,
                                                       "reports": 2}
    desk = staff(people)
    outage = next(e for e in itsm.list_escalations(actor=desk) if e.id == first.id)
    assert [r["employee_id"] for r in outage.packet["reports"]] == [second_eid]
    notes = [c.body for c in itsm.ticket(first.ticket_number, desk).comments if c.work_note]
    assert notes == [f"Also reported by {second_eid} as {later.ticket_number} (2 reports in "
                     "all): report 2"]
    own = itsm.ticket(later.ticket_number, desk)
    assert own.caller_id == second_eid and first.ticket_number in own.description
    actions = [a.action for a in itsm.audit(actor=desk, entity=f"escalation:{first.id}")]
    assert "escalation.report_linked" in actions


def test_retrying_a_linked_report_changes_nothing(itsm: ITSM, people: Any) -> None:
    first = report(itsm, people.take("employee"), 1)
    eid = people.take("employee")
    once, again = report(itsm, eid, 2), report(itsm, eid, 2)
    assert once == again
    outage = next(e for e in itsm.list_escalations(actor=staff(people)) if e.id == first.id)
    assert len(outage.packet["reports"]) == 1


def test_the_same_person_again_joins_their_own_handoff(itsm: ITSM, people: Any) -> None:
    eid = people.take("employee")
    first = report(itsm, eid, 1)
    again = report(itsm, eid, 2)
    assert again.id == first.id and again.ticket_number == first.ticket_number
    assert "linked_to" not in again.packet


def test_resolving_the_outage_resolves_linked_reports(itsm: ITSM, people: Any) -> None:
    first = report(itsm, people.take("employee"), 1)
    linked = [report(itsm, people.take("employee"), n) for n in (2, 3)]
    desk = staff(people)
    itsm.transition_ticket(linked[1].ticket_number, desk, "cancelled")
    itsm.transition_ticket(first.ticket_number, desk, "resolved", resolution_code="fixed",
                           resolution_note="Jira node restarted")
    own = itsm.ticket(linked[0].ticket_number, desk)
    assert own.state == "resolved" and own.resolution_code == "fixed"
    assert own.resolution_note == f"Resolved with {first.ticket_number}: Jira node restarted"
    assert itsm.ticket(linked[1].ticket_number, desk).state == "cancelled"
    # A resolved outage is not joined: the next report starts a new handoff.
    fresh = report(itsm, people.take("employee"), 4)
    assert "linked_to" not in fresh.packet and fresh.ticket_number != first.ticket_number
