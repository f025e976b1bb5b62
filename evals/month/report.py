"""``summary.json``, the figures and ``index.html`` of a replayed month."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evals.month import plots, score
from evals.month import summary as agg
from evals.month.arrivals import month_bounds
from evals.month.human_stats import backlog_series, desk_stats, sweep_breaches
from evals.month.perf import resolution_minutes, turn_stats

if TYPE_CHECKING:
    from evals.month.hours import Run
    from evals.month.replay import ReplayOptions


def build_summary(records: list[dict[str, Any]], run: Run, meta: dict[str, Any],
                  perf: dict[str, Any], options: ReplayOptions) -> dict[str, Any]:
    month = str(meta.get("month") or records[0]["arrival"][:7]) if records else "?"
    end = month_bounds(month)[1] if month != "?" else None
    results = agg.outcomes(records)
    safety = agg.safety(records)
    recall = agg.escalation_recall(records)
    humans = desk_stats(run.desk, end)
    turns = turn_stats(records)
    values = {"autonomous_resolution_rate": results["autonomous_rate"],
              "correct_resolution_rate": results["correct_rate"],
              "unsafe_actions": safety["unsafe_actions"],
              "median_time_to_resolution_minutes": resolution_minutes(records),
              "escalation_recall": recall["escalation_recall"]}
    return {
        "run": {"month": month, "seed": meta.get("seed"), "events": meta.get("events"),
                "fault": None if options.fault is None else {
                    "kind": options.fault.kind, "start": options.fault.start.isoformat(),
                    "end": options.fault.end.isoformat()},
                "staff_scale": options.staff_scale, **perf},
        "kpis": agg.kpis(run.runtime.role_card, values),
        "results": results,
        "safety": safety,
        "escalations": {**agg.escalations(records), **recall},
        "humans": humans,
        "sla_sweep": {**sweep_breaches(run.runtime.engine, records),
                      "sweeps": len(run.sweeps)},
        "latency": turns,
        "definitions": score.__doc__,
    }


def write_report(run_dir: Path, records: list[dict[str, Any]], run: Run, meta: dict[str, Any],
                 perf: dict[str, Any], options: ReplayOptions) -> dict[str, Any]:
    summary = build_summary(records, run, meta, perf, options)
    (run_dir / "summary.json").write_text(json.dumps(summary, indent=2, default=str) + "\n",
                                          encoding="utf-8")
    figures = [
        plots.arrivals(records, run_dir),
        plots.weekday_hour(records, run_dir),
        plots.outcomes_by_category(records, run_dir),
        plots.bars(summary["escalations"]["by_reason"] or {"none": 0}, "Handoffs by reason",
                   run_dir, "escalation_reasons.png"),
        plots.bars(summary["escalations"]["by_group"] or {"none": 0}, "Handoffs by group",
                   run_dir, "escalation_groups.png"),
        plots.backlog(backlog_series(run.desk), run_dir),
        plots.breaches_per_day(summary["sla_sweep"]["per_day"], run_dir),
        plots.node_latency(summary["latency"]["node_latency_ms"], run_dir),
        plots.bars(summary["latency"]["time_split_s"] or {"none": 0},
                   "Where the time goes (seconds)", run_dir, "time_split.png"),
    ]
    (run_dir / "index.html").write_text(render(summary, figures), encoding="utf-8")
    return summary


def _table(rows: list[dict[str, Any]] | dict[str, Any], head: tuple[str, ...] = ()) -> str:
    if isinstance(rows, dict):
        rows = [{"name": k, "value": v} for k, v in rows.items()]
        head = head or ("name", "value")
    if not rows:
        return "<p>none</p>"
    head = head or tuple(rows[0])
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(_fmt(r.get(h)))}</td>" for h in head)
                   + "</tr>" for r in rows)
    return f"<table><tr>{cells}</tr>{body}</table>"


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, dict | list):
        return json.dumps(value, default=str)
    return "" if value is None else str(value)


def render(s: dict[str, Any], figures: list[str]) -> str:
    r, safety, esc, hum = s["results"], s["safety"], s["escalations"], s["humans"]
    cats = [{"category": k, **v} for k, v in r["by_category"].items()]
    head = ("Resolution", [("autonomous", r["autonomous_rate"]), ("confirmed", r["confirmed_rate"]),
                           ("inferred", r["inferred_rate"]), ("correct", r["correct_rate"]),
                           ("routing accuracy", r["routing_accuracy"])])
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>Zerodesk month replay</title>",
        "<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1150px}"
        "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;"
        "padding:3px 8px;font-size:13px;text-align:left}img{max-width:100%}"
        ".big{font-size:20px}</style></head><body>",
        f"<h1>Month replay: {html.escape(str(s['run']['month']))}</h1>",
        f"<p class='big'>{html.escape(head[0])}: " + " &middot; ".join(
            f"{k} <b>{_fmt(v)}</b>" for k, v in head[1]) + "</p>",
        f"<p class='big'>Unsafe actions: <b>{safety['unsafe_actions']}</b> &middot; attack "
        f"success: <b>{safety['attack_success']}</b> / {safety['attack_tickets']} &middot; "
        f"escalation recall <b>{_fmt(esc['escalation_recall'])}</b></p>",
        "<h2>KPIs against the role card's baselines</h2>", _table(s["kpis"]),
        "<h2>Run</h2>", _table({k: v for k, v in s["run"].items()
                                if k not in ("events", "time_split_s")}),
        "<h2>By category</h2>", _table(cats, ("category", "n", "correct_rate",
                                              "autonomous_rate", "escalated")),
        "<h2>Where the agent got it wrong</h2>",
        _table(r["top_failures"], ("kind", "count", "examples")),
        "<h2>Routing confusion</h2>", _table(r["routing_confusion"]),
        "<h2>Escalations</h2>", _table({k: v for k, v in esc.items()}),
        "<h2>Safety and guardrails</h2>", _table(safety),
        "<h2>Human side</h2>", _table({k: v for k, v in hum.items() if k != "by_group"}),
        _table([{"group": g, **v} for g, v in hum["by_group"].items()]),
        "<h2>SLA sweep</h2>", _table(s["sla_sweep"]),
        "<h2>Latency</h2>", _table({"turn": s["latency"]["turn_latency_ms"]}),
        _table([{"node": k, **v} for k, v in s["latency"]["node_latency_ms"].items()]),
        "<h3>Where the time went (measured, seconds, all processes)</h3>",
        _table(s["run"].get("time_split_s") or {}),
        "<h3>Share of summed node time and the rest of each turn (from traces)</h3>",
        _table(s["latency"]["time_split_share"]),
        "<h2>Figures</h2>", *(f"<p><img src='{html.escape(f)}' alt='{html.escape(f)}'></p>"
                              for f in figures),
        f"<h2>Definitions</h2><pre>{html.escape(s['definitions'] or '')}</pre>",
        "</body></html>",
    ]
    return "\n".join(parts)
