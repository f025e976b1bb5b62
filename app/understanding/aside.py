"""When the nearest exemplars' intent steps aside for the knowledge base.

The kNN reads likeness, not stance: a how-to question resembles the incident it asks about, a
question about the rules resembles the action it names ("can I use my own phone for mail?" is
not a device request), a pasted install error resembles a request for the item that failed,
and "where can I see it?" resembles feedback. These are structural signals on the employee's
own words; rules and catalogue matches are not overturned by them.
"""

from __future__ import annotations

import re

from app.understanding.dialogue import feedback_kind
from app.understanding.events import stances
from app.understanding.intents import ABOUT_RULES, ASKS_US, HOW_TO
from app.understanding.loss_rules import LEFT_SAFE
from app.understanding.readouts import many_affected
from app.understanding.rules import match_rule
from app.understanding.text import focus

# A how-to question that only resembles one of these is for the knowledge base ("how do I
# change the fan curve" is not a broken fan).
HOW_TO_ASIDE = frozenset({"security_incident", "hardware_issue", "password_reset",
                          "account_unlock"})
# "how do I turn on dictation so it types what I say?" resembles asking to speak to someone;
# a how-to that names no person is a question ("is there someone I can talk to?" is not).
_HOW_DO_I = re.compile(r"^\W*how (do|can|would|should) (i|we|you)\b", re.IGNORECASE)
_PERSON = re.compile(r"\b(some(one|body)|person|people|human|technician|tech|agent|staff|"
                     r"desk|team|call|phone|ring|talk|speak|chat)\b", re.IGNORECASE)
# After a story ("Good morning. A bit of background: ... the screen goes blank."), the
# question the message ends with says what is asked: a fault told, then "is there something
# I'm supposed to do differently?", is a how-to question.
_LAST_QUESTION = re.compile(r"([^.?!\n]+\?)\W*$")
# A question about the rules ("how long must a password be", "can I use my own phone for mail",
# "why do I keep getting locked out", "who pays for a licence for my team") only resembles
# these actions, a device request and a catalogue request too.
RULES_ASIDE = HOW_TO_ASIDE | {"mfa_reset", "hardware_request", "software_request",
                              "access_request"}
FEEDBACK_WORD = re.compile(r"\b(feedback|suggestion|complain\w*|compliment)\b", re.IGNORECASE)
# An installation that failed, pasted or told ("Installation of Tableau Desktop failed",
# "Software Center ... error code 0x87D00324"): the guide's "error about installing", a
# troubleshooting question, unless the employee also asks us to request or install it.
INSTALL_FAILED = re.compile(
    r"\b(install(ation|er|ing)?|set-?up|download)\b[^.?!\n]{0,50}\b(failed|fails|failing|"
    r"error|unsuccessful|did ?n[o']?t (complete|finish|work)|(could|can) ?n[o']?t (be )?"
    r"(complete|finish))\b|\b(failed|unable|could ?n[o']?t|can'?t) (to )?install\b|"
    r"\berror (code )?0x[0-9a-f]{6,}\b", re.IGNORECASE)
US_TO_ACT = re.compile(
    r"\b(can|could|would|will) (you|u)\b[^.?!\n]{0,30}\b(request|install|order|get|give|add|"
    r"push|send|approve|sort|arrange)\b|\b(please|pls|plz) (request|install|order|add|push|"
    r"send|approve)\b", re.IGNORECASE)

# A how-to about using a drive, app or list the employee names ("how do I map the finance
# drive on my mac", "please, how I can put the shared drive on my Mac") resembles asking for
# it; asking how to get it ("how do I get access to Jira?") is still a request.
USES_ITEM = re.compile(r"\b(map|mount|connect|reconnect|open|find|see|browse|show up|appear|"
                       r"sync|use|reach|put|path|shortcut|link)\b", re.IGNORECASE)
ASKS_FOR_ITEM = re.compile(r"\b(access|request\w*|permissions?|licen[cs]e|install\w*|join|"
                           r"add(ed)? me|member\w*|order|approv\w*)\b", re.IGNORECASE)
_ASKS_HOW = re.compile(r"^\W*(how|where|what|which|is there a way)\b", re.IGNORECASE)
_PLEASE_LEAD = re.compile(r"^\W*(please|pls|sorry|quick (q|question))\W+", re.IGNORECASE)
# "what's single sign-on (and why ...)?": what a thing is, asked, resembles the thing's
# incidents without reporting one.
WHAT_IS = re.compile(r"^\W*what('?s| is| are| does)( an?| the)? [\w-]+( [\w-]+){0,3}"
                     r"( mean| stand for)?\s*(\?|$|,? and (why|how|what|when|where)\b)",
                     re.IGNORECASE)


# Damage to a device, told: "the cable is open and I can see the wires", "a dent in the lid".
DAMAGE = re.compile(
    r"\b(broken|broke|cracked|cracks?|dent(ed|s)?|bent|snapped|shattered|smashed|frayed|"
    r"torn|exposed|loose|wobbl\w*|came (off|away)|fell off|spilt|spilled|(can|could) see the "
    r"(wires?|copper|inside)|(is|has|got) split|split (open|in two|down|along))\b",
    re.IGNORECASE)
# What makes it a request for a device rather than a report of a broken one.
WANTS_DEVICE = re.compile(
    r"\b(need|needs|needed|want|would like|'d like|(can|could|may) (i|we) (get|have)|order|"
    r"request\w*|new|replacement|replace|spare|another|extra|second|provide|supply|"
    r"recommend\w*)\b", re.IGNORECASE)


def damage_not_request(intent: str, text: str) -> bool:
    """The nearest exemplars say "device request" but the message only tells of damage and
    asks for nothing: a physical fault that needs an incident (the labelling guide's
    hardware_issue), not an order."""
    return intent == "hardware_request" and bool(DAMAGE.search(text)) and \
        not WANTS_DEVICE.search(text)


def knn_aside(intent: str, text: str, followed_up: bool) -> bool:
    """True when a guess from the nearest exemplars should go to the knowledge base."""
    own = focus(text)
    asked = _PLEASE_LEAD.sub("", own)
    if intent in HOW_TO_ASIDE and (HOW_TO.search(asked) or WHAT_IS.search(asked)):
        return True
    if intent == "human_request" and _HOW_DO_I.search(asked) and not _PERSON.search(own):
        return True
    last = _LAST_QUESTION.search(own)
    if intent == "hardware_issue" and last and HOW_TO.search(last.group(1).strip()) and \
            not DAMAGE.search(own):
        return True
    if intent in RULES_ASIDE and ABOUT_RULES.search(own) and not ASKS_US.search(own):
        return True
    if intent in ("software_request", "access_request") and \
            _ASKS_HOW.search(asked) and USES_ITEM.search(own) and \
            not ASKS_FOR_ITEM.search(own):
        return True
    if intent in ("software_request", "access_request") and INSTALL_FAILED.search(text) and \
            not US_TO_ACT.search(own):
        return True
    # Likeness to an incident while the message only asks about one (hypothetically, for a
    # drill, owning the activity, denying the act): the stances that undo the security rules
    # undo the likeness too.
    if intent == "security_incident" and (stances(text) or (
            LEFT_SAFE.search(text) and not match_rule(text))):
        return True
    # One person's complaint about a service is not an outage: that needs a sign that many
    # are affected (the rules catch "is X down?" and the like).
    if intent == "outage_report" and not followed_up and not many_affected(text):
        return True
    return intent == "feedback" and feedback_kind(text) is None and \
        not FEEDBACK_WORD.search(text)
