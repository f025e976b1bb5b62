"""Round E's shapes in general form: crowd words that ask rather than report, any negated verb
as a fault, a share of a place, "is there a problem with X", rules questions that only name an
action, doing it "with one of your engineers", theft verbs, a later issue the employee marks
as second, and a request for "it" under a pasted dialog.

The sentences are written for this test; none is an eval row.
"""

from __future__ import annotations

import pytest

from app.understanding.intents import IntentGuess, asks_about
from app.understanding.issues import split_offer
from app.understanding.readouts import says_many_affected
from app.understanding.rules import match_rule
from app.understanding.slots import Named, referred_request


@pytest.mark.parametrize(("text", "name"), [
    # A share of a place, any negated verb, someone else hit too.
    ("most of the meeting room got dropped from the call", "many_affected"),
    ("Confluence doesn't open for me or the rest of my team since ten", "many_affected"),
    ("Jira won't save anything, nor can the guy at the next desk", "many_affected"),
    ("printing fails here, also for my colleagues", "many_affected"),
    ("my printer won't print and nor does it scan", None),
    # A question whether a service has a problem, however the time is said.
    ("is there an issue at the moment with the intranet?", "outage_ask"),
    ("any trouble on Expense Hub this morning?", "outage_ask"),
    ("is zoom acting up today?", "outage_ask"),
    ("is there a problem with my laptop?", None),
    ("is my keyboard broken?", None),
    # Theft said with other verbs.
    ("my work phone got swiped at the station", "lost_device"),
    ("was mugged last night and they took the laptop bag", "compromise"),
    ("I swiped my badge twice and the door stayed shut", None),
    # Doing it with a person.
    ("I'd prefer to sort this out with one of your technicians", "human_in_person"),
    ("could I go through the settings with an engineer?", "human_in_person"),
    ("I need access to the engineering docs", None),
])
def test_shapes(text: str, name: str | None) -> None:
    rule = match_rule(text)
    assert (rule.name if rule else None) == name


@pytest.mark.parametrize(("text", "says"), [
    ("is SharePoint slow for everyone or what?", False),
    ("is Webex working for everybody today? my audio keeps dropping", False),
    ("Is the CRM having a moment? Nobody in sales can load a record.", True),
    ("the whole floor lost the network", True),
])
def test_a_crowd_word_in_a_question_asks(text: str, says: bool) -> None:
    assert says_many_affected(text) is says


@pytest.mark.parametrize(("text", "about"), [
    ("why does my laptop keep asking me to change my password?", True),
    ("how often must passwords be changed?", True),
    ("what are the rules for the password length?", True),
    ("am I allowed to forward work mail to my own account?", True),
    ("can I use my personal tablet for Teams?", True),
    ("How does the VPN split tunnel actually work here?", True),
    ("how often must passwords be changed? can you reset mine", False),
    ("why is my account locked", False),
    ("can I get a new headset", False),
])
def test_rules_questions(text: str, about: bool) -> None:
    assert asks_about(text) is about


def _guess(table: dict[str, IntentGuess]):  # type: ignore[no-untyped-def]
    def guess(text: str) -> IntentGuess:
        return next((g for k, g in table.items() if k in text),
                    IntentGuess("kb_question", 0.5, "knn"))
    return guess


def test_a_later_issue_marked_second_does_not_lead() -> None:
    text = ("My calendar invites arrive with the wrong time zone since the trip. "
            "Separately, could I have Visio when you get a chance?")
    guess = _guess({"calendar": IntentGuess("kb_question", 0.6, "knn"),
                    "Visio": IntentGuess("software_request", 0.95, "catalogue")})
    update: dict[str, object] = {}
    intent = split_offer(text, "software_request", update, guess, 0.55, True)
    assert intent == "kb_question"
    assert "Visio" in str(update["offer"])


SOFTWARE = [Named("Microsoft Visio", "Microsoft Visio", ("visio",)),
            Named("Zoom", "Zoom", ("zoom meetings",))]
GROUPS = [Named("Engineering Docs", "Engineering Docs", ("eng docs",))]


@pytest.mark.parametrize(("text", "want"), [
    ("Software Center\nMicrosoft Visio\nApproval required.\n\ncould you request it for me?",
     "software_request"),
    ("See below, my lead agrees.\n\n> ok to give you Engineering Docs\n\nCan you add me?",
     "access_request"),
    ("Zoom\nThe application closed unexpectedly.\n\ncan you install it again? it crashes",
     None),
    ("could you request it for me?", None),
])
def test_a_request_for_it_under_a_pasted_part(text: str, want: str | None) -> None:
    assert referred_request(text, text, SOFTWARE, GROUPS) == want
