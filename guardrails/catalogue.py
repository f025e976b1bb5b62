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
