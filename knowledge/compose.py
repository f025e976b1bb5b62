"""The deterministic composer: an answer built only from retrieved article text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from knowledge.chunking import SEP, table_rows
from knowledge.lexical import tokenize
from knowledge.retriever import Hit
from knowledge.store import StoredChunk

_STEP = re.compile(r"^\s*(\d+)[.)]\s+(.+)$")
_BULLET = re.compile(r"^\s*[-*]\s+(.+)$")
_CONTACT = re.compile(r"\bcontact (it|the service desk)\b", re.IGNORECASE)
MAX_STEPS = 8
FACT_LINES = 6
# Sections that describe the problem, not its answer: a question that matched one of them is
# answered by the article's steps.
_PROBLEM_SECTIONS = {"when to use this", "symptoms", "contact it"}
# A question about a fact (a rule, a limit, a time, who or why), not about doing something.
_FACT_QUESTION = re.compile(
    r"\b(how (long|many|much|often|big|old|far)|what('s| is| are) the (minimum|maximum|max|min"
    r"|limit|rule|policy|requirement|size|length|time)|is there an? (limit|rule|minimum|maximum)"
    r"|does it (need|have to|require)|do (i|we|they|passwords?) need|are .{1,30} allowed"
    r"|is .{1,30} allowed|who (can|gets|is allowed)|why (does|do|is|are))\b", re.IGNORECASE)
# Asking what to do: the steps answer that whatever section matched best.
_DOING = re.compile(
    r"\b(how (do|can|should|would|to)|what (should|do|can) (i|we)|steps?|set ?up|install|fix"
    r"|connect|reset|change my|can'?t|cannot|won'?t|not working|error|fails?|broken|stuck)\b",
    re.IGNORECASE)

# The only sentences an answer may hold that are not copied from an article. The verifier
# accepts these exact shapes (with the cited article's own title) and nothing else.
FRAMING = {
    "intro": "Here is what our IT knowledge base says about “{title}”:",
    "also": "You also asked about something else. See “{title}”:",
    "close": "Did this solve it? If not, reply and I will pass it to the IT team.",
}


@dataclass(frozen=True)
class Segment:
    text: str
    kind: Literal["claim", "framing"]
    cites: tuple[str, ...] = ()  # chunk ids
    framing: str | None = None
    article_id: str | None = None
    list_item: int | None = None


@dataclass
class Draft:
    segments: list[Segment] = field(default_factory=list)

    @property
    def citations(self) -> list[str]:
        seen: list[str] = []
        for seg in self.segments:
            if seg.article_id and seg.article_id not in seen:
                seen.append(seg.article_id)
        return seen

    def render(self) -> str:
        lines: list[str] = []
        for seg in self.segments:
            if seg.list_item is not None:
                lines.append(f"{seg.list_item}. {seg.text}")
            else:
                if lines and lines[-1] != "":
                    lines.append("")
                lines.append(seg.text)
                lines.append("")
        body = "\n".join(lines).strip()
        sources = ", ".join(f"[{a}](/kb/{a})" for a in self.citations)
        return f"{body}\n\nSources: {sources}" if sources else body


def _steps(chunk: StoredChunk) -> list[str]:
    steps = []
    for line in chunk.text.splitlines():
        match = _STEP.match(line)
        if match:
            steps.append(match.group(2).strip())
    return steps


def _contact_line(chunks: Sequence[StoredChunk]) -> tuple[str, str] | None:
    for chunk in chunks:
        for line in chunk.text.splitlines():
            text = line.strip().lstrip("-* ").strip()
            if text and not text.startswith("#") and _CONTACT.search(text):
                return text, chunk.id
    return None


def _plain_sentences(chunk: StoredChunk, query: str, limit: int = 3,
                     whole_up_to: int = 0) -> list[str]:
    """The section's lines that share most words with the question (a table's data rows
    count as lines), in their original order; the first lines when none shares a word."""
    lines = []
    for line, cells in table_rows(chunk.text):
        text = line.strip()
        if cells is not None:
            # Only the row's own cells: every word of the claim then sits on one source line,
            # which is what the citation verifier checks against.
            lines.extend(["; ".join(c for c in cells if c)] if cells else [])
            continue
        if not text or text.startswith("#") or _STEP.match(text):
            continue
        bullet = _BULLET.match(text)
        lines.append(bullet.group(1) if bullet else text)
    if len(lines) <= whole_up_to:
        return lines
    wanted = set(tokenize(query))
    overlap = [len(wanted & set(tokenize(line))) for line in lines]
    best = max(overlap, default=0)
    if best == 0:
        return lines[:limit]
    # Lines about as close to the question as the closest one (a table's matching row, not
    # every row that shares a single word with it).
    keep = sorted((i for i in range(len(lines)) if 2 * overlap[i] >= best),
                  key=lambda i: (-overlap[i], i))[:limit]
    return [lines[i] for i in sorted(keep)]


def _answers_a_fact(best: StoredChunk, title: str, query: str) -> bool:
    """The best section states facts (rules, limits, what is covered) and the question asks
    for one: its own lines answer, and another section's steps would answer something else
    ("how long does a password have to be?" is not answered by how to change it)."""
    heading = best.heading.split(SEP)[-1].strip().lower()
    if _steps(best) or heading in _PROBLEM_SECTIONS or heading == title.strip().lower():
        return False
    return bool(_FACT_QUESTION.search(query)) and not _DOING.search(query)


def _one_topic(chunks: Sequence[StoredChunk]) -> bool:
    """A flat help article (Symptoms, Steps, Contact IT) is about one problem, so its steps
    answer a question that matched its symptoms. In a manual with nested sections each
    subsection is its own topic, and another section's steps would answer something else."""
    return all(SEP not in c.heading for c in chunks)


def compose(hits: Sequence[Hit], article_chunks: dict[str, list[StoredChunk]],
            *, second: Hit | None = None, query: str = "") -> Draft:
    """Answer from the top hit's article: its steps, else its best section, then when to call IT.

    ``article_chunks`` holds every chunk of the cited articles (for the steps section when the
    best-matching chunk is the symptoms one).
    """
    draft = Draft()
    if not hits:
        return draft
    for hit, framing in ((hits[0], "intro"), (second, "also")):
        if hit is None:
            continue
        _add_article(draft, hit, article_chunks.get(hit.article_id, []), framing, query)
    draft.segments.append(Segment(FRAMING["close"], "framing", framing="close"))
    return draft


def _add_article(draft: Draft, hit: Hit, chunks: list[StoredChunk], framing: str,
                 query: str) -> None:
    art = hit.article_id
    draft.segments.append(
        Segment(FRAMING[framing].format(title=hit.title), "framing", framing=framing,
                article_id=art)
    )
    by_id = {c.id: c for c in chunks}
    best = by_id.get(hit.chunk_id)
    candidates = ([best] if best else []) + [c for c in chunks if c is not best]
    fact = best is not None and _answers_a_fact(best, hit.title, query)
    if not _one_topic(chunks) or fact:
        candidates = candidates[:1]
    step_chunk = next((c for c in candidates if _steps(c)), None)
    if step_chunk is not None:
        for n, step in enumerate(_steps(step_chunk)[:MAX_STEPS], start=1):
            draft.segments.append(Segment(step, "claim", (step_chunk.id,), article_id=art,
                                          list_item=n))
    elif best is not None:
        # A short list of rules is the answer as a whole: which rule the question is about is
        # often not said in the rule's own words ("minimum length" vs "at least 14 characters").
        for sentence in _plain_sentences(best, query, whole_up_to=FACT_LINES if fact else 0):
            draft.segments.append(Segment(sentence, "claim", (best.id,), article_id=art))
    contact = _contact_line(chunks)
    if contact:
        draft.segments.append(Segment(contact[0], "claim", (contact[1],), article_id=art))
