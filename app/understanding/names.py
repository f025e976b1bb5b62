"""Which catalogue entry (software title, access group, service) a message names.

Exact phrases first, then every word of a multi-word name, then typo-tolerant matching of the
message's 1-3 word grams. A catalogue's labels are normalised once and kept, and one message's
fuzzy scores are kept for the several lookups a turn makes (software and groups, two cutoffs):
this was the costliest part of understanding a long forwarded email.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# One normalisation for catalogue names, shared with the guardrails' catalogue policy so the
# two always agree on what a name is.
from guardrails.catalogue import norm


@dataclass(frozen=True)
class Named:
    key: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    item: Named | None
    candidates: tuple[Named, ...] = ()  # more than one: ambiguous, ask


_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789+# "  # what norm() leaves
_CODE = {c: i for i, c in enumerate(_ALPHABET)}
FLOOR = 0.8  # the lowest cutoff a caller may ask for; fuzzy scores below it are dropped


def _counts(texts: Sequence[str]) -> np.ndarray:
    out = np.zeros((len(texts), len(_ALPHABET)), dtype=np.int32)
    for row, text in enumerate(texts):
        for ch in text:
            out[row, _CODE[ch]] += 1
    return out


class _Labels:
    """One catalogue, normalised: phrases for the exact pass, content words for the all-words
    pass, and character counts for the fuzzy pass, numbered in catalogue order (ties between
    equal scores are broken by it)."""

    def __init__(self, items: tuple[Named, ...]) -> None:
        self.phrases = [(item, [n for n in map(norm, (item.name, *item.aliases)) if n])
                        for item in items]
        self.parts = [(item, [[w for w in p.split() if len(w) >= 3] for p in phrases])
                      for item, phrases in self.phrases]
        self.fuzzy = [(p, item) for item, phrases in self.phrases for p in phrases if len(p) >= 4]
        self.counts = _counts([p for p, _ in self.fuzzy])
        self.lengths = self.counts.sum(axis=1)


@lru_cache(maxsize=64)
def _labels(items: tuple[Named, ...]) -> _Labels:
    return _Labels(items)


def match_named(text: str, items: Sequence[Named], *, cutoff: float = 0.84) -> Match:
    """Find which catalogue entry the text names: exact phrase first, then typo-tolerant."""
    if cutoff < FLOOR:
        raise ValueError(f"cutoff {cutoff} is below the fuzzy floor {FLOOR}")
    msg = f" {norm(text)} "
    frozen = tuple(items)
    labels = _labels(frozen)
    exact: list[tuple[int, str, Named]] = []
    for item, phrases in labels.phrases:
        for phrase in phrases:
            if f" {phrase} " in msg:
                exact.append((len(phrase), phrase, item))
                break
    if exact:
        longest = max(n for n, _, _ in exact)
        said = [p for n, p, _ in exact if n == longest]
        longer = _misspelt_longer(msg, frozen, said, {it for _, _, it in exact})
        if longer is not None:
            return longer
        return _pick([it for n, _, it in exact if n == longest], limit=None)
    loose = _all_words(msg.split(), labels)
    if loose is not None:
        return loose
    fuzzy = [(ratio, item) for ratio, item in _fuzzy(msg, frozen) if ratio >= cutoff]
    if not fuzzy:
        return Match(None)
    fuzzy.sort(key=lambda s: -s[0])
    return _pick([it for r, it in fuzzy if r >= fuzzy[0][0] - 0.02], limit=4)


def _misspelt_longer(msg: str, items: tuple[Named, ...], said: list[str],
                     exact: set[Named]) -> Match | None:
    """"zoom rooms controlleer": the exact "zoom" is part of a longer name that the message
    says with a typo; that longer name is the one meant."""
    containing = {item for item, phrases in _labels(items).phrases if item not in exact
                  and any(len(p) > len(e) and f" {e} " in f" {p} " for p in phrases for e in said)}
    if not containing:
        return None
    close = [it for ratio, it in _fuzzy(msg, items) if ratio >= 0.9 and it in containing]
    return _pick(close, limit=4) if close else None


def named_all(text: str, items: Sequence[Named]) -> list[Named]:
    """Every item the text names exactly, in the order it names them ("postman and git").

    A name inside a longer one that the text also names is not a second item: "zoom rooms
    controller" names Zoom Rooms Controller, not Zoom as well, and "acrobat reader" is not also
    Acrobat Pro (alias "acrobat").
    """
    msg = f" {norm(text)} "
    spans: list[tuple[int, int, Named]] = []
    for item, phrases in _labels(tuple(items)).phrases:
        for p in phrases:
            start = msg.find(f" {p} ")
            while start >= 0:
                spans.append((start, start + len(p) + 1, item))
                start = msg.find(f" {p} ", start + 1)
    outer = [(a, b, item) for a, b, item in spans
             if not any(a2 <= a and b <= b2 and (b2 - a2) > (b - a) for a2, b2, _ in spans)]
    first: dict[Named, int] = {}
    for a, _, item in sorted(outer, key=lambda s: (s[0], s[0] - s[1])):
        first.setdefault(item, a)
    return list(first)


def _pick(hits: list[Named], *, limit: int | None) -> Match:
    unique = list(dict.fromkeys(hits))
    return Match(unique[0]) if len(unique) == 1 else Match(None, tuple(unique[:limit]))


def _all_words(words: list[str], labels: _Labels) -> Match | None:
    """"the roadmaps folder for product" names "Product Roadmaps": every word of a name of
    two or more words is there, in any order (plurals either way)."""
    said = set(words) | {w.rstrip("s") for w in words}
    hits = [item for item, parts in labels.parts
            if any(len(p) >= 2 and all(w in said or w.rstrip("s") in said for w in p)
                   for p in parts)]
    return _pick(hits, limit=4) if hits else None


@lru_cache(maxsize=1024)
def _fuzzy(msg: str, items: tuple[Named, ...]) -> tuple[tuple[float, Named], ...]:
    """Each label's best ratio over the message's 1-3 word grams, where it is >= FLOOR, in
    catalogue order.

    difflib's quick_ratio (characters shared as a multiset) bounds ratio from above. It is
    computed for every gram-label pair at once as a matrix, and only the pairs it lets through
    pay for the real comparison.
    """
    labels = _labels(items)
    words = msg.split()
    grams = sorted({" ".join(words[i:i + n]) for n in (1, 2, 3)
                    for i in range(len(words) - n + 1)})
    if not grams or not labels.fuzzy:
        return ()
    counts = _counts(grams)
    shared = np.minimum(counts[:, None, :], labels.counts[None, :, :]).sum(axis=2)
    total = counts.sum(axis=1)[:, None] + labels.lengths[None, :]
    best: dict[int, tuple[float, Named]] = {}
    for g, idx in zip(*np.nonzero(2.0 * shared >= FLOOR * total), strict=True):
        label, item = labels.fuzzy[idx]
        ratio = difflib.SequenceMatcher(None, label, grams[g]).ratio()
        if ratio >= FLOOR and ratio > best.get(int(idx), (0.0, item))[0]:
            best[int(idx)] = (ratio, item)
    return tuple(best[idx] for idx in sorted(best))
