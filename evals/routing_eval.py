"""Routing: the intent the real graph assigns, per-intent precision/recall/F1 and confusion."""

from __future__ import annotations

from collections import Counter
from typing import Any

from app.runtime import Runtime
from app.vocabulary import INTENTS


def routed_intent(rt: Runtime, employee: str, text: str) -> str:
    result = rt.conversations.send(employee, None, text)
    return result.intent or "unrouted"


def score(gold: list[str], predicted: list[str]) -> dict[str, Any]:
    confusion: Counter[tuple[str, str]] = Counter(zip(gold, predicted, strict=True))
    per_intent = {}
    for intent in INTENTS:
        tp = confusion[(intent, intent)]
        fp = sum(v for (g, p), v in confusion.items() if p == intent and g != intent)
        fn = sum(v for (g, p), v in confusion.items() if g == intent and p != intent)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_intent[intent] = {"precision": round(precision, 4), "recall": round(recall, 4),
                              "f1": round(f1, 4), "support": tp + fn}
    supported = [m for m in per_intent.values() if m["support"]]
    return {
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted, strict=True))
                          / max(len(gold), 1), 4),
        "macro_f1": round(sum(m["f1"] for m in supported) / max(len(supported), 1), 4),
        "per_intent": per_intent,
        "confusion": [{"gold": g, "predicted": p, "count": c}
                      for (g, p), c in sorted(confusion.items())],
    }


def evaluate(rt: Runtime, rows: list[dict[str, Any]]) -> dict[str, Any]:
    gold, predicted, misses = [], [], []
    for n, row in enumerate(rows):
        got = routed_intent(rt, rt.itsm.pick_employee(10_000 + n), row["text"])
        gold.append(row["label"]["intent"])
        predicted.append(got)
        if got != row["label"]["intent"]:
            misses.append({"id": row["id"], "text": row["text"][:120],
                           "gold": row["label"]["intent"], "got": got})
    return {"items": len(rows), **score(gold, predicted), "misses": misses}
