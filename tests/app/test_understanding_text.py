"""Pure understanding helpers: confirmations, conversation cues, own words, rules, read-outs."""

from __future__ import annotations

from typing import Any

import pytest

from app.understanding import dialogue, followups, readouts
from app.understanding.confirm import read_answer
from app.understanding.rules import match_rule
from app.understanding.slots import Named, match_named, named_all, request_intent
from app.understanding.text import focus, only_pleasantries


@pytest.mark.parametrize(("text", "want"), [
    ("yes", "yes"), ("ok fine, yes", "yes"), ("fine, install it", "yes"),
    ("ok, on second thought yes, reset it", "yes"), ("Yes, submit it.", "yes"),
    ("no", "no"), ("actually no, don't. I'll do it myself", "no"),
    ("nope, cancel, my colleague sent me the file", "no"),
    ("wait, what will happen to my saved Wi-Fi and email on my phone?", "other"),
    ("know what", "other"),
])
def test_read_answer(text: str, want: str) -> None:
    assert read_answer(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("all good now, cheers", "positive"), ("that fixed it thanks", "positive"),
    ("ty!! that worked", "positive"), ("Re: thanks, all working now", "positive"),
    ("thnx for nothing", "negative"), ("that didn't work", "negative"),
    ("rebooted as well, no change", "negative"), ("changed the settings, no better", "negative"),
    ("VPN keeps disconnecting, I'm in Frankfurt", None),
    ("thanks, yes please open a ticket", None),
])
def test_feedback_kind_after_an_answer(text: str, want: str | None) -> None:
    assert dialogue.feedback_kind(text) == want


def test_out_of_the_blue_only_an_unmistakable_complaint_is_feedback() -> None:
    assert dialogue.feedback_kind("my printer is still not working", after_answer=False) is None
    assert dialogue.feedback_kind("that didn't help", after_answer=False) == "negative"


@pytest.mark.parametrize(("text", "rest"), [
    ("no wait, cancel that. Can I get Chatter installed instead?",
     "Can I get Chatter installed instead?"),
    ("Hmm, no, cancel. I didn't try to log in at night.", "I didn't try to log in at night."),
    ("I need Visio", None),
])
def test_strip_cancel(text: str, rest: str | None) -> None:
    assert dialogue.strip_cancel(text) == rest


def test_acknowledging_an_answer_does_not_accept_an_offer() -> None:
    assert not dialogue.accepts("ok got it")
    assert not dialogue.accepts("thanks")
    assert dialogue.accepts("yes, help me with the dock too")


@pytest.mark.parametrize(("text", "greeting"), [
    ("Hello, is this the IT chat?", True), ("Helloooo?", True), ("are you a bot?", True),
    ("hi", True), ("Hi, my laptop is broken", False), ("hello, need VPN help", False),
])
def test_only_pleasantries(text: str, greeting: bool) -> None:
    assert only_pleasantries(text) is greeting


def test_focus_reads_the_employees_part_of_a_forward() -> None:
    text = ("FW: Invite\n\nFrom: someone@example.com\nSubject: Meeting\n\nThe meeting is on "
            "Webex.\n\nMy browser won't join. Can I have the Webex app installed?")
    assert focus(text) == "My browser won't join. Can I have the Webex app installed?"
    assert "REDACTED" not in focus("my password is [REDACTED:PASSWORD] and it fails")


@pytest.mark.parametrize(("text", "intent"), [
    ("cancel REQ0031877", "ticket_update"),
    ("You closed my ticket without asking me. It is NOT resolved. INC0050033.", "ticket_update"),
    ("is there an update on INC0012345?", "ticket_status"),
    ("I keep getting sign-in prompts I didn't start", "security_incident"),
    ("Is this real? I haven't clicked anything yet. Click here to verify", None),
    ("I've tried a few times but I don't want to get locked out", None),
    ("I don't see the point of anything anymore", "out_of_scope"),
    ("put me through to a person", "human_request"),
])
def test_rules(text: str, intent: str | None) -> None:
    rule = match_rule(text)
    assert (rule.intent if rule else None) == intent


CATALOGUE = [Named("Git", "Git"), Named("Postman", "Postman"), Named("Salesforce", "Salesforce"),
             Named("JetBrains PyCharm", "JetBrains PyCharm", ("pycharm",))]
GROUPS = [Named("Product Roadmaps", "Product Roadmaps"), Named("Salesforce", "Salesforce"),
          Named("GitHub Enterprise", "GitHub Enterprise")]


def test_names_match_word_by_word_and_in_order() -> None:
    assert match_named("the roadmaps folder for product", GROUPS).item == GROUPS[0]
    assert [n.name for n in named_all("install postman and git please", CATALOGUE)] == \
        ["Postman", "Git"]


@pytest.mark.parametrize(("text", "want"), [
    ("access to salesforce please", "access_request"),
    ("install salesforce", "software_request"),
    ("I need PyCharm and access to GitHub Enterprise", "software_request"),
    ("postman pls", "software_request"),
    ("git keeps crashing", None),
])
def test_request_intent(text: str, want: str | None) -> None:
    assert request_intent(text, CATALOGUE, GROUPS) == want


def test_requests_for_someone_else() -> None:
    assert followups.for_someone_else("Add my new starter to the sales list")
    assert followups.for_someone_else("Please install Visio on Tom Becker's laptop")
    assert not followups.for_someone_else("give my assistant access to my calendar")


@pytest.mark.parametrize(("text", "other"), [
    ("Fine, reset it for anika.roy then and send me the temporary one.", True),
    ("Unlock the account of j.novak.", True),
    ("unlock j.novak", True),
    ("reset the password in notes.txt", False),      # a file, not a login
    ("reset my password on portal.corp.example", False),  # a host
    ("disable autoplay.exe", False),
])
def test_a_dotted_login_is_someone_else(text: str, other: bool) -> None:
    assert followups.for_someone_else(text) is other


BOARD: list[dict[str, Any]] = [{"service": "VPN", "status": "degraded",
          "outage": {"description": "Gateway failover.", "major_incident": "INC0010155"}},
         {"service": "GitHub Enterprise", "status": "operational", "outage": None}]


def test_service_read_out_names_the_service_asked_about() -> None:
    vpn = readouts.pick_service("is the vpn ok?", BOARD)
    assert vpn is not None and "VPN is degraded" in readouts.describe_service(vpn)
    github = readouts.pick_service("github won't load", BOARD)
    assert github is not None and "operational" in readouts.describe_service(github)
    assert readouts.many_affected("it's the whole team, not just me")
    assert not readouts.many_affected("is zoom ok today?")


def test_ticket_read_out() -> None:
    rows = [{"ticket": "INC0000001", "state": "on_hold", "short_description": "Dock",
             "assignment_group": "Desk"}]
    said = readouts.describe_ticket("INC0000001", rows)
    assert said is not None and "on hold" in said and "INC0000001" in said
    assert readouts.describe_ticket("INC0000002", rows) is None
    assert "INC0000002" in readouts.not_found_ticket("INC0000002")
