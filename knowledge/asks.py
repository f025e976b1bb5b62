"""What a question asks to do, and on which platform, so a passage about the right product but
another operation ("install X" for "uninstall X") or another platform (Windows for Linux) does
not read as an answer.

Retrieval finds the page about the product; whether the page does what was asked rests on a few
words the similarity barely weighs. These are matched as word stems over the raw text, with a
small table of the ways employees and IT pages name the same IT operation. A question that names
no operation or platform asks nothing this can check, and passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from knowledge.lexical import Term, tokenize

# One entry per operation: stems that name it in a question or a passage. Kept to operations
# that change which page answers; generic verbs (use, work, need, open) say nothing about it.
_OPERATIONS: dict[str, tuple[str, ...]] = {
    "install": (r"instal", r"set ?up", r"setup", r"enrol", r"configur", r"add(?:s|ed|ing)?\b",
                r"deploy"),
    "remove": (r"uninstal", r"remov", r"delet", r"eras", r"wip(?:e|ing)", r"get rid", r"purg",
               r"throw", r"bin\b", r"trash", r"clos(?:e|ing) down", r"decommission"),
    "rename": (r"renam", r"change (?:the |its |my |a )?name", r"new (?:sur)?name"),
    "change": (r"chang", r"reset", r"modif", r"edit", r"switch"),
    "update": (r"updat", r"upgrad", r"patch"),
    "replace": (r"replac", r"swap", r"renew"),
    "export": (r"export", r"back ?up", r"backup", r"download", r"sav(?:e|ing)\b",
               r"cop(?:y|ies|ied)"),
    "import": (r"import", r"upload", r"bring in"),
    "move": (r"mov(?:e|ing|ed)\b", r"transfer", r"migrat", r"port(?:ing|ed)?\b",
             r"hand(?:ing)? ?over", r"handover", r"reassign", r"carry over"),
    "share": (r"shar(?:e|ing|ed)", r"grant", r"delegat", r"give access", r"invit"),
    # "leave" only with an object: "after parental leave" names no operation.
    "leave": (r"leav(?:e|ing) (?:a|an|the|this|that|my|our|their)\b", r"unsubscrib",
              r"opt out"),
    "join": (r"join", r"add me", r"add (?:him|her|them|us)\b", r"member", r"subscrib"),
    "archive": (r"archiv",),
    "record": (r"record",),
    "block": (r"block", r"mute", r"ban(?:s|ned)?\b", r"reject"),
    "restore": (r"restor", r"recover", r"undo", r"undelet", r"retriev", r"bring (?:it |them )?back",
                r"get (?:it |them )?back"),
    "forward": (r"forward", r"redirect", r"divert"),
    "recall": (r"recall", r"unsend"),
    "unlock": (r"unlock",),
    "calibrate": (r"calibrat",),
    "filter": (r"filter", r"rule"),
    "label": (r"label", r"tag\b", r"categor"),
    "sync": (r"sync",),
}
_PLATFORMS: dict[str, tuple[str, ...]] = {
    "linux": (r"linux", r"ubuntu", r"debian", r"fedora"),
    "mac": (r"mac\b", r"macs\b", r"macos", r"macbook", r"os x", r"imac"),
    "windows": (r"windows", r"win ?1[01]\b", r"pc\b", r"thinkpad"),
    "ios": (r"ios\b", r"iphone", r"ipad"),
    "android": (r"android", r"samsung", r"pixel"),
    "chromeos": (r"chromebook", r"chrome ?os"),
}


_KIND = {"linux": "computer", "mac": "computer", "windows": "computer", "chromeos": "computer",
         "ios": "phone", "android": "phone"}


def _compile(table: dict[str, tuple[str, ...]]) -> dict[str, re.Pattern[str]]:
    return {name: re.compile(r"\b(?:" + "|".join(stems) + r")\w*") for name, stems in table.items()}


OPERATIONS = _compile(_OPERATIONS)
PLATFORMS = _compile(_PLATFORMS)
# Words that look like an operation and are not one: a forwarded mail's marker, and leave
# as time off ("after parental leave my laptop...").
_NOT_ASKED = re.compile(r"-+\s*forwarded message\s*-+|^\s*(?:fwd?|fw)\s*:"
                        r"|\b(?:parental|maternity|paternity|sick|annual|unpaid|on|of) leave\b",
                        re.I | re.M)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
# Where a request's verb stands: the start of a sentence or clause, or after a subject, modal
# or "to", with at most one word between ("how do I", "can you please").
_VERB_PLACE = re.compile(r"(?:^|[.!?,:;()\n-]\s*|\b(?:to|i|we|you|can|could|should|must|"
                         r"please|how|and|or|then|want|need|let me|help me|i'd|i'll|pls|plz)"
                         r"\s+(?:\w+\s+)?)$")
# "can't copy files to the stick" reports a fault; the page that answers it troubleshoots
# and need not name the operation again.
_NEGATED = re.compile(r"\b(?:can't|cannot|cant|unable to|won't|wont|doesn't|don't|not|never)"
                      r"\s+(?:\w+\s+)?$")


def named(text: str, table: dict[str, re.Pattern[str]]) -> frozenset[str]:
    """The entries of ``table`` that ``text`` names (passages: any form of the word)."""
    low = text.lower()
    return frozenset(name for name, pattern in table.items() if pattern.search(low))


@dataclass(frozen=True)
class Asked:
    """The operations a question asks for: per operation word, the table entries that name it
    ("add me to the list" is joining as much as adding), and the words of those phrases."""

    operations: tuple[frozenset[str], ...] = ()
    words: frozenset[str] = frozenset()

    @property
    def names(self) -> frozenset[str]:
        return frozenset().union(*self.operations)


def asked(question: str) -> Asked:
    """The operations a question asks for: the word in a verb's place, first in a sentence
    ("uninstall zoom") or after "to", "I", "can", "how"... ("how do I rename"). The same words
    as nouns ("restart for an update", "my backup codes", "changes I made"), as a past
    participle, which says what already happened ("my account got blocked", "the shared
    mailbox"), or negated in a fault report ("can't copy files") ask for nothing."""
    low = _NOT_ASKED.sub(" ", question.lower())
    spans: dict[int, set[str]] = {}
    words: set[str] = set()
    for name, pattern in OPERATIONS.items():
        for m in pattern.finditer(low):
            if _asks_for(low, m):
                spans.setdefault(m.start(), set()).add(name)
                words.update(tokenize(m.group(0)))
    unique = {frozenset(names) for names in spans.values()}
    return Asked(tuple(sorted(unique, key=sorted)), frozenset(words))


def _asks_for(text: str, match: re.Match[str]) -> bool:
    before = text[:match.start()]
    return (not match.group(0).endswith(("ed", "s")) and bool(_VERB_PLACE.search(before))
            and not _NEGATED.search(before))


def operations_done(wanted: Asked, passages: Iterable[tuple[str, str]],
                    terms: Sequence[Term]) -> float:
    """Share of the wanted operations that the passages (label: page title and section
    heading; body) perform on something the question names: in one sentence ("Add the
    printer"; "Jobs not released are deleted" deletes no printer), or in a section whose label
    names the operation ("Recover deleted files", "Leaving Halvorsen") and which names the
    things asked about. 1.0 when nothing is asked."""
    if not wanted.operations:
        return 1.0
    own = [t for t in terms if t.token not in wanted.words]
    # In one sentence, two of the question's words, not one: the product's name alone is on
    # every line of its page ("Slack ... reset the workspace" changes no Slack display name).
    need = min(2, len(own))

    def mentions(text: str) -> bool:
        tokens = frozenset(tokenize(text))
        return need > 0 and sum(t.found_in(tokens) for t in own) >= need

    done: set[frozenset[str]] = set()
    for label, body in passages:
        open_ = [ops for ops in wanted.operations if ops not in done]
        if named(label, OPERATIONS) and mentions(label + "\n" + body):
            done.update(ops for ops in open_ if ops & named(label, OPERATIONS))
        for sentence in _SENTENCE.split(body):
            said = named(sentence, OPERATIONS)
            if said and mentions(sentence):
                done.update(ops for ops in wanted.operations if ops & said)
        if len(done) == len(wanted.operations):
            break
    return len(done) / len(wanted.operations)


def platform_fits(wanted: frozenset[str], passages: Iterable[tuple[str, str]]) -> float:
    """0.0 when the passages are written for other platforms of the same kind than the one
    asked about (Windows and macOS steps for a Linux question); a passage that names no such
    platform applies to any, and a phone section does not rule out a laptop question."""
    if not wanted:
        return 1.0
    found: frozenset[str] = frozenset()
    for label, body in passages:
        found |= named(label + "\n" + body, PLATFORMS)
    for platform in wanted:
        rivals = {p for p in found if _KIND[p] == _KIND[platform]}
        if rivals and platform not in rivals:
            return 0.0
    return 1.0
