"""BM25 over chunk text (bm25s), with a small English normaliser shared by queries and chunks."""

from __future__ import annotations

import difflib
import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Term:
    """A query word, the KB word it was corrected to (if any), and how rare it is in the KB."""

    token: str
    fixed: str | None
    idf: float

    def found_in(self, tokens: frozenset[str]) -> bool:
        return self.token in tokens or (self.fixed is not None and self.fixed in tokens)


class LexicalIndex:
    def __init__(self, texts: Sequence[str]) -> None:
        self._size = len(texts)
        self._bm25 = bm25s.BM25(k1=1.2, b=0.75)
        corpus = [tokenize(t) or ["\x00"] for t in texts]
        self._vocab = sorted({tok for doc in corpus for tok in doc if len(tok) >= 4})
        self._known = frozenset(tok for doc in corpus for tok in doc)
        self._df = Counter(tok for doc in corpus for tok in set(doc))
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

    @property
    def vocabulary(self) -> frozenset[str]:
        return self._known

    def idf(self, token: str) -> float:
        """BM25's idf; a word the KB never uses gets the largest value (it is the most specific)."""
        df = self._df.get(token, 0)
        return math.log(1.0 + (self._size - df + 0.5) / (df + 0.5))

    def terms(self, query: str) -> list[Term]:
        """The query's distinct content words with their corrections and idf."""
        out: dict[str, Term] = {}
        for tok in tokenize(query):
            if tok not in out:
                fixed = self.correct(tok)
                idf = self.idf(fixed) if fixed else self.idf(tok)
                out[tok] = Term(tok, fixed, idf)
        return list(out.values())

    def __len__(self) -> int:
        return self._size

    def scores(self, query: str) -> NDArray[np.float64]:
        tokens = self.expand(tokenize(query))
        if not tokens or self._size == 0:
            return np.zeros(self._size)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float64)
