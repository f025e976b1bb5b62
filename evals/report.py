"""The eval report: summary.json rendered as one HTML page with matplotlib plots."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)


def _save(fig: Any, path: Path) -> str:
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path.name


def plots(summary: dict[str, Any], out: Path) -> list[str]:
    names = []
    per = summary["routing"]["per_intent"]
    intents = [i for i, m in per.items() if m["support"]]
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.barh(intents, [per[i]["f1"] for i in intents])
    ax.set_xlim(0, 1)
    ax.set_title("Routing F1 per intent")
    names.append(_save(fig, out / "routing_f1.png"))

    labels = sorted({c["gold"] for c in summary["routing"]["confusion"]}
                    | {c["predicted"] for c in summary["routing"]["confusion"]})
    idx = {lbl: i for i, lbl in enumerate(labels)}
    grid = [[0] * len(labels) for _ in labels]
    for c in summary["routing"]["confusion"]:
        grid[idx[c["gold"]]][idx[c["predicted"]]] += c["count"]
    fig, ax = plt.subplots(figsize=(8, 7))
    ax.imshow(grid, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=90, fontsize=7)
    ax.set_yticks(range(len(labels)), labels, fontsize=7)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title("Routing confusion matrix")
    names.append(_save(fig, out / "routing_confusion.png"))

    curve = summary["retrieval"]["curve"]
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.plot([p["coverage"] for p in curve], [p["accuracy"] for p in curve], marker=".")
    ax.set_xlabel("coverage")
    ax.set_ylabel("top-1 accuracy")
    ax.set_title("Confidence threshold: coverage vs accuracy")
    names.append(_save(fig, out / "coverage_accuracy.png"))

    rel = summary["reliability"]["per_intent"]
    ks = summary["reliability"]["ks"]
    fig, ax = plt.subplots(figsize=(8, 4))
    intents = list(rel)
    for n, k in enumerate(ks):
        ax.bar([i + n * 0.25 for i in range(len(intents))],
               [rel[i][f"pass^{k}"]["rate"] or 0 for i in intents], width=0.25, label=f"k={k}")
    ax.set_xticks([i + 0.25 for i in range(len(intents))], intents, rotation=60, fontsize=7)
    ax.set_ylim(0, 1)
    ax.legend()
    ax.set_title("pass^k per intent")
    names.append(_save(fig, out / "pass_k.png"))
    return names


def write_report(summary: dict[str, Any], out: Path) -> None:
    images = plots(summary, out)
    misses = summary["gates"]["misses"]
    status = "FAILED: " + "; ".join(misses) if misses else "all gates passed"
    body = [f"<h1>Zerodesk eval ({html.escape(summary['split'])} split)</h1>",
            f"<p><strong>{html.escape(status)}</strong></p>"]
    body += [f'<img src="{name}" alt="{name}">' for name in images]
    compact = {k: v for k, v in summary.items() if k not in ("routing", "answers")}
    compact["routing"] = {k: v for k, v in summary["routing"].items() if k != "confusion"}
    compact["answers"] = summary["answers"]
    body.append("<pre>" + html.escape(json.dumps(compact, indent=2, default=str)) + "</pre>")
    page = ("<!doctype html><html lang=en><meta charset=utf-8><title>Zerodesk eval</title>"
            + "".join(body) + "</html>")
    (out / "index.html").write_text(page, encoding="utf-8")
