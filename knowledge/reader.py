"""Reading a question against a passage token by token (late interaction), not as two averages.

A sentence vector averages everything a text says, so a paraphrase ("copier says I've run out of
pages") and the passage that answers it ("When the allowance is used up") can sit no closer
than a page that merely shares the topic. MiniLM's contextual token vectors keep what each word
means in its sentence: each question word is matched to its closest passage token (ColBERT's
MaxSim) and the matches are averaged over the question, so every part of the question has to
find itself somewhere in the passage. No extra model: the same bundled MiniLM, one pass for the
question. A KB section's token vectors are computed at ingest and loaded with the store
(``knowledge.section_tokens``); any other passage's are computed once and kept (bounded cache
keyed by a digest of the passage's text, so an edited chunk is re-read and an unchanged one
never is). Both are float16, so a passage scores the same whichever way it was read.

The score is a mean of cosines, on the same scale whatever the KB's size or style.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence

import numpy as np

from knowledge.chunking import plain_text
from knowledge.embedder import Embedder, Vectors
from knowledge.section_tokens import Stored, digest, kept

# Word pieces that carry meaning: letters or digits ("##" marks a word's continuation).
# Punctuation and the model's [CLS]/[SEP] markers match everything about equally.
_WORDISH = re.compile(r"^(?:##)?[a-z0-9]")
_SPECIAL = frozenset({"[CLS]", "[SEP]", "[PAD]", "[UNK]", "[MASK]"})
CACHE_SIZE = 8192


def passage_text(title: str, heading: str, text: str) -> str:
    """What a section says with what it is called, as the chunk's embedded text has it."""
    head = f" > {heading}" if heading and heading != title else ""
    return f"{title}{head}\n{text}"


def section_passage(title: str, heading: str, text: str) -> str:
    """What the reader reads of a stored section (its markdown as the sentence model reads it;
    the same text as ``chunking.Chunk.embed_text``)."""
    return passage_text(title, heading, plain_text(text))


def maxsim(question: Vectors, passage: Vectors | Stored) -> float:
    """Mean over the question's tokens of the best cosine with any passage token."""
    if not len(question) or not len(passage):
        return 0.0
    return float(np.mean(np.max(question @ np.asarray(passage, dtype=np.float32).T, axis=1)))


class Reader:
    """Late-interaction scores of one question against a few passages."""

    def __init__(self, embedder: Embedder, cache_size: int = CACHE_SIZE) -> None:
        self._embedder = embedder
        self._cache: OrderedDict[str, Stored] = OrderedDict()
        self._cache_size = cache_size
        self._known: Mapping[str, Stored] = {}
        self._lock = threading.Lock()

    def preload(self, known: Mapping[str, Stored]) -> None:
        """The KB's sections, digest -> token vectors, replacing the previous KB's."""
        with self._lock:
            self._known = known

    def scores(self, question: str, passages: Sequence[str]) -> list[float]:
        if not passages:
            return []
        pieces, vectors = self._embedder.query_tokens(question)
        words = [i for i, p in enumerate(pieces) if _WORDISH.match(p) and p not in _SPECIAL]
        asked = vectors[words]
        read = self._passages(passages)
        return [maxsim(asked, p) for p in read]

    def _passages(self, texts: Sequence[str]) -> list[Stored]:
        keys = {t: digest(t) for t in texts}
        found: dict[str, Stored] = {}
        with self._lock:
            for t, key in keys.items():
                hit = self._known.get(key)
                if hit is None and (hit := self._cache.get(key)) is not None:
                    self._cache.move_to_end(key)
                if hit is not None:
                    found[t] = hit
        missing = sorted({t for t in texts if t not in found})
        if missing:
            for t, tokens in zip(missing, self._embedder.embed_tokens(missing), strict=True):
                found[t] = kept(tokens)
            with self._lock:
                for t in missing:
                    self._cache[keys[t]] = found[t]
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return [found[t] for t in texts]
