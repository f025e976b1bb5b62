"""The similarity check's logistic head: its bundled form, and its features beyond the vector.

The MiniLM vector alone generalised poorly to wording nobody fitted it to (leave-one-batch-out
in ``evals/guardrails_loo.py``): it encodes topic more than intent, and it is English-only. Two
cheap additions carry the rest:

- hashed word and character n-grams of the folded text and of its English gloss (the same
  readings the rules see), so "set aside the guidance you were configured with" shares
  evidence with "disregard your configuration" through "configur", "guid", "set aside", and a
  Spanish override shares it through its gloss;
- the nearest attack and nearest benign exemplar similarities, which say how the message sits
  relative to both kinds of known examples rather than where it is in absolute terms.

Hashing uses CRC32, which is stable across processes (Python's ``hash`` is salted), so a head
fitted offline reads the same buckets at run time. All of this is pure Python and numpy.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from guardrails import normalize

BUCKETS = 1 << 15
_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_CHAR_N = (3, 4, 5)
# The two n-gram blocks are unit-normalised then scaled, so a long message does not outweigh
# the sentence vector by sheer count of n-grams.
NGRAM_SCALE = 1.0


def readings(text: str) -> list[str]:
    """The folded text plus its English glosses (other languages, other scripts)."""
    folded = normalize.fold(text)
    out = [folded]
    for kind, variant in normalize.variants(folded, text):
        if kind in ("gloss", "leetspeak", "dehyphen", "spaced"):
            out.append(variant)
    return out


def _grams(reading: str) -> Iterable[str]:
    words = _WORD.findall(reading)
    for w in words:
        yield "w:" + w
    for a, b in zip(words, words[1:], strict=False):
        yield "b:" + a + " " + b
    for w in words:
        padded = f" {w} "
        for n in _CHAR_N:
            for i in range(len(padded) - n + 1):
                yield "c:" + padded[i:i + n]


def ngram_buckets(text: str) -> np.ndarray:
    """Sorted distinct bucket ids of every n-gram of every reading of ``text``."""
    ids = {zlib.crc32(g.encode("utf-8")) % BUCKETS for r in readings(text) for g in _grams(r)}
    return np.fromiter(sorted(ids), dtype=np.int64, count=len(ids))


def ngram_value(count: int) -> float:
    """The value of each present bucket: the block has unit norm."""
    return NGRAM_SCALE / float(np.sqrt(count)) if count else 0.0


def similarity_features(top_attack: float, top_benign: float) -> np.ndarray:
    return np.array([top_attack, top_benign, top_attack - top_benign], dtype=np.float64)


@dataclass(frozen=True)
class TrainedHead:
    """A logistic head fitted offline for one embedding model, recognised by a probe vector."""

    probe: str
    probe_vector: np.ndarray
    weights: np.ndarray
    bias: float
    # Hashed n-gram weights (``BUCKETS``) and the weights of the nearest-exemplar
    # similarities; None for a head on the sentence vector alone.
    ngram_weights: np.ndarray | None = None
    sim_weights: np.ndarray | None = None
    # The probability that blocks on its own, set from held-out batches when the head was fitted.
    block_probability: float | None = None


def head_from_json(doc: dict[str, Any]) -> TrainedHead:
    ngrams = None
    if "ngram_weights" in doc:
        # Stored sparse (bucket -> weight): buckets no training text hashed to stay at zero.
        ngrams = np.zeros(BUCKETS, dtype=np.float64)
        for bucket, weight in doc["ngram_weights"].items():
            ngrams[int(bucket)] = float(weight)
    sims = np.asarray(doc["sim_weights"], dtype=np.float64) if "sim_weights" in doc else None
    return TrainedHead(doc["probe"], np.asarray(doc["probe_vector"], dtype=np.float64),
                       np.asarray(doc["weights"], dtype=np.float64), float(doc["bias"]),
                       ngrams, sims, doc.get("block_probability"))
