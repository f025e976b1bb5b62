"""PII and secret redaction: find typed entities, keep the session's own contact data, redact.

IP addresses are deliberately not redacted: they appear in nearly every network error a user
pastes, they identify devices on our own network rather than people, and the agent needs them
to troubleshoot. Ticket, employee and KB ids, versions, dates and hex error codes are protected
spans so that look-alike numbers inside them are never redacted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from guardrails import (
    context_passwords,
    cue_passwords,
    identifiers,
    inline_passwords,
    keys,
    passwords,
    slot_passwords,
)
from guardrails.policy import GuardrailPolicy, ScreenContext
from guardrails.verdict import Action, Verdict

ENTITY_TYPES = ("email", "phone", "gov_id", "card", "iban", "password", "api_key", "token",
                "private_key")
SECRET_TYPES = frozenset({"password", "api_key", "token", "private_key"})
# When spans overlap, the more dangerous reading wins (a key block contains base64 "tokens").
_PRIORITY = {t: i for i, t in enumerate(("private_key", "token", "api_key", "password", "card",
                                         "iban", "gov_id", "email", "phone"))}
_NUMERIC = frozenset({"phone", "gov_id", "card", "iban"})


def placeholder(kind: str) -> str:
    return f"[REDACTED:{kind.upper()}]"


@dataclass(frozen=True)
class Finding:
    type: str
    start: int
    end: int


@dataclass(frozen=True)
class PiiResult:
    redacted_text: str
    findings: tuple[Finding, ...]
    verdict: Verdict

    @property
    def types(self) -> list[str]:
        return sorted({f.type for f in self.findings})


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _is_own(kind: str, value: str, ctx: ScreenContext | None, public: frozenset[str]) -> bool:
    low = value.lower()
    if kind == "email":
        own = {ctx.email.lower()} if ctx and ctx.email else set()
        return low in own or low in {p.lower() for p in public}
    if kind == "phone":
        d = _digits(value)[-9:]
        phones = [ctx.phone] if ctx and ctx.phone else []
        phones += [p for p in public if "@" not in p]
        return len(d) >= 7 and any(_digits(p).endswith(d) for p in phones)
    return False


def _overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def find(
    text: str,
    ctx: ScreenContext | None = None,
    *,
    public: frozenset[str] = frozenset(),
    previous_turn: str | None = None,
) -> list[Finding]:
    """Entities to redact, in text order; the session's own email/phone are left out."""
    protected = [m.span() for m in identifiers.PROTECTED.finditer(text)]
    raw: list[tuple[str, int, int]] = []
    raw += keys.keys_and_tokens(text)
    raw += passwords.passwords(text, previous_turn)
    raw += inline_passwords.inline_passwords(text)
    raw += cue_passwords.cue_passwords(text)
    raw += slot_passwords.slot_passwords(text)
    raw += context_passwords.context_passwords(text)
    for detector in (identifiers.cards, identifiers.ibans, identifiers.gov_ids,
                     identifiers.emails, identifiers.phones):
        raw += detector(text)
    raw.sort(key=lambda r: (_PRIORITY[r[0]], -(r[2] - r[1])))
    kept: list[tuple[str, int, int]] = []
    for kind, start, end in raw:
        if _overlaps((start, end), [(s, e) for _, s, e in kept]):
            continue
        # A leading "+" is never part of a version, IP or date, so such a phone stays.
        if (kind in _NUMERIC and _overlaps((start, end), protected)
                and not (kind == "phone" and text[start] == "+")):
            continue
        kept.append((kind, start, end))
    out = [Finding(k, s, e) for k, s, e in kept if not _is_own(k, text[s:e], ctx, public)]
    return sorted(out, key=lambda f: f.start)


def redact(text: str, findings: Iterable[Finding]) -> str:
    parts: list[str] = []
    pos = 0
    for f in sorted(findings, key=lambda f: f.start):
        parts.append(text[pos:f.start])
        parts.append(placeholder(f.type))
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)


def scan(text: str, ctx: ScreenContext, policy: GuardrailPolicy) -> PiiResult:
    previous = ctx.history[-1] if ctx.history else None
    findings = find(text, ctx, public=policy.public_contacts, previous_turn=previous)
    if not findings:
        return PiiResult(text, (), Verdict("pii", Action.ALLOW, ("no personal data or secrets",)))
    counts = Counter(f.type for f in findings)
    # Reasons name types and counts only: a reason string ends up in traces and logs.
    reasons = [f"redacted {n} {kind}" for kind, n in sorted(counts.items())]
    if counts.keys() & {"password"}:
        reasons.append("a password was typed into chat: it should be changed")
    code = "secret_in_chat" if counts.keys() & SECRET_TYPES else None
    verdict = Verdict("pii", Action.REDACT, tuple(reasons), code, float(len(findings)))
    return PiiResult(redact(text, findings), tuple(findings), verdict)
