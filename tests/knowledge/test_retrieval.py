"""Hybrid retrieval on a real store: scores, confidence, audience filtering."""

from __future__ import annotations

from pathlib import Path

from app.runtime import firewall_scanner
from knowledge.embedder import Embedder
from knowledge.ingest import ingest_kb
from knowledge.retriever import EMPLOYEE_AUDIENCE, STAFF_AUDIENCE, HybridRetriever
from knowledge.store import ChunkStore, open_client
from tests.knowledge.conftest import write_article


def _retriever(small_kb: Path, tmp_path: Path, embedder: Embedder) -> HybridRetriever:
    store = ChunkStore(open_client(path=tmp_path / "chroma"), "test-kb")
    ingest_kb(small_kb, store, embedder, firewall_scanner())
    return HybridRetriever(embedder, store)


def test_finds_the_right_article_with_scores(small_kb: Path, tmp_path: Path,
                                             embedder: Embedder) -> None:
    retriever = _retriever(small_kb, tmp_path, embedder)
    hits = retriever.search("can't get to intranet from home, vpn?", k=3)
    assert hits[0].article_id == "T-VPN"
    assert all(0.0 <= h.confidence <= 1.0 for h in hits)
    assert hits[0].score >= hits[-1].score
    assert len({h.article_id for h in hits}) == len(hits)


def test_staff_articles_never_reach_employees(small_kb: Path, tmp_path: Path,
                                              embedder: Embedder) -> None:
    retriever = _retriever(small_kb, tmp_path, embedder)
    query = "unlock an employee account in the directory admin console"
    employee_hits = retriever.search(query, k=5, audiences=EMPLOYEE_AUDIENCE)
    staff_hits = retriever.search(query, k=5, audiences=STAFF_AUDIENCE)
    assert "T-RUN" not in {h.article_id for h in employee_hits}
    assert staff_hits[0].article_id == "T-RUN"


def test_unrelated_question_gets_low_confidence(small_kb: Path, tmp_path: Path,
                                                embedder: Embedder) -> None:
    retriever = _retriever(small_kb, tmp_path, embedder)
    related = retriever.search("how do I connect to the vpn", k=1)[0]
    unrelated = retriever.search("what is on the cafeteria menu on friday", k=1)[0]
    assert unrelated.confidence < related.confidence


MANUAL_BODY = """
## 4 Operation

### 4.1 Session limits
Sessions are limited to 10 hours. After 10 hours the client asks you to approve a new
sign-in prompt, and the tunnel is paused until you approve it.

### 4.2 Always-on mode
On Finance laptops the client connects before sign-in and the Disconnect option is greyed
out. This is expected behaviour and not a fault.

## 5 Troubleshooting

### 5.1 Status indicators
| Icon | Meaning | Action |
|---|---|---|
| Solid green shield | Connected | None |
| Flashing green shield | Connected in fallback mode over TCP 443 | Expect reduced speed |
"""


def test_manual_section_is_chosen_and_adjacent_topics_score_lower(
        small_kb: Path, tmp_path: Path, embedder: Embedder) -> None:
    write_article(small_kb, "net/manual.md", id="T-MAN", title="Remote Access Client User Guide",
                  symptoms="The guide for the remote access client.", steps=MANUAL_BODY)
    retriever = _retriever(small_kb, tmp_path, embedder)
    hit = retriever.search("why is the disconnect button grey on my finance laptop", k=1)[0]
    assert hit.article_id == "T-MAN"
    assert hit.heading.endswith("4.2 Always-on mode")
    answerable = retriever.search("the remote access client asks me to approve every 10 hours",
                                  k=1)[0]
    adjacent = retriever.search("how do I install the Citrix Workspace remote access client",
                                k=1)[0]
    assert answerable.heading.endswith("4.1 Session limits")
    assert adjacent.confidence < answerable.confidence
    assert dict(adjacent.features)["coverage"] < dict(answerable.features)["coverage"]


FAQ_BODY = """
**Q: The projector in the canteen shows no picture.**
A: Take the grey HDMI adapter from the drawer and press SOURCE until HDMI 2 shows.

**Q: How do I add a custom emoji in Slack?**
A: Open Tools, then Customize workspace, then Add emoji.

**Q: My surname changed after marriage.**
A: HR changes it in the HR system; the old e-mail address stays as an alias for a year.

## Good to know
- The canteen closes at 15:00 on Fridays.
- Headsets are consumables: swap a broken one at the IT desk, no ticket needed.
- Parking permits are issued by Facilities.
"""


def test_one_answer_on_a_many_topic_page_is_matched_line_by_line(
        small_kb: Path, tmp_path: Path, embedder: Embedder) -> None:
    write_article(small_kb, "misc/faq.md", id="T-FAQ", title="Misc IT questions",
                  symptoms="Questions that fit nowhere else.", steps=FAQ_BODY)
    retriever = _retriever(small_kb, tmp_path, embedder)
    hit = retriever.search("will my email address change when I get married", k=1)[0]
    assert hit.article_id == "T-FAQ"
    assert "surname" in hit.text and "emoji" not in hit.text  # the question's own section
    notes = retriever.search("my headset is broken, do I need a ticket", k=1)[0]
    assert notes.article_id == "T-FAQ" and notes.heading == "Good to know"
    # In a section of unrelated notes the one that matches is closer than the section.
    assert dict(notes.features)["line"] > dict(notes.features)["dense"] + 0.1


def test_another_operation_on_the_right_page_is_not_an_answer(
        small_kb: Path, tmp_path: Path, embedder: Embedder) -> None:
    retriever = _retriever(small_kb, tmp_path, embedder)
    add = retriever.search("how do I add a network printer on my floor", k=1)[0]
    remove = retriever.search("how do I remove a network printer on my floor", k=1)[0]
    assert add.article_id == remove.article_id == "T-PRN"  # the page is found either way
    assert dict(add.features)["operation"] == 1.0
    assert dict(remove.features)["operation"] == 0.0
    assert remove.confidence < add.confidence
