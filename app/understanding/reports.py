"""An employee reporting an attack, as opposed to making one.

A pasted EDR alert, a forwarded "IT Support" mail that tells its reader to ignore earlier
notices, a "CEO" asking for gift cards: the input screen reads the attack text quoted in such
a message and would refuse it as an injection. The person asking for help is its target, and
Security must get it. ``reports_security_event`` is what the screen asks before refusing.
"""

from __future__ import annotations

import re

from app.understanding.lure_rules import SUSPICION
from app.understanding.rules import match_rule
from app.understanding.text import fix_typos, is_forwarded, own_words


def quoted(text: str) -> bool:
    """The message carries material that is not the employee's own words: a forwarded mail
    or a pasted alert followed by a line of theirs."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return is_forwarded(text) or len(paragraphs) > 1


def reports_security_event(text: str) -> bool:
    """The employee tells us about an attack on them (a lure, an alert, a request for their
    secrets), whatever attack text the message quotes."""
    rule = match_rule(fix_typos(text))
    if rule is not None and rule.intent == "security_incident":
        return True
    if not quoted(text):
        return False
    mine = own_words(text) if is_forwarded(text) else re.split(r"\n\s*\n", text.strip())[-1]
    return bool(SUSPICION.search(mine))
