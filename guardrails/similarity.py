"""Embedding similarity to bundled attack exemplars, contrasted with benign exemplars.

Per embed function, once, the ``ExemplarCache`` embeds the exemplars and gets a small
L2-regularised logistic regression (attack vs benign): the head bundled in
``data/injection_classifier.json`` when it was fitted for this embedding model (checked with a
probe sentence), otherwise one fitted on the exemplars alone. The bundled head is fitted by
``python -m evals.guardrails_eval --fit-classifier`` on the exemplars plus the dev split of the
guardrail datasets (never the test split): about four times as many, far more varied examples
than the exemplars. It lives in the cache object the app builds at startup, not in a module
global. A query costs one embedding (none when the caller passes the vector it already computed
for retrieval), three dot products and, for a head with n-gram features (``head_features``),
hashing the n-grams of the text and its glosses (about 0.3 ms).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import yaml

from guardrails import catalogue, head_features, normalize
from guardrails.head_features import TrainedHead, head_from_json
from guardrails.policy import GuardrailPolicy
from guardrails.verdict import Action, Verdict

Embed = Callable[[list[str]], Any]
CODE = "prompt_injection"
_MIN_WORDS = 5
_MIN_WORDS_RICH = 3
_SHORT_FRAGMENT = 8
_MIN_SUPPORT = 0.50
# Below this, a text of any length is unlike every known attack: the head's probability there
# is extrapolation (1.00 for a distressed employee's "everyone wuold be better off without me"
# at 0.29, for "actually it's all twelve of us in legal" at 0.32). On the dev split, at 0.40
# two more dev attacks pass the screen (0.66% -> 0.79%), both tool-gated; at 0.45 five more.
_FAR_SUPPORT = 0.40
_BENIGN_MARGIN = 0.15
# The embedding model is English-only: other languages land in a poorly separated region, so
# on text with few English function words the classifier alone decides nothing (the glossed
# rules still read it, and a partial rule score plus the classifier still blocks).
_ENGLISH = re.compile(r"\b(?:the|a|an|to|is|are|my|i|you|your|it|and|of|in|for|on|can|how|what"
                      r"|with|this|that|do|not|me|please|all|from|now|be|was|have)\b", re.I)
_MIN_ENGLISH = 0.15


def _plain(text: str) -> bool:
    """Latin-script text that no decoder or gloss reads as anything else: English as far as
    the checks can tell (jargon and fragments included, which ``_english`` is not sure of)."""
    return text.isascii() and not normalize.variants(normalize.fold(text), text)


def _english(text: str) -> bool:
    words = re.findall(r"\w+", text)
    return bool(words) and len(_ENGLISH.findall(text)) / len(words) >= _MIN_ENGLISH


@dataclass(frozen=True)
class Exemplars:
    attacks: tuple[str, ...]
    benign: tuple[str, ...]


@cache
def load_exemplars() -> Exemplars:
    raw = resources.files("guardrails").joinpath("data/attack_exemplars.yaml").read_text("utf-8")
    doc = yaml.safe_load(raw)
    return Exemplars(tuple(doc["attacks"]), tuple(doc["benign"]))


@cache
def load_trained_head() -> TrainedHead | None:
    path = resources.files("guardrails").joinpath("data/injection_classifier.json")
    if not path.is_file():
        return None
    return head_from_json(json.loads(path.read_text("utf-8")))


def _trained_head_for(embed: Embed, dim: int) -> TrainedHead | None:
    """The bundled head if it was fitted with this embedder's model, else None."""
    head = load_trained_head()
    if head is None or head.weights.shape[0] != dim:
        return None
    probe = _unit_rows(embed([head.probe]), 1)[0]
    n = head.probe_vector.shape[0]
    # Another model of the same width gives an unrelated vector; the same model on another
    # CPU differs in the last digits only.
    if float(np.max(np.abs(probe[:n] - head.probe_vector))) > 1e-3:
        return None
    return head


@dataclass(frozen=True)
class ExemplarMatrices:
    attacks: np.ndarray
    benign: np.ndarray
    weights: np.ndarray
    bias: float
    ngram_weights: np.ndarray | None = None
    sim_weights: np.ndarray | None = None
    block_probability: float | None = None

    @property
    def rich(self) -> bool:
        """True for a head that reads n-grams of the text and its glosses, not only the vector."""
        return self.ngram_weights is not None

    def probability(self, q: np.ndarray, text: str = "", top_attack: float = 0.0,
                    top_benign: float = 0.0) -> float:
        z = float(q @ self.weights) + self.bias
        if self.ngram_weights is not None:
            buckets = head_features.ngram_buckets(text)
            z += float(self.ngram_weights[buckets].sum()) * head_features.ngram_value(
                len(buckets))
        if self.sim_weights is not None:
            z += float(head_features.similarity_features(top_attack, top_benign)
                       @ self.sim_weights)
        return float(1.0 / (1.0 + np.exp(-z)))


def fit_logistic(attacks: np.ndarray, benign: np.ndarray, l2: float = 1e-3,
                 iterations: int = 500, step: float = 2.0) -> tuple[np.ndarray, float]:
    """Plain batch gradient descent: deterministic, no dependency, a few ms for ~500 rows."""
    x = np.vstack([attacks, benign]).astype(np.float64)
    y = np.r_[np.ones(len(attacks)), np.zeros(len(benign))]
    w = np.zeros(x.shape[1])
    b = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        w -= step * (x.T @ (p - y) / len(y) + l2 * w)
        b -= step * float(np.mean(p - y))
    return w, b


def _unit_rows(vectors: Any, expected: int) -> np.ndarray:
    m = np.asarray(vectors, dtype=np.float32)
    if m.ndim != 2 or m.shape[0] != expected:
        raise ValueError(f"embed returned shape {m.shape}, expected ({expected}, dim)")
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.maximum(norms, 1e-12)


def _key(embed: Embed) -> tuple[int, int]:
    # A bound method (model.encode) is a new object on every attribute access; key on the
    # instance and function so passing ``model.encode`` twice still hits the cache.
    owner = getattr(embed, "__self__", None)
    func = getattr(embed, "__func__", None)
    if owner is not None and func is not None:
        return id(owner), id(func)
    return id(embed), 0


class ExemplarCache:
    """Exemplar vectors per embed function, computed lazily on first use."""

    def __init__(self, exemplars: Exemplars | None = None) -> None:
        self._exemplars = exemplars
        self._lock = threading.Lock()
        # Strong references to the embed callables keep their ids from being reused.
        self._entries: dict[tuple[int, int], tuple[Embed, ExemplarMatrices]] = {}

    def matrices(self, embed: Embed) -> ExemplarMatrices:
        key = _key(embed)
        entry = self._entries.get(key)
        if entry is not None:
            return entry[1]
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                ex = self._exemplars or load_exemplars()
                attacks = _unit_rows(embed(list(ex.attacks)), len(ex.attacks))
                benign = _unit_rows(embed(list(ex.benign)), len(ex.benign))
                # A head fitted on other examples only fits the bundled exemplars' model.
                trained = None if self._exemplars else _trained_head_for(embed, attacks.shape[1])
                if trained is not None:
                    mats = ExemplarMatrices(attacks, benign, trained.weights, trained.bias,
                                            trained.ngram_weights, trained.sim_weights,
                                            trained.block_probability)
                else:
                    mats = ExemplarMatrices(attacks, benign, *fit_logistic(attacks, benign))
                entry = (embed, mats)
                self._entries[key] = entry
        return entry[1]


def _query(text: str, embed: Embed, query_vec: np.ndarray | Sequence[float] | None) -> np.ndarray:
    if query_vec is None:
        return _unit_rows(embed([text]), 1)[0]
    return _unit_rows(np.asarray(query_vec).reshape(1, -1), 1)[0]


def check_similarity(
    text: str,
    policy: GuardrailPolicy,
    *,
    embed: Embed | None,
    cache: ExemplarCache,
    query_vec: np.ndarray | None = None,
    rule_score: float = 0.0,
) -> Verdict:
    if embed is None:
        return Verdict("similarity", Action.ALLOW, ("skipped: no embedder configured",))
    mats = cache.matrices(embed)
    q = _query(text, embed, query_vec)
    if q.shape[0] != mats.attacks.shape[1]:
        raise ValueError("query vector dimension does not match the exemplar vectors")
    top_attack = float(np.max(mats.attacks @ q))
    top_benign = float(np.max(mats.benign @ q))
    prob = mats.probability(q, text, top_attack, top_benign)
    reasons = (f"attack probability {prob:.2f}; nearest attack exemplar {top_attack:.2f}, "
               f"nearest benign {top_benign:.2f}",)
    # Three ways to block: a near-copy of a known attack; a confident classifier; or a
    # partial rule hit that the classifier corroborates.
    # The classifier alone decides only with some support: enough words to carry meaning, and
    # a known attack at least loosely similar. A short follow-up such as "so I can just ignore
    # it?" far from every exemplar is extrapolation, not evidence. Nor does it overrule a benign
    # exemplar that is clearly nearer than any attack one.
    if mats.rich:
        # A head that reads n-grams of the text and of its English gloss was measured on
        # batches left out of its fit (evals/guardrails_head.py): it needs no nearby exemplar
        # and reads other languages through the gloss, so it decides alone at the bar set
        # from those held-out batches; only one- and two-word follow-ups stay out of its reach.
        # A second opinion before the head refuses on its own: a plain request for an item
        # the catalogue offers goes to its approval flow anyway (and the tool gate still bars
        # tools on this turn); the head, fitted on attacks that ask for access, over-reads it.
        # A short plain fragment with no attack exemplar even loosely near and no rule behind
        # it is the head extrapolating ("meh. no change", a pasted "account locked" alert
        # scored 0.99); the tool gate still bars tools on it. Longer texts keep the head's
        # reach down to a lower bar (dev attacks of 12-32 words at 0.40-0.50 from every
        # exemplar are caught only by it).
        words = len(text.split())
        support = _MIN_SUPPORT if words <= _SHORT_FRAGMENT else _FAR_SUPPORT
        # Only a text the head would refuse pays for ``_plain``, which decodes and glosses it.
        alone = (words >= _MIN_WORDS_RICH
                 and prob >= max(policy.similarity_probability, policy.head_block_floor,
                                 mats.block_probability or 1.0)
                 and not (top_attack < support and rule_score <= 0.0 and _plain(text))
                 and not catalogue.asks_for_item(text, policy.catalogue))
    else:
        alone = (len(text.split()) >= _MIN_WORDS and top_attack >= _MIN_SUPPORT
                 and top_benign - top_attack < _BENIGN_MARGIN and _english(text)
                 and prob >= policy.similarity_probability)
    attack = (
        (top_attack >= policy.similarity_block and top_attack - top_benign >= 0.05)
        or alone
        or (rule_score >= 0.3 and prob >= policy.similarity_partial_probability)
    )
    if attack:
        return Verdict("similarity", Action.REFUSE, reasons, CODE, prob)
    return Verdict("similarity", Action.ALLOW, reasons, None, prob)
