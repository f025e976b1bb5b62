"""Text normalisation and decoding, so obfuscated payloads are scanned in plain form."""

from __future__ import annotations

import base64
import binascii
import codecs
import re
import unicodedata
from urllib.parse import unquote

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
# A whitespace-delimited token mixing letters with digits or symbols: "d!$r3g@rd", "pr!n+".
_LEET_WORD = re.compile(r"(?<![^\s\"'(])(?=[a-z0-9@$!|+]*[a-z])(?=[a-z0-9@$!|+]*[0-9@$!|+])"
                        r"[a-z0-9@$!|+]{3,}(?![^\s\"'),.?:;])")
# "i g n o r e" / "i.g.n.o.r.e" / "i-g-n-o-r-e": runs of single characters.
_SPACED = re.compile(r"\b[a-z](?P<sep>[ .\-_*])(?:[a-z](?P=sep)){2,}[a-z]\b")
_B64 = re.compile(r"[A-Za-z0-9+/_\-]{16,}={0,2}")
_HEX = re.compile(r"(?:\\x[0-9a-fA-F]{2}){6,}|\b(?:[0-9a-fA-F]{2}[ :]?){12,}\b")
_PCT = re.compile(r"(?:%[0-9a-fA-F]{2}){4,}")
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


def fold(text: str) -> str:
    """Canonical form for rule matching: NFKC, no invisibles, Latin look-alikes, lower case."""
    text = unicodedata.normalize("NFKC", text)
    text = INVISIBLE.sub("", TAG_CHARS.sub("", text))
    text = text.translate(_HOMOGLYPHS).casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    # Newlines survive: role markers such as "SYSTEM:" only mean something at a line start.
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\n\s*", "\n", text).strip()


def _english_hits(text: str) -> int:
    return sum(w in _COMMON for w in re.findall(r"[a-z]+", text))


# Readings that only exist to hide prose: if one of them reads as English and the text itself
# does not, the hiding is evidence by itself (see rules.assess).
HIDING = frozenset({"rot13", "reversed"})


def variants(folded: str) -> list[tuple[str, str]]:
    """Other readings of an already folded text worth scanning: leetspeak, spaced, rot13..."""
    out: list[tuple[str, str]] = []
    if _LEET_WORD.search(folded):
        out.append(("leetspeak", _LEET_WORD.sub(lambda m: m.group().translate(_LEET), folded)))
    if _SPACED.search(folded):
        out.append(("spaced", _SPACED.sub(lambda m: re.sub(r"[ .\-_*]", "", m.group()), folded)))
    rot = codecs.decode(folded, "rot13")
    if _english_hits(rot) > _english_hits(folded) + 1:
        out.append(("rot13", rot))
    rev = folded[::-1]
    if _english_hits(rev) > _english_hits(folded) + 1:
        out.append(("reversed", rev))
    return out


def _printable(data: bytes) -> str | None:
    try:
        s = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if len(s) < 6:
        return None
    good = sum(c.isprintable() or c in "\n\r\t" for c in s)
    letters = sum(c.isalpha() for c in s)
    return s if good / len(s) > 0.95 and letters / len(s) > 0.5 else None


def _b64(token: str) -> str | None:
    raw = token.rstrip("=")
    if len(raw) % 4 == 1:
        return None
    padded = raw + "=" * (-len(raw) % 4)
    try:
        alt = b"-_" if ("-" in raw or "_" in raw) else None
        data = base64.b64decode(padded, altchars=alt, validate=True)
    except (binascii.Error, ValueError):
        return None
    return _printable(data)


def decoded_payloads(text: str, limit: int = 8) -> list[tuple[str, str]]:
    """Plain text hidden as base64, hex, percent-encoding or tag characters, for re-scanning."""
    out: list[tuple[str, str]] = []
    hidden = decode_tags(text)
    if hidden:
        out.append(("unicode_tags", hidden))
    for m in _B64.finditer(text):
        if text[max(0, m.start() - 3):m.start()].lower() == "?b?":
            continue  # a MIME encoded-word in a pasted mail header, not a smuggled payload
        decoded = _b64(m.group())
        if decoded:
            out.append(("base64", decoded))
    for m in _HEX.finditer(text):
        digits = re.sub(r"\\x|[ :]", "", m.group())
        try:
            decoded_hex = _printable(bytes.fromhex(digits))
        except ValueError:
            decoded_hex = None
        if decoded_hex:
            out.append(("hex", decoded_hex))
    for m in _PCT.finditer(text):
        decoded_pct = unquote(m.group())
        if decoded_pct != m.group() and _printable(decoded_pct.encode()):
            out.append(("percent", decoded_pct))
    return out[:limit]
