"""Fit the retrieval confidence calibration on dev splits (never a test split).

``python -m evals.calibrate`` writes ``knowledge/calibration.json``: a logistic regression from
the evidence features in ``knowledge.confidence`` to the probability that a returned article
answers the question. Every candidate the retriever re-ranks is a data point, so the fit does
not depend on the ordering an older calibration produced. The dev splits of every retrieval
dataset (our KB, the manual-style KB and the FAQ-export KB) are pooled, each KB weighing the
same however many questions it has: weights fitted on one KB's style alone would learn that KB's
similarity levels, not what evidence of an answer looks like.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from app.role_card import load_role_card
from app.settings import Settings
from evals.retrieval import DATA, OTHER_KBS, ingested_retriever, load
from knowledge.confidence import CALIBRATION_PATH, FEATURES, GATES
from knowledge.retriever import RERANK_POOL, HybridRetriever

# Fitted leaving one KB out at a time, the margin over other topics and the share of the
# question the KB knows told more about how a KB is organised (one page per product, few words
# in a small KB) than about whether a page answers: with them, close questions about another
# operation on a KB's only page for a product looked answered. The best section's similarity
# adds nothing once the best line's is in. Whether the matched sections perform the operation
# the question names, on its platform (``knowledge.asks``), is both a feature and a gate.
# The late-interaction reading of the shown section (``knowledge.reader``) raised answered-right
# on every left-out KB without holding fewer of its unanswerable questions; its margin over the
# other candidates raised it more but held fewer on the FAQ KB (one page per product again), so
# it is left out. Session 6 (the paraphrase gap: right article first, confidence below the
# threshold) tried the best reading over the article's near sections (``reader_best``), the
# question's share named in the shown section's title and heading (``heading``) and the margins
# of reading and closest line over the best other candidate (``reader_gap``, ``line_gap``):
# margins answered many more but held fewer on the foreign and FAQ KBs and answered more wrong
# on the month; the others did not raise answered-right on every left-out KB. All left out,
# and (session 7) taken out of the retriever, where reading the near sections cost every query
# time for no use; the figures are in evals/datasets/retrieval/README.md.
DEFAULT_FEATURES = ("agree", "coverage", "line", "operation", "platform", "reader")


@dataclass
class Candidates:
    """Per query: the feature rows of its re-ranked candidates and which are relevant."""

    features: list[np.ndarray]
    labels: list[np.ndarray]
    answerable: list[bool]

    def weights(self) -> np.ndarray:
        """Per candidate row, so that this KB's rows add up to 1."""
        rows = sum(len(x) for x in self.labels)
        return np.full(rows, 1.0 / max(rows, 1))


def collect(retriever: HybridRetriever, questions: list[dict[str, Any]],
            unanswerable: list[dict[str, Any]], out: Candidates | None = None) -> Candidates:
    out = out or Candidates([], [], [])
    queries = [q["query"] for q in questions] + [u["query"] for u in unanswerable]
    relevant = [set(q["relevant"]) for q in questions] + [set() for _ in unanswerable]
    for hits, rel in zip(retriever.search_many(queries, k=RERANK_POOL), relevant, strict=True):
        rows = [[dict(h.features)[n] for n in FEATURES] for h in hits]
        out.features.append(np.array(rows, dtype=float).reshape(-1, len(FEATURES)))
        out.labels.append(np.array([h.article_id in rel for h in hits], dtype=int))
        out.answerable.append(bool(rel))
    return out


def simulate(probs: list[np.ndarray], data: Candidates, threshold: float) -> dict[str, float]:
    """What the retriever would report with these probabilities ordering each query's pool."""
    rr, hit5, held, answered_right, n_ans, n_un = 0.0, 0, 0, 0, 0, 0
    for p, labels, answerable in zip(probs, data.labels, data.answerable, strict=True):
        order = np.argsort(-p, kind="stable")
        top = float(p[order[0]]) if len(p) else 0.0
        if not answerable:
            n_un += 1
            held += top < threshold
            continue
        n_ans += 1
        ranks = [i for i, j in enumerate(order[:5]) if labels[j]]
        rr += 1.0 / (ranks[0] + 1) if ranks else 0.0
        hit5 += bool(ranks)
        answered_right += bool(top >= threshold and len(p) and labels[order[0]])
    return {"hit@5": hit5 / max(n_ans, 1), "mrr": rr / max(n_ans, 1),
            "unanswerable_held": held / max(n_un, 1),
            "answered_correctly": answered_right / max(n_ans, 1)}


def fit(kbs: list[Candidates], names: tuple[str, ...],
        c: float) -> tuple[float, dict[str, float]]:
    idx = [FEATURES.index(n) for n in names]
    x = np.vstack([f for data in kbs for f in data.features])[:, idx]
    y = np.concatenate([lab for data in kbs for lab in data.labels])
    # Scaled back to the number of rows so that C keeps its usual meaning.
    weight = np.concatenate([data.weights() for data in kbs]) * len(y) / len(kbs)
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, y, sample_weight=weight)
    return float(model.intercept_[0]), dict(zip(names, map(float, model.coef_[0]), strict=True))


def failing(rows: np.ndarray) -> np.ndarray:
    """Which candidate rows fail one of the gating checks (``knowledge.confidence.GATES``)."""
    idx = [FEATURES.index(g) for g in GATES]
    return np.asarray((rows[:, idx] < 1.0).any(axis=1)) if len(rows) else np.zeros(0, bool)


def fit_ceiling(kbs: list[Candidates]) -> float:
    """The confidence a candidate failing a check can reach: the share of such dev candidates
    that did answer their question, each KB weighed alike."""
    rates = []
    for data in kbs:
        fails = np.concatenate([failing(f) for f in data.features])
        labels = np.concatenate(data.labels)
        if fails.any():
            rates.append(float(labels[fails].mean()))
    return float(np.mean(rates)) if rates else 0.0


def predict(data: Candidates, bias: float, weights: dict[str, float],
            ceiling: float = 1.0) -> list[np.ndarray]:
    w = np.array([weights.get(n, 0.0) for n in FEATURES])
    return [np.where(failing(f), np.minimum(p, ceiling), p) for f, p in
            ((f, 1.0 / (1.0 + np.exp(-(bias + f @ w)))) for f in data.features)]


def leave_one_out(kbs: dict[str, Candidates], names: tuple[str, ...], c: float,
                  threshold: float) -> None:
    """How a calibration generalises to a KB it never saw: fitted on the others' dev splits."""
    for label, data in kbs.items():
        others = [d for n, d in kbs.items() if n != label]
        bias, weights = fit(others, names, c)
        scores = simulate(predict(data, bias, weights, fit_ceiling(others)), data, threshold)
        print(f"left out {label} dev", json.dumps({k: round(v, 3) for k, v in scores.items()}))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--features", default=",".join(DEFAULT_FEATURES))
    p.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    p.add_argument("--dry-run", action="store_true", help="print, do not write the file")
    p.add_argument("--leave-one-out", action="store_true",
                   help="also fit on all KBs but one and score the one left out (no file)")
    args = p.parse_args(argv)
    names = tuple(n for n in args.features.split(",") if n)
    if not set(names) <= set(FEATURES):
        p.error(f"features must be among {FEATURES}")
    settings = Settings()
    threshold = load_role_card(settings.role_card).thresholds.min_answer_confidence
    kbs = {"own": collect(ingested_retriever(settings), load(DATA / "questions.jsonl", "dev"),
                          load(DATA / "unanswerable.jsonl", "dev"))}
    for name, root in OTHER_KBS.items():
        with tempfile.TemporaryDirectory(prefix=f"zd-{name}-") as tmp:
            other = Settings(data_dir=Path(tmp), kb_dir=root / "kb")
            kbs[name] = collect(ingested_retriever(other), load(root / "questions.jsonl", "dev"),
                                load(root / "unanswerable.jsonl", "dev"))
    if args.leave_one_out:
        leave_one_out(kbs, names, args.c, threshold)
        return 0
    bias, weights = fit(list(kbs.values()), names, args.c)
    ceiling = fit_ceiling(list(kbs.values()))
    for label, data in kbs.items():
        print(f"{label} dev", json.dumps({k: round(v, 3) for k, v in simulate(
            predict(data, bias, weights, ceiling), data, threshold).items()}))
    params = {"bias": bias, "features": list(names), **{f"w_{n}": w for n, w in weights.items()},
              "gates": list(GATES), "gate_ceiling": ceiling,
              "fitted_on": "evals/datasets/retrieval dev splits (own KB, "
                           + ", ".join(f"{n}_kb" for n in OTHER_KBS) + "), each KB weighed alike",
              "points": int(sum(len(x) for data in kbs.values() for x in data.labels)),
              "C": args.c}
    print(json.dumps(params, indent=2))
    if not args.dry_run:
        CALIBRATION_PATH.write_text(json.dumps(params, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
