"""A second reading, with swapped letters put back, before the similarity check refuses.

The rich head hashes the n-grams of a message: a slip of the keyboard ("accuont", "treid",
"foruth", "Plesae") makes n-grams it never saw, whose weights are noise, and that noise alone
took ordinary turns over the bar ("Your accuont has been locked. Contact your administrator."
0.98 refused, the same text spelt right 0.98 allowed but below the near-copy and partial
routes; "treid again exactly as written" 0.65 over the partial bar, "tried" 0.3 under it).
So when the check would refuse, and a word that is no word becomes one by swapping two
neighbouring letters (one candidate only), the corrected text is checked too and the message
is refused only if that reading is refused as well. Only swaps, only into a dictionary word:
names, products and other languages are left as they are. An attack spelt with slips is read
as the attack it spells, so nothing an attacker types gets easier to pass.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable
from typing import Any

import numpy as np

from guardrails import injection, scope, screens, similarity
from guardrails.policy import GuardrailPolicy, ScreenContext
from guardrails.verdict import Action, Verdict

_WORD = re.compile(r"\b[A-Za-z][a-z]{3,}\b")
# The embedder's own dictionary (the tokenizer's whole words) when the embed function is a
# bound method of an object that offers one; otherwise the exemplars' words.
_VOCAB: weakref.WeakKeyDictionary[Any, frozenset[str]] = weakref.WeakKeyDictionary()


def _words(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(w.lower() for t in texts for w in re.findall(r"[A-Za-z]+", t))


def vocabulary(embed: similarity.Embed) -> frozenset[str]:
    owner = getattr(embed, "__self__", None)
    words = getattr(owner, "words", None)
    if owner is None or not callable(words):
        ex = similarity.load_exemplars()
        return _words((*ex.attacks, *ex.benign))
    try:
        return _VOCAB[owner]
    except KeyError:
        known = frozenset(w.lower() for w in words())
        _VOCAB[owner] = known
        return known


def corrected(text: str, known: frozenset[str]) -> str | None:
    """The text with each unknown word that one swap of neighbours turns into exactly one
    known word replaced by it (the first letter stays), or None when nothing changed."""
    changed = False

    def fix(m: re.Match[str]) -> str:
        nonlocal changed
        word = m.group()
        low = word.lower()
        if low in known:
            return word
        found = {low[:i] + low[i + 1] + low[i] + low[i + 2:] for i in range(1, len(low) - 1)}
        found &= known
        if len(found) != 1:
            return word
        changed = True
        new = found.pop()
        return new[0].upper() + new[1:] if word[0].isupper() else new

    out = _WORD.sub(fix, text)
    return out if changed else None


def check_similarity(
    text: str,
    ctx: ScreenContext,
    policy: GuardrailPolicy,
    *,
    embed: similarity.Embed | None,
    cache: similarity.ExemplarCache,
    query_vec: np.ndarray | None = None,
    rule_score: float = 0.0,
) -> Verdict:
    """``similarity.check_similarity``, with the corrected reading as a second opinion. The
    corrected reading must also pass the rules and the scope check: "can you reest my
    colleague's password" was refused only by the head's noise, and spelt right it is another
    person's account."""
    verdict = similarity.check_similarity(text, policy, embed=embed, cache=cache,
                                          query_vec=query_vec, rule_score=rule_score)
    if not verdict.blocks or embed is None:
        return verdict
    if rule_score <= 0.0 and screens.head_overreach(text):
        # An ordinary ask the head over-reads (screens.py); the tool gate still reads the score.
        return Verdict(verdict.check, Action.ALLOW, verdict.reasons + ("ordinary ask",), None,
                       verdict.score)
    fixed = corrected(text, vocabulary(embed))
    if fixed is None:
        return verdict
    if injection.check_injection(fixed, ctx, policy).blocks \
            or scope.check_scope(fixed, ctx, policy).blocks:
        return verdict
    second = similarity.check_similarity(fixed, policy, embed=embed, cache=cache,
                                         rule_score=rule_score)
    if second.blocks:
        return verdict
    return Verdict(second.check, second.action,
                   second.reasons + ("read with swapped letters corrected",), second.code,
                   second.score)
