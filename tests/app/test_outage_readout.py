"""An outage question gets the status board's answer; only a statement that many people are hit,
with nothing on the board, goes to people as a possible unreported outage."""

from __future__ import annotations

import pytest

from app.runtime import Runtime
from app.understanding.readouts import says_many_affected


@pytest.mark.parametrize(("text", "says"), [
    ("is zoom down for everybody or just me?", False),
    ("is the VPN broken for everyone or is it only me", False),
    ("Jira crawling - is it just me?", False),
    ("just me or is Teams slow for everyone", False),
    ("is wifi out for all of us, or only for me?", False),
    ("zoom isn't working for anyone in my team", True),
    ("everyone in the office can't use email, is it down", True),
    ("the whole third floor lost printing, not just me", True),
    ("three of us haven't had email since nine", True),
    ("my Teams crashes", False),
    ("Teams is dead for me, everyone else is fine", False),
])
def test_says_many_affected(text: str, says: bool) -> None:
    assert says_many_affected(text) is says


def test_question_gets_the_boards_answer(shared_runtime: Runtime) -> None:
    rt = shared_runtime
    eid = rt.itsm.pick_employee(93_001)
    result = rt.conversations.send(eid, None, "is Zoom down for everybody or just me?")
    assert (result.intent, result.outcome) == ("outage_report", "answered")
    assert "Zoom" in result.reply and result.escalation is None


def test_statement_with_a_quiet_board_goes_to_people(shared_runtime: Runtime) -> None:
    rt = shared_runtime
    eid = rt.itsm.pick_employee(93_002)
    result = rt.conversations.send(eid, None, "Zoom isn't working for anyone in my team")
    assert result.outcome == "escalated" and result.escalation is not None
    assert result.escalation["reason"] == "major_outage"


@pytest.mark.parametrize(("text", "service"), [
    ("is the printers down for everybody or just me?", "Printing"),
    ("is the chat app down for everybody or just me?", "Chatter"),
    ("is the network drive having issues today", "File Shares"),
    ("is mail down?", "Email"),
])
def test_a_service_named_the_way_people_say_it(shared_runtime: Runtime, text: str,
                                               service: str) -> None:
    rt = shared_runtime
    eid = rt.itsm.pick_employee(93_003)
    result = rt.conversations.send(eid, None, text)
    assert (result.intent, result.outcome) == ("outage_report", "answered")
    assert result.reply.startswith(service)


def test_later_reports_of_the_same_outage_link_to_the_first(shared_runtime: Runtime) -> None:
    """Through the graph: the second person's report of the same quiet-board outage gets a
    ticket of their own, linked to the first handoff, instead of a second P1 handoff."""
    rt = shared_runtime
    first_eid, second_eid = rt.itsm.pick_employee(93_004), rt.itsm.pick_employee(93_005)
    said = "everyone in the office can't use github, is it down"
    first = rt.conversations.send(first_eid, None, said)
    assert first.outcome == "escalated" and first.escalation is not None
    # Another test may have reported GitHub already; then the first report is linked too.
    outage_ticket = first.escalation.get("linked_to") or first.escalation["ticket"]
    second = rt.conversations.send(second_eid, None, said)
    assert second.outcome == "escalated" and second.escalation is not None
    assert second.escalation["reason"] == "major_outage"
    assert second.escalation["linked_to"] == outage_ticket
    own = second.escalation["ticket"]
    assert own != outage_ticket and own in second.reply and outage_ticket in second.reply
    assert "Others have reported it too" in second.reply
