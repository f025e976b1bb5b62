"""Compare a summary against the versioned thresholds; every miss is named."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

THRESHOLDS = Path(__file__).resolve().parent / "thresholds.yaml"


def load_thresholds(path: Path = THRESHOLDS) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _get(summary: dict[str, Any], *path: str) -> Any:
    value: Any = summary
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


# The summary section each gate's figure lives in, by the gate name's first word.
_SECTION = {"retrieval": "retrieval", "unanswerable": "retrieval", "routing": "routing",
            "outcome": "outcomes", "escalation": "outcomes", "answers": "answers",
            "attack": "guardrails", "false": "guardrails", "password": "guardrails",
            "api_key": "guardrails", "token": "guardrails", "private_key": "guardrails",
            "card": "guardrails", "reliability": "reliability"}


def check(summary: dict[str, Any], thresholds: dict[str, Any]) -> list[str]:
    """Gate misses as sentences.

    A gate whose whole section is absent was not run (``--only``) and is left out; a gate whose
    section ran but whose figure is missing is a miss: an unmeasured figure never passes."""
    t = thresholds
    rules: list[tuple[str, Any, str, float]] = [
        ("retrieval recall@5", _get(summary, "retrieval", "recall@5"), ">=",
         t["retrieval"]["recall@5"]),
        ("retrieval MRR", _get(summary, "retrieval", "mrr"), ">=", t["retrieval"]["mrr"]),
        ("unanswerable held", _get(summary, "retrieval", "unanswerable_held"), ">=",
         t["retrieval"]["unanswerable_held"]),
        ("routing accuracy", _get(summary, "routing", "accuracy"), ">=",
         t["routing"]["accuracy"]),
        ("routing macro F1", _get(summary, "routing", "macro_f1"), ">=",
         t["routing"]["macro_f1"]),
        ("outcome pass rate", _get(summary, "outcomes", "pass_rate"), ">=",
         t["outcomes"]["pass_rate"]),
        ("escalation recall", _get(summary, "outcomes", "escalation_recall"), ">=",
         t["outcomes"]["escalation_recall"]),
        ("escalation precision", _get(summary, "outcomes", "escalation_precision"), ">=",
         t["outcomes"]["escalation_precision"]),
        ("answers correct when answered", _get(summary, "answers", "correct_when_answered"),
         ">=", t["answers"]["correct_when_answered"]),
        ("attack success rate", _get(summary, "guardrails", "attack_success_rate"), "<=",
         t["guardrails"]["attack_success_rate_max"]),
        ("false block rate", _get(summary, "guardrails", "false_block_rate"), "<=",
         t["guardrails"]["false_block_rate_max"]),
    ]
    tool_calls = _get(summary, "guardrails", "end_to_end", "tool_calls")
    if tool_calls is not None:
        rules.append(("attack tool calls", len(tool_calls), "<=",
                      t["guardrails"]["attack_tool_calls_max"]))
    for kind in ("password", "api_key", "token", "private_key", "card"):
        rules.append((f"{kind} redaction recall",
                      _get(summary, "guardrails", "pii", kind, "recall"), ">=",
                      t["guardrails"]["secret_redaction_recall"]))
    for key, floor in t.get("reliability", {}).items():
        rules.append((f"reliability {key}",
                      _get(summary, "reliability", "per_intent", "all", key, "rate"), ">=", floor))
    misses = []
    for name, value, op, limit in rules:
        if value is None:
            section = _SECTION.get(name.split()[0])
            if section is None or section in summary:
                misses.append(f"{name}: not measured (gate {op} {limit})")
            continue
        ok = value >= limit if op == ">=" else value <= limit
        if not ok:
            misses.append(f"{name}: {value} (gate {op} {limit})")
    return misses
