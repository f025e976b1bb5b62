"""Decoders for payloads smuggled inside a message: base64/32, hex, percent-encoding, HTML
entities, \\u escapes and Unicode tag characters. Each yields plain text for re-scanning."""

from __future__ import annotations

import base64
import binascii
import html
import re
from collections.abc import Callable
from urllib.parse import unquote

from guardrails.normalize import decode_tags

_B64 = re.compile(r"[A-Za-z0-9+/_\-]{16,}={0,2}")
_B32 = re.compile(r"\b[A-Z2-7]{16,}={0,6}")
_HEX = re.compile(r"(?:\\x[0-9a-fA-F]{2}){6,}|\b(?:0x)?(?:[0-9a-fA-F]{2}[ :]?){12,}\b")
_PCT = re.compile(r"(?:%[0-9a-fA-F]{2}){4,}")
_ENTITIES = re.compile(r"(?:&#x?[0-9a-fA-F]{1,6};|&[a-z]{2,8};){4,}")
_UESC = re.compile(r"(?:\\u[0-9a-fA-F]{4}){4,}")


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


def _b32(token: str) -> str | None:
    try:
        data = base64.b32decode(token + "=" * (-len(token.rstrip("=")) % 8)
                                if "=" not in token else token)
    except (binascii.Error, ValueError):
        return None
    return _printable(data)


def _simple(kind: str, rx: re.Pattern[str], decode: Callable[[str], str],
            text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for m in rx.finditer(text):
        try:
            decoded = decode(m.group())
        except (UnicodeError, ValueError):
            continue  # not a payload after all; the text itself is still scanned
        if decoded != m.group() and _printable(decoded.encode("utf-8", "replace")):
            out.append((kind, decoded))
    return out


def decoded_payloads(text: str, limit: int = 8) -> list[tuple[str, str]]:
    """Plain text hidden in the message, each with the encoding it was found in."""
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
    for m in _B32.finditer(text):
        decoded_b32 = _b32(m.group())
        if decoded_b32:
            out.append(("base32", decoded_b32))
    out += _simple("percent", _PCT, unquote, text)
    out += _simple("html_entities", _ENTITIES, html.unescape, text)
    out += _simple("unicode_escapes", _UESC,
                   lambda s: s.encode("ascii").decode("unicode_escape"), text)
    return out[:limit]
