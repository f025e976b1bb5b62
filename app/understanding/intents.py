"""Intent classification: rules first, then nearest labelled exemplars, with a confidence."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from app.understanding.rules import match_rule
from app.vocabulary import INTENTS
from knowledge.embedder import Embedder, Vectors

EXEMPLARS_PATH = Path(__file__).with_name("exemplars.yaml")
RULE_CONFIDENCE = 0.95
TOP_N = 3


@dataclass(frozen=True)
class IntentGuess:
    intent: str
    confidence: float
    source: str  # "rule:<name>" or "knn"
    runner_up: str | None = None


def load_exemplars(path: Path = EXEMPLARS_PATH) -> dict[str, list[str]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    unknown = sorted(set(raw) - set(INTENTS))
    if unknown:
        raise ValueError(f"{path}: unknown intents {unknown}")
    return {intent: [str(t) for t in texts] for intent, texts in raw.items()}


class IntentClassifier:
    def __init__(self, embedder: Embedder, exemplars: dict[str, list[str]]) -> None:
        self._embedder = embedder
        self._labels: list[str] = []
        texts: list[str] = []
        for intent, items in exemplars.items():
            self._labels.extend([intent] * len(items))
            texts.extend(items)
        self._intents = sorted(exemplars)
        self._matrix = embedder.embed_queries(texts)
        self._label_idx = np.array([self._intents.index(lbl) for lbl in self._labels])

    def classify(self, text: str, vector: Vectors | None = None) -> IntentGuess:
        rule = match_rule(text)
        if rule is not None:
            return IntentGuess(rule.intent, RULE_CONFIDENCE, f"rule:{rule.name}")
        vec = self._embedder.embed_query(text) if vector is None else vector
        sims = self._matrix @ vec
        scores = np.full(len(self._intents), -1.0)
        for i in range(len(self._intents)):
            mine = np.sort(sims[self._label_idx == i])[::-1][:TOP_N]
            # The best exemplar dominates; the next ones damp a single lucky match.
            scores[i] = 0.7 * mine[0] + 0.3 * mine.mean()
        order = np.argsort(-scores)
        best, second = float(scores[order[0]]), float(scores[order[1]])
        confidence = _confidence(best, best - second)
        return IntentGuess(
            self._intents[order[0]], confidence, "knn", self._intents[order[1]]
        )


def _confidence(similarity: float, margin: float) -> float:
    """Squash similarity and margin to [0, 1]; 0.5 sits near a plausible-but-unsure match."""
    z = 9.0 * (similarity - 0.42) + 12.0 * (margin - 0.03)
    return float(round(1.0 / (1.0 + np.exp(-z)), 4))
