"""Everything the graph needs, passed in explicitly (no globals, nothing built at import)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.outbox import Outbox
from app.role_card import RoleCard
from app.understanding.intents import IntentClassifier
from app.understanding.slots import Named
from guardrails.policy import GuardrailPolicy
from guardrails.similarity import ExemplarCache
from knowledge.embedder import Embedder
from knowledge.retriever import HybridRetriever
from tools.service import ITSM


@dataclass(frozen=True)
class GraphDeps:
    retriever: HybridRetriever
    embedder: Embedder
    classifier: IntentClassifier
    itsm: ITSM
    role_card: RoleCard
    guardrails: GuardrailPolicy
    clock: Callable[[], datetime]
    outbox: Outbox
    exemplars: ExemplarCache
    software: Sequence[Named] = ()
    groups: Sequence[Named] = ()
    llm: Any | None = None  # a langchain-core BaseChatModel when ZERODESK_LLM is set
