"""Answers graded against a failure taxonomy, deterministically, on labelled KB questions."""

from __future__ import annotations

from collections import Counter
from typing import Any

from app.runtime import Runtime

NO_CONTENT = {"no_kb_content", "low_confidence"}


def grade(result: Any, relevant: set[str], categories: dict[str, str]) -> str:
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


def evaluate(rt: Runtime, questions: list[dict[str, Any]]) -> dict[str, Any]:
    categories = {c.article_id: c.category for c in rt.retriever.chunks_of_all()}
    grades = []
    for n, q in enumerate(questions):
        result = rt.conversations.send(rt.itsm.pick_employee(40_000 + n), None, q["query"])
        grades.append({"id": q["id"], "grade": grade(result, set(q["relevant"]), categories),
                       "outcome": result.outcome})
    counts = Counter(g["grade"] for g in grades)
    answered = sum(1 for g in grades if g["outcome"] == "answered")
    return {
        "questions": len(grades),
        "taxonomy": dict(sorted(counts.items())),
        "answered_rate": round(answered / max(len(grades), 1), 4),
        "correct_when_answered": round(counts["correct"] / answered, 4) if answered else None,
        "wrong_answers": [g for g in grades if g["grade"] in ("irrelevant", "wrong_topic")],
    }
