"""BM25 over chunk text (bm25s), with a small English normaliser shared by queries and chunks."""

from __future__ import annotations

import difflib
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


_CAMEL = re.compile(r"\b[A-Z]?[a-z]+(?:[A-Z][a-z]+)+\b")


def tokenize(text: str) -> list[str]:
    # Product names written as one word ("GlobalConnect", "CloudDrive") also count as their
    # parts, so "connect" and "drive" find them.
    parts = [p.lower() for m in _CAMEL.finditer(text)
             for p in re.findall(r"[A-Z]?[a-z]+", m.group(0))]
    words = _WORD.findall(text.lower()) + parts
    return [stem(w) for w in words if w not in STOPWORDS]


class LexicalIndex:
    def __init__(self, texts: Sequence[str]) -> None:
        self._size = len(texts)
        self._bm25 = bm25s.BM25(k1=1.2, b=0.75)
        corpus = [tokenize(t) or ["\x00"] for t in texts]
        self._vocab = sorted({tok for doc in corpus for tok in doc if len(tok) >= 4})
        self._known = frozenset(tok for doc in corpus for tok in doc)
        self._fixes: dict[str, str | None] = {}
        if texts:
            # bm25s cannot index an empty token list; a placeholder keeps positions aligned.
            self._bm25.index(corpus, show_progress=False)

    def correct(self, token: str) -> str | None:
        """The KB word a misspelt query word most likely meant ("pasword" -> "password")."""
        if token in self._known or len(token) < 5 or token.isdigit():
            return None
        if token not in self._fixes:
            close = difflib.get_close_matches(token, self._vocab, n=1, cutoff=0.8)
            self._fixes[token] = close[0] if close else None
        return self._fixes[token]

    def expand(self, tokens: list[str]) -> list[str]:
        fixed = [self.correct(t) for t in tokens]
        return tokens + [f for f in fixed if f]

    def __len__(self) -> int:
        return self._size

    def scores(self, query: str) -> NDArray[np.float64]:
        tokens = self.expand(tokenize(query))
        if not tokens or self._size == 0:
            return np.zeros(self._size)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float64)
