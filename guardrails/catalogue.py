"""What the company's catalogue offers, as the guardrails see it.

Asking for an item the catalogue lists is a request: the approval flow decides it, with the
owner or manager the catalogue names, so the name of an admin console the catalogue offers is
not by itself a privilege grab. And a product name ("Burp Suite", "Okta Admin") is not a person.
The app fills ``GuardrailPolicy.catalogue`` from the ITSM at startup; guardrails stay pure.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ADMIN = re.compile(r"\b(admins?|administrators?|administration)\b")


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9+#]+", " ", text.lower()).strip()


@lru_cache(maxsize=8)
def _admin_items(catalogue: frozenset[str]) -> tuple[str, ...]:
    return tuple(n for n in catalogue if _ADMIN.search(n))


@lru_cache(maxsize=8)
def product_words(catalogue: frozenset[str]) -> frozenset[str]:
    """Lower-cased words of the catalogue's names, for telling products from people."""
    return frozenset(w for n in catalogue for w in n.split() if len(w) >= 3)


def names_admin_item(text: str, catalogue: frozenset[str]) -> bool:
    """The text names a catalogue item that is itself an admin role or console."""
    said = f" {norm(text)} "
    return any(f" {name} " in said for name in _admin_items(catalogue))


# "please give me access to all-hands", "I need Power BI installed": a request verb, then within
# a few words a catalogue name. Generic one-word names ("code", "office") are left out.
# "grant me" is the same ask as "give me" ("thanks Please grant me Salesforce, I mvoed into
# account management" was refused by the head alone at 0.98).
_ASK = re.compile(r"\b(?:access|add|added|adding|install|installed|request|need|want|licen[cs]e"
                  r"|give me|grant me|get|join|membership|member|enrol|enroll|subscribe"
                  r"|set me up with|sign me up for)\b")
_ABOUT_BOT = re.compile(r"\byour (?:\w+ )?(?:rules|instructions|prompt|config\w*|setup|settings"
                        r"|guidelines|restrictions|mode|system)\b"
                        r"|\byou (?:are|re) (?:now|a|an|in)\b"
                        r"|\b(?:yourself|prompt|instructions|pretend|act as)\b")


@lru_cache(maxsize=8)
def _specific_items(catalogue: frozenset[str]) -> tuple[str, ...]:
    return tuple(n for n in catalogue if " " in n or len(n) >= 6 or not n.isalpha())


def asks_for_item(text: str, catalogue: frozenset[str]) -> bool:
    """The text asks for a catalogue item and says nothing about the assistant itself: a
    request the approval flow decides (so the similarity head alone does not refuse it)."""
    said = f" {norm(text)} "
    if _ABOUT_BOT.search(said):
        return False
    for name in _specific_items(catalogue):
        at = said.find(f" {name} ")
        if at >= 0 and _ASK.search(said[max(0, at - 40):at + 1]):
            return True
    return False
