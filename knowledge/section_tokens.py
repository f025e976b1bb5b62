"""Section token vectors kept on disk next to the Chroma store, so no question pays to read them.

``knowledge.reader`` matches a question's tokens against a section's contextual token vectors.
Computing a section's costs a model pass (10-20 ms a section, up to eight sections a question),
so computed on first sight they made the first questions after a start 3-10 times slower than
later ones. Ingest computes them in the same model pass as the sections' sentence vectors and
writes them here; a retriever loads the file once when it (re)reads the store.

Every entry is keyed by a digest of the exact text the reader reads and the file names the model
that produced it, so a file can be incomplete but never wrong: a section edited since, or a file
from another model, simply has no entry, and ``sync`` computes what is missing and rewrites it.
Two files: ``<name>.json`` (format, model, one [digest, first row, end row] per section, and the
name of the vectors file) and the float16 matrix it names, memory-mapped so that processes and
runtimes opened on the same data dir share one copy in the page cache. A new vectors file is
written under a fresh name before the index points at it, so a reader never sees a half-written
pair; float16 keeps cosines to about 1e-3 and halves the file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from knowledge.embedder import Embedder, Tokens

FORMAT = 1
STORED = np.float16
Stored = NDArray[np.float16]
_SPECIAL = frozenset({"[CLS]", "[SEP]", "[PAD]", "[UNK]", "[MASK]"})
log = logging.getLogger(__name__)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def kept(tokens: Tokens) -> Stored:
    """What the reader matches against: every word piece but the model's markers."""
    pieces, vectors = tokens
    keep = [i for i, p in enumerate(pieces) if p not in _SPECIAL]
    return np.asarray(vectors[keep], dtype=STORED)


class SectionTokens:
    """The token vectors of a store's sections: ``<directory>/<name>.tokens.json`` and the
    ``<name>.tokens.<id>.npy`` it names."""

    def __init__(self, directory: Path, name: str) -> None:
        self.directory = directory
        self.stem = f"{name}.tokens"
        self.index = directory / f"{self.stem}.json"

    def load(self, model: str) -> dict[str, Stored]:
        """digest -> vectors; empty when the file is missing, unreadable or another model's."""
        try:
            raw = json.loads(self.index.read_text(encoding="utf-8"))
            if raw.get("format") != FORMAT or raw.get("model") != model:
                return {}
            matrix = np.load(self.directory / raw["vectors"], mmap_mode="r",
                             allow_pickle=False)
            entries = raw["sections"]
            if matrix.dtype != STORED or matrix.ndim != 2 or (
                    entries and max(e[2] for e in entries) > len(matrix)):
                return {}
        except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
            if self.index.exists():
                log.warning("section token file %s unreadable, rebuilding: %s", self.index, exc)
            return {}
        return {str(key): matrix[start:end] for key, start, end in entries}

    def sync(self, passages: Sequence[str], embedder: Embedder,
             computed: Mapping[str, Stored] | None = None) -> dict[str, Stored]:
        """Make the file hold exactly these passages: reuse stored entries, take ``computed``
        ones (digest -> vectors, from ingest's own model pass), compute the rest, and rewrite
        the file only when something changed. Returns digest -> vectors for every passage."""
        model = embedder.fingerprint
        have = self.load(model)
        wanted = {digest(p): p for p in passages}
        found = {k: have[k] for k in wanted if k in have}
        found.update({k: v for k, v in (computed or {}).items() if k in wanted and k not in found})
        missing = sorted(k for k in wanted if k not in found)
        if missing:
            for key, tokens in zip(missing, embedder.embed_tokens([wanted[k] for k in missing]),
                                   strict=True):
                found[key] = kept(tokens)
        if set(have) != set(found) or missing:
            try:
                self._write(found, model)
            except OSError as exc:  # a read-only data dir still serves from memory
                log.warning("cannot write section token file %s: %s", self.index, exc)
        return found

    def _write(self, vectors: Mapping[str, Stored], model: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        keys = sorted(vectors)
        sizes = [len(vectors[k]) for k in keys]
        ends = np.cumsum(sizes).tolist() if keys else []
        matrix = (np.concatenate([vectors[k] for k in keys]) if keys
                  else np.zeros((0, Embedder.dim), dtype=STORED)).astype(STORED)
        name = f"{self.stem}.{uuid.uuid4().hex[:12]}.npy"
        np.save(self.directory / name, matrix, allow_pickle=False)
        index = {"format": FORMAT, "model": model, "vectors": name,
                 "sections": [[k, e - n, e] for k, n, e in zip(keys, sizes, ends, strict=True)]}
        tmp = self.directory / f"{self.stem}.json.tmp"
        tmp.write_text(json.dumps(index), encoding="utf-8")
        os.replace(tmp, self.index)
        # Older vectors files: a process that mapped one keeps reading it until it unmaps.
        for old in self.directory.glob(f"{self.stem}.*.npy"):
            if old.name != name:
                old.unlink(missing_ok=True)
