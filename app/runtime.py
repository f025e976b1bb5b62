"""Builds the heavy objects once per process: embedder, Chroma, ITSM, checkpointer, graph."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from sqlalchemy import Engine

from app.conversation import Conversations
from app.errors import ConfigError
from app.graph.builder import build_graph
from app.graph.deps import GraphDeps
from app.llm import load_llm
from app.metrics import Metrics
from app.outbox import Outbox
from app.role_card import RoleCard, load_role_card
from app.settings import Settings
from app.store import ConversationStore
from app.understanding.intents import IntentClassifier, load_exemplars
from app.understanding.slots import Named
from guardrails import catalogue
from guardrails.firewall import scan_article
from guardrails.pipeline import screen_input, screen_output
from guardrails.policy import GuardrailPolicy, ScreenContext
from guardrails.similarity import ExemplarCache
from knowledge.embedder import Embedder
from knowledge.ingest import Scanner
from knowledge.retriever import HybridRetriever
from knowledge.store import ChunkStore, open_client
from tools.config_audit import record_version
from tools.db import create_schema, make_engine
from tools.faults import FaultInjector
from tools.service import ITSM
from tools.sla_policy import default_policy

log = logging.getLogger("zerodesk.runtime")


def utc_now() -> datetime:
    return datetime.now(UTC)


def firewall_scanner() -> Scanner:
    def scan(text: str) -> tuple[bool, list[str]]:
        verdict = scan_article(text)
        return verdict.blocks, list(verdict.reasons)

    return scan


def guardrail_policy(card: RoleCard, offered: Iterable[Named] = ()) -> GuardrailPolicy:
    """The guardrails' policy from the role card and what the catalogue offers (``offered``:
    software titles and access groups with their aliases)."""
    private = tuple(s for s in (card.owner.email,) if s)
    names = {catalogue.norm(n) for item in offered for n in (item.name, *item.aliases)}
    return GuardrailPolicy(
        max_attacks_before_escalation=card.thresholds.attacks_before_policy_escalation,
        private_markers=private,
        allowed_link_hosts=frozenset(card.output.allowed_link_hosts),
        public_contacts=frozenset(card.output.public_contacts),
        catalogue=frozenset(n for n in names if n),
    )


def offered_items(itsm: ITSM) -> tuple[list[Named], list[Named]]:
    """The catalogue's software and access groups, as understanding and guardrails name them."""
    return ([Named(s.title, s.title, tuple(s.aliases)) for s in itsm.catalogue()],
            [Named(g.name, g.name, tuple(g.aliases)) for g in itsm.access_groups()])


def open_checkpointer(settings: Settings, stack: ExitStack) -> BaseCheckpointSaver[Any]:
    target = settings.checkpoints_target
    if target.startswith(("postgres://", "postgresql://")):
        from langgraph.checkpoint.postgres import PostgresSaver

        saver = stack.enter_context(PostgresSaver.from_conn_string(target))
        saver.setup()
        return saver
    from langgraph.checkpoint.sqlite import SqliteSaver

    conn = sqlite3.connect(target, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    stack.callback(conn.close)
    sqlite_saver = SqliteSaver(conn)
    sqlite_saver.setup()
    return sqlite_saver


def warm_guardrails(policy: GuardrailPolicy, embedder: Embedder,
                    exemplars: ExemplarCache) -> None:
    ctx = ScreenContext(employee_id="E000000", email="warm.up@example.invalid", name="Warm Up")
    text = "warm up: my laptop will not connect to the vpn, please reset my password"
    screen_input(text, ctx, policy, embed=embedder.embed_queries,
                 query_vec=embedder.embed_query(text), cache=exemplars)
    screen_output("Warm up. See [the VPN guide](/kb/KB-0000).", ctx, policy)


def open_itsm(settings: Settings, card: RoleCard, clock: Callable[[], datetime],
              faults: FaultInjector | None = None) -> tuple[Engine, ITSM]:
    engine = make_engine(settings.itsm_url)
    create_schema(engine)
    # The role card owns the approval SLA; the ITSM's own policy file supplies the rest.
    sla = replace(default_policy(), approval_hours=card.thresholds.approval_sla_hours)
    itsm = ITSM(engine, card.tool_scope(), clock, faults or FaultInjector(), sla=sla,
                deadline_s=settings.itsm_deadline_s)
    known = set(itsm.assignment_groups())
    routes = {"escalation.default": card.escalation.default,
              **{f"escalation.reasons.{k}": v for k, v in card.escalation.reasons.items()}}
    for where, route in routes.items():
        if route.group not in known:
            raise ConfigError(f"role card {settings.role_card}: field '{where}.group': "
                              f"unknown assignment group {route.group!r}")
    record_version(engine, clock, entity="role_card", version=card.version, digest=card.digest)
    return engine, itsm


def open_chunks(settings: Settings) -> ChunkStore:
    client = open_client(path=settings.chroma_path, host=settings.chroma_host,
                         port=settings.chroma_port)
    # Section token vectors live in the data dir next to Chroma (knowledge.section_tokens).
    return ChunkStore(client, settings.collection, tokens_dir=settings.data_dir)


@dataclass
class Runtime:
    settings: Settings
    role_card: RoleCard
    engine: Engine
    itsm: ITSM
    embedder: Embedder
    chunks: ChunkStore
    retriever: HybridRetriever
    graph: Any
    deps: GraphDeps
    checkpointer: BaseCheckpointSaver[Any]
    conversations: Conversations
    outbox: Outbox
    faults: FaultInjector
    clock: Callable[[], datetime]
    _stack: ExitStack = field(default_factory=ExitStack)

    def close(self) -> None:
        self._stack.close()
        self.engine.dispose()


def build_runtime(settings: Settings, *, clock: Callable[[], datetime] = utc_now,
                  embedder: Embedder | None = None, durability: str = "sync",
                  llm: Any | None = None) -> Runtime:
    settings.ensure_dirs()
    card = load_role_card(settings.role_card)
    faults = FaultInjector()
    engine, itsm = open_itsm(settings, card, clock, faults)
    embedder = embedder or Embedder()
    chunks = open_chunks(settings)
    retriever = HybridRetriever(embedder, chunks)
    stack = ExitStack()
    checkpointer = open_checkpointer(settings, stack)
    software, groups = offered_items(itsm)
    policy = guardrail_policy(card, [*software, *groups])
    outbox = Outbox(settings.outbox_path)
    exemplars = ExemplarCache()
    # Built now, not on the first employee's turn: attack exemplar vectors and their model,
    # and every check's compiled rules (compiled lazily, the first screen ran over its time
    # budget and escalated the first employee after a restart).
    exemplars.matrices(embedder.embed_queries)
    warm_guardrails(policy, embedder, exemplars)
    deps = GraphDeps(
        retriever=retriever,
        embedder=embedder,
        classifier=IntentClassifier(embedder, load_exemplars(), [
            label for item in (*software, *groups) for label in (item.name, *item.aliases)]),
        itsm=itsm,
        role_card=card,
        guardrails=policy,
        clock=clock,
        outbox=outbox,
        exemplars=exemplars,
        software=software,
        groups=groups,
    )
    if llm is not None or settings.llm:
        deps = replace(deps, llm=llm or load_llm(str(settings.llm), settings.llm_kwargs))
    graph = build_graph(deps, checkpointer)
    metrics = Metrics()
    metrics.watch_itsm(engine)
    conversations = Conversations(
        graph=graph, store=ConversationStore(engine), itsm=itsm, role_card=card, policy=policy,
        outbox=outbox, clock=clock, max_chars=settings.max_message_chars, metrics=metrics,
        durability=durability,
    )
    return Runtime(settings, card, engine, itsm, embedder, chunks, retriever, graph, deps,
                   checkpointer, conversations, outbox, faults, clock, stack)
