"""`make eval-retrieval`: recall@k, MRR, nDCG@5, unanswerable hold rate, threshold curve.

``--kb foreign`` (manual-style, ``datasets/retrieval/foreign_kb``) and ``--kb faq`` (an FAQ
export, ``datasets/retrieval/faq_kb``) run a KB we did not write help articles for the way a
company would run its own: ``zerodesk ingest --kb DIR`` and ``zerodesk search --batch`` into a
scratch data dir; the ranking comes from the CLI's output file, and confidences and section
headings from the same store.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.role_card import load_role_card
from app.runtime import firewall_scanner, open_chunks
from app.settings import Settings
from evals.metrics import hit_at, ndcg_at, recall_at, reciprocal_rank
from knowledge.embedder import Embedder
from knowledge.ingest import ingest_kb
from knowledge.retriever import Hit, HybridRetriever

DATA = Path(__file__).resolve().parent / "datasets" / "retrieval"
# KBs in other styles, each with its own questions: long manual-style articles (foreign) and
# a Confluence-style FAQ export of short, often multi-topic pages (faq).
FOREIGN = DATA / "foreign_kb"
FAQ = DATA / "faq_kb"
OTHER_KBS = {"foreign": FOREIGN, "faq": FAQ}


def load(path: Path, split: str | None) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [r for r in rows if split in (None, "all") or r.get("split") == split]


def evaluate(retriever: HybridRetriever, questions: list[dict[str, Any]],
             unanswerable: list[dict[str, Any]], threshold: float,
             cli_ranked: list[list[str]] | None = None) -> dict[str, Any]:
    hits = retriever.search_many([q["query"] for q in questions], k=5)
    ranked = cli_ranked if cli_ranked is not None else [[h.article_id for h in hs] for hs in hits]
    rel = [set(q["relevant"]) for q in questions]
    n = len(questions)
    report: dict[str, Any] = {
        "questions": n,
        "recall@1": sum(recall_at(r, s, 1) for r, s in zip(ranked, rel, strict=True)) / n,
        "recall@3": sum(recall_at(r, s, 3) for r, s in zip(ranked, rel, strict=True)) / n,
        "recall@5": sum(recall_at(r, s, 5) for r, s in zip(ranked, rel, strict=True)) / n,
        "hit@5": sum(hit_at(r, s, 5) for r, s in zip(ranked, rel, strict=True)) / n,
        "mrr": sum(reciprocal_rank(r, s) for r, s in zip(ranked, rel, strict=True)) / n,
        "ndcg@5": sum(ndcg_at(r, s, 5) for r, s in zip(ranked, rel, strict=True)) / n,
    }
    un_hits = retriever.search_many([u["query"] for u in unanswerable], k=1)
    un_conf = [hs[0].confidence if hs else 0.0 for hs in un_hits]
    report["unanswerable"] = len(unanswerable)
    report["unanswerable_held"] = (sum(c < threshold for c in un_conf) / len(un_conf)
                                   if un_conf else None)
    report["threshold"] = threshold
    # The other side of holding back: answerable questions answered, and with the right article.
    report["answered_right"] = sum(bool(hs) and hs[0].confidence >= threshold
                                   and hs[0].article_id in s
                                   for hs, s in zip(hits, rel, strict=True)) / n
    report["unanswerable_confidence"] = {u["id"]: c for u, c in zip(unanswerable, un_conf,
                                                                     strict=True)}
    report["curve"] = curve(hits, rel, un_conf)
    sectioned = [(hs, q["section"]) for hs, q in zip(hits, questions, strict=True)
                 if q.get("section")]
    if sectioned:
        # The best chunk is the right section of the article, not merely the right article:
        # what the answer is composed from.
        report["section@1"] = sum(bool(hs) and _has_section(hs[0], want)
                                  for hs, want in sectioned) / len(sectioned)
    report["misses"] = [
        {"id": q["id"], "query": q["query"], "relevant": q["relevant"], "got": r[:3]}
        for q, r, s in zip(questions, ranked, rel, strict=True) if not set(r[:5]) & s
    ]
    return report


def _has_section(hit: Hit, wanted: list[str]) -> bool:
    """The chunk is (or holds the start of) one of the wanted sections: its heading path, or a
    heading line inside it when a short section was joined to its neighbour."""
    headings = [hit.heading] + [line for line in hit.text.splitlines() if line.startswith("#")]
    return any(w.lower() in h.lower() for w in wanted for h in headings)


def curve(hits: list[list[Hit]], rel: list[set[str]],
          un_conf: list[float]) -> list[dict[str, float]]:
    """Coverage (share answered) vs accuracy (top-1 right among answered) per threshold."""
    points = []
    for t in [i / 20 for i in range(0, 20)]:
        answered = [(hs[0].article_id in s) for hs, s in zip(hits, rel, strict=True)
                    if hs and hs[0].confidence >= t]
        false_answers = sum(c >= t for c in un_conf)
        total = len(hits) + len(un_conf)
        coverage = (len(answered) + false_answers) / total if total else 0.0
        correct = sum(answered)
        attempted = len(answered) + false_answers
        points.append({"threshold": t, "coverage": round(coverage, 4),
                       "accuracy": round(correct / attempted, 4) if attempted else 1.0})
    return points


def ingested_retriever(settings: Settings) -> HybridRetriever:
    """The agent's retrieval over the data dir, after an incremental ingest of the KB."""
    settings.ensure_dirs()
    embedder = Embedder()
    store = open_chunks(settings)
    ingest_kb(settings.kb_dir, store, embedder, firewall_scanner())
    return HybridRetriever(embedder, store)


@contextlib.contextmanager
def _data_dir(path: Path) -> Iterator[None]:
    before = os.environ.get("ZERODESK_DATA_DIR")
    os.environ["ZERODESK_DATA_DIR"] = str(path)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("ZERODESK_DATA_DIR", None)
        else:
            os.environ["ZERODESK_DATA_DIR"] = before


def evaluate_via_cli(kb: Path, questions: list[dict[str, Any]],
                     unanswerable: list[dict[str, Any]], threshold: float) -> dict[str, Any]:
    """Ingest and search a KB through the ``zerodesk`` commands, in a scratch data dir."""
    from app.cli import main as zerodesk

    with tempfile.TemporaryDirectory(prefix="zd-kb-eval-") as tmp, _data_dir(Path(tmp)):
        cases, results = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        cases.write_text("".join(json.dumps({"id": q["id"], "query": q["query"]}) + "\n"
                                 for q in questions), encoding="utf-8")
        with contextlib.redirect_stdout(io.StringIO()):
            if zerodesk(["ingest", "--kb", str(kb)]) != 0:
                raise RuntimeError(f"zerodesk ingest --kb {kb} failed")
            if zerodesk(["search", "--batch", str(cases), "--out", str(results),
                         "--k", "5"]) != 0:
                raise RuntimeError("zerodesk search --batch failed")
        by_id = {r["id"]: [h["article_id"] for h in r["results"]]
                 for r in map(json.loads, results.read_text(encoding="utf-8").splitlines())}
        settings = Settings(data_dir=Path(tmp))
        retriever = HybridRetriever(Embedder(), open_chunks(settings))
        return evaluate(retriever, questions, unanswerable, threshold,
                        cli_ranked=[by_id[q["id"]] for q in questions])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--split", default="dev", choices=["dev", "test", "all"])
    p.add_argument("--kb", default="own", choices=["own", *OTHER_KBS],
                   help="own: knowledge/articles; foreign: manual-style KB; faq: FAQ-export KB")
    p.add_argument("--json", type=Path, help="also write the full report here")
    args = p.parse_args(argv)
    settings = Settings()
    threshold = load_role_card(settings.role_card).thresholds.min_answer_confidence
    if args.kb in OTHER_KBS:
        root = OTHER_KBS[args.kb]
        report = evaluate_via_cli(root / "kb", load(root / "questions.jsonl", args.split),
                                  load(root / "unanswerable.jsonl", args.split), threshold)
    else:
        report = evaluate(ingested_retriever(settings),
                          load(DATA / "questions.jsonl", args.split),
                          load(DATA / "unanswerable.jsonl", args.split), threshold)
    print(f"kb={args.kb} split={args.split} questions={report['questions']} "
          f"unanswerable={report['unanswerable']}")
    for key in ("recall@1", "recall@3", "recall@5", "mrr", "ndcg@5", "section@1"):
        if key in report:
            print(f"{key:>10}: {report[key]:.3f}")
    print(f"unanswerable held under {threshold:.2f}: {report['unanswerable_held']:.3f}")
    print(f"answerable answered right at {threshold:.2f}: {report['answered_right']:.3f}")
    print("threshold  coverage  accuracy")
    for pt in report["curve"]:
        print(f"   {pt['threshold']:.2f}     {pt['coverage']:.3f}     {pt['accuracy']:.3f}")
    print(f"misses@5: {len(report['misses'])}")
    for m in report["misses"][:15]:
        print(f"  {m['id']}: {m['query']!r} want {m['relevant']} got {m['got']}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
