"""Prometheus metrics tied to outcomes and ticket-state changes. One registry per runtime."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import Engine, func, select

from app.turns import TurnResult
from tools.models import AuditEntry, Ticket

log = logging.getLogger("zerodesk.metrics")

NODE_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.turns = Counter("zerodesk_turns", "Turns by outcome", ["outcome"],
                             registry=self.registry)
        self.intents = Counter("zerodesk_intents", "Turns by intent", ["intent"],
                               registry=self.registry)
        self.escalations = Counter("zerodesk_escalations", "Escalations by reason and group",
                                   ["reason", "group"], registry=self.registry)
        self.refusals = Counter("zerodesk_refusals", "Refusals by reason", ["reason"],
                                registry=self.registry)
        self.actions = Counter("zerodesk_actions", "Tool calls by tool and status",
                               ["tool", "status"], registry=self.registry)
        self.guardrails = Counter("zerodesk_guardrail_verdicts", "Verdicts by check and action",
                                  ["check", "action"], registry=self.registry)
        self.resolutions = Counter("zerodesk_confirmed_resolutions",
                                   "Employees who said the answer or action solved it",
                                   ["source"], registry=self.registry)
        self.node_seconds = Histogram("zerodesk_node_seconds", "Node latency", ["node"],
                                      buckets=NODE_BUCKETS, registry=self.registry)
        self.turn_seconds = Histogram("zerodesk_turn_seconds", "Turn latency by outcome",
                                      ["outcome"], registry=self.registry)

    def observe(self, result: TurnResult) -> None:
        self.turns.labels(result.outcome).inc()
        if result.intent:
            self.intents.labels(result.intent).inc()
        if result.escalation:
            self.escalations.labels(str(result.escalation.get("reason")),
                                    str(result.escalation.get("group"))).inc()
        if result.refusal:
            self.refusals.labels(result.refusal).inc()
        for action in result.actions:
            self.actions.labels(str(action.get("tool")), str(action.get("status"))).inc()
        for verdict in result.guardrails:
            self.guardrails.labels(str(verdict.get("check")), str(verdict.get("action"))).inc()
        for step in result.trace:
            self.node_seconds.labels(str(step["node"])).observe(float(step["ms"]) / 1000)
        self.turn_seconds.labels(result.outcome).observe(result.latency_ms / 1000)

    def watch_itsm(self, engine: Engine) -> None:
        """Ticket states and state changes, read from the ITSM at scrape time: staff, the SLA
        sweep and other processes change tickets too, so counting in this process would miss
        them."""
        self.registry.register(ItsmCollector(engine))

    def resolved(self, source: str) -> None:
        self.resolutions.labels(source).inc()

    def render(self) -> bytes:
        return bytes(generate_latest(self.registry))


class ItsmCollector(Collector):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def collect(self) -> Iterator[GaugeMetricFamily | CounterMetricFamily]:
        up = GaugeMetricFamily("zerodesk_itsm_metrics_up",
                               "1 when the ITSM answered the metrics queries")
        tickets = GaugeMetricFamily("zerodesk_tickets", "Tickets by kind and state",
                                    labels=["kind", "state"])
        changes = CounterMetricFamily("zerodesk_ticket_state_changes",
                                      "Ticket state changes and openings, from the audit log",
                                      labels=["change"])
        try:
            with self.engine.connect() as conn:
                for kind, state, n in conn.execute(
                        select(Ticket.kind, Ticket.state, func.count())
                        .group_by(Ticket.kind, Ticket.state)):
                    tickets.add_metric([kind, state], n)
                for action, n in conn.execute(
                        select(AuditEntry.action, func.count())
                        .where(AuditEntry.action.like("ticket.%"))
                        .group_by(AuditEntry.action)):
                    changes.add_metric([action.removeprefix("ticket.")], n)
        except Exception:  # noqa: BLE001 - a scrape must still answer; the gauge says why
            log.exception("ITSM metrics query failed")
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield from (up, tickets, changes)
