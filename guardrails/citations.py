"""The citation verifier: every sentence of a reply must be supported by the chunk it cites."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from guardrails.verdict import Action, Verdict

_WORD = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"\d+(?:[.:]\d+)*")
_NEGATION = frozenset({"not", "never", "no", "don't", "dont", "cannot", "can't", "without"})
_FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "to",
        "of",
        "and",
        "or",
        "in",
        "on",
        "for",
        "with",
        "your",
        "you",
        "it",
        "is",
        "are",
        "be",
        "this",
        "that",
        "then",
        "if",
        "at",
        "by",
        "as",
        "from",
        "into",
    ]
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"(])")


class CitedSegment(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def cites(self) -> tuple[str, ...]: ...
    @property
    def framing(self) -> str | None: ...
    @property
    def article_id(self) -> str | None: ...


@dataclass(frozen=True)
class Source:
    article_id: str
    title: str
    text: str


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower().replace("’", "'")) if w not in _FILLER]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]


def best_support(claim: str, source_text: str) -> tuple[float, str]:
    """The source sentence sharing most of the claim's content words, and that share."""
    claim_words = _words(claim)
    if not claim_words:
        return 1.0, ""
    best, best_sentence = 0.0, ""
    for line in source_text.splitlines():
        for sent in sentences(line) or [line]:
            words = set(_words(sent))
            if not words:
                continue
            share = sum(w in words for w in claim_words) / len(claim_words)
            if share > best:
                best, best_sentence = share, sent
    return best, best_sentence


def support(claim: str, source_text: str) -> float:
    return best_support(claim, source_text)[0]


def _numbers_match(claim: str, source_sentence: str) -> bool:
    return set(_NUMBER.findall(claim)) <= set(_NUMBER.findall(source_sentence))


def _negated(text: str) -> bool:
    words = set(re.findall(r"[a-z']+", text.lower().replace("’", "'")))
    return bool(_NEGATION & words)


def verify(
    segments: Sequence[CitedSegment],
    sources: Mapping[str, Source],
    framings: Mapping[str, str],
    *,
    threshold: float = 0.85,
) -> Verdict:
    """Allow only when every claim sentence is supported by a chunk of the article it cites.

    ``sources`` maps chunk id -> source; ``framings`` is the composer's fixed framing templates.
    A claim citing nothing, citing a chunk we did not retrieve, or citing the wrong article fails.
    """
    problems: list[str] = []
    scores: list[float] = []
    for n, seg in enumerate(segments, start=1):
        if seg.kind == "framing":
            template = framings.get(seg.framing or "")
            title = next((s.title for s in sources.values() if s.article_id == seg.article_id), "")
            if template is None or seg.text != template.format(title=title):
                problems.append(f"segment {n}: framing text is not an approved template")
            continue
        if not seg.cites:
            problems.append(f"segment {n}: claim without a citation")
            continue
        cited = [sources.get(c) for c in seg.cites]
        if any(s is None for s in cited):
            problems.append(f"segment {n}: cites a chunk that was not retrieved")
            continue
        if seg.article_id and any(s.article_id != seg.article_id for s in cited if s):
            problems.append(
                f"segment {n}: attributed to {seg.article_id} but cites another article"
            )
            continue
        text = "\n".join(s.text for s in cited if s)
        for sent in sentences(seg.text) or [seg.text]:
            score, source_sentence = best_support(sent, text)
            scores.append(score)
            if score < threshold:
                problems.append(
                    f"segment {n}: sentence not supported by its citation ({score:.2f})"
                )
            elif not _numbers_match(sent, source_sentence):
                problems.append(f"segment {n}: a number is not in the cited sentence")
            elif _negated(sent) != _negated(source_sentence):
                # "Do not share your token" must never come out as "Share your token".
                problems.append(f"segment {n}: negation differs from the cited sentence")
    if not any(seg.kind == "claim" for seg in segments):
        problems.append("no supported claim to show")
    floor = min(scores) if scores else 0.0
    if problems:
        return Verdict("citations", Action.ESCALATE, tuple(problems), "grounding_failed", floor)
    return Verdict("citations", Action.ALLOW, ("every claim is supported",), None, floor)
