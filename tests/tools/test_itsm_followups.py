"""A later handoff of the same conversation joins its open one instead of opening a second
ticket for the same people, unless it belongs to another group or the first is no longer open."""

from __future__ import annotations

from typing import Any

import pytest

from tools.context import Actor
from tools.service import ITSM

THREAD = "th-follow"


def handoff(itsm: ITSM, eid: str, n: int, *, group: str = "Service Desk", priority: str = "P3",
            reason: str = "low_confidence", thread: str = THREAD) -> Any:
    return itsm.create_escalation(
        thread_id=thread, employee_id=eid, reason=reason, group=group, priority=priority,
        summary=f"message {n}", packet={"transcript": [f"turn {n}"]},
        idempotency_key=f"followup-key-{thread}-{n}",
    )


def staff(people: Any) -> Actor:
    return Actor("staff", people.take("it_staff"))


def close_first(itsm: ITSM, people: Any, view: Any, how: str) -> None:
    if how == "taken_over_then_resolved":
        desk = staff(people)
        itsm.update_escalation(view.id, desk, "taken_over")
        itsm.update_escalation(view.id, desk, "resolved")
    elif how == "escalation_resolved":
        itsm.update_escalation(view.id, staff(people), "resolved")
    elif how == "ticket_resolved":
        itsm.transition_ticket(view.ticket_number, staff(people), "resolved",
                               resolution_code="fixed", resolution_note="fixed on the phone")


@pytest.mark.parametrize(("second", "joins"), [
    ({}, True),
    ({"reason": "repeated_failure"}, True),
    ({"group": "Security Operations"}, False),
    ({"thread": "another-conversation"}, False),
])
def test_which_handoffs_join(itsm: ITSM, people: Any, second: dict[str, Any],
                             joins: bool) -> None:
    eid = people.take("employee")
    first = handoff(itsm, eid, 1)
    later = handoff(itsm, eid, 2, **second)
    assert (later.id == first.id) is joins
    assert (later.ticket_number == first.ticket_number) is joins
    open_rows = itsm.list_escalations(actor=staff(people), status="open")
    assert len([e for e in open_rows if e.employee_id == eid]) == (1 if joins else 2)


@pytest.mark.parametrize("how", ["escalation_resolved", "ticket_resolved",
                                 "taken_over_then_resolved"])
def test_a_closed_handoff_is_not_joined(itsm: ITSM, people: Any, how: str) -> None:
    eid = people.take("employee")
    first = handoff(itsm, eid, 1)
    close_first(itsm, people, first, how)
    later = handoff(itsm, eid, 2)
    assert later.id != first.id and later.ticket_number != first.ticket_number


def test_follow_up_is_noted_kept_and_audited(itsm: ITSM, people: Any) -> None:
    eid = people.take("employee")
    first = handoff(itsm, eid, 1)
    joined = handoff(itsm, eid, 2, reason="repeated_failure")
    desk = staff(people)
    ticket = itsm.ticket(first.ticket_number, desk)
    assert [c.body for c in ticket.comments if c.work_note] == [
        "Follow-up [repeated_failure] message 2"]
    assert joined.packet["transcript"] == ["turn 1"]
    assert [f["packet"]["transcript"] for f in joined.packet["follow_ups"]] == [["turn 2"]]
    actions = [a.action for a in itsm.audit(actor=desk, entity=f"escalation:{first.id}")]
    assert "escalation.follow_up" in actions and "escalation.open" in actions
    # The employee never sees the staff-side note.
    assert not [c for c in itsm.ticket(first.ticket_number, Actor("agent", eid, THREAD)).comments
                if c.work_note]


@pytest.mark.parametrize(("first_p", "second_p", "after"), [
    ("P3", "P1", "P1"),   # raised: the queue shows the most urgent thing said
    ("P2", "P4", "P2"),   # never lowered by a milder follow-up
    ("P3", "P3", "P3"),
])
def test_priority_only_rises(itsm: ITSM, people: Any, first_p: str, second_p: str,
                             after: str) -> None:
    eid = people.take("employee")
    first = handoff(itsm, eid, 1, priority=first_p)
    joined = handoff(itsm, eid, 2, priority=second_p)
    assert joined.priority == after
    assert joined.sla_due <= first.sla_due
    assert itsm.ticket(first.ticket_number, staff(people)).priority == after


def test_replaying_a_follow_up_adds_nothing(itsm: ITSM, people: Any) -> None:
    eid = people.take("employee")
    handoff(itsm, eid, 1)
    once = handoff(itsm, eid, 2)
    again = handoff(itsm, eid, 2)
    assert once == again and len(again.packet["follow_ups"]) == 1
