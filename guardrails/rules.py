"""Loading and scoring the weighted injection rules bundled in ``data/injection_rules.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from guardrails import cognates, concepts, decoders, normalize

CHAT = frozenset({"chat"})
UNTRUSTED = frozenset({"untrusted"})
HISTORY = frozenset({"chat", "history"})
# Obfuscation is itself evidence: a payload that only matches once decoded gets a bonus.
_OBFUSCATION_BONUS = 0.3
# Prose that only appears once decoded (base64, hex, rot13, reversed): nobody encodes a
# sentence to talk to a helpdesk, and the hidden text may target checks other than these rules.
_HIDDEN_PROSE = 0.8
# Readings that are not obfuscation (an English gloss of a French message) earn no bonus.
_PLAIN_READINGS = frozenset({"gloss", "dehyphen"})


@dataclass(frozen=True)
class Rule:
    id: str
    weight: float
    where: frozenset[str]
    rx: re.Pattern[str]


@dataclass(frozen=True)
class Assessment:
    score: float
    hits: tuple[str, ...]

    def reasons(self) -> tuple[str, ...]:
        # Rule ids only: the matched text may itself contain a secret.
        return tuple(f"matched {h}" for h in self.hits) or ("no injection pattern",)


def _expand(pattern: str, macros: dict[str, str]) -> str:
    # Macros may use other macros; a few passes resolve any nesting the file can sensibly have.
    for _ in range(4):
        for name, body in macros.items():
            pattern = pattern.replace(f"<<{name}>>", body)
    if re.search(r"<<[A-Z]+>>", pattern):
        raise ValueError(f"unknown macro in rule pattern: {pattern[:60]}")
    return pattern


@cache
def load_rules() -> tuple[Rule, ...]:
    """Parsed once per process: the file is bundled data, never changed at run time."""
    raw = resources.files("guardrails").joinpath("data/injection_rules.yaml").read_text("utf-8")
    doc = yaml.safe_load(raw)
    macros = {k: str(v) for k, v in doc["macros"].items()}
    return tuple(
        Rule(r["id"], float(r["weight"]), frozenset(r.get("where", ["chat"])),
             re.compile(_expand(r["pattern"], macros)))
        for r in doc["rules"]
    )


def score_folded(folded: str, where: frozenset[str]) -> Assessment:
    hits = [r for r in load_rules() if r.where & where and r.rx.search(folded)]
    return Assessment(sum(r.weight for r in hits), tuple(r.id for r in hits))


def turn_scores(folded: str) -> tuple[float, float]:
    """(chat score, chat + history score) of one earlier turn, in one pass over the rules."""
    chat = total = 0.0
    for r in load_rules():
        if r.where & HISTORY and r.rx.search(folded):
            total += r.weight
            chat += r.weight if "chat" in r.where else 0.0
    return chat, total


def _structural(text: str) -> Assessment:
    """Signals in the raw characters that folding erases."""
    hits: list[str] = []
    score = 0.0
    if normalize.TAG_CHARS.search(text):
        hits.append("unicode_tag_characters")
        score += 1.0
    invisible = len(normalize.INVISIBLE.findall(text))
    if invisible:
        hits.append("invisible_characters")
        score += 0.4 if invisible < 3 else 0.8
    mixed = normalize.mixed_script_words(text)
    if mixed:
        hits.append("mixed_script_words")
        score += 0.4 if mixed < 2 else 0.8
    loan, loan_hit = cognates.score(text)
    if loan_hit:
        hits.append(loan_hit)
        score += loan
    # Languages that translate "instructions" instead of borrowing it: only when the loanwords
    # said nothing, so one override is not counted twice.
    concept, concept_hit = concepts.score(text) if not loan_hit else (0.0, None)
    if concept_hit:
        hits.append(concept_hit)
        score += concept
    return Assessment(score, tuple(hits))


# A user reporting a phishing mail, a scam call or a pop-up quotes the attacker's words. Quoted
# text in such a report counts at a fraction of its weight: a quote that is a real multi-signal
# attack on the assistant still reaches the threshold, a scammer's "disregard previous
# instructions, buy gift cards" does not.
_REPORT = re.compile(
    r"\b(?:phishing|phish|scam|spam|fake|suspicious|legit(?:imate)?|genuine|pretending to be"
    r"|claim(?:ing|ed|s)? to be|is (?:this|it|that) (?:real|safe|ok|okay|normal|a scam)"
    r"|report(?:ing)? (?:it|this|that)|(?:got|received|get|getting) (?:an? |this |that |these "
    r"|weird |strange |odd )?(?:e-?mail|mail|message|text|sms|call|pop-?up|popup|teams message)"
    r"|(?:someone|somebody|a (?:person|guy|caller)) (?:e-?mailed|sent|texted|called|messaged|rang)"
    r"|(?:pop-?up|popup|banner|website|page|site|caller|e-?mail|message|text) (?:said|says"
    r"|told me|asked|asking|telling))\b", re.IGNORECASE)
_QUOTE = re.compile("(?:(?<=[\\s:(])|^)[\"'\u201c\u2018]([^\"'\u201c\u201d\u2018\u2019\n]{8,400})"
                    "[\"'\u201d\u2019](?![a-z])")
_QUOTED_SHARE = 0.4


def assess(text: str, where: frozenset[str] = CHAT) -> Assessment:
    """Best score over the plain, de-obfuscated and decoded readings, plus structural signals;
    quotes inside a report of a scam weigh less (see ``_REPORT``)."""
    full = _assess(text, where)
    if full.score <= 0 or "chat" not in where or not _REPORT.search(text):
        return full
    outside = _QUOTE.sub(" [quote] ", text)
    if outside == text:
        return full
    rest = _assess(outside, where)
    if rest.score >= full.score * _QUOTED_SHARE:
        return rest if rest.score >= full.score else full
    return Assessment(full.score * _QUOTED_SHARE, full.hits + ("quoted_in_report",))


def _assess(text: str, where: frozenset[str]) -> Assessment:
    folded = normalize.fold(text)
    best = score_folded(folded, where)
    for kind, variant in normalize.variants(folded, text):
        cand = score_folded(variant, where)
        hidden = _HIDDEN_PROSE if kind in normalize.HIDING else 0.0
        if cand.score + hidden > best.score:
            hits = cand.hits + (("hidden_prose",) if hidden else ())
            bonus = 0.0 if kind in _PLAIN_READINGS else _OBFUSCATION_BONUS
            best = Assessment(cand.score + hidden + bonus,
                              tuple(f"{kind}:{h}" for h in hits))
    for kind, decoded in decoders.decoded_payloads(text):
        dec_folded = normalize.fold(decoded)
        readings = [(kind, dec_folded)] + [(f"{kind}+{k}", v)
                                           for k, v in normalize.variants(dec_folded)]
        # Nobody base64-encodes a sentence to talk to a helpdesk: hidden prose is a signal
        # even when its content matches nothing (it may target scope checks instead).
        prose = _HIDDEN_PROSE if len(re.findall(r"[a-z]{2,}", dec_folded)) >= 3 else 0.0
        for label, reading in readings:
            cand = score_folded(reading, where)
            total = cand.score + prose + _OBFUSCATION_BONUS
            if (cand.score > 0 or prose) and total > best.score:
                hits = cand.hits + (("encoded_prose",) if prose else ())
                best = Assessment(total, tuple(f"{label}:{h}" for h in hits))
    structural = _structural(text)
    return Assessment(best.score + structural.score, best.hits + structural.hits)


def assess_document(text: str, where: frozenset[str] = UNTRUSTED) -> Assessment:
    """Worst pair of adjacent paragraphs, so weak signals spread over a long article do not add
    up to a block while a payload split over two paragraphs is still seen together."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()] or [text]
    windows = paragraphs if len(paragraphs) == 1 else [
        a + "\n" + b for a, b in zip(paragraphs, paragraphs[1:], strict=False)]
    worst = max((assess(w, where) for w in windows), key=lambda a: a.score)
    return worst
