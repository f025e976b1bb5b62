"""Datasets, validated against their JSON Schema on load. A bad line names file and line."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "datasets"
SCHEMAS = ROOT / "schemas"

# dataset name -> (file, schema)
DATASETS = {
    "retrieval": ("retrieval/questions.jsonl", "retrieval_question"),
    "unanswerable": ("retrieval/unanswerable.jsonl", "retrieval_unanswerable"),
    "routing": ("routing/messages.jsonl", "routing_message"),
    "routing_labels": ("routing/labels.jsonl", "routing_label"),
    "routing_labels_a": ("routing/labels_a.jsonl", "routing_label"),
    "routing_labels_b": ("routing/labels_b.jsonl", "routing_label"),
    "outcomes": ("outcomes/cases.jsonl", "outcome_case"),
    "outcome_labels": ("outcomes/labels.jsonl", "outcome_label"),
    "outcome_labels_a": ("outcomes/labels_a.jsonl", "outcome_label"),
    "outcome_labels_b": ("outcomes/labels_b.jsonl", "outcome_label"),
    "attacks": ("guardrails/attacks.jsonl", "guardrail_attack"),
    "benign": ("guardrails/benign.jsonl", "guardrail_benign"),
    "pii": ("guardrails/pii.jsonl", "guardrail_pii"),
    "foreign_retrieval": ("retrieval/foreign_kb/questions.jsonl", "retrieval_question"),
    "foreign_unanswerable": ("retrieval/foreign_kb/unanswerable.jsonl",
                             "retrieval_unanswerable"),
    "faq_retrieval": ("retrieval/faq_kb/questions.jsonl", "retrieval_question"),
    "faq_unanswerable": ("retrieval/faq_kb/unanswerable.jsonl", "retrieval_unanswerable"),
}


class DatasetInvalid(ValueError):
    pass


@cache
def _validator(schema: str) -> jsonschema.Draft202012Validator:
    raw = json.loads((SCHEMAS / f"{schema}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(raw)


def load(name: str, split: str = "all") -> list[dict[str, Any]]:
    file, schema = DATASETS[name]
    path = DATA / file
    validator = _validator(schema)
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DatasetInvalid(f"{path}:{n}: not JSON ({exc.msg})") from exc
        error = next(iter(validator.iter_errors(row)), None)
        if error is not None:
            where = "/".join(str(p) for p in error.absolute_path) or "line"
            raise DatasetInvalid(f"{path}:{n}: {where}: {error.message}")
        rows.append(row)
    return [r for r in rows if split == "all" or r.get("split", split) == split]


def labelled(messages: str, labels: str, split: str) -> list[dict[str, Any]]:
    """Records joined with their adjudicated labels (records without a label are an error)."""
    by_id = {r["id"]: r for r in load(labels)}
    out = []
    for row in load(messages, split):
        if row["id"] not in by_id:
            raise DatasetInvalid(f"{DATASETS[labels][0]}: no label for {row['id']}")
        out.append({**row, "label": by_id[row["id"]]})
    return out
