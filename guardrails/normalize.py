"""Text normalisation and decoding, so obfuscated payloads are scanned in plain form."""

from __future__ import annotations

import codecs
import re
import unicodedata

from guardrails.gloss import gloss
from guardrails.gloss_scripts import ScriptGloss
from guardrails.gloss_world import WorldGloss

# Zero-width, bidi embedding/override/isolate marks and the BOM: invisible in a chat bubble,
# so any of them in a message or article means someone is hiding text.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
# Unicode "tag" characters mirror ASCII invisibly (ASCII smuggling).
TAG_CHARS = re.compile("[\U000e0000-\U000e007f]")

# Latin look-alikes from Cyrillic and Greek. NFKC already folds full-width and maths letters.
_HOMOGLYPHS = str.maketrans(
    "аеорсухіјѕԁɡӏԛԝАВЕКМНОРСТХІЈЅαβεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdglqwABEKMHOPCTXIJSabeiknoptuxABEZHIKMNOPTYX",
)
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s", "!": "i", "|": "l", "+": "t"})
# "1" is read as "l" as often as "i" ("ru1es"), so a second reading.
_LEET_L = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                         "$": "s", "!": "i", "|": "l", "+": "t"})
_QUOTED = re.compile(r"[\"'\u201c\u201d]([^\"'\u201c\u201d\n]{2,60})[\"'\u201c\u201d]")
_WORD_N = re.compile(r"\b(?:first|second|third|fourth|fifth|next|last) word\s*(?:is)?\s*:?\s*"
                     r"[\"']?([a-z]+)")
# A whitespace-delimited token mixing letters with digits or symbols: "d!$r3g@rd", "pr!n+".
# Digit-only tokens ("411" for "all") are read too, but kept only if they spell a known word.
_LEET_WORD = re.compile(r"(?<![^\s\"'(])(?=[a-z0-9@$!|+]*[0-9@$!|+])"
                        r"[a-z0-9@$!|+]{3,}(?![^\s\"'),.?:;])")
# "i g n o r e" / "i.g.n.o.r.e" / "i-g-n-o-r-e": runs of single characters.
_SPACED = re.compile(r"\b[a-z](?P<sep>[ .\-_*])(?:[a-z](?P=sep)){2,}[a-z]\b")
_MIXED_WORD = re.compile(r"\b\w*(?:[a-zA-Z]\w*[\u0400-\u04ff\u0370-\u03ff]|"
                         r"[\u0400-\u04ff\u0370-\u03ff]\w*[a-zA-Z])\w*\b")
_COMMON = frozenset(
    [
        "the", "you", "your", "all", "and", "to", "of", "is", "are", "a", "an", "ignore",
        "instructions", "previous", "rules", "system", "prompt", "now", "must", "print", "reveal",
        "tell", "me", "what", "do", "not", "follow", "admin", "password", "give"
    ]
)


def count_invisible(text: str) -> int:
    return len(INVISIBLE.findall(text)) + len(TAG_CHARS.findall(text))


def decode_tags(text: str) -> str:
    """The ASCII text hidden in Unicode tag characters, if any."""
    return "".join(chr(ord(c) - 0xE0000) for c in TAG_CHARS.findall(text))


def mixed_script_words(text: str) -> int:
    return len(_MIXED_WORD.findall(text))


def _light(text: str) -> str:
    """NFKC without combining marks (accents, zalgo), no invisibles, Latin look-alikes, lower."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = unicodedata.normalize("NFKC", text)
    text = INVISIBLE.sub("", TAG_CHARS.sub("", text))
    text = text.translate(_HOMOGLYPHS).casefold()
    return text.replace("\u2019", "'").replace("\u2018", "'")


# Built after ``_light`` exists: its keys are folded the same way as the text it reads.
_SCRIPT_GLOSS = ScriptGloss(lambda form: _light(form))
_WORLD_GLOSS = WorldGloss(lambda form: _light(form))


def fold(text: str) -> str:
    """Canonical form for rule matching: ``_light`` plus collapsed whitespace."""
    # Newlines survive: role markers such as "SYSTEM:" only mean something at a line start.
    text = re.sub(r"[ \t\r\f\v]+", " ", _light(text))
    return re.sub(r"\n\s*", "\n", text).strip()


def _english_hits(text: str) -> int:
    return sum(w in _COMMON for w in re.findall(r"[a-z]+", text))


# Readings that only exist to hide prose: if one of them reads as English and the text itself
# does not, the hiding is evidence by itself (see rules.assess).
HIDING = frozenset({"rot13", "reversed"})


# Words worth recovering from leetspeak; per token, the reading ("1" as i or l) that gives
# one of these wins, so "411 pr10r ru135" reads "all prior rules".
_LEET_VOCAB = frozenset([
    "all", "allow", "ignore", "ignored", "prior", "previous", "rules", "rule", "instructions",
    "instruction", "show", "tell", "reveal", "print", "prompt", "system", "hidden", "your", "you",
    "admin", "administrator", "password", "passwords", "forget", "disregard", "give", "grant",
    "domain", "access", "reset", "unlock", "bypass", "policy", "policies", "filters", "still",
    "full", "role", "card", "the", "and", "now", "me", "mode", "unrestricted", "delete",
    "disable", "skip", "approval", "list", "employees", "users", "secret", "secrets", "key",
    "keys", "token", "tokens", "login", "root", "instructions", "guidelines", "restrictions",
    "configuration", "grant", "override", "jailbreak"
])


def _deleet(folded: str, table: dict[int, str]) -> str:
    def one(m: re.Match[str]) -> str:
        first = m.group().translate(table)
        if first in _LEET_VOCAB:
            return first
        other = m.group().translate(_LEET_L if table is _LEET else _LEET)
        if other in _LEET_VOCAB:
            return other
        return first if any(c.isalpha() for c in m.group()) else m.group()

    return _LEET_WORD.sub(one, folded)


_HYPHENATED = re.compile(r"\b[a-z]+(?:-[a-z]+)+\b")


def variants(folded: str, raw: str | None = None) -> list[tuple[str, str]]:
    """Other readings of a folded text worth scanning: leetspeak, spaced letters, rot13,
    reversed, and fragments joined back together. ``raw`` keeps the spacing that folding
    collapses ("r e v e a l   y o u r" has words three spaces apart)."""
    out: list[tuple[str, str]] = []
    # A leetspeak reading only when some token decodes to a word attacks use: ticket ids,
    # versions and "Windows11" are everywhere, and every extra reading costs a rule pass.
    if any(w.translate(t) in _LEET_VOCAB for w in _LEET_WORD.findall(folded)
           for t in (_LEET, _LEET_L)):
        seen: set[str] = set()
        for table in (_LEET, _LEET_L):
            reading = _deleet(folded, table)
            if reading not in seen:
                seen.add(reading)
                out.append(("leetspeak", reading))
    spaced_src = _light(raw) if raw is not None else folded
    if _SPACED.search(spaced_src):
        joined = _SPACED.sub(lambda m: re.sub(r"[ .\-_*]", "", m.group()), spaced_src)
        out.append(("spaced", re.sub(r"\s+", " ", joined).strip()))
    fragments = _QUOTED.findall(folded)
    if len(fragments) >= 2:
        out.append(("fragments", "".join(fragments)))
    words = _WORD_N.findall(folded)
    if len(words) >= 2:
        out.append(("fragments", " ".join(words)))
    rot = codecs.decode(folded, "rot13")
    if _english_hits(rot) > _english_hits(folded) + 1:
        out.append(("rot13", rot))
    rev = folded[::-1]
    if _english_hits(rev) > _english_hits(folded) + 1:
        out.append(("reversed", rev))
    # "ig-nore your in-struc-tions": hyphens inside words, read joined up.
    joined_words = [w.replace("-", "") for w in _HYPHENATED.findall(folded)]
    if any(w in _LEET_VOCAB for w in joined_words):
        out.append(("dehyphen", re.sub(r"(?<=[a-z])-(?=[a-z])", "", folded)))
    glossed = gloss(folded)
    if glossed is not None:
        out.append(("gloss", glossed))
    scripted = _SCRIPT_GLOSS(folded)
    if scripted is not None:
        out.append(("gloss", scripted))
    world = _WORLD_GLOSS(folded)
    if world is not None:
        out.append(("gloss", world))
    return out
