"""Conversations through the real graph: follow-ups, offers, changes of mind, handoffs."""

from __future__ import annotations

from sqlalchemy import update

from app.runtime import Runtime
from app.turns import TurnResult
from tools.db import write_session
from tools.models import Ticket


def talk(rt: Runtime, seed: int, *turns: str) -> list[TurnResult]:
    employee, thread, out = rt.itsm.pick_employee(seed), None, []
    for text in turns:
        result = rt.conversations.send(employee, thread, text)
        thread = result.thread_id
        out.append(result)
    return out


def own_ticket(rt: Runtime, seed: int, state: str) -> str:
    """A ticket of the employee ``seed`` picks, in ``state``."""
    employee = rt.itsm.pick_employee(seed)
    with write_session(rt.engine) as session:
        row = session.query(Ticket).filter(Ticket.state == "in_progress").first()
        assert row is not None
        session.execute(update(Ticket).where(Ticket.id == row.id).values(
            caller_id=employee, state=state))
        return str(row.number)


def test_thanks_after_an_answer_is_positive(shared_runtime: Runtime) -> None:
    first, thanks = talk(shared_runtime, 501, "how do I connect to the VPN from home",
                         "all good now, cheers")
    assert first.outcome == "answered", first.reply
    assert (thanks.intent, thanks.outcome) == ("feedback", "answered")
    assert "glad" in thanks.reply.lower()


def test_two_failed_attempts_escalate_as_repeated_failure(shared_runtime: Runtime) -> None:
    turns = talk(shared_runtime, 502, "how do I connect to the VPN from home",
                 "tried that, still can't connect", "rebooted as well, no change")
    assert turns[1].outcome == "clarifying"
    assert turns[2].outcome == "escalated"
    assert turns[2].escalation and turns[2].escalation["reason"] == "repeated_failure"


def test_cancel_and_status_by_ticket_number(shared_runtime: Runtime) -> None:
    number = own_ticket(shared_runtime, 503, "in_progress")
    cancel, done = talk(shared_runtime, 503, f"cancel {number}", "yes")
    assert (cancel.intent, cancel.outcome) == ("ticket_update", "awaiting_confirmation")
    assert done.outcome == "action_completed" and number in done.reply
    [status] = talk(shared_runtime, 503, f"is there an update on {number}?")
    assert (status.intent, status.outcome) == ("ticket_status", "answered")
    assert number in status.reply and "cancelled" in status.reply


def test_asking_for_a_person_escalates(shared_runtime: Runtime) -> None:
    [asked] = talk(shared_runtime, 504, "no, put me through to a person")
    assert asked.outcome == "escalated"
    assert asked.escalation and asked.escalation["reason"] == "user_requested_human"


def test_missing_item_is_asked_for_then_filled(shared_runtime: Runtime) -> None:
    ask, named = talk(shared_runtime, 505, "I need some software installed", "Postman")
    assert ask.outcome == "clarifying" and "which" in ask.reply.lower()
    assert (named.intent, named.outcome) == ("software_request", "awaiting_confirmation")


def test_second_issue_is_offered_after_the_first(shared_runtime: Runtime) -> None:
    first, done, offer = talk(shared_runtime, 506,
                              "I forgot my password and I'd like to be added to Jira",
                              "yes", "yes please")
    assert first.intent == "password_reset"
    assert done.outcome == "action_completed" and "Jira" in done.reply
    assert (offer.intent, offer.outcome) == ("access_request", "awaiting_confirmation")


def test_change_of_mind_is_followed(shared_runtime: Runtime) -> None:
    mfa, other = talk(shared_runtime, 507, "please reset my MFA, new phone",
                      "no wait, cancel that. Can I get Postman installed instead?")
    assert mfa.intent == "mfa_reset"
    assert (other.intent, other.outcome) == ("software_request", "awaiting_confirmation")
    assert "Postman" in other.reply


def test_outage_answer_names_the_service(shared_runtime: Runtime) -> None:
    [status] = talk(shared_runtime, 508, "is the VPN down?")
    assert (status.intent, status.outcome) == ("outage_report", "answered")
    assert "VPN" in status.reply
