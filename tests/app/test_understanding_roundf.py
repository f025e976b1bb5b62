"""Round F's shapes in general form: a yes word that names its own request, belittling as an HR
matter, a presence check, someone else at my device, "is X having trouble", updating a ticket
"with", "and I also need X" as one clause, questions about who pays or what it costs, install
failures, a damage report that asks for nothing, and a forwarded notice asked about.

The sentences are written for this test; none is an eval row.
"""

from __future__ import annotations

import pytest

from app.understanding.aside import damage_not_request, knn_aside
from app.understanding.confirm import read_answer
from app.understanding.events import stances
from app.understanding.intents import ABOUT_RULES, NOTICE
from app.understanding.issues import split_issues
from app.understanding.rules import match_rule
from app.understanding.text import is_forwarded, only_pleasantries


@pytest.mark.parametrize(("text", "answer"), [
    ("please install git", "other"),
    ("please add me to the jira project", "other"),
    ("pls give me access to the roadmaps", "other"),
    ("yes please, order one for my desk", "yes"),
    ("please install it", "yes"),
    ("yes please, go ahead", "yes"),
    ("please do", "yes"),
    ("ok send it now", "yes"),
])
def test_a_yes_word_with_its_own_object_is_a_request(text: str, answer: str) -> None:
    assert read_answer(text) == answer


@pytest.mark.parametrize(("text", "name"), [
    # Belittled for who one is, by anyone; a boss who keeps mocking.
    ("a colleague keeps making fun of my stammer in stand-ups", "hr_legal"),
    ("my supervisor is always ridiculing me when I ask questions", "hr_legal"),
    ("people in my team laugh about my age whenever I share my screen", "hr_legal"),
    ("can you make fun of my code review comments", None),
    ("this is ridiculous, my manager says the laptop is fine", None),
    # Someone else at my device or in my account; a sign-in I did not try.
    ("somebody got into my laptop during the offsite and opened my mail", "unexpected_sign_in"),
    ("a stranger was on my workstation when I came back", "unexpected_sign_in"),
    ("a sign-in request from Lisbon popped up, I haven't tried to sign in all day",
     "unexpected_sign_in"),
    ("someone used the meeting room screen before me", None),
    # Whether a service has trouble; updating a ticket "with" something.
    ("is Jira having difficulties this morning?", "outage"),
    ("are the printers experiencing trouble?", "outage"),
    ("could you update the request with the new cost centre REQ0012345", "ticket_update"),
])
def test_shapes(text: str, name: str | None) -> None:
    rule = match_rule(text)
    assert (rule.name if rule else None) == name


@pytest.mark.parametrize(("text", "greeting"), [
    ("Hello! is the service desk open?", True),
    ("hi, are you still open today", True),
    ("hi, is the VPN open to contractors?", False),
])
def test_a_presence_check(text: str, greeting: bool) -> None:
    assert only_pleasantries(text) is greeting


def test_and_i_also_need_stays_one_clause() -> None:
    clauses = split_issues("My mouse wheel is jammed, and I also need Miro for workshops")
    assert clauses == ["My mouse wheel is jammed", "I also need Miro for workshops"]
    # A bare "also" still starts the second issue.
    assert len(split_issues("my dock is dead also can I get a headset please")) == 2


@pytest.mark.parametrize(("text", "about"), [
    ("Hi, who pays for the Visio seats my department uses?", True),
    ("which budget covers the licences for contractors", True),
    ("how much does a Camtasia licence cost each year?", True),
    ("what would a Docker Desktop subscription cost us", True),
    ("I need Visio for my team's process maps", False),
])
def test_money_questions_are_about_the_rules(text: str, about: bool) -> None:
    assert bool(ABOUT_RULES.search(text)) is about


@pytest.mark.parametrize(("intent", "text", "aside"), [
    ("software_request", "Installation of Miro failed with error 0x80070643", True),
    ("software_request", "Software Center: failed to install Figma, what now", True),
    ("software_request", "the Postman install failed, can you request it again for me?", False),
    ("software_request", "who is paying for the Snagit licences in our group?", True),
    ("software_request", "I need Snagit for the manuals", False),
    ("access_request", "how much does a Salesforce seat cost per month", True),
])
def test_the_knn_steps_aside(intent: str, text: str, aside: bool) -> None:
    assert knn_aside(intent, text, followed_up=True) is aside


@pytest.mark.parametrize(("text", "fault"), [
    ("the power brick cable is split and I can see the wires", True),
    ("big dent in the side of my monitor after the move", True),
    ("my charger snapped, can I get a replacement?", False),
    ("I need a second screen for the home office", False),
    ("my physio says a split keyboard would help, can IT provide one?", False),
    ("the sleeve of the charger has split open near the plug", True),
])
def test_a_damage_report_that_asks_for_nothing_is_a_fault(text: str, fault: bool) -> None:
    assert damage_not_request("hardware_request", text) is fault
    assert not damage_not_request("kb_question", text)


def test_a_forwarded_mail_is_a_notice_asked_about() -> None:
    text = ("Fwd: Storage quota exceeded\n> Your files will be removed, validate your account "
            "here.\n\nthis came in, haven't clicked anything, is it fake?")
    assert not NOTICE.search(text.split("\n\n")[-1])
    assert is_forwarded(text)
    assert stances(text) & {"denied", "genuine_ask"}
