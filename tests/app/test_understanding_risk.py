"""Must-escalate situations in the words people use (and their near misses), the status
check's "many affected", replies that decline and ask for a person, and bare catalogue titles.

The sentences are written for this test in the shapes the routing README lists (forwarded
mail, pasted alerts, subject lines, typos, non-native English); none is an eval row.
"""

from __future__ import annotations

import pytest

from app.understanding.confirm import read_answer
from app.understanding.readouts import many_affected
from app.understanding.rules import match_rule
from app.understanding.slots import Named, request_intent
from app.understanding.text import fix_typos


@pytest.mark.parametrize(("text", "intent", "name"), [
    # Ransom notes without the word "ransom".
    ("my photos folder is encrypted now and a text file says pay to get them back",
     "security_incident", "taken_over"),
    ("every file ends in .locked and a note wants bitcoin", "security_incident", "taken_over"),
    ("the spreadsheet is locked for editing by another user", None, None),
    ("can I run a bitcoin node on the build server", None, None),
    # Sign-in prompts nobody asked for.
    ("Approve sign-in? keeps popping up on my phone at 2am", "security_incident",
     "unasked_prompts"),
    ("getting approval pushes but I wasn't signing in", "security_incident", "unasked_prompts"),
    ("Verify asks me to approve every time I open Outlook", None, None),
    # A change to the account the employee denies.
    ("Subject: Inbox rule created\n\nA new inbox rule was created on your account.\n\n"
     "not me, I never set up rules", "security_incident", "change_denied"),
    ("my password has been changed, I did that yesterday", None, None),
    ("alert: login from Lisbon on my account, wasn't me", "security_incident",
     "sign_in_elsewhere"),
    ("I can't log in from the Lisbon office", None, None),
    # Credentials given to a lure, said in many ways.
    ("there was a link in the text so I used it and typed my login", "security_incident",
     "credentials_given"),
    ("I confirmed the invoice before I noticed the sender was odd", "security_incident",
     "credentials_given"),
    ("the shared file asked me to log in again, which I did", "security_incident",
     "credentials_given"),
    ("bought four gift cards for the 'director' who emailed me", "security_incident",
     "credentials_given"),
    ("i got phished i think", "security_incident", "credentials_given"),
    ("I typed my password wrong too many times in the mail app", None, None),
    ("a text says my parcel is waiting, I have not clicked it, is it safe?", None, None),
    ("logged in with my work account on it, then saw the link looked dodgy",
     "security_incident", "credentials_given"),
    ("the browser said the page was unsafe and I pressed run anyway", "security_incident",
     "taken_over"),
    ("somebody reset my password and I can't get in", "security_incident", "taken_over"),
    ("my laptop shows a police warning and wants me to pay a fine", "security_incident",
     "taken_over"),
    ("emailed the salary sheet to the wrong person outside the company", "security_incident",
     "taken_over"),
    # Devices gone, in any order, with and without the place.
    ("tablet taken from my bag at the airport", "security_incident", "lost_device"),
    ("Work phone stolen at the gym", "security_incident", "lost_device"),
    ("Laptop left on the tram", "security_incident", "lost_device"),
    ("tablet missing since the conference", "security_incident", "lost_device"),
    ("somebody took my backpack at the station, laptop inside", "security_incident",
     "lost_device"),
    ("left my laptop at home, can I borrow one today?", None, None),
    ("my phone is missing the company portal app", None, None),
    ("laptop lost connection to the dock", None, None),
    # Other signs someone else is in control.
    ("the pointer clicks on things on its own", "security_incident", "taken_over"),
    ("Defender: threat quarantined in Downloads", "security_incident", "taken_over"),
    ("plugged in a memory stick I found by the lifts", "security_incident", "taken_over"),
    ("people got emails sent from my account that I never wrote", "security_incident",
     "taken_over"),
    # HR, legal and wellbeing the guardrail's wording may miss.
    ("I'm going to be let go next week and want to know my rights", "out_of_scope",
     "hr_legal"),
    ("my team lead keeps yelling at me in standups", "out_of_scope", "hr_legal"),
    ("I can't cope any more with all of this", "out_of_scope", "distress"),
    # Asking for a person without the word "human".
    ("could someone pop over to my desk, the dock smells burnt", "human_request",
     "human_in_person"),
    ("I'd like a callback please", "human_request", "human"),
    ("I need someone from the service desk to look at this", "human_request",
     "human_in_person"),
    ("just get me somebody real", "human_request", "human_in_person"),
    ("can an engineer come by this afternoon", "human_request", "human_in_person"),
    # Hazards need hands whatever the device.
    ("the charger smells like burning", "hardware_issue", "hazard"),
    # Outages without the word "down".
    ("three of us haven't had email since nine", "outage_report", "many_affected"),
    ("entire third floor has no wifi", "outage_report", "many_affected"),
    ("is it just me or is Jira crawling", "outage_report", "many_affected"),
    ("Service disruption: Payroll portal. Engineers are investigating. any eta?",
     "outage_report", "outage_notice"),
    ("everyone in my team has Figma except me", None, None),
    ("FW: Jira service degraded\n\nEngineers are investigating.\n\nis that why it's slow?",
     "outage_report", "outage_notice"),
    ("is GitHub ok right now?", "outage_report", "outage_ask"),
    ("any known issues with Jira", "outage_report", "outage_ask"),
    ("Chatter - is there a known issue? messages won't send", "outage_report", "outage_ask"),
    ("Is the service desk available on Sundays?", None, None),
    ("fine. Is the VPN ok? I'm at home.", "outage_report", "outage_ask"),
    ("is it ok if I install my own mouse?", None, None),
])
def test_risk_rules(text: str, intent: str | None, name: str | None) -> None:
    rule = match_rule(fix_typos(text))
    assert (rule.intent if rule else None, rule.name if rule else None) == (intent, name)


@pytest.mark.parametrize(("text", "want"), [
    ("Teams dead for my whole department", True),
    ("the whole 2nd flor lost printing", True),  # typo in the crowd word
    ("all my colleagues get the same error", True),
    ("Teams is dead for me, everyone else is fine", False),
    ("my Teams crashes", False),
])
def test_many_affected(text: str, want: bool) -> None:
    assert many_affected(text) is want


@pytest.mark.parametrize(("text", "want"), [
    ("no, put me through to a person", "other"),
    ("no, get me a human", "other"),
    ("nope, just call me", "other"),
    ("no, cancel that", "no"),
    ("not now", "no"),
])
def test_declining_and_asking_for_a_person_is_not_a_plain_no(text: str, want: str) -> None:
    assert read_answer(text) == want


SOFTWARE = [Named("Visual Studio Code", "Visual Studio Code", ("vscode", "code")),
            Named("Postman", "Postman"), Named("Microsoft Office", "Microsoft Office",
                                                ("office",))]
GROUPS = [Named("Salesforce CRM", "Salesforce CRM", ("crm",))]


@pytest.mark.parametrize(("text", "want"), [
    ("postman pls", "software_request"),
    ("vscode", "software_request"),
    ("wifi guest code", None),  # "code" is a word here, not the editor
    ("how do I use the crm to get into reports", None),
    ("can I get vscode", "software_request"),
    ("office apps say no license", None),
    ("contacts I added are missing in the crm", None),
])
def test_catalogue_requests(text: str, want: str | None) -> None:
    assert request_intent(text, SOFTWARE, GROUPS) == want
