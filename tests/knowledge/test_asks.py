"""Whether a passage performs the operation a question asks for, on its platform."""

from __future__ import annotations

import pytest

from knowledge.asks import PLATFORMS, asked, named, operations_done, platform_fits
from knowledge.confidence import Calibration
from knowledge.lexical import LexicalIndex

PRINTING = [("Add the printer", "Mac: Self Service > PrintAnywhere printer > Install."),
            ("How does printing work?",
             "Hold your badge on the reader. Jobs not released are deleted after 24 hours.")]
SLACK = [("Creating channels", "Everybody can create public channels. Use the prefix team-.")]
LEAVING = [("7.2 Leaving the company", "Return the phone on your last day to your manager.")]


@pytest.mark.parametrize(("question", "operations"), [
    ("how do I uninstall Zoom", {"remove"}),
    ("how do I rename a Slack channel I created", {"rename"}),
    ("how to get back a file I deleted", {"restore"}),  # what happened is not what is asked
    ("my account got blocked", set()),
    ("shared mailbox missing in outlook", set()),
    ("after parental leave my laptop does not join the wifi", set()),
    ("how do I leave the channel", {"leave"}),
    ("---------- Forwarded message ---------\nSubject: contract", set()),
    ("FW: can you check this", set()),
    ("transfer my number to the company plan", {"move"}),
    ("where is the cafeteria", set()),
    ("cant copy files to usb stick, access denied", set()),  # a fault, not a request
    ("add me to the London distribution list", {"install", "join"}),
])
def test_the_operation_a_question_asks_for(question: str, operations: set[str]) -> None:
    assert asked(question).names == operations


@pytest.mark.parametrize(("question", "passages", "share"), [
    # Same product, other operation: the page adds printers, nothing removes one.
    ("how do I remove the PrintAnywhere printer from my Mac", PRINTING, 0.0),
    ("how do I add the PrintAnywhere printer", PRINTING, 1.0),
    ("how do I rename a slack channel", SLACK, 0.0),
    ("how do I create a slack channel", SLACK, 1.0),
    # The operation in the section's heading, the thing asked about in its body.
    ("when I am leaving the company can I keep my phone", LEAVING, 1.0),
    ("what is the channel prefix", SLACK, 1.0),  # no operation asked: nothing to miss
    # The product's name next to the operation is not enough: it is on every line of its page.
    ("how do I change my display name in slack",
     [("Slack at work", "Admins can change the Slack retention.")], 0.0),
    ("how do I change my display name in slack",
     [("Profile", "To change the display name open Slack > Profile.")], 1.0),
    # The words of the operation's own phrase ("get back") need not be on the page.
    ("how do I get back my file", [("Recycle Bin", "Select the file and choose Restore.")], 1.0),
    # Any entry that names the word will do: being added to a list is joining it.
    ("add me to the London list", [("Lists", "To join the London list open Groups.")], 1.0),
])
def test_the_passage_must_perform_it_on_what_was_asked(
        question: str, passages: list[tuple[str, str]], share: float) -> None:
    index = LexicalIndex([f"{a}\n{b}" for a, b in PRINTING + SLACK + LEAVING])
    assert operations_done(asked(question), passages, index.terms(question)) == share


@pytest.mark.parametrize(("question", "passages", "fits"), [
    ("install FortiClient on my Linux laptop", [("Windows", "Run the installer."),
                                                ("macOS", "Open Self Service.")], 0.0),
    ("install FortiClient on my Mac", [("Windows", "Run."), ("macOS", "Open Self Service.")],
     1.0),
    ("factory reset my android phone", [("New phone", "Scan the QR code again.")], 1.0),
    ("moving the authenticator to my new iphone", [("New phone", "On Android open the app."),
                                                   ("Laptop", "Windows: open Settings.")], 0.0),
    # A laptop section does not rule out a phone question: another kind of device.
    ("moving the authenticator to my new iphone", [("Laptop", "Windows: open Settings.")], 1.0),
])
def test_a_page_for_other_platforms_does_not_fit(
        question: str, passages: list[tuple[str, str]], fits: float) -> None:
    assert platform_fits(named(question, PLATFORMS), passages) == fits


def test_a_failed_check_caps_the_confidence() -> None:
    cal = Calibration(bias=0.0, weights={"line": 10.0}, gates=("operation",), ceiling=0.03)
    passing = {"line": 1.0, "operation": 1.0}
    assert cal.confidence(passing) > 0.99
    assert cal.confidence({**passing, "operation": 0.5}) == 0.03
    assert Calibration(bias=0.0, weights={"line": 10.0}, gates=()).confidence(
        {**passing, "operation": 0.0}) > 0.99
