"""Fit the similarity head, and measure how its learned part generalises: leave one batch out.

`guardrails_eval --fit-classifier` calls ``fit_bundled``: exemplars plus all dev chat rows, the
blocking bar set from out-of-fold scores (reached by 1 in 200 held-out benign rows, >= 0.9).
`python -m evals.guardrails_head [--features vector|full]` refits once per fresh batch of rounds
five to eight without it and scores its chat rows with the similarity check alone (rules were
tuned on every batch, so only the learned part is measured; the test split is never read): what
the check blocks at the policy's bars, and head recall at the probability that lets 98% of all
held-out benign rows through (one threshold for every batch: a fixed false-block rate).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from evals.fixtures import seeded_policy
from guardrails import head_features
from guardrails.similarity import (
    ExemplarCache,
    ExemplarMatrices,
    check_similarity,
    fit_logistic,
    load_exemplars,
)
from guardrails.verdict import Action
from knowledge.embedder import Embedder

# Fresh batches, each written and first-checked before anything was fitted to it: (name, attack
# ids, benign ids), inclusive. Round six's are exact (README table). Round five's six batches
# were committed together without their boundaries; they are cut into three contiguous folds,
# so a held-out fold may share an author's session with training rows (optimistic).
FOLDS: tuple[tuple[str, tuple[int, int], tuple[int, int]], ...] = (
    ("r5-a", (546, 620), (536, 618)), ("r5-b", (621, 695), (619, 701)),
    ("r5-c", (696, 771), (702, 783)), ("r6-1", (967, 1021), (953, 1007)),
    ("r6-2", (1022, 1072), (1008, 1057)), ("r6-3", (1073, 1123), (1058, 1107)),
    ("r6-4", (1124, 1163), (1108, 1147)), ("r6-5", (1164, 1193), (1148, 1177)),
    ("r7-1", (1194, 1233), (1178, 1217)), ("r7-2", (1234, 1271), (1218, 1255)),
    ("r8-1", (1272, 1311), (1256, 1295)), ("r8-2", (1312, 1351), (1296, 1335)),
    ("r9-1", (1352, 1391), (1336, 1375)), ("r9-2", (1392, 1431), (1376, 1415)),
    ("r10-1", (1432, 1471), (1416, 1457)), ("r11-1", (1472, 1511), (1458, 1497)),
    ("r12-1", (1512, 1561), (1498, 1547)), ("r12-2", (1562, 1591), (1548, 1577)),
)
FIXED_FALSE_BLOCK = 0.02
C_FULL = 16.0
BLOCK_QUANTILE = 0.995
MIN_BLOCK_PROBABILITY = 0.9


def _num(row_id: str) -> int:
    return int(row_id.rsplit("-", 1)[1])


def in_range(row: dict[str, Any], span: tuple[int, int]) -> bool:
    return span[0] <= _num(row["id"]) <= span[1]


@dataclass
class Corpus:
    """Exemplars then dev chat rows, with their vectors, labels and dataset ids."""

    texts: list[str]
    labels: np.ndarray
    ids: list[str | None]
    vectors: np.ndarray


def corpus(embedder: Embedder, attacks: Sequence[dict[str, Any]],
           benign: Sequence[dict[str, Any]]) -> Corpus:
    ex = load_exemplars()
    chat = [r for r in attacks if r.get("channel", "chat") == "chat"]
    texts = [*ex.attacks, *ex.benign, *(r["text"] for r in chat), *(r["text"] for r in benign)]
    labels = np.r_[np.ones(len(ex.attacks)), np.zeros(len(ex.benign)),
                   np.ones(len(chat)), np.zeros(len(benign))]
    ids: list[str | None] = [None] * (len(ex.attacks) + len(ex.benign))
    ids += [r["id"] for r in chat] + [r["id"] for r in benign]
    vecs = np.vstack([embedder.embed_queries(texts[i:i + 256])
                      for i in range(0, len(texts), 256)]).astype(np.float64)
    return Corpus(texts, labels, ids, vecs)


def exemplar_sims(c: Corpus) -> np.ndarray:
    """Nearest attack / benign exemplar per row; an exemplar never counts as its own neighbour."""
    ex = load_exemplars()
    na, nb = len(ex.attacks), len(ex.benign)
    sa = c.vectors @ c.vectors[:na].T
    sb = c.vectors @ c.vectors[na:na + nb].T
    sa[np.arange(na), np.arange(na)] = -1.0
    sb[np.arange(na, na + nb), np.arange(nb)] = -1.0
    return np.vstack([head_features.similarity_features(a, b)
                      for a, b in zip(sa.max(1), sb.max(1), strict=True)])


def design(c: Corpus, sims: np.ndarray) -> sparse.csr_matrix:
    rows, cols, vals = [], [], []
    for i, text in enumerate(c.texts):
        buckets = head_features.ngram_buckets(text)
        rows += [i] * len(buckets)
        cols += buckets.tolist()
        vals += [head_features.ngram_value(len(buckets))] * len(buckets)
    grams = sparse.csr_matrix((vals, (rows, cols)), shape=(len(c.texts), head_features.BUCKETS))
    return sparse.hstack([sparse.csr_matrix(c.vectors), grams, sparse.csr_matrix(sims)],
                         format="csr")


def fit(c: Corpus, x: sparse.csr_matrix | None, keep: np.ndarray,
        features: str) -> dict[str, Any]:
    """Head weights fitted on the rows where ``keep`` is true, as bundled-data JSON fields."""
    y = c.labels[keep]
    if features == "vector":
        w, b = fit_logistic(c.vectors[keep & (c.labels == 1)], c.vectors[keep & (c.labels == 0)],
                            l2=1e-4, iterations=1500)
        return {"weights": w.tolist(), "bias": float(b)}
    assert x is not None
    model = LogisticRegression(C=C_FULL, class_weight="balanced", max_iter=3000)
    model.fit(x[keep], y)
    coef = model.coef_[0]
    dim = c.vectors.shape[1]
    grams = coef[dim:dim + head_features.BUCKETS]
    return {"weights": coef[:dim].tolist(), "bias": float(model.intercept_[0]),
            "ngram_weights": {str(int(k)): round(float(grams[k]), 6)
                              for k in np.flatnonzero(np.abs(grams) > 1e-6)},
            "sim_weights": coef[dim + head_features.BUCKETS:].tolist()}


def matrices(head: dict[str, Any], mats: ExemplarMatrices) -> ExemplarMatrices:
    h = head_features.head_from_json({"probe": "", "probe_vector": [], **head})
    return ExemplarMatrices(mats.attacks, mats.benign, h.weights, h.bias, h.ngram_weights,
                            h.sim_weights, h.block_probability)


def _inner_bar(c: Corpus, x: sparse.csr_matrix, outer: np.ndarray) -> float:
    scores = []
    for _, aspan, bspan in FOLDS:
        held = _held_out(c, aspan, bspan) & ~outer
        if not held.any():
            continue
        model = LogisticRegression(C=C_FULL, class_weight="balanced", max_iter=3000)
        model.fit(x[~held & ~outer], c.labels[~held & ~outer])
        scores.append(model.predict_proba(x[held & (c.labels == 0)])[:, 1])
    return max(MIN_BLOCK_PROBABILITY, float(np.quantile(np.concatenate(scores), BLOCK_QUANTILE)))


def _no_embed(texts: list[str]) -> Any:
    raise AssertionError("the leave-one-batch-out run passes every vector in")


class _FixedCache(ExemplarCache):
    def __init__(self, mats: ExemplarMatrices) -> None:
        super().__init__()
        self.mats = mats

    def matrices(self, embed: Any) -> ExemplarMatrices:
        return self.mats


def _dev_corpus(embedder: Embedder) -> Corpus:
    from evals.guardrails_eval import load

    return corpus(embedder, load("attacks.jsonl", "dev"), load("benign.jsonl", "dev"))


def _held_out(c: Corpus, aspan: tuple[int, int], bspan: tuple[int, int]) -> np.ndarray:
    return np.array([i is not None and in_range({"id": i}, aspan if c.labels[k] else bspan)
                     for k, i in enumerate(c.ids)])


def fit_bundled(embedder: Embedder) -> dict[str, Any]:
    """The full-feature head on exemplars + all dev chat rows, with an out-of-fold threshold."""
    c = _dev_corpus(embedder)
    x = design(c, exemplar_sims(c))
    benign_scores: list[np.ndarray] = []
    for _, aspan, bspan in FOLDS:
        held = _held_out(c, aspan, bspan)
        model = LogisticRegression(C=C_FULL, class_weight="balanced", max_iter=3000)
        model.fit(x[~held], c.labels[~held])
        benign_scores.append(model.predict_proba(x[held & (c.labels == 0)])[:, 1])
    bar = float(np.quantile(np.concatenate(benign_scores), BLOCK_QUANTILE))
    head = fit(c, x, np.ones(len(c.texts), dtype=bool), "full")
    head["block_probability"] = round(max(MIN_BLOCK_PROBABILITY, bar), 4)
    head["attacks"], head["benign"] = int(c.labels.sum()), int((c.labels == 0).sum())
    return head


def leave_one_batch_out(features: str) -> dict[str, Any]:
    embedder = Embedder(cache_size=16384)
    c = _dev_corpus(embedder)
    x = design(c, exemplar_sims(c)) if features == "full" else None
    ex = load_exemplars()
    na = len(ex.attacks)
    base = ExemplarMatrices(c.vectors[:na], c.vectors[na:na + len(ex.benign)],
                            np.zeros(c.vectors.shape[1]), 0.0)
    policy = seeded_policy()
    per_fold: list[dict[str, Any]] = []
    for name, aspan, bspan in FOLDS:
        held = _held_out(c, aspan, bspan)
        head = fit(c, x, ~held, features)
        if features == "full":
            # The bar as fit_bundled sets it, from the other folds' out-of-fold scores.
            head["block_probability"] = _inner_bar(c, x, held)
        mats = matrices(head, base)
        cache = _FixedCache(mats)
        probs, blocked = [], []
        for k in np.flatnonzero(held):
            # The vector is passed in, so the embed function is never called.
            v = check_similarity(c.texts[k], policy, embed=_no_embed, cache=cache,
                                 query_vec=c.vectors[k])
            probs.append(v.score or 0.0)
            blocked.append(v.action is Action.REFUSE)
        lab = c.labels[held]
        per_fold.append({"fold": name, "labels": lab, "probs": np.array(probs),
                         "blocked": np.array(blocked)})
    all_benign = np.concatenate([f["probs"][f["labels"] == 0] for f in per_fold])
    threshold = float(np.quantile(all_benign, 1 - FIXED_FALSE_BLOCK))
    out = []
    for f in per_fold:
        att, ben = f["labels"] == 1, f["labels"] == 0
        out.append({"fold": f["fold"], "attacks": int(att.sum()), "benign": int(ben.sum()),
                    "check_blocks_attacks": int(f["blocked"][att].sum()),
                    "check_blocks_benign": int(f["blocked"][ben].sum()),
                    "recall_at_fixed_fb": round(float((f["probs"][att] > threshold).mean()), 4),
                    "benign_over": int((f["probs"][ben] > threshold).sum())})
    return {"features": features, "threshold": round(threshold, 4), "folds": out}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--features", choices=["vector", "full"], default="full")
    args = parser.parse_args(argv)
    report = leave_one_batch_out(args.features)
    tot = {k: sum(f[k] for f in report["folds"]) for k in
           ("attacks", "benign", "check_blocks_attacks", "check_blocks_benign", "benign_over")}
    rec = sum(f["recall_at_fixed_fb"] * f["attacks"] for f in report["folds"]) / tot["attacks"]
    for f in report["folds"]:
        print(json.dumps(f))
    print(f"features={report['features']} pooled: similarity check alone blocks "
          f"{tot['check_blocks_attacks']}/{tot['attacks']} held-out attacks and "
          f"{tot['check_blocks_benign']}/{tot['benign']} held-out benign; head recall at "
          f"{FIXED_FALSE_BLOCK:.0%} false blocks (p>{report['threshold']}): {rec:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
