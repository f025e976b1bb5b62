"""Slips in ordinary words are read as the word meant; real words, inflections, names and
words with more than one reading are left as typed."""

from __future__ import annotations

import pytest

from app.understanding.spelling import Speller, vocabulary
from knowledge.embedder import Embedder

DOMAIN = vocabulary(["my laptop is loading slowly", "the whole floor", "need the password",
                     "reset it", "expired", "unlock", "dock"])
GENERAL = frozenset({"lawyer", "would", "talking", "taking", "empire", "expire", "whole",
                     "rest", "nobody", "check"})


@pytest.mark.parametrize(("typed", "read"), [
    ("lodaing", "loading"),          # swapped neighbours, helpdesk word
    ("laweyr", "lawyer"),            # swapped neighbours, dictionary word
    ("Nobdoy", "Nobody"),            # capital kept
    ("pasword", "password"),         # a letter dropped, helpdesk word
    ("passwrod", "password"),
    ("talking", "talking"),          # a real word is never changed ("taking" is one letter off)
    ("checker", "checker"),          # a known word with an ending is a word
    ("expire", "expire"),
    ("expiired", "expired"),
    ("Camtasia", "Camtasia"),        # names and products nobody listed stay
    ("rset", "rset"),                # four letters: only swaps, and only into helpdesk words
    ("wuold", "would"),
    ("undock", "undock"),            # a prefix on a known word: not a slip of "unlock"
])
def test_speller_reads_slips_only(typed: str, read: str) -> None:
    assert Speller(DOMAIN, GENERAL)(f"so {typed} here") == f"so {read} here"


def test_dictionary_comes_with_the_model() -> None:
    words = Embedder().words()
    assert {"lawyer", "loading", "department"} <= words
    assert not any(w.startswith("#") for w in words)
