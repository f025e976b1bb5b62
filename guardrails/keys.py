"""Detectors for API keys, tokens and private keys typed or pasted into chat."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence

Span = tuple[str, int, int]

_PEM = re.compile(r"-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY(?: BLOCK)?-----"
                  r"(?:[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|[\s\S]*\Z)")
_PUTTY = re.compile(r"PuTTY-User-Key-File-\d+:[\s\S]*?(?:Private-MAC: ?[0-9a-f]+|\Z)")

# Vendor formats with fixed prefixes: near-zero false positives, so no entropy test.
_VENDOR: Sequence[tuple[str, re.Pattern[str]]] = (
    ("api_key", re.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|AIPA)[0-9A-Z]{16}\b")),
    ("api_key", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}(?![\w-])")),
    ("api_key", re.compile(r"\b(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,}\b")),
    ("api_key", re.compile(r"(?<![\w-])sk-(?:proj-|ant-)?[A-Za-z0-9_\-]{20,}")),
    ("api_key", re.compile(r"(?i)AccountKey=[A-Za-z0-9+/=]{40,}")),
    ("token", re.compile(r"\bgh[pousr]_[A-Za-z0-9]{30,255}\b")),
    ("token", re.compile(r"\bgithub_pat_[A-Za-z0-9_]{22,255}\b")),
    ("token", re.compile(r"\bglpat-[A-Za-z0-9_\-]{20,}")),
    ("token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}")),
    ("token", re.compile(r"https://hooks\.slack\.com/services/[A-Za-z0-9/_-]+")),
    ("token", re.compile(r"\bnpm_[A-Za-z0-9]{36}\b")),
    ("token", re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")),
    ("token", re.compile(r"(?i)(?<=bearer )[A-Za-z0-9\-._~+/]{16,}=*")),
    ("token", re.compile(r"(?i)(?<=authorization: token )[A-Za-z0-9\-._~+/]{16,}=*")),
    ("token", re.compile(r"(?i)(?<=authorization: basic )[A-Za-z0-9+/]{8,}={0,2}")),
    ("token", re.compile(r"(?i)(?<=[?&]sig=)[A-Za-z0-9%+/=]{20,}")),
    ("api_key", re.compile(r"\bSG\.[A-Za-z0-9_\-]{16,32}\.[A-Za-z0-9_\-]{30,64}")),
    ("token", re.compile(r"\bhv[sbr]\.[A-Za-z0-9_\-]{24,}")),
    ("token", re.compile(r"\bATATT[A-Za-z0-9_\-=]{40,}")),
    ("token", re.compile(r"\bpypi-[A-Za-z0-9_\-]{40,}")),
    ("token", re.compile(r"\b(?:NRAK|PMAK)-[A-Za-z0-9\-]{24,}")),
    ("token", re.compile(r"\bdapi[0-9a-f]{32}(?:-\d)?\b")),
    ("token", re.compile(r"\b\d{8,10}:AA[A-Za-z0-9_\-]{33}\b")),
    ("api_key", re.compile(r"\b(?:SK|AC)[0-9a-f]{32}\b")),
    ("token", re.compile(r"\bdo[opr]_v1_[0-9a-f]{60,72}\b")),
    ("token", re.compile(r"(?<=SSWS )[A-Za-z0-9_\-]{30,}")),
)
# Most newer vendor formats are "a short lower-case prefix, an underscore, a long random body"
# (hf_, glsa_, shpat_, dop_v1_, lin_api_, sntrys_, figd_...). The shape, not the list, is what
# generalises: a body of 30+ characters mixing upper case, lower case and digits with high
# entropy is no identifier or file name anybody types.
_PREFIXED = re.compile(
    r"(?<![\w-])[a-z]{2,8}(?:_[a-z0-9]{1,4}){0,2}_([A-Za-z0-9]{30,})(?:_[A-Za-z0-9]{4,12})?(?![\w-])")
_LOWER_RUN = re.compile(r"[a-z]{6,}")


def _random_body(body: str) -> bool:
    """Mixed case with no run of six lower-case letters: random, not a camel-case name."""
    upper = sum(c.isupper() for c in body) / len(body)
    return (0.2 <= upper <= 0.8 and any(c.islower() for c in body)
            and not _LOWER_RUN.search(body) and _entropy(body) >= 4.0)
_KEYED = re.compile(
    r"(?i)\b(api[_ -]?key|apikey|client[_ -]?secret|secret[_ -]?key|secret|access[_ -]?key"
    r"(?:[_ -]?id)?|access[_ -]?token|auth[_ -]?token|refresh[_ -]?token|token|private[_ -]?key"
    r"|signing[_ -]?key|aws_secret_access_key)[\"']?\s*(?:[:=]|is|was)\s*[\"']?"
    r"([A-Za-z0-9_\-+/=.~]{16,})"
)


def _entropy(s: str) -> float:
    counts = Counter(s)
    return -sum(c / len(s) * math.log2(c / len(s)) for c in counts.values())


# "secret AbC...xyz" with no = or colon: only long, high-entropy values count.
_KEYED_BARE = re.compile(r"(?i)\b(?:secret|secret key|client secret|api key|access key|token"
                         r"|private key)\s+([A-Za-z0-9_\-+/=.]{24,})")


def keys_and_tokens(text: str) -> Iterator[Span]:
    for rx in (_PEM, _PUTTY):
        for m in rx.finditer(text):
            yield "private_key", m.start(), m.end()
    for kind, rx in _VENDOR:
        for m in rx.finditer(text):
            yield kind, m.start(), m.end()
    for m in _PREFIXED.finditer(text):
        if _random_body(m.group(1)):
            yield "token", m.start(), m.end()
    for m in _KEYED.finditer(text):
        val = m.group(2)
        if _entropy(val) >= 3.0 and any(c.isdigit() for c in val) and any(c.isalpha() for c in val):
            kind = "token" if "token" in m.group(1).lower() else "api_key"
            yield kind, m.start(2), m.end(2)
    for m in _KEYED_BARE.finditer(text):
        val = m.group(1)
        mixed = any(c.isdigit() for c in val) and any(c.isupper() for c in val)
        if _entropy(val) >= 3.5 and mixed:
            kind = "token" if "token" in m.group().lower() else "api_key"
            yield kind, m.start(1), m.end(1)
