"""Slot extraction: ticket numbers, catalogue titles, access groups, devices, ticket actions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from app.understanding.asking import asks_for
from app.understanding.names import Named, match_named, named_all
from app.understanding.names import norm as _norm
from app.understanding.rules import ticket_numbers

DEVICES = ("laptop", "monitor", "screen", "keyboard", "mouse", "headset", "dock", "docking station",
           "charger", "phone", "printer", "webcam", "battery", "badge")
_TICKET_ACTIONS = (
    ("comment", re.compile(r"\b(add (a |this |that )?(comment|note)|add (that|this) to|"
                           r"add to)\b", re.I)),
    ("reopen", re.compile(r"\b(re-?open|open (it|this) again|came back|is back|again|not "
                          r"(fixed|resolved)|still (need|broken|happening))\b|\b(resolved|closed)"
                          r"\b[\s\S]{0,120}\b(it'?s not|it is not|isn'?t|still)\b", re.I)),
    ("cancel", re.compile(r"\b(cancel|withdraw|don'?t need|no longer need\w*|not needed)\b",
                          re.I)),
    ("close", re.compile(r"\b(close|resolved|fixed now)\b", re.I)),
    ("comment", re.compile(r"\b(comment|note|add|update|details|info)\b", re.I)),
)


def extract(text: str, intent: str, *, software: Sequence[Named] = (),
            groups: Sequence[Named] = ()) -> dict[str, Any]:
    slots: dict[str, Any] = {}
    tickets = ticket_numbers(text)
    if tickets:
        slots["ticket"] = tickets[0]
    lowered = text.lower()
    device = next((d for d in DEVICES if re.search(rf"\b{d}s?\b", lowered)), None)
    if device:
        slots["device"] = device
    if intent == "software_request":
        found = match_named(text, software)
        if found.item:
            slots["software"] = found.item.key
        elif found.candidates:
            slots["software_options"] = [c.name for c in found.candidates]
    if intent == "access_request":
        found = match_named(text, groups)
        if found.item:
            slots["group"] = found.item.key
        elif found.candidates:
            slots["group_options"] = [c.name for c in found.candidates]
    if intent == "ticket_update":
        slots["ticket_action"] = next(
            (name for name, pat in _TICKET_ACTIONS if pat.search(text)), "comment"
        )
    return slots


_REQUEST_CUE = re.compile(
    r"\b(need|needs|want|wanna|get|install|installed|request|requesting|licen[cs]e|access|"
    r"add me|give me|permission|permissions|can i have|could i (get|have)|set me up|trial|"
    r"upgrade|membership|member of|order|added|join|onto|grant|pls|please|licence|"
    r"would like|'d like|arrange|organi[sz]e|sort (me )?out)\b",
    re.IGNORECASE,
)
_ACCESS_CUE = re.compile(r"\b(access|add me|added|join|member|membership|permission|group|"
                         r"list|drive|folder|share|site|onto)\b", re.IGNORECASE)
_TROUBLE_CUE = re.compile(
    r"\b(mic|microphone|camera|webcam|audio|sound|echo|sync\w*|log(s|ged)? (me )?out|"
    r"crash\w*|error|not working|doesn'?t work|won'?t|fails?|failing|broken|slow|freez\w*|"
    r"stuck|how (do|can|to)|down|outage|nobody|no one|anyone|everyone|problems?|missing|"
    r"read[- ]only|unlicensed|no licen[cs]e|not licensed|deactivated|product activation|"
    r"your account (does ?n'?t|does not) have a licen[cs]e)\b",
    re.IGNORECASE,
)
# "how do I use Access Hub to get into an app" asks how something works, not for the item;
# "how do I get Visio?" still asks for it.
# "please, how I can put the finance drive on my Mac", "how do I get the F drive to show up"
# ask how to use an item the employee has; "how do I get Visio?" still asks for it.
_HOW_IT_WORKS = re.compile(
    r"^\W*((please|pls|sorry|quick (q|question))\W+)?(how|where|what|why)\b("
    r"(?!.{0,20}\b(get|request|order|install|have)\b(?! into\b| in\b| to\b))|"
    r"[^.?!\n]{0,12}\b(get|make)\b[^.?!\n]{1,40}\bto (show|appear|work|connect|sync|open|load|"
    r"mount|display|come up|pop up)\b)", re.IGNORECASE)
# A ticket subject that says what kind of request it is before naming the item.
_SUBJECT_ASK = re.compile(
    r"^\W*(new |software |access |licen[cs]e |app )*(software|app|application|access|"
    r"licen[cs]e|install(ation)?|request)( request)?\s*[:\-\u2013]\s*(?P<rest>\S.*)",
    re.IGNORECASE | re.DOTALL)
_FILLER = frozenset({"pls", "please", "plz", "thx", "thanks", "for", "me", "my", "a", "the",
                     "i", "on", "to", "new", "app", "tool"})


def _mostly_the_title(text: str, item: Named) -> bool:
    """A bare message names the item and little else: "postman pls", not "wifi guest code"."""
    said = set(_norm(text).split()) - _FILLER
    named = {w for label in (item.name, *item.aliases) for w in _norm(label).split()}
    return len(said - named) <= 1


def _asked(text: str, items: Sequence[Named]) -> bool:
    """The text names one of ``items`` (exactly, or as one of a few candidates) and asks for
    it, rather than only mentioning it ("present in teams", "the new office")."""
    found = match_named(text, items)
    named = {*named_all(text, items), *found.candidates,
             *(i for i in (found.item, match_named(text, items, cutoff=0.9).item) if i)}
    return any(asks_for(text, item) for item in named)


def request_intent(text: str, software: Sequence[Named], groups: Sequence[Named]) -> str | None:
    """A catalogue title or group named together with asking for it is a request, even when
    the wording looked like a question ("can I get Visio?")."""
    subject = _SUBJECT_ASK.match(text)
    if subject and not _TROUBLE_CUE.search(text):
        # "New software: Power BI Desktop for reporting", "Access request - Confluence".
        sw, gr = named_all(subject["rest"], software), named_all(subject["rest"], groups)
        if sw or gr:
            access = bool(gr) and (not sw or "access" in subject.group(0).lower())
            return "access_request" if access else "software_request"
    # A bare title ("visio", "postman pls") is a request too.
    short = len(text.split()) <= 4
    cued = bool(_REQUEST_CUE.search(text))
    if not (cued or short) or _TROUBLE_CUE.search(text) or _HOW_IT_WORKS.search(text):
        return None
    if not cued:
        exact = [i for i in (match_named(text, software, cutoff=0.9).item,
                             match_named(text, groups, cutoff=0.9).item) if i is not None]
        if exact and not any(_mostly_the_title(text, i) for i in exact):
            return None
    wants_software = _asked(text, software)
    wants_group = _asked(text, groups)
    if wants_software and wants_group:
        # "PyCharm and access to GitHub": the first one named; "access to Salesforce" (both
        # a title and a group): the group when access is asked for, else the software.
        sw, gr = named_all(text, software), named_all(text, groups)
        if sw and gr and sw[0].name != gr[0].name:
            low = f" {_norm(text)} "
            return "software_request" if low.find(_norm(sw[0].name)) < \
                low.find(_norm(gr[0].name)) else "access_request"
        return "access_request" if _ACCESS_CUE.search(text) else "software_request"
    if wants_software:
        return "software_request"
    if wants_group:
        return "access_request"
    return None


# "can you request it for me?" under a pasted Software Center dialog, "Can you add me?" above a
# manager's quoted OK: the request is in the employee's words, its item in the pasted part.
_REFERRED = re.compile(
    r"\b((can|could|would|will) (you|u|i)|please|pls)\b[^.?!\n]{0,15}\b(request|install|add|"
    r"grant|order|set up|give|get|have|submit|resubmit|raise)\b[^.?!\n]{0,6}\b(it|this|that|"
    r"one|me)\b|^\W*(i |we )?(really |still |do )?(need|want|require)s? (it|this|that|one)\b",
    re.IGNORECASE)


def referred_request(text: str, own: str, software: Sequence[Named],
                     groups: Sequence[Named]) -> str | None:
    """A request for "it" in the employee's last paragraph, when the rest of the message
    names exactly one catalogue item and that paragraph names none."""
    last = re.split(r"\n\s*\n", own.strip())[-1]
    if last.strip() == text.strip() or not _REFERRED.search(last) or _TROUBLE_CUE.search(last):
        return None
    if named_all(last, software) or named_all(last, groups):
        return None
    sw, gr = named_all(text, software), named_all(text, groups)
    if len(sw) + len(gr) != 1:
        return None
    return "software_request" if sw else "access_request"
