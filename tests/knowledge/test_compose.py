"""The composer answers from the part of an article that matched, in flat and nested articles."""

from __future__ import annotations

import pytest

from guardrails.citations import Source, verify
from knowledge.compose import FRAMING, compose
from knowledge.retriever import Hit
from knowledge.store import StoredChunk


def _chunk(cid: str, heading: str, text: str, position: int) -> StoredChunk:
    return StoredChunk(id=cid, article_id=cid.split("#")[0], title="Guide", heading=heading,
                       text=text, audience="everyone", category="test", content_hash="x",
                       position=position)


def _hit(chunk: StoredChunk) -> Hit:
    return Hit(article_id=chunk.article_id, chunk_id=chunk.id, title=chunk.title,
               heading=chunk.heading, text=chunk.text, score=0.1, confidence=0.9, dense=0.6,
               lexical=1.0)


ERRORS = _chunk("M#errors", "5 Troubleshooting > 5.2 Error codes",
                "### 5.2 Error codes\n| Code | Cause | Resolution |\n|---|---|---|\n"
                "| TW-1012 | No internet | Try another network |\n"
                "| TW-2040 | Certificate expired after 60 days | Connect to an office network |",
                0)
DIAGNOSTICS = _chunk("M#diag", "5 Troubleshooting > 5.3 Collecting diagnostics",
                     "### 5.3 Collecting diagnostics\n1. Open Settings > Support.\n"
                     "2. Select Generate diagnostics.", 1)


def test_nested_manual_answers_from_the_matching_row_not_another_sections_steps() -> None:
    chunks = [ERRORS, DIAGNOSTICS]
    draft = compose([_hit(ERRORS)], {"M": chunks}, query="laptop says TW-2040 certificate")
    claims = [s.text for s in draft.segments if s.kind == "claim"]
    assert claims == ["TW-2040; Certificate expired after 60 days; Connect to an office network"]
    assert not any("diagnostics" in c for c in claims)
    sources = {c.id: Source(c.article_id, c.title, c.text) for c in chunks}
    assert not verify(draft.segments, sources, FRAMING).blocks  # table rows stay citable


def test_flat_article_answers_symptoms_with_its_steps() -> None:
    symptoms = _chunk("F#symptoms", "Symptoms", "## Symptoms\nThe VPN drops every few minutes.", 0)
    steps = _chunk("F#steps", "Steps", "## Steps\n1. Open GlobalConnect.\n2. Pick a gateway.", 1)
    draft = compose([_hit(symptoms)], {"F": [symptoms, steps]}, query="vpn keeps dropping")
    assert [s.text for s in draft.segments if s.list_item] == ["Open GlobalConnect.",
                                                              "Pick a gateway."]


RULES = _chunk("P#rules", "The rules",
               "## The rules\n- At least 14 characters. No symbols or capitals are required.\n"
               "- It cannot be one of your last 12 passwords.", 1)
INTRO = _chunk("P#intro", "Guide", "# Guide\nOne password signs you in everywhere.", 0)
CHANGE = _chunk("P#steps", "Steps to change it",
                "## Steps to change it\n1. Press Ctrl+Alt+Del.\n2. Choose Change a password.", 2)
WHEN = _chunk("P#when", "When to use this",
              "## When to use this\n- Your new password is refused by the policy.", 3)


@pytest.mark.parametrize(("best", "query", "answer"), [
    # A question about a fact, matched to a section of facts: that section's lines.
    (RULES, "how long does a password have to be, does it need symbols?", "At least 14"),
    (RULES, "what is the minimum length for passwords", "At least 14"),
    (RULES, "is there a rule about reusing old passwords?", "last 12"),
    # Asking what to do: the steps, whichever section matched best.
    (RULES, "how do I change my password so it meets the rules?", "Press Ctrl+Alt+Del."),
    (RULES, "new password refused, what should I do?", "Press Ctrl+Alt+Del."),
    # A section that only describes the problem (or the article's opening) is answered by steps.
    (WHEN, "how long does a password have to be?", "Press Ctrl+Alt+Del."),
    (INTRO, "how long does a password have to be?", "Press Ctrl+Alt+Del."),
    # Neither a fact question nor a request to act: steps, as before.
    (RULES, "password rules", "Press Ctrl+Alt+Del."),
])
def test_a_fact_question_is_answered_by_the_facts_it_matched(best: StoredChunk, query: str,
                                                             answer: str) -> None:
    chunks = [INTRO, RULES, CHANGE, WHEN]
    draft = compose([_hit(best)], {"P": chunks}, query=query)
    claims = [s.text for s in draft.segments if s.kind == "claim"]
    assert any(answer in c for c in claims), claims
    steps = [s.text for s in draft.segments if s.list_item]
    assert bool(steps) == (answer == "Press Ctrl+Alt+Del."), claims
    sources = {c.id: Source(c.article_id, c.title, c.text) for c in chunks}
    assert not verify(draft.segments, sources, FRAMING).blocks
