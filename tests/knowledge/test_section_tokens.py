"""Section token vectors stored at ingest: loaded, never wrong when missing, stale or damaged."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app.runtime import firewall_scanner
from knowledge.embedder import Embedder, Tokens
from knowledge.ingest import ingest_kb
from knowledge.reader import section_passage
from knowledge.retriever import STAFF_AUDIENCE, HybridRetriever
from knowledge.section_tokens import SectionTokens, digest
from knowledge.store import ChunkStore, open_client
from tests.knowledge.conftest import write_article

QUESTIONS = ["cant reach intranet sites from home", "the printer on my floor is not in the list",
             "employee locked out, self service did not work"]


class Counting(Embedder):
    """The session's model, counting the sections it is asked to read token by token."""

    def __init__(self, base: Embedder) -> None:
        super().__init__()
        self._model = base._loaded()
        self.passages_read = 0

    def embed_tokens(self, texts: Sequence[str]) -> list[Tokens]:
        self.passages_read += len(texts)
        return super().embed_tokens(texts)


def _stores(tmp_path: Path) -> tuple[ChunkStore, ChunkStore]:
    """The same collection with its token file and without one (read lazily, as before)."""
    client = open_client(path=tmp_path / "chroma")
    return ChunkStore(client, "test-kb", tokens_dir=tmp_path), ChunkStore(client, "test-kb")


def _read(retriever: HybridRetriever) -> list[list[tuple[str, float, float]]]:
    return [[(h.article_id, dict(h.features)["reader"], dict(h.features)["reader_margin"])
             for h in retriever.search(q, k=3, audiences=STAFF_AUDIENCE)] for q in QUESTIONS]


def _same(a: list[list[tuple[str, float, float]]], b: list[list[tuple[str, float, float]]]) -> bool:
    """Same candidates, same reading (to float16 rounding: a batch pads texts differently)."""
    return [[h[0] for h in q] for q in a] == [[h[0] for h in q] for q in b] and all(
        np.allclose(np.array([h[1:] for h in x]), np.array([h[1:] for h in y]), atol=2e-3)
        for x, y in zip(a, b, strict=True))


def _holds_exactly_the_store(store: ChunkStore, embedder: Embedder) -> None:
    assert store.section_tokens is not None
    stored = store.section_tokens.load(embedder.fingerprint)
    assert set(stored) == {digest(section_passage(c.title, c.heading, c.text))
                           for c in store.all_chunks()}


def test_ingest_stores_them_and_a_new_retriever_reads_no_section(
        small_kb: Path, tmp_path: Path, embedder: Embedder) -> None:
    stored, lazy = _stores(tmp_path)
    counting = Counting(embedder)
    ingest_kb(small_kb, stored, counting, firewall_scanner())
    assert counting.passages_read == 0  # taken from the pass that embedded the sections
    _holds_exactly_the_store(stored, embedder)
    scores = _read(HybridRetriever(counting, stored))
    assert counting.passages_read == 0
    assert _same(scores, _read(HybridRetriever(embedder, lazy)))


def test_reingest_replaces_edited_and_drops_deleted_sections(
        small_kb: Path, tmp_path: Path, embedder: Embedder) -> None:
    stored, lazy = _stores(tmp_path)
    ingest_kb(small_kb, stored, embedder, firewall_scanner())
    before = _read(HybridRetriever(embedder, stored))
    write_article(small_kb, "net/vpn.md", id="T-VPN", title="Connect to the VPN",
                  symptoms="Internal sites do not open when you work from home.",
                  steps="1. Start GlobalConnect.\n2. Type vpn.corp.example as the portal.")
    (small_kb / "print/printer.md").unlink()
    ingest_kb(small_kb, stored, embedder, firewall_scanner())
    _holds_exactly_the_store(stored, embedder)
    after = _read(HybridRetriever(embedder, stored))
    assert not _same(after, before) and _same(after, _read(HybridRetriever(embedder, lazy)))
    assert len(list(tmp_path.glob("test-kb.tokens.*.npy"))) == 1  # old vectors file removed


def _missing(tokens: SectionTokens, _: Path) -> None:
    tokens.index.unlink()


def _stale(tokens: SectionTokens, saved: Path) -> None:
    """The file from before the KB was edited (re-ingested by a process that kept none)."""
    for f in tokens.directory.glob(f"{tokens.stem}.*"):
        f.unlink()
    for f in saved.iterdir():
        shutil.copy(f, tokens.directory / f.name)


def _other_model(tokens: SectionTokens, _: Path) -> None:
    raw = json.loads(tokens.index.read_text())
    tokens.index.write_text(json.dumps({**raw, "model": "another-model"}))


def _truncated(tokens: SectionTokens, _: Path) -> None:
    raw = json.loads(tokens.index.read_text())
    np.save(tokens.directory / raw["vectors"], np.zeros((3, 384), dtype=np.float16))


def _garbled(tokens: SectionTokens, _: Path) -> None:
    tokens.index.write_text("{not json")


@pytest.mark.parametrize("damage", [_missing, _stale, _other_model, _truncated, _garbled])
def test_a_missing_stale_or_damaged_file_is_rebuilt_never_used(
        small_kb: Path, tmp_path: Path, embedder: Embedder,
        damage: Callable[[SectionTokens, Path], Any]) -> None:
    stored, lazy = _stores(tmp_path)
    ingest_kb(small_kb, stored, embedder, firewall_scanner())
    assert stored.section_tokens is not None
    saved = tmp_path / "saved"
    saved.mkdir()
    for f in tmp_path.glob(f"{stored.section_tokens.stem}.*"):
        shutil.copy(f, saved / f.name)
    write_article(small_kb, "net/vpn.md", id="T-VPN", title="Connect to the VPN",
                  steps="1. Open GlobalConnect and sign in with your badge PIN.")
    ingest_kb(small_kb, stored, embedder, firewall_scanner())
    damage(stored.section_tokens, saved)
    counting = Counting(embedder)
    scores = _read(HybridRetriever(counting, stored))
    assert counting.passages_read > 0  # what the file could not vouch for was read again
    assert _same(scores, _read(HybridRetriever(embedder, lazy)))
    _holds_exactly_the_store(stored, embedder)  # and written back for the next start
