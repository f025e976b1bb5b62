"""Must-escalate situations said indirectly, next to near misses that must stay as they are."""

from __future__ import annotations

import pytest

from app.understanding.intents import IntentGuess
from app.understanding.issues import _leads
from app.understanding.rules import match_rule
from app.understanding.text import fix_typos, only_pleasantries

# (message, the rule that decides it, or None)
RULES = [
    ("Stop linking pages. I need someone to actually fix this.", "human_in_person"),
    ("could somebody sit with me and walk me through the new dock?", "human_in_person"),
    ("somebody could take a look at my pc remotely, whenever suits", "human_in_person"),
    ("pls call me about the laptop", "human_in_person"),
    ("Could a technician drop by my desk this afternoon? The arm snapped.", "human_in_person"),
    ("my work mobile slipped out of my pocket in an Uber last night", "lost_device"),
    ("I dropped my phone off the desk and the screen cracked", None),
    ("I need someone's email address for the invite", None),
    ("VPN gateway unreachable - same for everyone in the meeting", "many_affected"),
    ("Jira unavailable for the whole team since 9", "many_affected"),
    ("Is anything going on with Zoom? Calls drop", "outage_ask"),
    ("Seven of us get a 502 from Ledger ERP since 10am", "many_affected"),
    ("every single laptop in the training room drops off the wifi", "many_affected"),
    ("all the laptops in room 4 lost the network", "many_affected"),
    ("all the laptops I ordered arrived, thanks", None),
    ("is there something wrong with my account settings?", None),
    ("is teams dwn for evry1?", "outage"),
    ("my files were renamed with a .crypt extension overnight", "taken_over"),
    ("there is a HOW_TO_DECRYPT.txt on my desktop", "taken_over"),
    ("my colleague got a mail from my address that I have not sent", "taken_over"),
    ("I renamed the file extension to .txt and now it won't open", None),
    ("New device registered on your account: Galaxy S23. I only have an iPhone.", "change_denied"),
    ("New device registered on your account: iPhone 15. That's my new phone.", None),
    ("my phone keeps asking me to accept a sign-in which I never made", "unasked_prompts"),
    ("one time I pressed approve by mistake on a prompt", "unexpected_sign_in"),
    ("I can't accept the meeting invite tonight", None),
    ("I realised I don't have my work laptop any more, couldn't find it after the conference",
     "lost_device"),
    ("I don't have my laptop charger today, can I borrow one?", None),
    ("a colleague keeps making comments about my body", "hr_legal"),
    ("comments in the Word doc about my proposal disappeared", None),
]


@pytest.mark.parametrize(("text", "name"), RULES)
def test_indirect_rules(text: str, name: str | None) -> None:
    rule = match_rule(fix_typos(text))
    assert (rule.name if rule else None) == name


@pytest.mark.parametrize(("text", "want"), [
    ("hellooo, is this thing on?", True), ("is this thing working? my mic isn't", False),
])
def test_presence_checks(text: str, want: bool) -> None:
    assert only_pleasantries(text) is want


# Which first clause leads a message with two issues over the message's overall guess.
@pytest.mark.parametrize(("guess", "leads"), [
    (IntentGuess("hardware_issue", 0.99, "knn"), True),
    (IntentGuess("kb_question", 0.95, "knn"), True),
    (IntentGuess("kb_question", 0.6, "knn"), False),
    (IntentGuess("outage_report", 0.94, "knn"), False),  # "I can't print" is one person
    (IntentGuess("password_reset", 0.95, "rule:password"), True),
    (IntentGuess("software_request", 0.95, "catalogue"), True),
])
def test_first_issue_leads(guess: IntentGuess, leads: bool) -> None:
    assert _leads(guess) is leads
