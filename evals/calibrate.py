"""Fit the retrieval confidence calibration on the dev split (never the test split).

``python -m evals.calibrate`` writes ``knowledge/calibration.json``: a logistic regression from
retrieval signals (dense similarity, its margin over the next article, BM25, agreement) to the
probability that a returned article answers the question.
"""

from __future__ import annotations

import json
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression

from app.settings import Settings
from evals.retrieval import DATA, ingested_retriever, load
from knowledge.retriever import CALIBRATION_PATH

NAMES = ("dense", "margin", "lexical", "agree")
TOP = 3


def main() -> int:
    retriever = ingested_retriever(Settings())
    questions = load(DATA / "questions.jsonl", "dev")
    unanswerable = load(DATA / "unanswerable.jsonl", "dev")
    rows, labels = [], []
    queries = [q["query"] for q in questions] + [u["query"] for u in unanswerable]
    relevant = [set(q["relevant"]) for q in questions] + [set() for _ in unanswerable]
    for hits, rel in zip(retriever.search_many(queries, k=TOP), relevant, strict=True):
        for hit in hits:
            feats = dict(hit.features)
            rows.append([feats[n] for n in NAMES])
            labels.append(int(hit.article_id in rel))
    model = LogisticRegression(C=1.0, max_iter=1000)
    model.fit(np.array(rows), np.array(labels))
    params = {"bias": float(model.intercept_[0]),
              **{f"w_{n}": float(w) for n, w in zip(NAMES, model.coef_[0], strict=True)},
              "fitted_on": "evals/datasets/retrieval dev split", "points": len(rows)}
    CALIBRATION_PATH.write_text(json.dumps(params, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(params, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
