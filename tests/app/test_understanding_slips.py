"""Messages that say the same thing with a slip, an opening thanks or a no at the end are read
as the plain message is: the classifier, slots, catalogue names and confirmations all see the
corrected words, while the ticket keeps what the employee typed."""

from __future__ import annotations

import pytest

from app.runtime import Runtime
from app.understanding.confirm import read_answer
from app.understanding.dialogue import feedback_kind
from app.understanding.text import focus


@pytest.mark.parametrize(("text", "want"), [
    ("I'll use an external one for a while, not now", "no"),
    ("I'll take it to the walk-in bar myself please, no thanks", "no"),
    ("I will do it myself, no thanks", "no"),
    ("is it down, no?", "other"),                        # a question, not an answer
    ("my screen is still broken, no", "other"),          # news before the no
    ("can I get Git instead, no", "other"),              # a request before the no
    ("no", "no"),
    ("yes please", "yes"),
])
def test_a_no_said_last(text: str, want: str) -> None:
    assert read_answer(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("thanks Snagit please, for screenshots", "Snagit please, for screenshots"),
    ("thx, can you reset my MFA?", "can you reset my MFA?"),
    ("Thanks! Also can you install Figma for me", "Also can you install Figma for me"),
    ("thanks for the quick fix yesterday, the printer is jammed again",
     "thanks for the quick fix yesterday, the printer is jammed again"),  # thanked for something
    ("thanks, that worked", "thanks, that worked"),      # nothing left but the thanks
])
def test_opening_thanks_is_not_the_request(text: str, want: str) -> None:
    assert focus(text) == want


@pytest.mark.parametrize(("text", "after_answer", "want"), [
    ("that worked, thank you please, great", True, "positive"),
    ("it works now, please close the ticket", True, None),
    ("HELP my monitor is just black since this morning, the laptop screen works fine", False,
     None),
    ("it works fine now", False, "positive"),
])
def test_feedback_reads_the_whole_message(text: str, after_answer: bool,
                                          want: str | None) -> None:
    assert feedback_kind(text, after_answer=after_answer) == want


@pytest.mark.parametrize(("typed", "intent", "reply_has"), [
    ("can you install Fgima for me", "software_request", "Figma"),        # catalogue title
    ("thanks, I need Vsiio for the floor plans", "software_request", "Visio"),
    ("Ledger ERP returning 500 for all of accoutns payable, month end close today!!",
     "outage_report", "INC"),                                           # not "account payable"
])
def test_slips_in_names_and_keywords(shared_runtime: Runtime, typed: str, intent: str,
                                     reply_has: str) -> None:
    employee = shared_runtime.itsm.pick_employee(7700 + len(typed))
    result = shared_runtime.conversations.send(employee, None, typed)
    assert (result.intent, reply_has in result.reply) == (intent, True), result.reply


def test_the_ticket_keeps_what_was_typed(shared_runtime: Runtime) -> None:
    employee = shared_runtime.itsm.pick_employee(7751)
    typed = "my laptop keyborad has 3 dead keys"
    first = shared_runtime.conversations.send(employee, None, typed)
    assert first.intent == "hardware_issue" and typed in first.reply
    second = shared_runtime.conversations.send(employee, first.thread_id,
                                               "I'll use an external one for now, no thanks")
    assert second.actions == [] and "haven't done anything" in second.reply


@pytest.mark.parametrize(("typed", "outcome", "reason"), [
    # Off-topic for IT, but pay owed is HR's to handle, not a portal pointer.
    ("my payslip is missing the overtime again, third month now. can you fix it or tell me "
     "who does", "escalated", "hr_or_legal"),
    ("what's the weather in Lisbon tomorrow?", "refused", None),
])
def test_scope_blocks_that_are_hr_matters_go_to_hr(shared_runtime: Runtime, typed: str,
                                                   outcome: str, reason: str | None) -> None:
    result = shared_runtime.conversations.send(shared_runtime.itsm.pick_employee(7760), None,
                                               typed)
    assert (result.outcome, (result.escalation or {}).get("reason")) == (outcome, reason)


def test_a_coworkers_password_is_someone_elses(shared_runtime: Runtime) -> None:
    result = shared_runtime.conversations.send(
        shared_runtime.itsm.pick_employee(7761), None,
        "thanks reset the password for my coworekr Ana, she's on leave and can't get in")
    assert (result.outcome, result.refusal, result.actions) == (
        "refused", "other_person_data", [])
