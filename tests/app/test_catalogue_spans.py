"""A catalogue name inside a longer name the message also says is not a second item."""

from __future__ import annotations

import pytest

from app.understanding.names import Named, match_named, named_all

CATALOGUE = (
    Named("zoom", "Zoom", ("zoom meetings", "zoom client")),
    Named("zrc", "Zoom Rooms Controller", ("zoom rooms",)),
    Named("pro", "Adobe Acrobat Pro", ("acrobat pro", "acrobat")),
    Named("reader", "Adobe Acrobat Reader", ("acrobat reader", "pdf reader")),
    Named("git", "Git"),
    Named("postman", "Postman"),
)


@pytest.mark.parametrize(("text", "keys"), [
    ("can I get zoom rooms controller?", ["zrc"]),
    ("need acrobat reader asap for a demo", ["reader"]),
    ("zoom rooms please", ["zrc"]),
    ("install zoom and zoom rooms", ["zoom", "zrc"]),
    ("acrobat pro and postman", ["pro", "postman"]),
    ("postman and git", ["postman", "git"]),
    ("git, then acrobat, then git again", ["git", "pro"]),
    ("nothing from the catalogue here", []),
])
def test_named_all_takes_the_longest_name(text: str, keys: list[str]) -> None:
    assert [i.key for i in named_all(text, CATALOGUE)] == keys


@pytest.mark.parametrize(("text", "key"), [
    ("can I get Zoom Rooms Controlleer?", "zrc"),
    ("need acrobat raeder for a demo", "reader"),
    ("can I get zoom?", "zoom"),
    ("acrobat please", "pro"),
    ("zoom for the room booking", "zoom"),
])
def test_a_misspelt_longer_name_beats_the_short_one_inside_it(text: str, key: str) -> None:
    found = match_named(text, CATALOGUE)
    assert found.item is not None and found.item.key == key
