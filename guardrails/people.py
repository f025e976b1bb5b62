"""Who a request is about: the session's own employee, another person, or many people.

Identity comes from the session (``ScreenContext``), never from the chat: a name, username,
email or employee id in the text that is not the session's own is somebody else.
"""

from __future__ import annotations

import re

from guardrails.policy import ScreenContext

_I = re.IGNORECASE
_OBJ = (r"(?:passwords?|passcode|pin|accounts?|mailbox(?:es)?|inbox|e-?mails?|tickets?|calendar"
        r"|files|one ?drive|desktop|computer|mfa|phone numbers?|mobile(?: numbers?)?|numbers?"
        r"|(?:home )?address(?:es)?|salary|salaries|data|details|credentials|recovery codes|chats"
        r"|messages|login|laptop serial|laptop|sign-?in|security incidents?|requests?"
        r"|personal (?:email|phone)|badge numbers?|employee ids?|extensions?|sick leave)")
_ROLE = (r"(?:colleague|co-?worker|manager|boss|supervisor|team ?mate|assistant|employee|direct "
         r"report|ceo|cfo|cto|cio|ciso|director|vp|intern|contractor|new starter|new hire"
         r"|ex-colleague|predecessor|wife|husband|partner|finance director|it director)")
_THIRD = (rf"(?:(?:my |the |our |a |his |her )?{_ROLE}'?s|his|her|their|someone else'?s"
          r"|somebody else'?s|another (?:user|employee|person)'?s|other (?:people|users|"
          r"employees)'?s?|everyone'?s|everybody'?s|all (?:employees|users|staff)'?)")
_VERB = (r"(?:reset|unlock|change|disable|enable|access|open|read|show|view|see|check|give me"
         r"|send me|tell me|forward|log ?in(?:to)?|sign in(?:to)?|get into|look (?:at|up|into)"
         r"|list|export|dump|close|cancel|update|reassign|delete|wipe|transfer|what(?:'s| is| are)"
         r"|find|pull up|need to read|has|did)")
_POSSESSIVE = re.compile(rf"\b{_VERB}\b[^.?!\n]{{0,40}}\b{_THIRD} (?:\w+ ){{0,3}}{_OBJ}\b", _I)
_PRONOUN_OBJ = re.compile(rf"\b(?:his|her|their) (?:\w+ ){{0,2}}{_OBJ}\b", _I)
_MANAGER_CLAIM = re.compile(r"\bi'?m (?:his|her|their|[a-z]+'s) (?:manager|boss|supervisor)\b"
                            r"|\bon behalf of (?:my )?(?:colleague|co-?worker|boss|manager)", _I)
_BULK = re.compile(
    r"\b(?:list|export|give me|send me|show|dump|print|spreadsheet|table|which|who in|who has"
    r"|who have|names? of)\b[^.?!\n]{0,40}\b(?:all|every|each|everyone|everybody|the whole"
    r"|entire|employees|users|staff|people)\b[^.?!\n]{0,40}\b(?:phone|mobile|e-?mail|address|"
    r"password|ticket|badge|employee id|name|manager|salar|sick|leave|admin rights|mfa|"
    r"account|extension|usernames|passwords)", _I)
_WHO_FILED = re.compile(r"\bwho (?:reported|filed|complained|opened|raised)\b[^.?!\n]{0,40}"
                        r"\b(?:complaint|ticket|report|incident|case)", _I)
_NAMED = re.compile(r"\b([A-Z][a-z]+)(?: [A-Z][a-z]+)?'s\b")
_ID = re.compile(r"\bE\d{6}\b", _I)
_HANDLE = re.compile(r"\b[a-z]{1,20}[._][a-z]{2,20}\b(?:@[\w.-]+)?", _I)
_ACT_ON = re.compile(rf"\b{_VERB}\b[^.?!\n]{{0,60}}", _I)
_NOT_PEOPLE = frozenset(
    "outlook microsoft windows teams chrome google apple adobe zoom slack excel word onedrive "
    "sharepoint jira salesforce northwind company it today monday tuesday wednesday thursday "
    "friday saturday sunday everyone someone nobody linkedin amazon mac iphone android vpn "
    "globalconnect ledger team department office printer laptop user system server "
    "zerodesk firefox edge safari dell lenovo hp cisco oracle sap".split()
)
_GRANT = re.compile(
    rf"\b(?:add|give|grant|share)\b (?:my |our |a |the )?(?:{_ROLE}|team member|new team "
    r"member|[A-Z][a-z]+)\b[^.?!\n]{0,50}\b(?:access|to the|permissions?|rights|membership)\b")


def _own(ctx: ScreenContext) -> frozenset[str]:
    return ctx.own_tokens()


def _named_other(text: str, ctx: ScreenContext) -> str | None:
    own = _own(ctx)
    for m in _NAMED.finditer(text):
        name = m.group(1).lower()
        if name in _NOT_PEOPLE or name in own:
            continue
        tail = text[m.end():m.end() + 40]
        if re.match(rf"\s+(?:\w+\s+){{0,3}}{_OBJ}\b", tail, _I):
            before = text[max(0, m.start() - 60):m.start()]
            if _ACT_ON.search(before) or re.search(r"\b(?:what|who|which|where)\b", before, _I):
                return "asks about a named person's account or data"
    return None


def _identifier_other(text: str, ctx: ScreenContext) -> str | None:
    own = _own(ctx)
    for m in list(_ID.finditer(text)) + list(_HANDLE.finditer(text)):
        token = m.group().lower()
        local = token.split("@", 1)[0]
        if token in own or local in own or re.fullmatch(r"[a-z]+\.(?:exe|msi|com|example)", local):
            continue
        before = text[max(0, m.start() - 70):m.start()]
        after = text[m.end():m.end() + 50]
        acts = _ACT_ON.search(before) is not None
        about = re.search(rf"^'?s?\s*(?:\w+\s+){{0,2}}{_OBJ}\b", after, _I) is not None
        targets = re.search(rf"{_OBJ}\b[^.?!\n]{{0,25}}\b(?:for|of|on|to|assigned to)\s*$",
                            before, _I) is not None
        if (acts and (about or targets)) or (targets and "?" in text):
            return "asks to act on another employee's account"
    return None


def other_person_reason(text: str, ctx: ScreenContext) -> str | None:
    """Why this message asks to read or act on someone else's data, or None."""
    if _MANAGER_CLAIM.search(text):
        return "acting for another person on the strength of a claimed relationship"
    if _BULK.search(text) or _WHO_FILED.search(text):
        return "asks for data about many people or identifies a reporter"
    if _POSSESSIVE.search(text):
        return "asks to read or change another person's account or data"
    if _PRONOUN_OBJ.search(text) and _ACT_ON.search(text):
        return "asks to read or change another person's account or data"
    return _named_other(text, ctx) or _identifier_other(text, ctx)


def third_party_grant(text: str) -> str | None:
    if _GRANT.search(text):
        return "grants another person access: needs the resource owner's or manager's approval"
    return None
