"""The evaluators' arithmetic against hand-worked figures: kappa, Wilson, IR metrics, routing
scores, perturbations and the gates."""

from __future__ import annotations

import pytest

from evals import gates
from evals.agreement import agreement, cohen_kappa
from evals.metrics import ndcg_at, recall_at, reciprocal_rank, wilson
from evals.perturb import perturb
from evals.routing_eval import score

KAPPA = [
    # Worked by hand: observed 0.8, expected 0.5 -> 0.6.
    (list("aaaaabbbbb"), list("aaaabbbbba"), 0.6),
    (list("aabb"), list("aabb"), 1.0),
    (list("abab"), list("baba"), -1.0),
    (list("aaaa"), list("aaaa"), 1.0),  # no variation at all: full agreement
]


@pytest.mark.parametrize(("a", "b", "expected"), KAPPA)
def test_cohen_kappa(a: list[str], b: list[str], expected: float) -> None:
    assert cohen_kappa(a, b) == pytest.approx(expected)


def test_kappa_needs_matching_non_empty_lists() -> None:
    with pytest.raises(ValueError):
        cohen_kappa(["a"], ["a", "b"])
    with pytest.raises(ValueError):
        cohen_kappa([], [])


def test_agreement_lists_each_disagreement() -> None:
    a = {"1": {"id": "1", "intent": "x"}, "2": {"id": "2", "intent": "y"}}
    b = {"1": {"id": "1", "intent": "x"}, "2": {"id": "2", "intent": "z"}, "3": {"id": "3"}}
    out = agreement(a, b, ["intent"])
    assert out["items"] == 2
    assert out["fields"]["intent"]["disagreements"] == [{"id": "2", "a": "y", "b": "z"}]
    assert out["fields"]["intent"]["agreement"] == 0.5


WILSON = [(0, 10, 0.0, 0.2775), (10, 10, 0.7225, 1.0), (5, 10, 0.2366, 0.7634),
          (81, 100, 0.7222, 0.8749)]


@pytest.mark.parametrize(("k", "n", "lo", "hi"), WILSON)
def test_wilson_interval(k: int, n: int, lo: float, hi: float) -> None:
    got = wilson(k, n)
    assert got[0] == pytest.approx(lo, abs=1e-4) and got[1] == pytest.approx(hi, abs=1e-4)


def test_retrieval_metrics() -> None:
    ranked = ["d", "a", "x", "b", "y"]
    relevant = {"a", "b"}
    assert recall_at(ranked, relevant, 1) == 0.0
    assert recall_at(ranked, relevant, 2) == 0.5
    assert recall_at(ranked, relevant, 5) == 1.0
    assert reciprocal_rank(ranked, relevant) == 0.5
    ideal = 1 + 1 / 1.5849625  # gains at ranks 1 and 2
    assert ndcg_at(ranked, relevant, 5) == pytest.approx((1 / 1.5849625 + 1 / 2.321928) / ideal,
                                                        abs=1e-4)


def test_routing_scores_and_confusion() -> None:
    gold = ["password_reset", "password_reset", "kb_question", "kb_question"]
    pred = ["password_reset", "kb_question", "kb_question", "kb_question"]
    out = score(gold, pred)
    assert out["accuracy"] == 0.75
    pr = out["per_intent"]["password_reset"]
    assert (pr["precision"], pr["recall"], pr["support"]) == (1.0, 0.5, 2)
    kb = out["per_intent"]["kb_question"]
    assert kb["precision"] == pytest.approx(2 / 3, abs=1e-4) and kb["recall"] == 1.0
    assert {"gold": "password_reset", "predicted": "kb_question", "count": 1} in out["confusion"]


def test_perturbations_are_seeded() -> None:
    text = "my laptop will not connect to the vpn since this morning"
    assert perturb(text, 3) == perturb(text, 3)
    assert len({perturb(text, s) for s in range(20)}) > 5


THRESHOLDS = gates.load_thresholds()


def test_gates_name_each_miss_and_pass_clean_figures() -> None:
    good = {"routing": {"accuracy": 0.99, "macro_f1": 0.99}}
    assert gates.check(good, THRESHOLDS) == []
    bad = {"routing": {"accuracy": 0.5, "macro_f1": 0.99}}
    assert gates.check(bad, THRESHOLDS) == [
        f"routing accuracy: 0.5 (gate >= {THRESHOLDS['routing']['accuracy']})"]


def test_an_unmeasured_figure_of_a_section_that_ran_is_a_miss() -> None:
    ran_without = {"routing": {"accuracy": 0.99}}
    misses = gates.check(ran_without, THRESHOLDS)
    assert misses == [f"routing macro F1: not measured (gate >= "
                      f"{THRESHOLDS['routing']['macro_f1']})"]
