"""Seeded perturbations for pass^k: the same case said slightly differently must still pass."""

from __future__ import annotations

import random
import re

FILLERS = ("hi", "hello", "please", "thanks", "um", "so", "hey there")
TEMPLATES = ("{}", "quick question: {}", "can you help? {}", "{} thanks", "hi, {}",
             "{} please", "sorry to bother you, {}")
# Confirmations are answers, not free text: perturb them only within their meaning.
CONFIRMATIONS = {"yes": ("yes", "Yes", "yes please", "yep", "go ahead"),
                 "no": ("no", "No", "no thanks", "cancel")}


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def _typos(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    for i in rng.sample(candidates, k=min(1, len(candidates))):
        words[i] = _typo(words[i], rng)
    return " ".join(words)


def _casing(text: str, rng: random.Random) -> str:
    return rng.choice((text.lower(), text.capitalize(), text))


def _filler(text: str, rng: random.Random) -> str:
    filler = rng.choice(FILLERS)
    return f"{filler} {text}" if rng.random() < 0.5 else f"{text} {filler}"


def _template(text: str, rng: random.Random) -> str:
    return rng.choice(TEMPLATES).format(text.rstrip(".?! "))


def _reorder(text: str, rng: random.Random) -> str:
    parts = re.split(r",\s+(?=\w)", text, maxsplit=1)
    if len(parts) == 2 and rng.random() < 0.5 and not re.search(r"\b(INC|REQ)\d", parts[1]):
        return f"{parts[1]}, {parts[0]}"
    return text


STEPS = (_typos, _casing, _filler, _template, _reorder)


def perturb(text: str, seed: int) -> str:
    """Run 0 is the original text; every other seed applies one or two perturbations."""
    if seed == 0:
        return text
    rng = random.Random(seed)
    key = text.strip().lower().rstrip(".!")
    if key in CONFIRMATIONS:
        return rng.choice(CONFIRMATIONS[key])
    out = text
    for step in rng.sample(STEPS, k=rng.choice((1, 2))):
        out = step(out, rng)
    return out
