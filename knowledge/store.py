"""The vector store: a Chroma collection we always feed our own embeddings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.chunking import Chunk
from knowledge.embedder import Vectors
from knowledge.errors import StoreUnavailable
from knowledge.section_tokens import SectionTokens


@dataclass(frozen=True)
class StoredChunk:
    id: str
    article_id: str
    title: str
    heading: str
    text: str
    audience: str
    category: str
    content_hash: str
    position: int


@dataclass(frozen=True)
class DenseHit:
    chunk_id: str
    similarity: float


def open_client(*, path: Path | None = None, host: str | None = None, port: int = 8001) -> Any:
    import chromadb

    settings = chromadb.Settings(anonymized_telemetry=False)
    try:
        if host:
            return chromadb.HttpClient(host=host, port=port, settings=settings)
        assert path is not None, "an on-disk Chroma store needs a path"
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=settings)
    except (OSError, ValueError, RuntimeError) as exc:
        raise StoreUnavailable(f"cannot open the Chroma store ({exc})") from exc


class ChunkStore:
    """Chunks, their vectors and metadata. Never asks Chroma to embed anything.

    ``tokens_dir``: where the sections' token vectors are kept (``knowledge.section_tokens``);
    without one, the reader computes them when a question first meets a section."""

    def __init__(self, client: Any, name: str, tokens_dir: Path | None = None) -> None:
        self._client = client
        self._name = name
        self.section_tokens = None if tokens_dir is None else SectionTokens(tokens_dir, name)
        # embedding_function=None and explicit vectors everywhere: Chroma's default function
        # would download a model the first time it is asked to embed text.
        self._col = client.get_or_create_collection(
            name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        # Each chunk's single statements (chunking.chunk_lines), only read back whole into
        # memory by the retriever, never searched in Chroma.
        self._lines = client.get_or_create_collection(
            f"{name[:56]}_lines", embedding_function=None,
            configuration={"hnsw": {"space": "cosine"}},
        )

    def count(self) -> int:
        return int(self._col.count())

    def hashes(self) -> dict[str, str]:
        """article id -> content hash of what is indexed now."""
        got = self._col.get(include=["metadatas"])
        return {m["article_id"]: m["content_hash"] for m in got["metadatas"] or []}

    def chunk_ids(self, article_id: str) -> list[str]:
        got = self._col.get(where={"article_id": article_id}, include=[])
        return list(got["ids"])

    def upsert_article(
        self,
        chunks: Sequence[Chunk],
        vectors: Vectors,
        *,
        audience: str,
        category: str,
        content_hash: str,
        lines: Sequence[tuple[str, str]] = (),
        line_vectors: Vectors | None = None,
    ) -> None:
        """``lines``: (chunk id, text) pairs with their ``line_vectors``, replacing the
        article's previous lines."""
        if not chunks:
            return
        article_id = chunks[0].article_id
        self._lines.delete(where={"article_id": article_id})
        if lines and line_vectors is not None:
            self._lines.add(
                ids=[f"{cid}~{n}" for n, (cid, _) in enumerate(lines)],
                embeddings=np.asarray(line_vectors, dtype=np.float32),
                metadatas=[{"article_id": article_id, "chunk_id": cid} for cid, _ in lines],
            )
        stale = set(self.chunk_ids(article_id)) - {c.id for c in chunks}
        self._col.upsert(
            ids=[c.id for c in chunks],
            embeddings=np.asarray(vectors, dtype=np.float32),
            documents=[c.text for c in chunks],
            metadatas=[
                {
                    "article_id": c.article_id,
                    "title": c.title,
                    "heading": c.heading,
                    "audience": audience,
                    "category": category,
                    "content_hash": content_hash,
                    "position": c.position,
                }
                for c in chunks
            ],
        )
        if stale:
            self._col.delete(ids=sorted(stale))

    def delete_article(self, article_id: str) -> None:
        self._col.delete(where={"article_id": article_id})
        self._lines.delete(where={"article_id": article_id})

    def line_vectors(self) -> dict[str, Vectors]:
        """article id -> the vectors of its lines (absent for an article stored without)."""
        got = self._lines.get(include=["metadatas", "embeddings"])
        metas, vectors = got["metadatas"] or [], got["embeddings"]
        by_article: dict[str, list[Vectors]] = {}
        for meta, vec in zip(metas, [] if vectors is None else vectors, strict=True):
            by_article.setdefault(str(meta["article_id"]), []).append(vec)
        return {a: np.asarray(v, dtype=np.float32) for a, v in by_article.items()}

    def all_chunks(self) -> list[StoredChunk]:
        got = self._col.get(include=["metadatas", "documents"])
        out = []
        for cid, meta, doc in zip(got["ids"], got["metadatas"], got["documents"], strict=True):
            out.append(
                StoredChunk(
                    id=cid,
                    article_id=str(meta["article_id"]),
                    title=str(meta["title"]),
                    heading=str(meta["heading"]),
                    text=str(doc),
                    audience=str(meta["audience"]),
                    category=str(meta["category"]),
                    content_hash=str(meta["content_hash"]),
                    position=int(meta["position"]),
                )
            )
        out.sort(key=lambda c: (c.article_id, c.position))
        return out

    def dense(
        self, vectors: Vectors, n: int, audiences: Sequence[str] | None = None
    ) -> list[list[DenseHit]]:
        """Nearest chunks per query vector, cosine similarity (1 - distance)."""
        total = self.count()
        if total == 0 or len(vectors) == 0:
            return [[] for _ in range(len(vectors))]
        kwargs: dict[str, Any] = {
            "query_embeddings": np.asarray(vectors, dtype=np.float32),
            "n_results": min(n, total),
            "include": ["distances"],
        }
        if audiences is not None:
            kwargs["where"] = {"audience": {"$in": list(audiences)}}
        got = self._col.query(**kwargs)
        return [
            [DenseHit(cid, 1.0 - float(d)) for cid, d in zip(ids, dists, strict=True)]
            for ids, dists in zip(got["ids"], got["distances"], strict=True)
        ]
