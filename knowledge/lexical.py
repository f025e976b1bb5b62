"""BM25 over chunk text (bm25s), with a small English normaliser shared by queries and chunks."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

import bm25s
import numpy as np
from numpy.typing import NDArray

# bm25s sets its own logger to DEBUG, which floods any app that logs to the console.
logging.getLogger("bm25s").setLevel(logging.WARNING)

_WORD = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "could",
        "do",
        "does",
        "did",
        "for",
        "from",
        "has",
        "have",
        "how",
        "i",
        "i'm",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "it's",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "please",
        "so",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "this",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "hi",
        "hello",
        "thanks",
        "thank",
        "cant",
        "can't",
        "dont",
        "don't",
        "im",
        "get",
        "got",
        "just",
        "also",
        "any",
        "some",
    ]
)


def stem(word: str) -> str:
    """A deliberately light suffix stripper: enough to join 'printers'/'printing'/'printer'."""
    if len(word) <= 4 or word.isdigit():
        return word
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("er", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                return word
            return word[: -len(suffix)] + keep
    return word


def tokenize(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


class LexicalIndex:
    def __init__(self, texts: Sequence[str]) -> None:
        self._size = len(texts)
        self._bm25 = bm25s.BM25(k1=1.2, b=0.75)
        if texts:
            # bm25s cannot index an empty token list; a placeholder keeps positions aligned.
            self._bm25.index([tokenize(t) or ["\x00"] for t in texts], show_progress=False)

    def __len__(self) -> int:
        return self._size

    def scores(self, query: str) -> NDArray[np.float64]:
        tokens = tokenize(query)
        if not tokens or self._size == 0:
            return np.zeros(self._size)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float64)
