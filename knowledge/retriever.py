"""Hybrid retrieval: Chroma dense + BM25 lexical, fused by reciprocal rank, one hit per article."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from knowledge.asks import PLATFORMS, asked, named, operations_done, platform_fits
from knowledge.confidence import CALIBRATION_PATH, Calibration, Evidence, coverage
from knowledge.embedder import Embedder, Vectors
from knowledge.lexical import LexicalIndex, tokenize
from knowledge.reader import Reader, section_passage
from knowledge.store import ChunkStore, DenseHit, StoredChunk

RRF_K = 60
# Dense ranks count more than lexical ones: employees rarely use the articles' own words.
DENSE_WEIGHT = 1.0
LEXICAL_WEIGHT = 0.7
DENSE_POOL = 40
LEXICAL_POOL = 40
RERANK_POOL = 8
SECTION_POOL = 10
SECTION_COVERAGE_WEIGHT = 0.1
EMPLOYEE_AUDIENCE = ("everyone",)
STAFF_AUDIENCE = ("everyone", "it_staff")
__all__ = ["CALIBRATION_PATH", "Calibration", "Hit", "HybridRetriever"]

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
    features: tuple[tuple[str, float], ...] = ()


class HybridRetriever:
    def __init__(
        self, embedder: Embedder, store: ChunkStore, calibration: Calibration | None = None
    ) -> None:
        self._embedder = embedder
        self._store = store
        self._calibration = calibration or Calibration.load()
        self._lock = threading.Lock()
        self._reader = Reader(embedder)
        self.refresh()

    def refresh(self) -> None:
        """Reload the in-memory lexical side after an ingest changed the store."""
        chunks = self._store.all_chunks()
        texts = [f"{c.title}\n{c.heading}\n{c.text}" for c in chunks]
        lexical = LexicalIndex(texts)
        by_id = {c.id: i for i, c in enumerate(chunks)}
        chunk_tokens = [frozenset(tokenize(t)) for t in texts]
        lines = self._store.line_vectors()
        if self._store.section_tokens is not None:
            # Normally all written by the ingest; a missing, partial or other model's file is
            # completed here, once, rather than on the questions that would meet those sections.
            self._reader.preload(self._store.section_tokens.sync(
                [section_passage(c.title, c.heading, c.text) for c in chunks], self._embedder))
        with self._lock:
            self._chunks, self._lexical, self._by_id = chunks, lexical, by_id
            self._chunk_tokens, self._lines = chunk_tokens, lines

    @property
    def size(self) -> int:
        return len(self._chunks)

    def chunks_of_all(self) -> list[StoredChunk]:
        return list(self._chunks)

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

    def _fuse(self, query: str, pool: list[DenseHit], k: int, audiences: Sequence[str],
              vector: Vectors) -> list[Hit]:
        allowed = set(audiences)
        with self._lock:  # one consistent snapshot even if an ingest refreshes meanwhile
            chunks, by_id, lexical_index = self._chunks, self._by_id, self._lexical
            chunk_tokens, line_vectors = self._chunk_tokens, self._lines
        dense = [(h.chunk_id, h.similarity) for h in pool
                 if h.chunk_id in by_id and chunks[by_id[h.chunk_id]].audience in allowed]
        if len(dense) < k and len(pool) >= DENSE_POOL:
            refill = self._store.dense(vector[None, :], DENSE_POOL, list(audiences))[0]
            dense = [(h.chunk_id, h.similarity) for h in refill if h.chunk_id in by_id]
        lex_scores = lexical_index.scores(query)
        mask = np.array([c.audience in allowed for c in chunks], dtype=bool)
        lex_scores = np.where(mask, lex_scores, 0.0) if len(chunks) else lex_scores
        order = np.argsort(-lex_scores)[:LEXICAL_POOL]
        lexical = [(chunks[i].id, float(lex_scores[i])) for i in order if lex_scores[i] > 0]

        fused: dict[str, float] = {}
        for rank, (cid, _) in enumerate(dense):
            fused[cid] = fused.get(cid, 0.0) + DENSE_WEIGHT / (RRF_K + rank + 1)
        for rank, (cid, _) in enumerate(lexical):
            fused[cid] = fused.get(cid, 0.0) + LEXICAL_WEIGHT / (RRF_K + rank + 1)
        best: dict[str, tuple[float, str]] = {}
        for cid, score in fused.items():
            art = chunks[by_id[cid]].article_id
            if art not in best or score > best[art][0]:
                best[art] = (score, cid)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))[:max(k, RERANK_POOL)]

        dense_art: dict[str, float] = {}
        for cid, sim in dense:
            art = chunks[by_id[cid]].article_id
            dense_art[art] = max(dense_art.get(art, 0.0), sim)
        lex_art: dict[str, float] = {}
        for cid, raw in lexical:
            art = chunks[by_id[cid]].article_id
            lex_art[art] = max(lex_art.get(art, 0.0), raw)
        terms = lexical_index.terms(query)
        evidence = Evidence(
            terms=terms,
            known=coverage(terms, lexical_index.vocabulary),
            dense=dense_art,
            category={chunks[by_id[cid]].article_id: chunks[by_id[cid]].category
                      for cid, _ in dense},
            top_dense=max(dense_art, key=dense_art.__getitem__, default=None),
            top_lexical=max(lex_art, key=lex_art.__getitem__, default=None),
        )
        # The sections either side ranked near the top: a long manual holds most words
        # somewhere, so what counts is whether the parts that matched hold the question's words.
        near: dict[str, frozenset[str]] = {}
        near_text: dict[str, list[tuple[str, str]]] = {}
        for cid, _ in dense[:SECTION_POOL] + lexical[:SECTION_POOL]:
            idx = by_id[cid]
            art = chunks[idx].article_id
            near[art] = near.get(art, frozenset()) | chunk_tokens[idx]
            if _passage(chunks[idx]) not in near_text.get(art, []):
                near_text.setdefault(art, []).append(_passage(chunks[idx]))
        # Which section of an article to show: the closest in meaning, nudged by how much of
        # the question it holds. Rank fusion is right for choosing articles but mixes in
        # keyword hits on incidental words when choosing among one manual's sections.
        sims = dict(dense)
        section: dict[str, tuple[float, str]] = {}
        for cid in fused:
            idx = by_id[cid]
            fit = sims.get(cid, 0.0) + SECTION_COVERAGE_WEIGHT * coverage(terms, chunk_tokens[idx])
            art = chunks[idx].article_id
            if art not in section or fit > section[art][0]:
                section[art] = (fit, cid)
        operations, platforms = asked(query), named(query, PLATFORMS)
        shown = [by_id[section[art][1]] for art, _ in ranked]
        # The shown sections are read token by token (their token vectors are loaded with the
        # store, so reading is a product of two small matrices).
        read = self._reader.scores(query, [
            section_passage(chunks[i].title, chunks[i].heading, chunks[i].text) for i in shown])
        lines = []
        for art, _ in ranked:
            # The closest single line, or the best section when it matches better as a whole
            # (a statement spread over several lines); an article stored before lines existed
            # is judged by its best section alone.
            own_lines = line_vectors.get(art)
            lines.append(max(dense_art.get(art, 0.0),
                             float(np.max(own_lines @ vector)) if own_lines is not None else 0.0))
        hits = []
        for n, (art, (score, _)) in enumerate(ranked):
            cid = section[art][1]
            rivals = max((r for m, r in enumerate(read) if m != n), default=0.0)
            line = lines[n]
            passages = near_text.get(art) or [_passage(chunks[by_id[cid]])]
            does = (operations_done(operations, passages, terms),
                    platform_fits(platforms, passages))
            features = evidence.features(art, near.get(art, chunk_tokens[by_id[cid]]), line,
                                         does, (read[n], max(0.0, read[n] - rivals)))
            chunk = chunks[by_id[cid]]
            hits.append(
                Hit(
                    article_id=art,
                    chunk_id=cid,
                    title=chunk.title,
                    heading=chunk.heading,
                    text=chunk.text,
                    score=round(score, 6),
                    confidence=round(self._calibration.confidence(features), 4),
                    dense=round(features["dense"], 4),
                    lexical=round(lex_art.get(art, 0.0), 4),
                    features=tuple((n, round(v, 5)) for n, v in features.items()),
                )
            )
        # The calibrated confidence combines every signal, so it orders the final list;
        # fusion only picks the pool it is computed on.
        hits.sort(key=lambda h: (-h.confidence, -h.score, h.article_id))
        return hits[:k]


def _passage(chunk: StoredChunk) -> tuple[str, str]:
    """A chunk as (what its page and section are called, what it says)."""
    return (f"{chunk.title}\n{chunk.heading}", chunk.text)
