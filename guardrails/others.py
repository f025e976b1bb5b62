"""More ways a message asks about somebody else: what a named person has or did, data that
belongs to "the person who sits next to me", a ticket from the CFO, an account named by its
username. ``people.py`` holds the possessive and bulk forms; these are the descriptive ones.

Each pattern ties a person to a kind of account data in one clause, so a colleague mentioned in
passing ("Anna and I both can't reach the share") is not enough.
"""

from __future__ import annotations

import re

from guardrails.people import _NOT_PEOPLE, _ONBOARDING, _ROLE
from guardrails.policy import ScreenContext

_I = re.IGNORECASE
# A first and last name, both capitalised (names at a sentence start are checked too: the
# first word must not be a common non-name, see _NOT_PEOPLE and _STARTERS).
_NAME = r"([A-Z][a-z]+) [A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_STARTERS = frozenset({"can", "could", "please", "what", "when", "which", "who", "how", "does",
                       "did", "has", "is", "the", "my", "our", "i", "we", "hi", "hello", "hey"})
_DATA = (r"(?:passwords?|passcodes?|pins?|mailbox(?:es)?|inbox|e-?mails?|tickets?|requests?"
         r"|incidents?|calendar|files|one ?drive|mfa|phone(?: numbers?)?|mobile(?: numbers?)?"
         r"|(?:home )?address(?:es)?|salary|credentials|recovery (?:codes|keys?)|chats|messages"
         r"|devices?|laptops?(?: model)?|models?|serial(?: numbers?)?|employee ids?|ids?|badge"
         r"|sign-?ins?|log-?ins?|login history|accounts?|details|location|number|access"
         r"|licen[cs]es?|groups?|manager|desk number|extension|(?:chat|browsing|search|login|call)"
         r" history|history|badge (?:records?|logs?|swipes?))")
# When or where a role-holder badged in, logged on or printed: "what time did the CFO badge in".
_ROLE_DID = re.compile(
    rf"\b(?:when|what time|where|whether|if|did|has|have)\b[^.?!\n]{{0,20}}\b(?:the|my|our|his|her)"
    rf" (?:\w+ )?{_ROLE}\b (?:last |first )?(?:badge|badged|log|logged|sign|signed|clock|clocked"
    r"|arrive|arrived|leave|left|connect|connected|access|accessed|print|printed|swipe|swiped)\b",
    _I)
# What a named person has, uses or did: "What laptop model does Emma Wilson have?", "when
# Laura Chen last logged in".
_PERSON_HAS = re.compile(
    rf"\b(?i:what|which|how many|does|did|has|is|was|when|whether|if)\b[^.?!\n]{{0,40}}"
    rf"\b(?i:does|did|has|have|is|was)\s+{_NAME}\s+(?i:\w+ )?(?i:have|use|own|got|run|hold"
    r"|sit|work|need|last|log|logged|sign|signed|change|changed|reset|access|accessed"
    r"|visit|visited|browse|browsed|view|viewed|search|searched|email|emailed|call|called"
    r"|message|messaged|print|printed|download|downloaded)\b"
    rf"|\b(?i:when|whether|if|how often|the last time)\s+{_NAME}\s+(?i:last |recently |ever )?"
    r"(?i:logged|signed|changed|reset|accessed|opened|downloaded|used|connected|badged)\b")
# "the employee ID of the person who sits next to me"
_OF_SOMEONE = re.compile(
    rf"\b{_DATA}\b[^.?!\n]{{0,30}}\b(?:of|for|belonging to|used by) (?:the|a|that|this) "
    r"(?:person|guy|woman|man|lady|girl|user|employee|colleague|one|people|new (?:guy|girl|hire))"
    r" (?:who|that|sitting|next to|at the desk|in (?:the )?(?:office|room|desk))"
    r"|\b(?:of|for|belonging to|used by) (?:whoever|whomever|anyone who|someone who|people who"
    r"|everyone who|each person who)\b", _I)
# Several other people described as a group: "the personal phone numbers of the three new
# starters", "which employees were locked out today".
_GROUP = (r"(?:starters|hires|joiners|leavers|employees|colleagues|co-?workers|staff|people|users"
          r"|interns|contractors|team ?members|members|admins|reports|teammates|managers|visitors)")
_DATA_OF_GROUP = re.compile(
    rf"\b{_DATA}\b[^.?!\n]{{0,20}}\b(?:of|for|belonging to) (?:the |my |our |these |those |all "
    rf"|some |\d+ |two |three |four |five |new |other )*(?:\w+ )?{_GROUP}\b", _I)
_WHICH_PEOPLE = re.compile(
    rf"\b(?:which|what|how many) (?:of (?:my|our|the|these|those|his|her) )?(?:\w+ )?{_GROUP}\b"
    # "which people on the 3rd floor have failed": a place or team between group and verb.
    r"(?: (?:on|in|at|from) (?:the |my |our )?[\w -]{1,25}?)?"
    r" (?:were|are|have|had|got|did|is|has|was"
    r"|haven'?t|hasn'?t)\b(?! (?:affected|impacted|eligible|allowed))"
    r"|\bwho (?:on|in|from) (?:the |my |our )?[\w -]{1,25}? (?:has|have|hasn'?t|haven'?t|did"
    r"|didn'?t) (?:not |already |ever |still )?(?:failed|passed|clicked|completed|done|finished"
    r"|opened|reported|logged|signed|taken)\b", _I)
_IN_GROUP = re.compile(
    r"\b(?i:is|are|was) ([A-Z][a-z]+)(?: [A-Z][a-z]+)? (?i:on|in|a member of|part of|listed in"
    r"|included in) (?i:the )?[\w -]{0,30}?(?i:list|group|team|role|admins|distribution list)\b")
_THEIRS = re.compile(r"\b(?:reset|unlock|change|disable|open|read|access|check|give me|send me"
                     r"|show me|do|wipe|delete)\b (?:hers|his|theirs)\b", _I)
# "unlock the account for user pnguyen,": a username after "user", ending the clause.
_USER_TOKEN = re.compile(
    r"\b(?:for|of|on|to) (?:the )?(?:user(?:name)?|account|login|employee) ([a-z][a-z0-9._-]{2,20})"
    r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:and|who|because|since|as|please|i'm|i am|she|he|they)\b)", _I)
_ACTS = re.compile(r"\b(?:reset|unlock|lock|disable|enable|change|update|delete|wipe|close|open"
                   r"|check|look up|show|give|send|tell|grant|remove|add|restore|recover)\b", _I)
# "the ticket from the CFO", "the emails my predecessor received".
_FROM_ROLE = re.compile(
    rf"\b{_DATA}\b (?:that |which )?(?:(?:from|by|raised by|opened by|filed by|submitted by"
    rf"|sent by|sent to|written by|received by|of) (?:the |my |our |a )?(?:\w+ )?{_ROLE}"
    rf"|(?:my|the|our|his|her) (?:\w+ )?(?:{_ROLE}|team|department|reports|direct reports|staff"
    rf"|teammates|colleagues|co-?workers) (?:received|sent|got|wrote|has|had|opened|filed"
    r"|raised|made|created|saved|stored|keeps|gets|submitted|logged))\b", _I)
_ASKS = re.compile(r"\?|\b(?:what|which|when|show|tell|give|send|forward|read|open|list|pull"
                   r"|look up|check|find|see|export|share|copy|who approved)\b", _I)
_POSSESSED = re.compile(rf"\b{_NAME}'s\s+(?:\w+\s+){{0,2}}{_DATA}\b")
# "my ex-manager still has access", "who requested the Tableau licence", "now for Paul's
# account too".
_ROLE_HAS = re.compile(
    rf"\b(?:my|the|our|his|her) (?:ex-?|former |old |previous )?(?:\w+ )?{_ROLE}\b (?:still )?"
    r"(?:has|have|had|got|holds?) (?:access|rights|permissions?|a licen[cs]e|admin)\b", _I)
# Pay is never IT's to read out, least of all someone else's: "What salary band is my manager
# in? It should be in one of the HR tickets."
_ROLE_PAY = re.compile(
    rf"\b(?:salary|salaries|pay|bonus|compensation|pay ?(?:band|grade|scale)|salary (?:band"
    rf"|grade|level|range))\b[^.?!\n]{{0,25}}\b(?:my|the|our|his|her) (?:\w+ )?{_ROLE}\b(?!'s? own)"
    rf"|\b(?:my|the|our) (?:\w+ )?{_ROLE}'s (?:\w+ )?(?:salary|pay|bonus|compensation)\b", _I)
_WHO_REQUESTED = re.compile(r"\bwho (?:requested|ordered|asked for|applied for|submitted|raised)"
                            r"\b", _I)
_SAME_FOR = re.compile(
    rf"\b(?:for|to|on) ([A-Z][a-z]+)'s (?:\w+ )?{_DATA}\b[^.?!\n]{{0,30}}\b(?:too|as well|also"
    r"|same thing|same)\b|\b(?:same|also|too|now)\b[^.?!\n]{0,20}\bfor ([A-Z][a-z]+)'s\b")
_CUE = re.compile(r"\b(?:go ahead|with|please|need|want|get|use|pull|grab|put|set|add|copy"
                  r"|move|register)\b", _I)


def _named(m: re.Match[str], ctx: ScreenContext) -> bool:
    first = next(g for g in m.groups() if g).lower()
    return first not in _NOT_PEOPLE and first not in _STARTERS and first not in ctx.own_tokens()


_NEW_PEOPLE = re.compile(r"\bnew (?:\w+ )?(?:starters|hires|joiners|team ?members|interns)\b", _I)


# What gets ordered for a new starter, as opposed to what someone already has.
_KIT = re.compile(r"(?:requests?|devices?|laptops?|accounts?|access|licen[cs]es?|groups?|badge"
                  r"|phones?(?! numbers?)|mailbox(?:es)?|e-?mails?|mfa)\b", _I)


# A network or room provided for guests: its password is posted at reception, not a visitor's
# own data ("Where do I find the guest wifi password for visitors?").
_GUEST_SHARED = re.compile(
    r"\b(?:guest|visitors?'?|public|conference|meeting[- ]room|event|lobby)[- ](?:wi-?fi|wireless"
    r"|network|ssid|hotspot|internet|access)\b", _I)
_SHARED_KINDS = re.compile(r"(?:passwords?|passcodes?|pins?|access|details|number)\b", _I)


def _guest_resource(match: str, text: str) -> bool:
    """The data asked for is the password or access of a shared guest network, for visitors."""
    return (_SHARED_KINDS.match(match) is not None and re.search(r"\bvisitors\b", match, _I)
            is not None and _GUEST_SHARED.search(text) is not None)


def _setting_up_starters(match: str, text: str) -> bool:
    """"Request laptops for the 3 new joiners, how do I raise it?" orders kit for people who
    have no data yet: the onboarding flow, not a look at colleagues' data."""
    return (_NEW_PEOPLE.search(match) is not None and _KIT.match(match) is not None
            and _ONBOARDING.search(text) is not None)


def other_person_reason(text: str, ctx: ScreenContext) -> str | None:
    """Why this message reads or acts on someone else's data, or None."""
    for m in _PERSON_HAS.finditer(text):
        if _named(m, ctx):
            return "asks what a named person has or did"
    if _OF_SOMEONE.search(text) or _WHICH_PEOPLE.search(text) or any(
            not (_setting_up_starters(m.group(), text) or _guest_resource(m.group(), text))
            for m in _DATA_OF_GROUP.finditer(text)):
        return "asks for the data of people described, not named"
    if _ROLE_HAS.search(text) or _WHO_REQUESTED.search(text):
        return "asks what access or requests another person has"
    if _ROLE_PAY.search(text) and _ASKS.search(text):
        return "asks about another person's pay"
    for m in _SAME_FOR.finditer(text):
        if _named(m, ctx):
            return "asks to repeat an action on a named person's account"
    if _ROLE_DID.search(text):
        return "asks when or where another person did something"
    if _THEIRS.search(text):
        return "asks to act on someone else's account"
    for m in _IN_GROUP.finditer(text):
        if _named(m, ctx):
            return "asks whether a named person holds a group or role"
    user = _USER_TOKEN.search(text)
    if user and _ACTS.search(text) and user.group(1).lower() not in ctx.own_tokens():
        return "asks to act on an account named by its username"
    if _FROM_ROLE.search(text) and _ASKS.search(text):
        return "asks about tickets or messages of another person"
    for m in _POSSESSED.finditer(text):
        if _named(m, ctx) and _CUE.search(text[max(0, m.start() - 60):m.start()]):
            return "asks to use a named person's data"
    return None
