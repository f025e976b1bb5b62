"""The composer answers from the part of an article that matched, in flat and nested articles."""

from __future__ import annotations

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
