"""pass^k (τ-bench): a case passes at k only if all k perturbed runs pass. Wilson intervals."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from app.runtime import Runtime
from evals.metrics import wilson
from evals.outcomes_eval import run_case


def pass_hat_k(rt: Runtime, cases: list[dict[str, Any]], ks: tuple[int, ...]) -> dict[str, Any]:
    kmax = max(ks)
    outcomes: dict[str, list[bool]] = {}
    for n, case in enumerate(cases):
        outcomes[case["id"]] = [
            run_case(rt, case, rt.itsm.pick_employee(30_000 + n * kmax + run), seed=run).passed
            for run in range(kmax)
        ]
    by_intent: dict[str, list[str]] = defaultdict(list)
    for case in cases:
        by_intent[case["label"]["intent"]].append(case["id"])
    by_intent["all"] = [c["id"] for c in cases]

    def table(ids: list[str]) -> dict[str, Any]:
        row: dict[str, Any] = {"cases": len(ids)}
        for k in ks:
            ok = sum(all(outcomes[i][:k]) for i in ids)
            low, high = wilson(ok, len(ids))
            row[f"pass^{k}"] = {"rate": round(ok / len(ids), 4) if ids else None,
                                "wilson95": [round(low, 4), round(high, 4)]}
        return row

    return {
        "ks": list(ks),
        "per_intent": {intent: table(ids) for intent, ids in sorted(by_intent.items())},
        "flaky": sorted(i for i, runs in outcomes.items() if any(runs) and not all(runs)),
    }
