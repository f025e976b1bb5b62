"""`make eval`: every evaluator, one report (reports/eval/index.html + summary.json), gates.

    python -m evals.run [--split dev|test] [--fast] [--out reports/eval]

Exits 1 when a figure misses its gate in evals/thresholds.yaml. ``--fast`` runs the subset
CI uses on every change (smaller samples, k up to 4).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from evals import agreement, answers_eval, gates, guardrails_eval, outcomes_eval, routing_eval
from evals import retrieval as retrieval_eval
from evals.datasets import DATA, labelled, load
from evals.fixtures import scratch_runtime
from evals.reliability import pass_hat_k
from evals.report import write_report
from knowledge.embedder import Embedder

OUTCOME_FIELDS = ("intent", "final_outcome", "must_escalate", "escalation_reason", "refusal",
                  "expected_state.tool_completed", "expected_state.approval_pending",
                  "expected_state.ticket_opened")


def _sample(rows: list[dict[str, Any]], n: int | None) -> list[dict[str, Any]]:
    return rows if n is None or len(rows) <= n else rows[:: max(1, len(rows) // n)][:n]


def run(split: str, fast: bool, embedder: Embedder) -> dict[str, Any]:
    started = time.perf_counter()
    summary: dict[str, Any] = {"split": split, "fast": fast}
    summary["agreement"] = {
        "routing": agreement.agreement(
            agreement.read_labels(DATA / "routing/labels_a.jsonl"),
            agreement.read_labels(DATA / "routing/labels_b.jsonl"), ["intent"]),
        "outcomes": agreement.agreement(
            agreement.read_labels(DATA / "outcomes/labels_a.jsonl"),
            agreement.read_labels(DATA / "outcomes/labels_b.jsonl"), OUTCOME_FIELDS),
    }
    with tempfile.TemporaryDirectory(prefix="zd-eval-") as tmp, \
            scratch_runtime(Path(tmp), embedder) as rt:
        threshold = rt.role_card.thresholds.min_answer_confidence
        summary["retrieval"] = retrieval_eval.evaluate(
            rt.retriever, load("retrieval", split), load("unanswerable", split), threshold)
        summary["routing"] = routing_eval.evaluate(
            rt, _sample(labelled("routing", "routing_labels", split), 150 if fast else None))
        cases = labelled("outcomes", "outcome_labels", split)
        summary["outcomes"] = outcomes_eval.evaluate(rt, _sample(cases, 50 if fast else None))
        summary["answers"] = answers_eval.evaluate(
            rt, _sample(load("retrieval", split), 60 if fast else 200))
        summary["guardrails"] = guardrails_eval.evaluate(split, embedder, rt,
                                                         e2e_sample=80 if fast else None)
        ks = (1, 4) if fast else (1, 4, 8)
        summary["reliability"] = pass_hat_k(rt, _sample(cases, 24 if fast else None), ks)
    summary["seconds"] = round(time.perf_counter() - started, 1)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="dev", choices=["dev", "test"])
    parser.add_argument("--fast", action="store_true")
    parser.add_argument("--out", type=Path, default=Path("reports/eval"))
    args = parser.parse_args(argv)
    summary = run(args.split, args.fast, Embedder())
    thresholds = gates.load_thresholds()
    summary["gates"] = {"thresholds_version": thresholds["version"],
                        "misses": gates.check(summary, thresholds)}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "summary.json").write_text(json.dumps(summary, indent=2, default=str))
    write_report(summary, args.out)
    print_summary(summary)
    return 1 if summary["gates"]["misses"] else 0


def print_summary(s: dict[str, Any]) -> None:
    r, ro, o = s["retrieval"], s["routing"], s["outcomes"]
    print(f"split={s['split']} fast={s['fast']} in {s['seconds']}s")
    print(f"retrieval  recall@5={r['recall@5']:.3f} mrr={r['mrr']:.3f} "
          f"unanswerable_held={r['unanswerable_held']:.3f}")
    print(f"routing    accuracy={ro['accuracy']:.3f} macro_f1={ro['macro_f1']:.3f} "
          f"(n={ro['items']})")
    print(f"outcomes   pass={o['pass_rate']:.3f} escalation recall={o['escalation_recall']} "
          f"precision={o['escalation_precision']} (n={o['cases']})")
    a = s["answers"]
    print(f"answers    {a['taxonomy']} correct_when_answered={a['correct_when_answered']}")
    g = s["guardrails"]
    print(f"guardrails attack_success={g['attack_success_rate']:.4f} "
          f"false_block={g['false_block_rate']:.4f} "
          f"e2e_tool_calls={len(g.get('end_to_end', {}).get('tool_calls', []))}")
    for field, m in s["agreement"]["outcomes"]["fields"].items():
        print(f"kappa      outcomes.{field}={m['kappa']}")
    print(f"kappa      routing.intent={s['agreement']['routing']['fields']['intent']['kappa']}")
    for k, v in s["reliability"]["per_intent"]["all"].items():
        if k.startswith("pass^"):
            print(f"reliability {k}={v['rate']} wilson95={v['wilson95']}")
    for miss in s["gates"]["misses"]:
        print(f"GATE MISSED: {miss}")
    if not s["gates"]["misses"]:
        print("all gates passed")


if __name__ == "__main__":
    sys.exit(main())
