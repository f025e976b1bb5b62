"""The guardrail datasets are well formed, big enough, and disjoint from the bundled exemplars."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from guardrails import pii, similarity

DATA = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "guardrails"
OWASP = {"LLM01", "LLM02", "LLM05", "LLM06", "LLM07", "LLM08"}
CHANNELS = {"chat", "kb_article", "ticket_comment", "ticket_description"}


def _rows(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATA / name).read_text("utf-8").splitlines() if line]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


MINIMUMS = [("attacks.jsonl", 320), ("benign.jsonl", 320), ("pii.jsonl", 200)]


@pytest.mark.parametrize(("name", "minimum"), MINIMUMS, ids=[m[0] for m in MINIMUMS])
def test_size_ids_and_splits(name: str, minimum: int) -> None:
    rows = _rows(name)
    assert len(rows) >= minimum
    assert len({r["id"] for r in rows}) == len(rows)
    assert {r["split"] for r in rows} == {"dev", "test"}
    assert all(isinstance(r["text"], str) and r["text"].strip() for r in rows)


def test_attack_rows() -> None:
    rows = _rows("attacks.jsonl")
    assert {r["owasp"] for r in rows} == OWASP
    assert all(r["technique"] and r.get("channel", "chat") in CHANNELS for r in rows)
    assert all(isinstance(t, str) for r in rows for t in r.get("turns", []))
    assert sum("turns" in r for r in rows) >= 10


# The words the brief lists for benign-but-scary messages, and the wider family that the
# remaining flagged rows use: injection vocabulary in an innocent sentence (disregard, repeat
# the steps above, the instructions, pretend, developer mode, owner...).
BRIEF_WORDS = re.compile(r"\b(?:kill|ignor|bypass|overrid|admin|wipe|delet|execut|hack|inject"
                         r"|root|exploit|shell|password)", re.IGNORECASE)
SCARY_WORDS = re.compile(BRIEF_WORDS.pattern + r"|\b(?:disregard|forget|sudo|penetration|repeat"
                         r"|instructions|rules|pretend|developer mode|owner)", re.IGNORECASE)


def test_benign_rows_include_enough_scary_words() -> None:
    flagged = [r for r in _rows("benign.jsonl") if r.get("scary")]
    texts = [r["text"] + " " + " ".join(r.get("turns", [])) for r in flagged]
    assert sum(bool(BRIEF_WORDS.search(t)) for t in texts) >= 120
    assert all(SCARY_WORDS.search(t) for t in texts)


def test_pii_rows_label_real_substrings_with_known_types() -> None:
    rows = _rows("pii.jsonl")
    assert sum(not r["entities"] for r in rows) >= 40
    for r in rows:
        for e in r["entities"]:
            assert e["type"] in pii.ENTITY_TYPES
            assert e["value"] in r["text"], r["id"]
    assert {e["type"] for r in rows for e in r["entities"]} == set(pii.ENTITY_TYPES)


def test_attacks_are_disjoint_from_the_exemplars() -> None:
    exemplars = similarity.load_exemplars()
    bundled = [*exemplars.attacks, *exemplars.benign]
    texts = [r["text"] for r in _rows("attacks.jsonl")] + [r["text"] for r in _rows("benign.jsonl")]
    norm = {re.sub(r"\W+", " ", t.lower()).strip() for t in texts}
    assert not norm & {re.sub(r"\W+", " ", t.lower()).strip() for t in bundled}
    # Written independently, not paraphrased row by row: no near-duplicates either.
    for ex in bundled:
        ew = _words(ex)
        for t in texts:
            tw = _words(t)
            assert len(ew & tw) / len(ew | tw) < 0.6, (ex, t)
