"""The human side's numbers: queue waits, pickup SLA breaches, backlog, approvals, and the
ITSM's own SLA sweep breaches for the work this month created."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import Engine, select

from evals.month.humans import HumanDesk
from evals.month.perf import percentiles
from tools.models import SlaBreach


def desk_stats(desk: HumanDesk, month_end: Any) -> dict[str, Any]:
    handoffs = [w for w in desk.items.values() if w.kind == "handoff"]
    fulfil = [w for w in desk.items.values() if w.kind == "fulfilment"]
    waits = [(w.picked - w.created).total_seconds() / 60 for w in handoffs if w.picked]
    late = [w for w in handoffs if (w.picked or month_end) > w.due]
    by_group: dict[str, dict[str, Any]] = {}
    for group in sorted({w.group for w in handoffs}):
        mine = [w for w in handoffs if w.group == group]
        group_waits = [(w.picked - w.created).total_seconds() / 60 for w in mine if w.picked]
        by_group[group] = {"handoffs": len(mine),
                           "pickup_breaches": sum((w.picked or month_end) > w.due for w in mine),
                           "wait_minutes": percentiles(group_waits)}
    fulfil_late = [w for w in fulfil if (w.done or month_end) > w.due]
    decisions = Counter(d.status for d in desk.decisions.values())
    peak = max((sum(v.values()) for _, v in desk.backlog), default=0)
    return {
        "handoffs": len(handoffs),
        "picked_up": len(waits),
        "time_to_first_human_minutes": percentiles(waits),
        "pickup_sla_breaches": len(late),
        "pickup_breaches_by_priority": dict(sorted(Counter(f"P{w.priority}" for w in late)
                                                   .items())),
        "by_group": by_group,
        "fulfilment_tickets": len(fulfil),
        "fulfilment_resolution_breaches": len(fulfil_late),
        "approvals": dict(decisions),
        "peak_backlog": peak,
    }


def backlog_series(desk: HumanDesk) -> dict[str, list[Any]]:
    groups = sorted({g for _, v in desk.backlog for g in v})
    series: dict[str, list[Any]] = {"at": [at for at, _ in desk.backlog]}
    for g in groups:
        series[g] = [v.get(g, 0) for _, v in desk.backlog]
    return series


def sweep_breaches(engine: Engine, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Breaches the ITSM's ``sla_sweep`` recorded for tickets, handoffs and approvals opened by
    this month's conversations (the seeded history is left out)."""
    refs: dict[str, set[str]] = defaultdict(set)
    for r in records:
        facts = r.get("facts") or {}
        for e in facts.get("escalations", []):
            refs["escalation"].add(str(e["id"]))
            refs["ticket"].add(str(e["ticket"]))
        for w in facts.get("writes", []):
            if w.get("ticket"):
                refs["ticket"].add(str(w["ticket"]))
            if w.get("approval_id") is not None:
                refs["approval"].add(str(w["approval_id"]))
    with engine.connect() as conn:
        rows = conn.execute(select(SlaBreach.entity_kind, SlaBreach.entity_ref,
                                   SlaBreach.group_name, SlaBreach.detected_at)).all()
    mine = [r for r in rows if r.entity_ref in refs.get(r.entity_kind, set())]
    per_day = Counter(r.detected_at.date().isoformat() for r in mine)
    return {"breaches": len(mine),
            "entities_breached": len({(r.entity_kind, r.entity_ref) for r in mine}),
            "by_kind": dict(Counter(r.entity_kind for r in mine)),
            "by_group": dict(Counter(r.group_name for r in mine).most_common()),
            "per_day": dict(sorted(per_day.items()))}
