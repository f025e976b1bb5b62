"""Inter-rater agreement: Cohen's kappa per field between two label passes, and disagreements."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def cohen_kappa(a: Sequence[Any], b: Sequence[Any]) -> float:
    if len(a) != len(b) or not a:
        raise ValueError("kappa needs two label lists of the same, non-zero length")
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def read_labels(path: Path) -> dict[str, dict[str, Any]]:
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return {r["id"]: r for r in rows}


def field_value(row: dict[str, Any], field: str) -> Any:
    value: Any = row
    for part in field.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return json.dumps(value, sort_keys=True)


def agreement(a: dict[str, dict[str, Any]], b: dict[str, dict[str, Any]],
              fields: Sequence[str]) -> dict[str, Any]:
    ids = sorted(set(a) & set(b))
    out: dict[str, Any] = {"items": len(ids), "fields": {}}
    for field in fields:
        va = [field_value(a[i], field) for i in ids]
        vb = [field_value(b[i], field) for i in ids]
        disagreements = [{"id": i, "a": json.loads(x), "b": json.loads(y)}
                         for i, x, y in zip(ids, va, vb, strict=True) if x != y]
        out["fields"][field] = {
            "kappa": round(cohen_kappa(va, vb), 4),
            "agreement": round(1 - len(disagreements) / len(ids), 4),
            "disagreements": disagreements,
        }
    return out
