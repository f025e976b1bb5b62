"""Noise on an employee's first message: typos, non-native phrasing, anger, typed PII."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

_WORD = re.compile(r"[A-Za-z']+")
_PROTECTED = re.compile(r"\{[a-z]+\}|\S*\d\S*")  # placeholders, ticket numbers, versions


@dataclass
class Noisy:
    text: str
    tags: list[str] = field(default_factory=list)
    must_not_contain: list[str] = field(default_factory=list)


def luhn_card(rng: random.Random) -> str:
    """A 16-digit Visa-style test number with a valid Luhn check digit, grouped by four."""
    digits = [4] + [rng.randrange(10) for _ in range(14)]
    total = 0
    for i, d in enumerate(reversed(digits)):
        # The check digit will sit at the right, so these positions double from the first.
        d2 = d * 2 if i % 2 == 0 else d
        total += d2 - 9 if d2 > 9 else d2
    digits.append((10 - total % 10) % 10)
    s = "".join(map(str, digits))
    return " ".join(s[i:i + 4] for i in range(0, 16, 4))


def luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        d2 = d * 2 if i % 2 == 1 else d
        total += d2 - 9 if d2 > 9 else d2
    return total % 10 == 0


def _slip(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:  # adjacent swap
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 1:  # dropped letter
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]  # doubled letter


def add_typos(text: str, rng: random.Random, misspellings: dict[str, list[str]]) -> str:
    protected = [m.span() for m in _PROTECTED.finditer(text)]
    words = [m for m in _WORD.finditer(text)
             if not any(s <= m.start() < e for s, e in protected)]
    known = [m for m in words if m.group().lower() in misspellings]
    long_words = [m for m in words if len(m.group()) >= 5]
    picks = known[:1] if known else []
    if long_words and (not picks or rng.random() < 0.4):
        picks.append(rng.choice(long_words))
    out = text
    for m in sorted(set(picks), key=lambda m: -m.start()):
        word = m.group()
        options = misspellings.get(word.lower())
        new = rng.choice(options) if options else _slip(word, rng)
        out = out[:m.start()] + new + out[m.end():]
    return out


def non_native(text: str, rng: random.Random, spec: dict[str, Any]) -> str:
    swaps = [(k, v) for k, v in spec["swaps"].items() if k in text]
    if swaps and rng.random() < 0.5:
        old, options = rng.choice(swaps)
        return text.replace(old, rng.choice(options), 1)
    frame = rng.choice(spec["frames"])
    return str(frame).replace("{msg}", text.rstrip("?.! "))


def angry(text: str, rng: random.Random, spec: dict[str, Any], insult: bool) -> str:
    if insult:
        return rng.choice(spec["insults"]) + text
    if rng.random() < 0.5:
        return rng.choice(spec["prefixes"]) + text
    return text.rstrip("?.! ") + rng.choice(spec["suffixes"])


def add_pii(text: str, kind: str, rng: random.Random, spec: dict[str, Any],
            values: dict[str, Any]) -> tuple[str, str]:
    """The message with a piece of personal data or a secret in it, and that raw value."""
    if kind == "card":
        value = luhn_card(rng)
    elif kind == "email":
        value = f"{rng.choice(values['first'])}.{rng.choice(values['last'])}@northwind.example"
    elif kind == "password":
        value = rng.choice(values["passwords"])
    else:
        value = rng.choice(values["phones"])
    frame = str(rng.choice(spec[kind]))
    filled = frame.replace("{msg}", text.rstrip("?.! "))
    return filled.replace({"card": "{card}", "email": "{email}", "password": "{pw}",
                           "phone": "{phone}"}[kind], value), value


def apply_noise(text: str, rng: random.Random, rates: dict[str, float],
                spec: dict[str, Any], allow_pii: bool, pii_kind: str) -> Noisy:
    noisy = Noisy(text)
    if rng.random() < rates["non_native"]:
        noisy.text = non_native(noisy.text, rng, spec["non_native"])
        noisy.tags.append("non_native")
    if rng.random() < rates["typo"]:
        noisy.text = add_typos(noisy.text, rng, spec["misspellings"])
        noisy.tags.append("typo")
    if rng.random() < rates["angry"]:
        insult = rng.random() < rates["insult"] / rates["angry"]
        noisy.text = angry(noisy.text, rng, spec["angry"], insult)
        noisy.tags.append("angry")
    if allow_pii and rng.random() < rates["pii"]:
        noisy.text, value = add_pii(noisy.text, pii_kind, rng, spec["pii"], spec["pii_values"])
        noisy.tags.append("pii")
        noisy.must_not_contain.append(value)
    return noisy
