"""The citation verifier: real composer output passes; fabrications and misattributions fail."""

from __future__ import annotations

from dataclasses import replace

import pytest

from guardrails.citations import Source, verify
from guardrails.verdict import Action
from knowledge.compose import FRAMING, Segment

SOURCES = {
    "KB-1#steps": Source("KB-1", "Connect to the VPN",
                         "## Steps\n1. Open GlobalConnect from the Start menu.\n"
                         "2. Enter vpn.corp.example as the portal.\n"
                         "3. Do not share your token with anyone."),
    "KB-2#steps": Source("KB-2", "Add a printer",
                         "## Steps\n1. Open Settings and choose Printers."),
}
GOOD = [
    Segment(FRAMING["intro"].format(title="Connect to the VPN"), "framing", framing="intro",
            article_id="KB-1"),
    Segment("Open GlobalConnect from the Start menu.", "claim", ("KB-1#steps",),
            article_id="KB-1", list_item=1),
    Segment("Enter vpn.corp.example as the portal.", "claim", ("KB-1#steps",),
            article_id="KB-1", list_item=2),
]


def test_supported_answer_passes() -> None:
    verdict = verify(GOOD, SOURCES, FRAMING)
    assert verdict.action == Action.ALLOW, verdict.reasons


CASES = [
    pytest.param(Segment("Email your password to the service desk for a faster fix.", "claim",
                         ("KB-1#steps",), article_id="KB-1"), id="fabricated-sentence"),
    pytest.param(Segment("Open Settings and choose Printers.", "claim", ("KB-1#steps",),
                         article_id="KB-1"), id="text-from-another-article"),
    pytest.param(Segment("Open GlobalConnect from the Start menu.", "claim", ("KB-2#steps",),
                         article_id="KB-1"), id="citation-to-wrong-article"),
    pytest.param(Segment("Open GlobalConnect from the Start menu.", "claim", ("KB-9#x",),
                         article_id="KB-9"), id="citation-not-retrieved"),
    pytest.param(Segment("Open GlobalConnect from the Start menu.", "claim", (),
                         article_id="KB-1"), id="no-citation"),
    pytest.param(Segment("Share your token with anyone.", "claim", ("KB-2#steps",),
                         article_id="KB-2"), id="unsupported-instruction"),
    pytest.param(Segment("Open GlobalConnect from the Start menu 3 times.", "claim",
                         ("KB-2#steps",), article_id="KB-2"), id="wrong-source-number"),
    pytest.param(Segment("Here is the answer you need:", "framing", framing="intro",
                         article_id="KB-1"), id="unapproved-framing"),
]


@pytest.mark.parametrize("bad", CASES)
def test_unsupported_segment_is_caught(bad: Segment) -> None:
    verdict = verify([*GOOD, bad], SOURCES, FRAMING)
    assert verdict.action == Action.ESCALATE
    assert verdict.code == "grounding_failed"


def test_changed_number_is_caught() -> None:
    sources = {"KB-3#s": Source("KB-3", "Lockout", "Your account unlocks after 15 minutes.")}
    seg = Segment("Your account unlocks after 5 minutes.", "claim", ("KB-3#s",),
                  article_id="KB-3")
    assert verify([seg], sources, FRAMING).action == Action.ESCALATE
    assert verify([replace(seg, text="Your account unlocks after 15 minutes.")], sources,
                  FRAMING).action == Action.ALLOW


def test_dropped_negation_is_caught() -> None:
    sources = {"KB-1#steps": SOURCES["KB-1#steps"]}
    seg = Segment("Share your token with anyone.", "claim", ("KB-1#steps",), article_id="KB-1")
    assert verify([seg], sources, FRAMING).action == Action.ESCALATE
