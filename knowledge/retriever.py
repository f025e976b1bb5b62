"""Hybrid retrieval: Chroma dense + BM25 lexical, fused by reciprocal rank, one hit per article."""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from knowledge.embedder import Embedder, Vectors
from knowledge.lexical import LexicalIndex
from knowledge.store import ChunkStore, StoredChunk

RRF_K = 60
DENSE_POOL = 40
LEXICAL_POOL = 40
EMPLOYEE_AUDIENCE = ("everyone",)
STAFF_AUDIENCE = ("everyone", "it_staff")


@dataclass(frozen=True)
class Calibration:
    """Logistic map from retrieval signals to P(the top article answers the question)."""

    bias: float = -7.0
    w_dense: float = 14.0
    w_lexical: float = 1.5
    w_agree: float = 0.8

    def confidence(self, dense: float, lexical: float, agree: bool) -> float:
        z = self.bias + self.w_dense * dense + self.w_lexical * lexical + self.w_agree * agree
        return 1.0 / (1.0 + math.exp(-z))


@dataclass(frozen=True)
class Hit:
    article_id: str
    chunk_id: str
    title: str
    heading: str
    text: str
    score: float
    confidence: float
    dense: float
    lexical: float


class HybridRetriever:
    def __init__(
        self, embedder: Embedder, store: ChunkStore, calibration: Calibration | None = None
    ) -> None:
        self._embedder = embedder
        self._store = store
        self._calibration = calibration or Calibration()
        self._lock = threading.Lock()
        self.refresh()

    def refresh(self) -> None:
        """Reload the in-memory lexical side after an ingest changed the store."""
        chunks = self._store.all_chunks()
        lexical = LexicalIndex([f"{c.title}\n{c.heading}\n{c.text}" for c in chunks])
        by_id = {c.id: i for i, c in enumerate(chunks)}
        with self._lock:
            self._chunks, self._lexical, self._by_id = chunks, lexical, by_id

    @property
    def size(self) -> int:
        return len(self._chunks)

    def chunks_of(self, article_id: str) -> list[StoredChunk]:
        return [c for c in self._chunks if c.article_id == article_id]

    def chunk(self, chunk_id: str) -> StoredChunk | None:
        idx = self._by_id.get(chunk_id)
        return None if idx is None else self._chunks[idx]

    def search(
        self, query: str, k: int = 5, audiences: Sequence[str] = EMPLOYEE_AUDIENCE
    ) -> list[Hit]:
        return self.search_many([query], k, audiences)[0]

    def search_vector(
        self, query: str, vector: Vectors, k: int = 5,
        audiences: Sequence[str] = EMPLOYEE_AUDIENCE,
    ) -> list[Hit]:
        """Search with a query vector the caller already computed (the graph reuses one)."""
        dense = self._store.dense(vector[None, :], DENSE_POOL, None)[0]
        return self._fuse(query, dense, k, audiences, vector)

    def search_many(
        self, queries: Sequence[str], k: int = 5, audiences: Sequence[str] = EMPLOYEE_AUDIENCE
    ) -> list[list[Hit]]:
        if not queries:
            return []
        vectors = self._embedder.embed_queries(list(queries))
        # Unfiltered pools are several times faster in Chroma than metadata-filtered ones;
        # the audience filter is applied below, and refilled when it empties the pool.
        pools = self._store.dense(vectors, DENSE_POOL, None)
        return [
            self._fuse(q, pool, k, audiences, vec)
            for q, pool, vec in zip(queries, pools, vectors, strict=True)
        ]

    def _fuse(self, query, pool, k, audiences, vector) -> list[Hit]:  # type: ignore[no-untyped-def]
        allowed = set(audiences)
        chunks, by_id = self._chunks, self._by_id
        dense = [(h.chunk_id, h.similarity) for h in pool
                 if h.chunk_id in by_id and chunks[by_id[h.chunk_id]].audience in allowed]
        if len(dense) < k and len(pool) >= DENSE_POOL:
            refill = self._store.dense(vector[None, :], DENSE_POOL, list(audiences))[0]
            dense = [(h.chunk_id, h.similarity) for h in refill if h.chunk_id in by_id]
        lex_scores = self._lexical.scores(query)
        mask = np.array([c.audience in allowed for c in chunks], dtype=bool)
        lex_scores = np.where(mask, lex_scores, 0.0) if len(chunks) else lex_scores
        order = np.argsort(-lex_scores)[:LEXICAL_POOL]
        lexical = [(chunks[i].id, float(lex_scores[i])) for i in order if lex_scores[i] > 0]

        fused: dict[str, float] = {}
        for rank, (cid, _) in enumerate(dense):
            fused[cid] = fused.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
        for rank, (cid, _) in enumerate(lexical):
            fused[cid] = fused.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
        lex_max = lexical[0][1] if lexical else 0.0
        lex_of = {cid: (s / lex_max if lex_max else 0.0) for cid, s in lexical}

        best: dict[str, tuple[float, str]] = {}
        for cid, score in fused.items():
            art = chunks[by_id[cid]].article_id
            if art not in best or score > best[art][0]:
                best[art] = (score, cid)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))[:k]

        top_dense_art = chunks[by_id[dense[0][0]]].article_id if dense else None
        top_lex_art = chunks[by_id[lexical[0][0]]].article_id if lexical else None
        hits = []
        for art, (score, cid) in ranked:
            art_dense = max((s for c, s in dense if chunks[by_id[c]].article_id == art),
                            default=0.0)
            agree = art == top_dense_art and art == top_lex_art
            chunk = chunks[by_id[cid]]
            hits.append(
                Hit(
                    article_id=art,
                    chunk_id=cid,
                    title=chunk.title,
                    heading=chunk.heading,
                    text=chunk.text,
                    score=round(score, 6),
                    confidence=round(
                        self._calibration.confidence(art_dense, lex_of.get(cid, 0.0), agree), 4
                    ),
                    dense=round(art_dense, 4),
                    lexical=round(lex_of.get(cid, 0.0), 4),
                )
            )
        return hits
