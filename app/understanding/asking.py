"""Whether a message asks for a catalogue item it names, or only mentions it.

Catalogue names are often ordinary words ("teams", "office", "code", "excel", "crm"), and a
message that names one usually talks about using it: "when I present in teams people see a
black window", "a customer wants to join our teams channel", "requesting a monitor for the new
office", "I overwrote an excel file, can I get last week's copy back". A request governs the
name: a request word shortly before it in the same clause ("can I get Figma", "add me to the
all-hands list", "install the latest version of Python"), or a request word right after it
("Tableau licence", "Engineering Docs - can I be added?"), or the message is little more than
the name ("visio pls"). A "please" after the name is not enough: "getting started guide for the
crm please" asks for a guide.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from functools import lru_cache

from app.understanding.names import Named
from app.understanding.names import norm as _norm

_HEADS = frozenset({
    "need", "needs", "needed", "want", "wants", "wanna", "get", "install", "reinstall",
    "request", "requesting", "requested", "order", "have", "add", "added", "access", "join",
    "licence", "license", "permission", "permissions", "grant", "give", "onto", "upgrade",
    "trial", "like", "membership", "member", "subscribe", "subscription", "enrol", "enroll",
    "provision", "seat", "setup", "set", "download", "with", "part", "put", "load", "deploy",
    "arrange", "organise", "organize",
})
# Request words that may follow the name: "Engineering Docs - can I be added?", "eng-announce
# list membership", "Tableau Desktop: your trial has expired".
_HEADS_AFTER = frozenset({"added", "add", "install", "installed", "membership", "access",
                          "licence", "license", "request", "trial"})
# Words a request may put between its verb and the item: "install the latest version of X",
# "get me a licence for X", "add me to the X list".
_BETWEEN = frozenset({
    "a", "an", "the", "me", "us", "to", "for", "of", "on", "into", "onto", "with", "up", "in",
    "access", "licence", "license", "licenses", "licences", "seat", "copy", "version", "latest",
    "please", "pls", "plz", "also", "too", "just", "some", "another", "edition", "member",
    "membership", "permission", "permissions", "account", "installed", "our", "my", "new",
    "trial", "full", "paid", "pro", "desktop", "app", "client", "s", "and", "or",
})
_POSSESSIVE_BEFORE = frozenset({"my", "our", "your", "his", "her", "their", "its", "this",
                                "that", "these", "those", "home", "new", "old", "same"})
# What may follow a requested item; any other word after a one-word name makes the name a
# modifier of that word ("teams channel", "excel file", "office wireless", "project code").
_AFTER_ITEM = frozenset({
    "please", "pls", "plz", "licence", "license", "licenses", "licences", "seat", "access",
    "account", "installed", "install", "installation", "app", "application", "client",
    "desktop", "version", "subscription", "trial", "membership", "group", "list", "for", "to",
    "on", "so", "because", "as", "asap", "today", "too", "now", "and", "or", "with", "which",
    "that", "since", "thanks", "thank", "thx", "again", "back", "if", "i", "we", "me", "at",
    "by", "tomorrow", "soon", "when", "but", "also", "is", "im", "would", "could", "can",
    "will", "from", "in", "it", "the", "a", "an", "instead", "then", "here", "there",
    # editions: "PyCharm Professional", "Office 365"
    "professional", "pro", "community", "enterprise", "standard", "premium", "plus", "studio",
    # a group's own kind: "the roadmaps folder", "the sales-emea list"
    "folder", "drive", "share", "site", "inbox", "mailbox", "dl", "distribution", "space",
    # a part of an app one joins: "access to the jira project for my team", "the github org"
    "project", "projects", "board", "boards", "workspace", "org", "repo", "repos",
})
_USAGE_PREP = frozenset({"in", "inside", "within", "from", "via", "through", "using", "into"})
# A parenthesis of several words is an aside ("can I get X (card ... was charged)"); one of a
# single word is part of a name ("AWS Console (Dev)").
_CLAUSES = re.compile(r"[.?!;\n]+|,\s+|\((?=[^)]*\s)|\b(?:another thing|and also)\b",
                      re.IGNORECASE)
_MAX_BETWEEN = 4


def asks_for(text: str, item: Named) -> bool:
    """True when some clause of ``text`` asks for ``item`` rather than only naming it."""
    labels = [p for p in (_norm(n) for n in (item.name, *item.aliases)) if p]
    whole = _norm(text).split()
    for clause in _CLAUSES.split(text):
        if not clause:
            continue
        words = _norm(clause).split()
        for start, length in _mentions(words, labels):
            if _governed(words, start, length, single=length == 1, whole=whole):
                return True
    return False


def _mentions(words: list[str], labels: Sequence[str]) -> list[tuple[int, int]]:
    """(start, length) of each place the clause names the item, exactly or with a typo.

    A one-word name needs a closer typo ("pwerpoint"), its singular or plural is another word
    ("my team" is not Teams), and a longer name is misspelt word by word, keeping one word as
    written ("zoom romos"; "my team" is not "ms teams", "a software" is not "jira software").
    """
    found: list[tuple[int, int]] = []
    for label in labels:
        parts = label.split()
        n = len(parts)
        bar = 0.8 if n > 1 else 0.85 if len(label) >= 6 else 0.9
        if n > 1:
            joined = label.replace(" ", "")  # "/sites/LegalContracts"
            found += [(i, 1) for i, w in enumerate(words) if w == joined]
        for i in range(len(words) - n + 1):
            gram = " ".join(words[i:i + n])
            if gram == label or (
                    len(label) >= 4 and gram.rstrip("s") != label.rstrip("s")
                    and (n == 1 or _word_by_word(words[i:i + n], parts))
                    and difflib.SequenceMatcher(None, gram, label).ratio() >= bar):
                found.append((i, n))
    return found


def _word_by_word(said: list[str], parts: list[str]) -> bool:
    return any(a == b for a, b in zip(said, parts, strict=True)) and all(
        difflib.SequenceMatcher(None, a, b).ratio() >= 0.75
        for a, b in zip(said, parts, strict=True))


def _is(word: str, vocabulary: frozenset[str]) -> bool:
    """The word is in the vocabulary, or a typo of a longer one ("aded", "instal", "pleas")."""
    return word in vocabulary or (len(word) >= 4 and _close(word, vocabulary))


@lru_cache(maxsize=4096)
def _close(word: str, vocabulary: frozenset[str]) -> bool:
    return any(len(v) >= 4 and abs(len(v) - len(word)) <= 2
               and difflib.SequenceMatcher(None, word, v).ratio() >= 0.8 for v in vocabulary)


def _governed(words: list[str], start: int, length: int, *, single: bool,
              whole: list[str]) -> bool:
    after = words[start + length:start + length + 1]
    if after and after[0] == "s" and single:
        return False  # "the team's network share": a possessive, not the product
    if single and after and not after[0].isdigit() and not _is(after[0], _AFTER_ITEM):
        return False
    clause_is_title = len(words) - length <= 1
    if clause_is_title and len(whole) - length <= 3:
        return True  # "visio", "postman pls", "Figma?"
    if any(_is(w, _HEADS_AFTER) for w in words[start + length:start + length + 4]):
        return True
    before = words[max(0, start - _MAX_BETWEEN - 1):start]
    if before and before[-1] in _USAGE_PREP and not (
            len(before) >= 2 and before[-2] in {"access", "added", "add", "me", "account", "get"}):
        return False  # "when I present in teams", "messages me in teams"; "get into" asks
    for back in range(len(before) - 1, -1, -1):
        word = before[back]
        be_on = word in {"on", "in"} and back > 0 and before[back - 1] == "be"
        if not (be_on or _is(word, _HEADS)):
            continue
        if word == "with" and (back == 0 or before[back - 1] not in {"up", "me"}):
            continue  # only "set me up with X"
        between = before[back + 1:]
        loose = [w for w in between if w not in _BETWEEN]
        modified = any(w in _POSSESSIVE_BEFORE and any(
            v not in _BETWEEN or v in _POSSESSIVE_BEFORE for v in between[i + 1:])
            for i, w in enumerate(between))
        return len(loose) <= 1 and not (single and modified)
    return False
