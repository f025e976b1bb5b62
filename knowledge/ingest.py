"""Incremental ingest: validate, firewall, chunk, embed only what changed, drop what vanished."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.articles import Article, load_articles
from knowledge.chunking import CHUNKER_VERSION, chunk_article, chunk_lines
from knowledge.embedder import Embedder
from knowledge.reader import section_passage
from knowledge.section_tokens import digest, kept
from knowledge.store import ChunkStore

# (blocked, reasons) for an article's full text; the ingest firewall.
Scanner = Callable[[str], tuple[bool, list[str]]]


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    quarantined: list[dict[str, object]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    chunks_embedded: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": len(self.unchanged),
            "removed": self.removed,
            "quarantined": self.quarantined,
            "errors": self.errors,
            "chunks_embedded": self.chunks_embedded,
            "seconds": round(self.seconds, 2),
        }


def _full_text(article: Article) -> str:
    meta = article.meta
    return "\n".join([meta.title, " ".join(meta.tags), meta.owner, article.body])


def firewall(
    articles: list[Article], scan: Scanner
) -> tuple[list[Article], list[dict[str, object]]]:
    clean: list[Article] = []
    quarantined: list[dict[str, object]] = []
    for article in articles:
        try:
            blocked, reasons = scan(_full_text(article))
        except Exception as exc:  # a scanner that fails must not let text through
            blocked, reasons = True, [f"firewall check failed: {type(exc).__name__}: {exc}"]
        if blocked:
            quarantined.append({"id": article.id, "path": article.path, "reasons": reasons})
        else:
            clean.append(article)
    return clean, quarantined


def check_kb(root: Path, scan: Scanner) -> IngestReport:
    """Validate and firewall every article without touching the store."""
    loaded = load_articles(root)
    _, quarantined = firewall(loaded.articles, scan)
    return IngestReport(errors=[str(e) for e in loaded.errors], quarantined=quarantined)


def ingest_kb(root: Path, store: ChunkStore, embedder: Embedder, scan: Scanner) -> IngestReport:
    started = time.perf_counter()
    loaded = load_articles(root)
    clean, quarantined = firewall(loaded.articles, scan)
    report = IngestReport(errors=[str(e) for e in loaded.errors], quarantined=quarantined)
    indexed = store.hashes()
    invalid_paths = {e.path for e in loaded.errors}

    changed = []
    for article in clean:
        previous = indexed.get(article.id)
        if previous == _stamp(article):
            report.unchanged.append(article.id)
        else:
            changed.append((article, chunk_article(article), previous))
    # Two embedding calls for everything that changed: batching is what makes ingest fast.
    # The sections' pass also yields the token vectors the reader matches questions against.
    lines = [[(c.id, t) for c in chunks for t in chunk_lines(c)] for _, chunks, _ in changed]
    texts = [c.embed_text for _, chunks, _ in changed for c in chunks]
    vectors, tokens = embedder.embed_with_tokens(texts)
    line_vectors = embedder.embed([t for per in lines for _, t in per])
    offset, line_offset = 0, 0
    for (article, chunks, previous), own_lines in zip(changed, lines, strict=True):
        store.upsert_article(
            chunks,
            vectors[offset : offset + len(chunks)],
            audience=article.meta.audience,
            category=article.meta.category,
            content_hash=_stamp(article),
            lines=own_lines,
            line_vectors=line_vectors[line_offset : line_offset + len(own_lines)],
        )
        offset += len(chunks)
        line_offset += len(own_lines)
        report.chunks_embedded += len(chunks)
        (report.updated if previous else report.added).append(article.id)

    keep = {a.id for a in clean}
    # An article that is still on disk but now fails validation keeps its last good version:
    # bad input must not destroy what is stored. Quarantined and deleted ones are removed.
    invalid_ids = _ids_of_invalid(root, invalid_paths, indexed)
    for article_id in sorted(set(indexed) - keep - invalid_ids):
        store.delete_article(article_id)
        report.removed.append(article_id)
    if store.section_tokens is not None:
        # After the deletions: the file then holds exactly the sections now in the store.
        store.section_tokens.sync(
            [section_passage(c.title, c.heading, c.text) for c in store.all_chunks()], embedder,
            {digest(t): kept(v) for t, v in zip(texts, tokens, strict=True)})
    report.seconds = time.perf_counter() - started
    return report


def _stamp(article: Article) -> str:
    """What the store remembers per article: its text and the chunker that cut it, so a new
    chunker re-chunks an unchanged KB on the next ingest instead of keeping the old chunks."""
    return f"{article.content_hash}.c{CHUNKER_VERSION}"


def _ids_of_invalid(root: Path, invalid_paths: set[str], indexed: dict[str, str]) -> set[str]:
    """Best-effort ids of articles whose files failed validation (front matter id if readable)."""
    ids: set[str] = set()
    for rel in invalid_paths:
        try:
            text = (root / rel).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        match = re.search(r"^id:\s*['\"]?([^'\"\s]+)", text, re.MULTILINE)
        if match and match.group(1) in indexed:
            ids.add(match.group(1))
    return ids
