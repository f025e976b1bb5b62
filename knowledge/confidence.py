"""Evidence features for one (question, article) pair and the calibrated map to a confidence.

Every feature is on a scale that does not depend on the size or style of the knowledge base
(similarities, shares of the question, yes/no), so weights fitted on our KB still mean something
on a company's own KB after ``zerodesk ingest --kb DIR``. Raw BM25 scores are deliberately not a
feature: they grow with the corpus and the length of the question.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.lexical import Term

CALIBRATION_PATH = Path(__file__).with_name("calibration.json")
FEATURES = ("dense", "margin", "agree", "coverage", "known", "line", "operation", "platform",
            "reader", "reader_margin")
Features = dict[str, float]

# Used only when calibration.json is missing: a conservative hand-set map that needs a close
# dense match and most of the question's words before it gets near the answer threshold.
_FALLBACK = {"dense": 9.0, "margin": 4.0, "agree": 1.0, "coverage": 3.0, "known": 0.0,
             "line": 0.0, "operation": 0.0, "platform": 0.0, "reader": 0.0,
             "reader_margin": 0.0}
_FALLBACK_BIAS = -10.0
# Checks that cap the confidence when they fail: a passage that does not perform the operation
# the question asks for, or is written for another platform, does not answer it however close
# it is. The cap is fitted too (the share of dev candidates failing a check that did answer).
GATES = ("operation", "platform")
_FALLBACK_CEILING = 0.05


@dataclass(frozen=True)
class Calibration:
    """Logistic map from the features to P(this article answers the question).

    Fitted on the dev splits of the retrieval datasets (our KB, the manual-style and the
    FAQ-export KB) by ``python -m evals.calibrate`` into ``knowledge/calibration.json``.
    """

    bias: float = _FALLBACK_BIAS
    weights: Mapping[str, float] = field(default_factory=lambda: dict(_FALLBACK))
    gates: tuple[str, ...] = GATES
    ceiling: float = _FALLBACK_CEILING

    @classmethod
    def load(cls, path: Path = CALIBRATION_PATH) -> Calibration:
        if not path.exists():
            return cls()
        raw = json.loads(path.read_text(encoding="utf-8"))
        names = raw.get("features")
        if not isinstance(names, list) or not set(names) <= set(FEATURES):
            # A file fitted on other features: its weights mean nothing for these ones.
            return cls()
        gates = raw.get("gates", [])
        if not isinstance(gates, list) or not set(gates) <= set(FEATURES):
            return cls()
        return cls(bias=float(raw["bias"]), weights={n: float(raw[f"w_{n}"]) for n in names},
                   gates=tuple(gates), ceiling=float(raw.get("gate_ceiling", _FALLBACK_CEILING)))

    def confidence(self, features: Features) -> float:
        z = self.bias + sum(w * features[name] for name, w in self.weights.items())
        p = 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))
        if any(features[g] < 1.0 for g in self.gates):
            return min(p, self.ceiling)
        return p


def coverage(terms: Sequence[Term], tokens: frozenset[str]) -> float:
    """Share of the question's word weight (idf) that this text contains.

    A question about "Webex add-in in Outlook" matched to an Outlook article covers the common
    word and misses the specific one; the specific word carries most of the weight.
    """
    total = sum(t.idf for t in terms)
    if total <= 0:
        return 0.0
    return sum(t.idf for t in terms if t.found_in(tokens)) / total


@dataclass(frozen=True)
class Evidence:
    """What one query's retrieval saw, per article, from which every candidate's features come."""

    terms: Sequence[Term]
    known: float  # share of the question's weight that the KB uses anywhere
    dense: Mapping[str, float]  # article -> best chunk similarity
    category: Mapping[str, str]
    top_dense: str | None
    top_lexical: str | None

    def features(self, article: str, sections: frozenset[str], line: float = 0.0,
                 asked: tuple[float, float] = (1.0, 1.0),
                 read: tuple[float, float] = (0.0, 0.0)) -> Features:
        """``sections``: the words of this article's chunks that ranked near the top;
        ``line``: the question's similarity to the closest single line of the article, or to
        its best section when that is closer; ``asked``: the share of the operations and of
        the platforms the question names that those chunks name too (``knowledge.asks``);
        ``read``: the late-interaction score of the question against the shown section, and
        how far it stands above the best other candidate's (``knowledge.reader``)."""
        mine = self.dense.get(article, 0.0)
        # Competition from other topics only: two VPN articles both matching a VPN question
        # is agreement, not ambiguity. A KB that files everything under one category (or a
        # pool with no other topic in it) falls back to the next article of any kind, so the
        # margin never silently becomes the whole similarity.
        rivals = [v for a, v in self.dense.items() if a != article]
        others = max((v for a, v in self.dense.items()
                      if a != article and self.category.get(a) != self.category.get(article)),
                     default=max(rivals, default=0.0))
        covered = coverage(self.terms, sections)
        return {
            "dense": mine,
            "margin": mine - others,
            # Both retrievers putting this article first is strong evidence only when the
            # words they agree on are most of the question (not one shared word like "Outlook").
            "agree": float(article == self.top_dense and article == self.top_lexical) * covered,
            # Coverage of the matched sections, not the whole article: a long manual holds
            # nearly every word somewhere, which would read as evidence on any question.
            "coverage": covered,
            # With coverage, this discounts words the KB never uses at all (typos, filler):
            # missing those says less about this article than missing a word the KB knows.
            "known": self.known,
            # A section's vector averages all it says: on an FAQ page with several unrelated
            # answers, or a long manual section, the one statement that matches tells more.
            "line": line,
            # A page about the right product still does not answer another operation on it
            # ("archive a channel" next to "creating channels") or another platform; the
            # similarities above hardly move for the one word that differs.
            "operation": asked[0],
            "platform": asked[1],
            # Every word of the question finding its meaning in the passage, token by token:
            # recognises a paraphrase that shares few words and whose average vector is no
            # closer than a page that only shares the topic.
            "reader": read[0],
            "reader_margin": read[1],
        }
