"""Reporting an event versus asking about one, and the event shapes told in people's words.

Table-driven over the rules alone (no runtime): each row is wording not in the routing set.
"""

from __future__ import annotations

import pytest

from app.understanding.confirm import read_answer
from app.understanding.dialogue import feedback_kind
from app.understanding.events import nothing_happened
from app.understanding.followups import for_someone_else
from app.understanding.rules import match_rule
from app.understanding.text import fix_typos


def _intent(text: str) -> str | None:
    rule = match_rule(fix_typos(text))
    return rule.intent if rule else None


@pytest.mark.parametrize("text", [
    "I never opened the link in that DHL text, just binned it. Anything else to do?",
    "The login alert from Lisbon was me, I'm at the sales offsite.",
    "What happens if I ever leave my work phone in a taxi?",
    "Full scan done: 0 threats found. Can I carry on working?",
    "deleted the fake invoice mail without clicking anything",
])
def test_asking_about_an_event_is_not_reporting_one(text: str) -> None:
    assert _intent(text) != "security_incident"


@pytest.mark.parametrize("text", [
    "FW: Fax received\n\nDocument: scan_2231.html\n\nI opened the attachment, "
    "it just went blank. I didn't type a password.",
    "There's a phone in my sign-in methods I never added.",
    "Verify keeps sending approve requests, I tapped deny on all of them and more keep coming",
    "customers say they got an invoice from me today but I never sent one",
    "A pop-up told me to install a browser helper to see the file and I installed it.",
    "the cursor is clicking around and opening folders and I'm not touching the mouse",
    "Someone changed my bank details in the expenses tool, it wasn't me who did this",
    "All your files are no longer accessible. To get them back contact us with your ID.",
    "my security key was on my keyring this morning and now it's gone",
    "Severity: High. Suspicious PowerShell activity detected on my laptop, what now?",
    "The QR code on the flyer asked for my login, I filled it in and only afterwards noticed "
    "the address was wrong",
])
def test_security_events_in_peoples_words(text: str) -> None:
    assert _intent(text) == "security_incident"


@pytest.mark.parametrize(("text", "intent"), [
    ("Is the printer OK on the third floor today?", "outage_report"),
    ("VPN out at the Leeds office", "outage_report"),
    ("twenty agents got kicked off the phone system at once", "outage_report"),
    ("Status: Investigating. Users may experience slow logins.", "outage_report"),
    ("the space bar is physically stuck down", None),
    ("could one of you jump on a quick call with me about my dock?", "human_request"),
    ("I'd like an actual person for this", "human_request"),
    ("is my employment contract legally binding if I never signed page 2?", "out_of_scope"),
])
def test_who_is_affected_people_and_hr(text: str, intent: str | None) -> None:
    assert _intent(text) == intent


def test_the_act_left_un_negated_still_counts() -> None:
    # Typing was denied, the opening was not.
    assert not nothing_happened("I opened it but didn't type anything")
    assert nothing_happened("I didn't open it")


@pytest.mark.parametrize(("text", "other"), [
    ("Please set up Figma for my new designer", True),
    ("can you add him to the roadmaps folder", True),
    ("install Power BI for Data Analysis", False),
    ("reset my password for Outlook Web", False),
])
def test_on_behalf(text: str, other: bool) -> None:
    assert for_someone_else(text) is other


def test_a_correction_is_not_a_plain_no() -> None:
    assert read_answer("no wait, it's not the laptop, I just forgot the PIN") == "other"
    assert read_answer("no thanks") == "no"


@pytest.mark.parametrize("text", ["the list is still empty", "still missing after that"])
def test_still_broken_in_other_words(text: str) -> None:
    assert feedback_kind(text) == "negative"
