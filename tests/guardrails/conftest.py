"""Fixtures for the guardrail tests: a session context, a policy and a tiny fake embedder."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np
import pytest

from guardrails.policy import GuardrailPolicy, ScreenContext

OWN = ScreenContext(employee_id="E000100", email="alex.doe@corp.example",
                    phone="+1 555 010 2233", name="Alex Doe", username="alex.doe")


class FakeEmbed:
    """Deterministic bag-of-words hashing embedder; counts how many texts it embedded."""

    dim = 64

    def __init__(self) -> None:
        self.calls = 0
        self.texts = 0

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        self.texts += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"[a-z]+", text.lower()):
                h = int(hashlib.blake2b(word.encode(), digest_size=4).hexdigest(), 16)
                out[i, h % self.dim] += 1.0
            out[i, 0] += 1e-3  # never an all-zero row
        return out / np.linalg.norm(out, axis=1, keepdims=True)


@pytest.fixture
def ctx() -> ScreenContext:
    return OWN


@pytest.fixture
def policy() -> GuardrailPolicy:
    return GuardrailPolicy(allowed_link_hosts=frozenset({"corp.example"}),
                           public_contacts=frozenset({"servicedesk@corp.example",
                                                      "+1 555 010 4357"}),
                           private_markers=("escalate VIPs after 2 minutes", "OWNER-NOTE-7731"))


@pytest.fixture
def fake_embed() -> FakeEmbed:
    return FakeEmbed()
