"""CI's eval gate (issue 9): the fast subset of `make eval` must pass every gate on dev.

This is the same run as ``python -m evals.run --fast``: the real graph over a seeded ITSM and
the bundled KB, scored against evals/thresholds.yaml. A gate whose figure was not computed
does not count as passed here.
"""

from __future__ import annotations

import pytest

from evals import gates
from evals.run import run
from knowledge.embedder import Embedder

pytestmark = pytest.mark.slow


def test_fast_eval_passes_every_gate(embedder: Embedder) -> None:
    summary = run("dev", True, embedder)
    thresholds = gates.load_thresholds()
    for section, key in (("routing", "accuracy"), ("routing", "macro_f1"),
                         ("outcomes", "pass_rate"), ("outcomes", "escalation_recall"),
                         ("outcomes", "escalation_precision"), ("retrieval", "recall@5")):
        assert summary[section][key] is not None, f"{section}.{key} was not computed"
    assert summary["reliability"]["per_intent"]["all"]["pass^4"]["rate"] is not None
    misses = gates.check(summary, thresholds)
    assert not misses, "\n".join(misses)
