"""The report's figures (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402 - the backend must be chosen first
import matplotlib.pyplot as plt  # noqa: E402

OUTCOME_COLOURS = {"answered": "#4c9a2a", "action_completed": "#2a7f9a",
                   "awaiting_confirmation": "#b5b5b5", "awaiting_approval": "#e0a526",
                   "clarifying": "#9a7fd1", "escalated": "#d1495b", "refused": "#555555"}


def _dates(values: list[datetime]) -> list[float]:
    return [float(mdates.date2num(v)) for v in values]


def _save(fig: Any, out: Path, name: str) -> str:
    fig.tight_layout()
    fig.savefig(out / name, dpi=90)
    plt.close(fig)
    return name


def arrivals(records: list[dict[str, Any]], out: Path) -> str:
    hours = Counter(r["arrival"][:13] for r in records)
    esc = Counter(r["arrival"][:13] for r in records if (r.get("score") or {}).get("escalated"))
    keys = sorted(hours)
    xs = _dates([datetime.fromisoformat(k + ":00:00+00:00") for k in keys])
    fig, ax = plt.subplots(figsize=(11, 3.2))
    ax.xaxis_date()
    ax.plot(xs, [hours[k] for k in keys], lw=0.8, label="tickets / hour")
    ax.plot(xs, [esc[k] for k in keys], lw=0.8, color="#d1495b", label="escalated / hour")
    ax.set_title("Arrivals over the month (UTC)")
    ax.legend(loc="upper right")
    return _save(fig, out, "arrivals.png")


def weekday_hour(records: list[dict[str, Any]], out: Path) -> str:
    grid = [[0] * 24 for _ in range(7)]
    for r in records:
        at = datetime.fromisoformat(r["arrival"])
        grid[at.weekday()][at.hour] += 1
    fig, ax = plt.subplots(figsize=(9, 3))
    im = ax.imshow(grid, aspect="auto", cmap="viridis")
    ax.set_yticks(range(7), ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
    ax.set_xlabel("hour (UTC)")
    ax.set_title("Arrivals by weekday and hour")
    fig.colorbar(im, ax=ax)
    return _save(fig, out, "weekday_hour.png")


def outcomes_by_category(records: list[dict[str, Any]], out: Path) -> str:
    scored = [r for r in records if r.get("score")]
    cats = sorted({r["category"] for r in scored})
    fig, ax = plt.subplots(figsize=(10, 4))
    bottom = [0] * len(cats)
    for outcome, colour in OUTCOME_COLOURS.items():
        vals = [sum(r["score"]["final_outcome"] == outcome for r in scored if r["category"] == c)
                for c in cats]
        ax.bar(cats, vals, bottom=bottom, color=colour, label=outcome)
        bottom = [b + v for b, v in zip(bottom, vals, strict=True)]
    ax.set_title("Final outcome by category")
    ax.tick_params(axis="x", rotation=40)
    ax.legend(fontsize=7)
    return _save(fig, out, "outcomes.png")


def bars(data: dict[str, Any], title: str, out: Path, name: str) -> str:
    items = sorted(data.items(), key=lambda kv: kv[1])
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.32 * len(items) + 1)))
    ax.barh([k for k, _ in items], [v for _, v in items], color="#2a7f9a")
    ax.set_title(title)
    return _save(fig, out, name)


def backlog(series: dict[str, list[Any]], out: Path) -> str:
    xs = _dates([datetime.fromisoformat(a) for a in series.get("at", [])])
    fig, ax = plt.subplots(figsize=(11, 3.5))
    ax.xaxis_date()
    for group, values in series.items():
        if group != "at" and max(values, default=0) > 0:
            ax.plot(xs, values, lw=0.9, label=group)
    ax.set_title("Human queue backlog (handoffs and tickets waiting for pickup)")
    if len(series) > 1:
        ax.legend(fontsize=7, ncol=3)
    return _save(fig, out, "backlog.png")


def breaches_per_day(per_day: dict[str, int], out: Path) -> str:
    fig, ax = plt.subplots(figsize=(11, 3))
    ax.bar(list(per_day), list(per_day.values()), color="#d1495b")
    ax.set_title("SLA breaches recorded by the ITSM sweep, per day")
    ax.tick_params(axis="x", rotation=90, labelsize=7)
    return _save(fig, out, "sla_breaches.png")


def node_latency(node_latency: dict[str, dict[str, Any]], out: Path) -> str:
    names = [n for n, v in node_latency.items() if v["n"]]
    fig, ax = plt.subplots(figsize=(9, 3.5))
    for i, key in enumerate(("p50", "p90", "p99")):
        ax.bar([x + i * 0.27 for x in range(len(names))],
               [node_latency[n][key] for n in names], width=0.27, label=key)
    ax.set_xticks([x + 0.27 for x in range(len(names))], names, rotation=30)
    ax.set_ylabel("ms")
    ax.set_yscale("log")
    ax.set_title("Latency per graph node")
    ax.legend()
    return _save(fig, out, "node_latency.png")
