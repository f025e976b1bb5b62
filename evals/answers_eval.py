"""Answers graded against a failure taxonomy, deterministically, on labelled KB questions.

Answerable questions must be answered from an article that answers them; questions the KB
cannot answer must not be answered at all. ``python -m evals.answers_eval --kb foreign`` runs
the same graph over the manual-style second KB.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from app.runtime import Runtime

NO_CONTENT = {"no_kb_content", "low_confidence"}


def grade(result: Any, relevant: set[str], categories: dict[str, str]) -> str:
    if not relevant:  # the KB cannot answer it: any answer is a false one
        if result.outcome == "answered":
            return "false_answer"
        return "held"
    if result.outcome == "answered" and result.citations:
        if set(result.citations) & relevant:
            return "correct"
        wanted = {categories.get(a) for a in relevant}
        return "irrelevant" if categories.get(result.citations[0]) in wanted else "wrong_topic"
    if result.outcome == "escalated":
        reason = (result.escalation or {}).get("reason")
        if reason in NO_CONTENT:
            return "no_content_available"
        if reason == "grounding_failed":
            return "incorrect"
    return "unexpected_guardrail" if result.outcome in ("refused", "escalated") else "incorrect"


def evaluate(rt: Runtime, questions: list[dict[str, Any]],
             unanswerable: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    categories = {c.article_id: c.category for c in rt.retriever.chunks_of_all()}
    grades = []
    cases = [*questions, *(unanswerable or [])]
    for n, q in enumerate(cases):
        result = rt.conversations.send(rt.itsm.pick_employee(40_000 + n), None, q["query"])
        reason = (result.escalation or {}).get("reason")
        grades.append({"id": q["id"], "grade": grade(result, set(q.get("relevant", [])),
                                                       categories),
                       "outcome": result.outcome, "reason": reason,
                       "answerable": bool(q.get("relevant"))})
    asked = [g for g in grades if g["answerable"]]
    counts = Counter(g["grade"] for g in asked)
    answered = sum(1 for g in asked if g["outcome"] == "answered")
    report: dict[str, Any] = {
        "questions": len(asked),
        "taxonomy": dict(sorted(counts.items())),
        "answered_rate": round(answered / max(len(asked), 1), 4),
        "correct_when_answered": round(counts["correct"] / answered, 4) if answered else None,
        "wrong_answers": [g for g in asked if g["grade"] in ("irrelevant", "wrong_topic")],
        # Where the "incorrect" ones went (an action, a clarifying question, a failed check).
        "incorrect_outcomes": dict(sorted(Counter(
            f"{g['outcome']}/{g['reason']}" for g in asked if g["grade"] == "incorrect").items())),
    }
    if unanswerable:
        held = [g for g in grades if not g["answerable"]]
        report["unanswerable"] = len(held)
        report["unanswerable_held"] = round(
            sum(g["grade"] == "held" for g in held) / len(held), 4)
        report["false_answers"] = [g for g in held if g["grade"] == "false_answer"]
        report["held_reasons"] = dict(sorted(Counter(str(g["reason"]) for g in held).items()))
    return report


def main(argv: list[str] | None = None) -> int:
    from evals.fixtures import scratch_runtime
    from evals.retrieval import DATA, FOREIGN, load
    from knowledge.embedder import Embedder

    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--split", default="dev", choices=["dev", "test", "all"])
    p.add_argument("--kb", default="own", choices=["own", "foreign"])
    p.add_argument("--limit", type=int, help="at most this many answerable questions")
    args = p.parse_args(argv)
    root = FOREIGN if args.kb == "foreign" else DATA
    questions = load(root / "questions.jsonl", args.split)[: args.limit]
    unanswerable = load(root / "unanswerable.jsonl", args.split)
    if args.kb == "foreign":  # the scratch runtime ingests whatever KB the settings name
        os.environ["ZERODESK_KB_DIR"] = str(FOREIGN / "kb")
    with tempfile.TemporaryDirectory(prefix="zd-answers-") as tmp, \
            scratch_runtime(Path(tmp), Embedder()) as rt:
        report = evaluate(rt, questions, unanswerable)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
