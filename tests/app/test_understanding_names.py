"""Naming a catalogue entry: exact, all words, typo-tolerant, ambiguous; one row per case."""

from __future__ import annotations

import pytest

from app.understanding.names import Named, match_named, named_all

CATALOGUE = (
    Named("Adobe Photoshop", "Adobe Photoshop", ("photoshop",)),
    Named("Adobe Illustrator", "Adobe Illustrator", ("illustrator",)),
    Named("Visual Studio Code", "Visual Studio Code", ("vscode", "vs code", "visual studio")),
    Named("Visual Studio Professional", "Visual Studio Professional", ("visual studio",)),
    Named("Product Roadmaps", "Product Roadmaps", ()),
    Named("Git", "Git", ()),
)


@pytest.mark.parametrize(("text", "cutoff", "item", "candidates"), [
    ("can I get photoshop please", 0.84, "Adobe Photoshop", ()),
    ("need Visual Studio Code and nothing else", 0.84, "Visual Studio Code", ()),
    ("the roadmaps folder for product", 0.84, "Product Roadmaps", ()),
    ("install photshop on my laptop", 0.84, "Adobe Photoshop", ()),        # one letter missing
    ("install ilustrator", 0.84, "Adobe Illustrator", ()),
    ("install ilustrator", 0.97, None, ()),                                # stricter cutoff
    ("I need visual studio", 0.84, None,
     ("Visual Studio Code", "Visual Studio Professional")),                # shared alias: ask
    ("my printer jams", 0.84, None, ()),
    ("", 0.84, None, ()),
])
def test_match_named(text: str, cutoff: float, item: str | None,
                     candidates: tuple[str, ...]) -> None:
    found = match_named(text, CATALOGUE, cutoff=cutoff)
    assert (found.item.key if found.item else None) == item
    assert tuple(c.key for c in found.candidates) == candidates


def test_the_same_message_twice_gives_the_same_answer() -> None:
    # The fuzzy scores of a message are kept between lookups; a cached answer must not differ.
    first = match_named("pls install photshop", CATALOGUE)
    assert match_named("pls install photshop", CATALOGUE) == first
    assert match_named("pls install photshop", list(CATALOGUE)) == first


def test_named_all_keeps_the_order_of_the_message() -> None:
    assert [n.key for n in named_all("git and then vscode", CATALOGUE)] == [
        "Git", "Visual Studio Code"]


def test_a_cutoff_below_the_floor_is_refused() -> None:
    with pytest.raises(ValueError, match="below the fuzzy floor"):
        match_named("photoshop", CATALOGUE, cutoff=0.5)
