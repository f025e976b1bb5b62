"""Embedding similarity to bundled attack exemplars, contrasted with benign exemplars.

The exemplar matrices are computed once per embed function and kept in an ``ExemplarCache``
that the app builds at startup (no module globals). A query costs one embedding (or none when
the caller passes the vector it already computed for retrieval) and two matrix-vector products.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import yaml

from guardrails.policy import GuardrailPolicy
from guardrails.verdict import Action, Verdict

Embed = Callable[[list[str]], Any]
CODE = "prompt_injection"


@dataclass(frozen=True)
class Exemplars:
    attacks: tuple[str, ...]
    benign: tuple[str, ...]


@cache
def load_exemplars() -> Exemplars:
    raw = resources.files("guardrails").joinpath("data/attack_exemplars.yaml").read_text("utf-8")
    doc = yaml.safe_load(raw)
    return Exemplars(tuple(doc["attacks"]), tuple(doc["benign"]))


@dataclass(frozen=True)
class ExemplarMatrices:
    attacks: np.ndarray
    benign: np.ndarray


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
                mats = ExemplarMatrices(
                    _unit_rows(embed(list(ex.attacks)), len(ex.attacks)),
                    _unit_rows(embed(list(ex.benign)), len(ex.benign)),
                )
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
    margin = top_attack - top_benign
    reasons = (f"nearest attack exemplar {top_attack:.2f}, nearest benign {top_benign:.2f}",)
    # Three ways to block: very close to a known attack; clearly closer to attacks than to
    # benign IT requests; or a partial rule hit that the embedding corroborates.
    attack = (
        top_attack >= policy.similarity_block
        or (top_attack >= policy.similarity_floor and margin >= policy.similarity_margin)
        or (rule_score >= 0.5 and top_attack >= policy.similarity_floor - 0.1 and margin >= 0.05)
    )
    if attack:
        return Verdict("similarity", Action.REFUSE, reasons, CODE, top_attack)
    return Verdict("similarity", Action.ALLOW, reasons, None, top_attack)
