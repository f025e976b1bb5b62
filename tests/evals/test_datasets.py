"""Every eval dataset validates against its schema, has both splits, and says the test split is
never tuned on; the two label passes cover the same items."""

from __future__ import annotations

import pytest

from evals.datasets import DATA, DATASETS, DatasetInvalid, load

SPLIT_SETS = ["retrieval", "unanswerable", "routing", "outcomes", "attacks", "benign", "pii",
              "foreign_retrieval", "foreign_unanswerable", "faq_retrieval", "faq_unanswerable"]


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_every_dataset_validates(name: str) -> None:
    assert load(name)


@pytest.mark.parametrize("name", SPLIT_SETS)
def test_dev_and_test_splits(name: str) -> None:
    assert load(name, "dev") and load(name, "test")
    rows = load(name)
    assert {r.get("split") for r in rows} == {"dev", "test"}
    assert len({r["id"] for r in rows}) == len(rows), "duplicate ids"


@pytest.mark.parametrize("folder", ["retrieval", "routing", "outcomes", "guardrails"])
def test_each_dataset_says_its_test_split_is_not_for_tuning(folder: str) -> None:
    text = (DATA / folder / "README.md").read_text(encoding="utf-8").lower()
    assert "never" in text and "tun" in text


@pytest.mark.parametrize("base", ["routing_labels", "outcome_labels"])
def test_label_passes_cover_the_same_items(base: str) -> None:
    a, b, adjudicated = (load(f"{base}_a"), load(f"{base}_b"), load(base))
    assert {r["id"] for r in a} == {r["id"] for r in b} == {r["id"] for r in adjudicated}


def test_a_bad_line_is_named(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from pathlib import Path

    import evals.datasets as datasets

    root = Path(str(tmp_path))
    (root / "retrieval").mkdir()
    (root / "retrieval" / "questions.jsonl").write_text(
        '{"id": "q1", "query": "vpn", "relevant": ["KB-1"], "split": "dev"}\n'
        '{"id": "q2", "query": "", "relevant": ["KB-1"], "split": "dev"}\n', encoding="utf-8")
    monkeypatch.setattr(datasets, "DATA", root)
    with pytest.raises(DatasetInvalid, match=r"questions.jsonl:2: query"):
        datasets.load("retrieval")
