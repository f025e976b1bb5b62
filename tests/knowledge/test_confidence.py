"""The confidence features and the calibration file."""

from __future__ import annotations

import json
from pathlib import Path

from knowledge.confidence import FEATURES, Calibration, Evidence, coverage
from knowledge.lexical import LexicalIndex

KB = ["Outlook search returns no results", "Connect to the VPN with GlobalConnect",
      "Add the FollowMe printer", "Outlook profile repair"]


def test_coverage_weights_rare_words_and_accepts_typo_fixes() -> None:
    index = LexicalIndex(KB)
    outlook = frozenset({"outlook", "search", "result"})
    # "webex" is unknown to the KB, so it is the most specific word and missing it costs most.
    partial = coverage(index.terms("webex add-in in outlook"), outlook)
    assert 0.0 < partial < 0.5
    assert coverage(index.terms("outlok search"), outlook) == 1.0  # typo corrected
    assert coverage(index.terms("the and of"), outlook) == 0.0  # nothing to cover


def test_agreement_counts_only_as_far_as_the_question_is_covered() -> None:
    index = LexicalIndex(KB)
    evidence = Evidence(terms=index.terms("webex scheduler add-in outlook"), known=0.3,
                        dense={"A": 0.6, "B": 0.3}, category={"A": "email", "B": "network"},
                        top_dense="A", top_lexical="A")
    feats = evidence.features("A", frozenset({"outlook"}))
    assert set(feats) == set(FEATURES)
    assert feats["margin"] == 0.6 - 0.3
    assert 0.0 < feats["agree"] == feats["coverage"] < 0.5


def test_margin_in_a_single_category_kb_is_against_the_next_article() -> None:
    index = LexicalIndex(KB)
    evidence = Evidence(terms=index.terms("vpn"), known=1.0, dense={"A": 0.6, "B": 0.55},
                        category={"A": "it", "B": "it"}, top_dense="A", top_lexical="A")
    assert abs(evidence.features("A", frozenset())["margin"] - 0.05) < 1e-9


def test_calibration_file_from_other_features_falls_back(tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"bias": 5.0, "w_dense": 1.0, "w_lexical": 3.0}))
    assert Calibration.load(old) == Calibration()
    new = tmp_path / "new.json"
    new.write_text(json.dumps({"bias": -1.0, "features": ["dense"], "w_dense": 2.0}))
    cal = Calibration.load(new)
    assert cal.weights == {"dense": 2.0}
    assert abs(cal.confidence({"dense": 0.5, "margin": 9.0}) - 0.5) < 1e-9
