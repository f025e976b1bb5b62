"""Slips of the keyboard in ordinary words ("lodaing", "laweyr", "wohle"): the sentence
encoder splits an unknown word into pieces that carry little of its meaning, and the rules
never see the word at all. A word is corrected only when it is unknown to the vocabulary the
classifier was given (its exemplars and the rules' keywords) and exactly one known word is a
single slip away from it; anything else (names, products, jargon, other languages) is left.
Only a swap of neighbours may land on a word of the general dictionary (the tokenizer's);
an added, dropped or changed letter must land on a word of the helpdesk's own vocabulary,
since in a general dictionary one letter turns many words into others ("expire", "empire")."""

from __future__ import annotations

import re
from collections.abc import Iterable

_TOKEN = re.compile(r"\b[A-Za-z][a-z]{3,}\b")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Letters added or dropped are only read as slips in longer words, where they rarely turn one
# real word into another; swapped neighbours are read in any word of four letters or more.
_MIN_EDIT = 6
_MIN_GENERAL = 5
_ENDINGS = ("s", "d", "r", "es", "ed", "er", "ing", "ly")
_PREFIXES = ("un", "re", "de", "dis", "pre", "mis", "over", "under", "auto", "multi", "sub")


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(w.lower() for t in texts for w in re.findall(r"[A-Za-z]+", t))


def _swaps(word: str) -> set[str]:
    return {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(1, len(word) - 1)}


def _edits(word: str) -> set[str]:
    deletes = {word[:i] + word[i + 1:] for i in range(1, len(word))}
    inserts = {word[:i] + c + word[i:] for i in range(1, len(word) + 1) for c in _LETTERS}
    subs = {word[:i] + c + word[i + 1:] for i in range(1, len(word)) for c in _LETTERS}
    # A plural, past tense or other ending is a form of the word, not a slip.
    return {w for w in deletes | inserts | subs
            if not (w.startswith(word) or word.startswith(w))}


# Words seen before are looked up, not corrected again: a pasted alert full of ids and
# hostnames cost ~10 ms per reading, and every turn is read more than once.
_MEMO_LIMIT = 50_000


class Speller:
    def __init__(self, domain: frozenset[str], general: frozenset[str] = frozenset()) -> None:
        self._domain = domain
        self._known = domain | general
        self._memo: dict[str, str] = {}

    def _is_known(self, low: str) -> bool:
        # "greyed", "bounces", "checker", "undock": a known word with an ending or a prefix
        # is a word, not a slip ("undock" is one letter from "unlock").
        if low in self._known:
            return True
        stems = [low[:-len(e)] for e in _ENDINGS if low.endswith(e)]
        stems += [low[len(p):] for p in _PREFIXES if low.startswith(p)]
        return any(len(x) >= 3 and (x in self._known or x + "e" in self._known) for x in stems)

    def _fix(self, m: re.Match[str]) -> str:
        word = m.group(0)
        fixed = self._memo.get(word)
        if fixed is None:
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            fixed = self._memo[word] = self._correct(word)
        return fixed

    def _correct(self, word: str) -> str:
        low = word.lower()
        if self._is_known(low):
            return word
        swaps = _swaps(low)
        found = swaps & self._domain
        if not found and len(low) >= _MIN_EDIT:
            found = _edits(low) & self._domain
        if not found and len(low) >= _MIN_GENERAL:
            found = swaps & self._known
        if len(found) != 1:
            return word
        [fixed] = found
        return fixed.capitalize() if word[0].isupper() else fixed

    def __call__(self, text: str) -> str:
        return _TOKEN.sub(self._fix, text)
