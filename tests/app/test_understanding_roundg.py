"""Round G's families in general form: an act the employee doubts (a hedge or regret after
signing in through something that reached them), a secret sent or read to a person, control of
the machine handed over, an impersonated helpdesk, a device a person took or that fell off on
the way, a bot refused, a company function or a kind of device hit as a whole, a pasted
monitoring alert, "or is it my wifi?", a drill, an old phone loss asked about for MFA, and the
near misses that must stay questions.

The sentences are written for this test; none is an eval row.
"""

from __future__ import annotations

import pytest

from app.understanding.aside import knn_aside
from app.understanding.dialogue import feedback_kind
from app.understanding.events import stances
from app.understanding.issues import split_issues
from app.understanding.rules import match_rule

SECURITY = "security_incident"


def _intent(text: str) -> str | None:
    rule = match_rule(text)
    return rule.intent if rule else None


@pytest.mark.parametrize("text", [
    # Signed in through something that reached them, then a doubt.
    "clicked a link in a text about my parcel and logged in, hmm, should I be worried?",
    "my bad - followed the link in that teams message and signed in with my work account",
    # A secret given to a person.
    "a man rang and said he needed the code on my phone, I read it out to him",
    "my teammate needed my pin for the shared printer so I texted it to her",
    "told the caller the 6 digit number from the authenticator",
    # Control handed over; the helpdesk impersonated.
    "a guy who said he was from IT support asked me to let him have remote control, I did",
    "I shared my screen with a 'support' person and they took over the mouse",
    # A device taken by a person, or gone on the way.
    "a thief grabbed my work phone out of my hand outside the office",
    "the work laptop slid off the back seat of my scooter somewhere on the ring road",
    # Mail rules nobody here made; things happening that I am not doing.
    "found forwarding rules I didn't create in my mailbox",
    "folders keep getting moved around in my outlook and I'm not doing it",
    "the webcam switches on by itself during the day",
    # Lost or taken with no place named, a break-in, a suspicious sign-in notice.
    "misplaced my work iPad, no idea where",
    "the delivery guy walked off with my laptop bag from reception",
    "our branch was broken into at the weekend and the comms room was open",
    "Subject: unusual sign-in on my account",
    # A credential given away and doubted, or put where credentials never go.
    "sorry, I pasted my password into the team chat instead of the login box",
    "typed my password into a survey form that HR sent round",
    "a stranger was sat at my desk on my laptop when I got back",
    "a contractor asked to borrow my badge for the lab and I let him",
    # A change to my pay or account that is not mine.
    "the IBAN in my payroll profile got replaced with one I do not recognise",
    "a browser extension I never saw before installed itself this morning",
])
def test_must_escalate_families(text: str) -> None:
    assert _intent(text) == SECURITY


@pytest.mark.parametrize(("text", "intent"), [
    ("not the bot again, please, just someone who can look at it", "human_request"),
    ("Human please", "human_request"),
    ("escalate this please", "human_request"),
    ("I want to speak to a supervisor", "human_request"),
    ("does this need a manager approval?", None),
    ("an operator, asap", "human_request"),
    ("I'm not a robot check keeps failing on the expenses site", None),
    ("Windows updates are not automatic on my laptop?", None),
    ("half of procurement cannot open the supplier portal", "outage_report"),
    ("all the tills in the Leeds store are offline", "outage_report"),
    ("[Opsgenie] CRITICAL: payroll-api health check failing", "outage_report"),
    ("is sharepoint acting weird everywhere or is it my laptop?", "outage_report"),
    ("the laptop battery has puffed up and the trackpad is raised", "hardware_issue"),
    ("locked myself out by typing the old password", "account_unlock"),
])
def test_other_families(text: str, intent: str | None) -> None:
    assert _intent(text) == intent


@pytest.mark.parametrize("text", [
    # Near misses that must not be read as incidents by the rules.
    "the mouse double clicks on its own every few minutes",
    "how do I share my screen in Teams with an external guest?",
    "someone took my laptop to the repair desk for a new battery",
    "my phone was stolen in March and I got a replacement since then, how do I set up "
    "verify on it?",
    "I gave my manager the link to the dashboard",
    "the laptop slid off the car seat and now the screen is black",
    "lost my phone signal in the underground",
    "can I lend my badge to a visitor?",
    "I changed my desk phone settings and now I don't recognise the menu",
    "I typed my password on the sign-in page and nothing happens",
])
def test_near_misses_are_not_incidents(text: str) -> None:
    assert _intent(text) != SECURITY


@pytest.mark.parametrize(("text", "aside"), [
    ("clicked on the phishing test mail from security awareness, do I need to do the course?",
     True),
    ("what happens if my laptop is stolen at an airport?", True),
    ("my laptop was stolen from the car, what now?", False),
    ("forgot my laptop at home today, is there a loaner?", True),
])
def test_incident_likeness_steps_aside_for_a_question(text: str, aside: bool) -> None:
    assert knn_aside("security_incident", text, followed_up=True) is aside


def test_drill_is_a_stance() -> None:
    assert "drill" in stances("the phishing simulation got me, where is the training?")


def test_gone_for_good_in_a_question_is_not_thanks() -> None:
    assert feedback_kind("how long until a deleted file is gone for good?") is None
    assert feedback_kind("it's gone now, thanks") == "positive"


@pytest.mark.parametrize(("text", "parts"), [
    ("Teams won't start for me and the entire sales floor since lunch", 1),
    ("VPN drops for me and my whole team every hour", 1),
    ("my laptop is slow and the printer on floor 2 is jammed", 2),
])
def test_a_crowd_joined_to_the_subject_is_not_a_second_issue(text: str, parts: int) -> None:
    assert len(split_issues(text)) == parts
