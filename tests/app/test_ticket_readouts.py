"""Reading tickets back: the employee's open tickets in words, and "what about INC…?" after a
request is about that ticket, not the request just made."""

from __future__ import annotations

import re
from typing import Any

import pytest

from app.runtime import Runtime
from app.understanding.followups import after_request
from app.understanding.readouts import describe_tickets
from tests.app.test_understanding_dialogue import own_ticket, talk

ROW = {"ticket": "INC0000042", "state": "in_progress", "short_description": "Dock not charging",
       "assignment_group": "Service Desk"}


@pytest.mark.parametrize(("tickets", "want"), [
    ([], ["You have no open tickets."]),
    ([ROW], ["Your open ticket:", "INC0000042", "Dock not charging", "Service Desk"]),
    ([{**ROW, "ticket": f"INC00000{n:02}"} for n in range(7)],
     ["Your open tickets:", "INC0000000", "INC0000004", "2 more"]),
])
def test_describe_tickets(tickets: list[dict[str, Any]], want: list[str]) -> None:
    said = describe_tickets(tickets)
    assert all(w in said for w in want), said
    assert "INC0000005" not in said


REQUESTED = {"actions": [{"tool": "request_software", "status": "completed",
                          "message": "Zoom is installed (REQ0000007).", "ticket": "REQ0000007"}]}
LISTED = {"actions": [{"tool": "get_my_tickets", "status": "completed",
                       "message": "0 open ticket(s).", "ticket": None}]}


@pytest.mark.parametrize(("prev", "text", "kind"), [
    (REQUESTED, "what's the status?", "request_status"),
    (REQUESTED, "what's the status of REQ0000007?", "request_status"),
    # another ticket by number: the ordinary ticket-status path reads it
    (REQUESTED, "can you check the status of INC0000001", ""),
    # a read completes nothing the employee could ask after
    (LISTED, "how long will that take?", ""),
    (LISTED, "what's the status?", ""),
])
def test_after_request(prev: dict[str, Any], text: str, kind: str) -> None:
    assert after_request(prev, text).kind == kind


def test_my_tickets_are_listed_in_words(shared_runtime: Runtime) -> None:
    number = own_ticket(shared_runtime, 651, "in_progress")
    [status] = talk(shared_runtime, 651, "what's the status of my tickets")
    assert status.outcome == "answered", status.reply
    assert number in status.reply and "ticket(s)" not in status.reply


def test_another_ticket_after_a_request_is_looked_up(shared_runtime: Runtime) -> None:
    asked, done, other = talk(shared_runtime, 652, "I need Zoom", "yes",
                              "can you check the status of INC0000001")
    assert done.outcome == "action_completed"
    assert re.search(r"REQ\d{7}", done.reply)
    assert not other.reply.startswith("That's done"), other.reply
    assert "INC0000001" in other.reply
