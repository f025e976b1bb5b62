"""Turn read-only tool results into the answer to what was asked (one ticket, one service).

``get_my_tickets`` and ``check_service_status`` return lists; the employee asked about one
ticket or one service. These pure functions pick that item out and say so in one sentence, so
the reply names the ticket or service asked about, and say plainly when it is not there.
"""

from __future__ import annotations

import re
from typing import Any

from app.understanding.risk_rules import BUT_ME, MANY_PEOPLE, SAME_FOR_MANY
from app.understanding.slots import Named, match_named
from app.understanding.text import fix_typos
from guardrails.injection import scan_untrusted
from guardrails.verdict import Action

WITHHELD = "its description is withheld: it holds text aimed at the assistant"

STATE_WORDS = {
    "new": "logged and waiting to be picked up", "in_progress": "being worked on",
    "on_hold": "on hold, waiting for more information", "resolved": "resolved",
    "closed": "closed", "cancelled": "cancelled",
}
# Several people hit by the same thing: a possible outage, not one person's fault.
_MANY = re.compile(
    r"\b(whole (team|office|floor|department|building|company)|every(one|body)|"
    r"all of us|(no ?one|nobody)\b|not just me|several of us|many of us|the team|my team|"
    r"for any(one|body)|colleagues (too|as well|also)|others (too|as well|also))\b|"
    rf"\b({SAME_FOR_MANY})\b",
    re.IGNORECASE,
)


_CROWD = re.compile(rf"\b({MANY_PEOPLE})\b", re.IGNORECASE)


def many_affected(text: str) -> bool:
    text = fix_typos(text)  # "the whole 2nd flor"
    return bool(_MANY.search(text) or _CROWD.search(text)) and not BUT_ME.search(text)


# "Is Zoom down for everybody or just me?" asks whether others are hit; it does not say so.
_ONLY_ME_ASK = re.compile(
    r"\bor (is it )?(just|only) (me|mine|my \w+)\b|\b(is it|is this|it'?s) (just|only) (me|mine)\b"
    r"[^.!\n]*\?|\bjust me or\b|\bor (just|only) (for|on|with) me\b",
    re.IGNORECASE,
)


# A sentence that ends in a question mark; a crowd word in one asks rather than reports.
_QUESTION = re.compile(r"[^.?!\n]*\?+")


def says_many_affected(text: str) -> bool:
    """The employee states that several people are hit, rather than asking whether they are.

    With a status board that shows nothing, only a statement is a possible unreported outage
    for people to look at; a question gets the board's answer. "Is Zoom working for everyone
    today?" asks; "Is CRM having a moment? Nobody on the floor can load it" says so.
    """
    if _ONLY_ME_ASK.search(fix_typos(text)):
        return False
    said = _QUESTION.sub(" ", text)
    return many_affected(said)


def describe_ticket(number: str, tickets: list[dict[str, Any]]) -> str | None:
    """One sentence about ``number`` from a ``get_my_tickets`` list, or None if absent."""
    row = next((t for t in tickets if str(t.get("ticket", "")).upper() == number.upper()), None)
    if row is None:
        return None
    state = str(row.get("state", ""))
    what = str(row.get("short_description") or "your ticket")
    # Ticket text is written by whoever filed or updated it: it is read back only as data, and
    # not at all when it carries instructions for the assistant (indirect injection).
    if scan_untrusted(what, "ticket_description").action is not Action.ALLOW:
        what = WITHHELD
    group = row.get("assignment_group")
    words = STATE_WORDS.get(state, state.replace("_", " "))
    tail = f" with the {group} team" if group and state in ("new", "in_progress", "on_hold") \
        else ""
    return f"{number} (“{what}”) is {words}{tail}."


LISTED = 5


def describe_tickets(tickets: list[dict[str, Any]]) -> str:
    """The employee's open tickets from a ``get_my_tickets`` list, newest first, a line each."""
    if not tickets:
        return "You have no open tickets."
    lines = [describe_ticket(str(t.get("ticket", "")), [t]) for t in tickets[:LISTED]]
    more = len(tickets) - LISTED
    tail = [f"…and {more} more; ask me about any of them by number."] if more > 0 else []
    head = "Your open ticket:" if len(tickets) == 1 else "Your open tickets:"
    return "\n".join([head, *(f"- {line}" for line in lines if line), *tail])


def not_found_ticket(number: str) -> str:
    return (f"I can't find {number} among your tickets. Please check the number; I can only "
            "show tickets you raised yourself.")


def pick_service(text: str, board: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The status-board row the text names, if it names exactly one."""
    # People name a service by what they use: "the printers", "the chat app", "mail".
    names = [Named(str(b["service"]), str(b["service"]),
                   (*map(str, b.get("aliases") or ()), *_short(str(b["service"]))))
             for b in board]
    found = match_named(text, names)
    if found.item is None:
        return None
    return next(b for b in board if b["service"] == found.item.key)


def _short(name: str) -> tuple[str, ...]:
    # People say "github" for "GitHub Enterprise" and "jira" for "Jira Software".
    first = name.split()[0] if " " in name else ""
    return (first,) if len(first) >= 4 and first.isalpha() else ()


def describe_service(row: dict[str, Any]) -> str:
    name, status = row["service"], str(row.get("status", ""))
    outage = row.get("outage")
    if status == "operational":
        return (f"{name} is operational: there is no known outage on the status board right "
                "now.")
    detail = f" {outage['description']}" if outage and outage.get("description") else ""
    incident = f" (major incident {outage['major_incident']})" \
        if outage and outage.get("major_incident") else ""
    return (f"{name} is {status.replace('_', ' ')}.{detail}{incident} The team is on it; "
            "you don't need to raise a ticket for it.")


# What each action does, said before asking again when the employee asks about it.
EFFECTS = {
    "reset_password": "A reset sends a one-time link to your registered device. After you "
                      "choose a new password, anything that still has the old one saved (for "
                      "example Wi-Fi or mail on your phone) will ask you to sign in again "
                      "with the new one.",
    "unlock_account": "Unlocking only clears the lock; your password stays the same.",
    "reset_mfa": "Resetting removes your registered sign-in devices; at your next sign-in "
                 "you'll be asked to register the new one.",
    "request_software": "I'll raise the request; if the title needs approval it goes to the "
                        "approver first, otherwise it's granted straight away.",
    "request_access": "I'll raise the request; if the group needs approval it goes to the "
                      "approver first, otherwise you're added straight away.",
}


def effect_of(tool: str) -> str | None:
    return EFFECTS.get(tool)
