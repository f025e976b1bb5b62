"""High-precision patterns that decide an intent outright; everything else goes to the kNN."""

from __future__ import annotations

import re
from dataclasses import dataclass

TICKET = re.compile(r"\b(INC|REQ)\s?-?(\d{7})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    intent: str
    pattern: re.Pattern[str]
    name: str


def _r(intent: str, name: str, pattern: str) -> Rule:
    return Rule(intent, re.compile(pattern, re.IGNORECASE), name)


# Order matters: the first match wins, so safety-relevant rules come first.
RULES: tuple[Rule, ...] = (
    _r("security_incident", "clicked_phish",
       r"\b(clicked|opened|entered|typed|downloaded|gave)\b.{0,60}"
       r"\b(phish\w*|suspicious|scam|fake)\b|\b(phish\w*|suspicious|scam)\b.{0,60}"
       r"\b(clicked|entered my|typed my|gave (it|them) my|downloaded)\b"),
    _r("security_incident", "compromise",
       r"\b(stolen|got hacked|been hacked|was hacked|is hacked|ransomware|compromised|"
       r"malware (alert|detected|found)|virus (alert|detected|found)|infected|"
       r"someone (else )?(is )?(logged|logging|signed) in as me|"
       r"(lost|left|misplaced) (my |the )?(work |company )?(laptop|phone|mobile|notebook|badge)"
       r".{0,30}\b(train|taxi|airport|bus|cab|plane|car|hotel|somewhere|street)?)\b"),
    _r("human_request", "human",
       r"\b(human|real person|live (agent|person|chat)|(talk|speak|chat) (to|with) "
       r"(a |an |some)?(person|one|body|agent|technician|tech|someone|somebody|staff)|"
       r"technician (to )?call|call me back|escalate (this|it|to))\b"),
    _r("greeting", "greeting",
       r"^\s*(hi|hello|hey|hiya|good (morning|afternoon|evening)|yo)\b[\s!.,]*(there)?[\s!.,]*$"),
    _r("feedback", "negative_feedback",
       r"^\W*(it |that |this |the fix |your (answer|solution) )?"
       r"(did ?n[o']?t|does ?n[o']?t|didnt|doesnt|did not|does not|still (does ?n[o']?t|not|"
       r"broken|failing|the same)|not working still|no luck|same (problem|issue|error))\b"),
    _r("feedback", "positive_feedback",
       r"^\W*(thanks?( you)?( so much| a lot)?|thx|ty|cheers|(that|it) (worked|helped|fixed it)|"
       r"(all )?(fixed|solved|sorted|resolved)( now)?|great,? thanks?|perfect)\W*$"),
    _r("ticket_update", "ticket_update",
       r"\b(close|reopen|re-open|cancel|withdraw|comment|add (a )?(note|comment)|update)\b"
       r".{0,40}\b(INC|REQ)\s?-?\d{7}\b|\b(INC|REQ)\s?-?\d{7}\b.{0,40}\b(close|reopen|re-open|"
       r"cancel|withdraw|comment|add (a )?note)\b"),
    _r("ticket_status", "ticket_status",
       r"\b(INC|REQ)\s?-?\d{7}\b|\b(status|update|progress|news)\b.{0,25}\b(my )?"
       r"(ticket|request|incident|case)s?\b|\bmy (open )?tickets\b"),
    _r("account_unlock", "unlock",
       r"\b(locked out|account (is |got |has been )?locked|unlock|lockout)\b"),
    _r("mfa_reset", "mfa",
       r"\b(mfa|2fa|two[- ]?factor|multi[- ]?factor|authenticator|otp)\b.{0,50}"
       r"\b(reset|new phone|lost|changed|re-?register|re-?enrol+|not working|broken|move)\b|"
       r"\b(new phone|lost (my )?phone|changed (my )?phone)\b.{0,50}"
       r"\b(mfa|2fa|authenticator|codes?)\b"),
    _r("password_reset", "password",
       r"\b(forgot|forget|forgotten|reset|expired|expire|change|new|can'?t remember|"
       r"don'?t remember)\b.{0,30}\b(password|passwd|pwd|pw|passcode)\b|"
       r"\b(password|passwd|pwd)\b.{0,20}\b(reset|expired|forgot|forgotten)\b"),
    _r("outage_report", "outage",
       r"\b(outage|is (the )?[\w-]+( \w+)? (down|donw)|down for every(one|body)|service status|"
       r"not work\w* for (any|every)(one|body)|(any|a) problem with (the )?[\w-]+ (today|now)|"
       r"(nobody|no one|none of us)\b.{0,40}\b(can|could|able)|"
       r"(nobody|no one|everyone|whole (team|office|floor)).{0,40}"
       r"(can'?t|cannot|unable|not able|down))\b"),
)


def match_rule(text: str) -> Rule | None:
    for rule in RULES:
        if rule.pattern.search(text):
            return rule
    return None


def ticket_numbers(text: str) -> list[str]:
    return [f"{m.group(1).upper()}{m.group(2)}" for m in TICKET.finditer(text)]
