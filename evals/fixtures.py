"""A throwaway runtime for evaluators: seeded ITSM (2,000 employees) and the bundled KB."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.role_card import load_role_card
from app.runtime import Runtime, build_runtime, firewall_scanner, guardrail_policy, open_chunks
from app.settings import Settings
from app.understanding.slots import Named
from guardrails.policy import GuardrailPolicy
from knowledge.embedder import Embedder
from knowledge.ingest import ingest_kb
from tools.catalogue_data import ACCESS_GROUPS, SOFTWARE
from tools.db import create_schema, make_engine
from tools.seed import seed_itsm

EMPLOYEES = 2000


def seeded_policy(settings: Settings | None = None) -> GuardrailPolicy:
    """The guardrail policy a served app has after ``zerodesk seed``: the role card's, with the
    seeded catalogue, without opening a database."""
    card = load_role_card((settings or Settings()).role_card)
    offered = [Named(t, t, tuple(a)) for t, _, _, _, a in SOFTWARE]
    offered += [Named(n, n, tuple(a)) for n, _, _, _, a in ACCESS_GROUPS]
    return guardrail_policy(card, offered)


@contextmanager
def scratch_runtime(root: Path, embedder: Embedder, **kwargs: Any) -> Iterator[Runtime]:
    settings = Settings(data_dir=root, seed_employees=EMPLOYEES)
    settings.ensure_dirs()
    engine = make_engine(settings.itsm_url)
    create_schema(engine)
    seed_itsm(engine, employees=EMPLOYEES, seed=settings.seed)
    engine.dispose()
    ingest_kb(settings.kb_dir, open_chunks(settings), embedder, firewall_scanner())
    runtime = build_runtime(settings, embedder=embedder, durability="exit", **kwargs)
    try:
        yield runtime
    finally:
        runtime.close()
