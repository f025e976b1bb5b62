"""Through the real graph: a second handoff in one conversation lands on the ticket the employee
already has, and the reply says so; a handoff to another team still gets its own ticket."""

from __future__ import annotations

from app.runtime import Runtime
from tools.context import Actor


def test_second_handoff_joins_the_open_ticket(shared_runtime: Runtime) -> None:
    rt = shared_runtime
    eid = rt.itsm.pick_employee(91_001)
    first = rt.conversations.send(eid, None, "I want to talk to a human please")
    assert first.outcome == "escalated" and first.escalation is not None
    ticket = first.escalation["ticket"]
    assert ticket and ticket in first.reply

    again = rt.conversations.send(eid, first.thread_id, "can I speak to a real person")
    assert again.outcome == "escalated" and again.escalation is not None
    assert again.escalation["ticket"] == ticket and again.escalation.get("follow_up") is True
    assert f"added this to your open ticket {ticket}" in again.reply

    handoff = rt.itsm.thread_escalation(first.thread_id)
    assert handoff is not None and handoff.ticket_number == ticket
    assert len(handoff.packet["follow_ups"]) == 1
    notes = rt.itsm.ticket(ticket, Actor("system", "system")).comments
    assert sum(1 for c in notes if c.work_note and c.body.startswith("Follow-up")) == 1


def test_handoff_to_another_team_opens_its_own_ticket(shared_runtime: Runtime) -> None:
    rt = shared_runtime
    eid = rt.itsm.pick_employee(91_002)
    first = rt.conversations.send(eid, None, "I want to talk to a human please")
    assert first.escalation is not None
    security = rt.conversations.send(
        eid, first.thread_id,
        "I clicked a link in an email and typed my password into the page, now my mailbox is "
        "sending spam")
    assert security.outcome == "escalated" and security.escalation is not None
    assert security.escalation["reason"] == "security_incident"
    assert security.escalation["ticket"] != first.escalation["ticket"]
    assert not security.escalation.get("follow_up")
