"""High-precision patterns that decide an intent outright; everything else goes to the kNN."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.understanding import credential_rules as creds
from app.understanding import events
from app.understanding import harm_rules as harm
from app.understanding import loss_rules as loss
from app.understanding import lure_rules as lures
from app.understanding import risk_rules as risk

TICKET = re.compile(r"\b(INC|REQ)\s?-?(\d{7})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    intent: str
    pattern: re.Pattern[str]
    name: str


def _r(intent: str, name: str, pattern: str | re.Pattern[str]) -> Rule:
    if isinstance(pattern, re.Pattern):
        return Rule(intent, pattern, name)
    return Rule(intent, re.compile(pattern, re.IGNORECASE), name)


# "the button is physically stuck down": a state of a part, not a service that is down.
_STATE = r"(stuck|pushed|pressed|held|jammed|pulled|turned|slowed|shut|physically|still|" \
         r"always|permanently|locked|weighed|worn|broken)"

# Order matters: the first match wins, so safety-relevant rules come first.
RULES: tuple[Rule, ...] = (
    # A safety net under the scope guardrail: distress goes to people, whatever else is said.
    _r("out_of_scope", "distress",
       r"\b((don'?t|do not|can'?t) see (the|any) point (of|in) (anything|living|going on|it all|"
       r"life)|(don'?t|do not|can'?t) see the point any ?more|want to die|"
       r"kill myself|end (it all|my life)|self[- ]harm|hurt myself|no reason to (live|go on)|"
       r"suicid\w*|better off without me|can'?t (cope|go on|take (it|this)) any ?more|"
       r"no way out)\b"),
    _r("out_of_scope", "hr_legal", risk.HR_LEGAL),
    _r("security_incident", "clicked_phish",
       r"\b(clicked|opened|entered|typed|downloaded|gave|put)\b.{0,60}"
       r"\b(phish\w*|suspicious|scam|fake|dodgy)\b|\b(phish\w*|suspicious|scam|fake)\b.{0,60}"
       r"\b(clicked|entered my|typed my|put my|gave (it|them) my|downloaded)\b|"
       r"\b(clicked|clikced|opened)\b.{0,40}\b(link|attachment)\b.{0,60}\b(entered|typed|put|"
       r"gave)\b.{0,20}\b(my )?(pas+wo?r?d|pasword|login|credentials|details|data)\b|"
       r"\benable (content|macros)\b|\bphishing clicked\b|"
       r"\b(clicked|opened|followed|tapped)\b.{0,30}\b(bad|malicious|sketchy|shady|dubious|"
       r"weird|strange|odd|spammy)\s+(link|attachment|e-?mail|mail|site|website|page|text|"
       r"sms|qr code)\b|"
       r"\b(link|attachment)\b.{0,60}\b(opened|clicked)\b.{0,30}\b(entered|typed|put|gave)\b|"
       r"\bgave (them|him|her|someone|the caller)\b.{0,30}\b(code|password|pin)\b"),
    _r("security_incident", "credentials_given", creds.CREDENTIALS_GIVEN),
    _r("security_incident", "unasked_prompts", risk.UNASKED_PROMPTS),
    _r("security_incident", "change_denied", risk.CHANGE_DENIED),
    _r("security_incident", "sign_in_elsewhere", risk.SIGN_IN_ELSEWHERE),
    _r("security_incident", "taken_over", risk.TAKEN_OVER),
    _r("security_incident", "lost_device", loss.LOST_DEVICE),
    _r("security_incident", "unexpected_sign_in",
       # A suspicious sign-in reported (a subject line, "got one"), not asked about.
       r"^\W*(subject:\s*|re:\s*|fw:\s*)*(suspicious|unusual|unknown|strange) (log-?in|sign-?in|"
       r"logon)s?\b|\b(got|received|had|have|there (was|is|were|are)|saw|noticed) (a |an |some |"
       r"two |several |\d+ )?(suspicious|unusual|unknown|strange) (log-?in|sign-?in|logon)s?\b|"
       r"\b(prompts?|requests?|notifications?|pushe?s?|codes?)\b.{0,30}\b(i|that i)\s?"
       r"(did ?n[o']?t|didnt|did not|never)\s(start|trigger|request|initiate|make|ask)|"
       r"\b(did ?n[o']?t|didnt|did not|never|have ?n'?t|have not|had ?n'?t)\s(even )?"
       r"(try|tried|attempt|attempted)\s(to\s)?(log|sign)|"
       r"\bapproved (one|it|a prompt|a request) by (accident|mistake)\b|"
       r"\b(pressed|tapped|clicked|hit|said) (yes|approve|accept)\w* (one time |once )?"
       r"(by|in) (error|mistake|accident)\b|"
       r"\b(someone|somebody) (has been|is|was) (reading|using|accessing|in) my\b|"
       r"\b(someone|somebody|a stranger|stranger|a person i (do ?n'?t|did ?n'?t) know) (was |is )?"
       r"(sitting|sat|typing|standing) (at|on) my (unlocked )?(pc|laptop|computer|desk|"
       r"workstation|machine|screen)\b|"
       # "someone used my laptop while I was at lunch": a person at my device, not me.
       r"\b(someone|somebody|some ?one else|a stranger)( else)? (has |had )?(used|got into|"
       r"logged (in ?to|on ?to)|went (into|through)|was on|been on) my (laptop|pc|computer|"
       r"machine|desktop|account|mailbox|phone|workstation)\b|"
       r"\b(sign-?in|login|log-?in) from\b[\s\S]{0,200}\b(not me|wasn'?t me)\b"),
    _r("security_incident", "compromise",
       r"\b(stolen|nicked|robbed|snatched|pick-?pocketed|mugged|burgled|got hacked|"
       r"been hacked|was hacked|is hacked|"
       r"ransom\w*|compromised|trojan|malware (alert|detected|found)|infected|"
       # A break-in where equipment or the network is.
       r"(was|were|got|been) broken into|break-?in|burglary|burglar\w*|"
       r"(virus|threat) (alert|detected|found|popup|pop-up|warning)|"
       r"suspicious (behaviou?r|activity) detected|files (have been|are|were) encrypted|"
       r"someone (else )?(is )?(logged|logging|signed) in as me|"
       r"(?<!\bi )(?<!\bwe )took (the|my) (work )?laptop(?! (home|with me|to (the |a )?(repair|fix|"
       r"service|it|helpdesk|help desk|office|meeting)))|"
       r"(lost|left|misplaced) (my |the )?(work |company )?(laptop|phone|mobile|notebook|badge)"
       r".{0,30}\b(train|tram|taxi|airport|bus|cab|plane|car|hotel|somewhere|street)|"
       r"(laptop|notebook) (it )?(is |was )?lost(?! (connection|signal|network|wi-?fi|internet|"
       r"power|sync|its|the)))\b"),
    _r("security_incident", "opened_active", harm.OPENED_ACTIVE),
    _r("security_incident", "unknown_addition", harm.UNKNOWN_ADDITION),
    _r("security_incident", "prompts_keep_coming", harm.PROMPTS_KEEP_COMING),
    _r("security_incident", "sent_as_me", harm.SENT_AS_ME),
    _r("security_incident", "did_as_told", harm.DID_AS_TOLD),
    _r("security_incident", "not_touching", harm.NOT_TOUCHING),
    _r("security_incident", "change_not_mine", harm.CHANGE_NOT_MINE),
    _r("security_incident", "held_to_ransom", harm.HELD_TO_RANSOM),
    _r("security_incident", "key_gone", harm.KEY_GONE),
    _r("security_incident", "product_alert", harm.PRODUCT_ALERT),
    _r("security_incident", "data_exposed", harm.DATA_EXPOSED),
    _r("security_incident", "payment_diverted", harm.PAYMENT_DIVERTED),
    # Reported lures and alerts, after the older rules so those keep their names.
    _r("security_incident", "impersonation", lures.IMPERSONATION),
    _r("security_incident", "security_alert", lures.SECURITY_ALERT),
    _r("security_incident", "posing_as_it", lures.POSING_AS_IT),
    _r("security_incident", "lure_report", lures.LURE_REPORT),
    _r("human_request", "human",
       r"\b(human|real (person|one|people)|live (agent|person|chat)|someone real|somone real|"
       r"(talk|speak|chat) (to|with) (a |an |some|the )?(person|one|body|agent|technician|tech|"
       r"someone|somebody|somone|staff|service ?desk|it team|human)|"
       r"put me through|send (someone|somebody|a person|a technician)|"
       r"technician (to )?call|(person|someone|somebody|technician) (to )?call me|"
       r"call ?-?me back|call ?back|escalate (this|it|to)|^\W*agent\b)"),
    _r("human_request", "human_in_person", risk.HUMAN),
    _r("outage_report", "outage_notice", risk.OUTAGE_NOTICE),
    _r("ticket_update", "ticket_update",
       r"\b(close|reopen|re-open|open (it |this |that )?again|cancel|withdraw|comment|add (a )?("
       r"note|comment)|please update|add that|add to|update (the|my) (ticket|request|incident) "
       r"with)\b.{0,60}\b(INC|REQ)\s?-?\d{7}\b|"
       r"\b(INC|REQ)\s?-?\d{7}\b[\s\S]{0,250}\b(close|reopen|re-open|open (it |this |that )?"
       r"again|cancel|(is|has|have) (come|came|coming) back|comes back|coming back|"
       r"withdraw|comment|add (a |that |this )?(note|to (it|the ticket))|add that|is back|"
       r"put (it|this|that) (on|in)( the| my)? (request|ticket)|"
       r"update (it|the (ticket|request|incident)|my (ticket|request|incident)) with|"
       r"came back|not (fixed|resolved)|NOT resolved|don'?t need|no longer need)\b|"
       r"\bclosed my (ticket|request|incident)\b.{0,80}\bnot (resolved|fixed)\b|"
       # A reply to a resolution notice: "> has been resolved. -- It's not, still black".
       r"\b(INC|REQ)\s?-?\d{7}\b[\s\S]{0,250}\b(resolved|closed)\b[\s\S]{0,120}"
       r"\b(it'?s not|it is not|isn'?t|not really|still)\b"),
    _r("ticket_status", "chasing",
       r"\b(asked|requested|submitted|raised|applied|ordered)\b.{0,60}\b(ago|last (week|month)|"
       r"weeks?|days?)\b.{0,60}\b(still|nothing|no (news|answer|reply|update))\b"),
    _r("ticket_status", "ticket_status",
       # "Status: Approval required. Request this application" in a pasted dialog is a field
       # label, not a question about a ticket.
       r"\b(INC|REQ)\s?-?\d{7}\b|\b(status|update|progress|news)\b(?!\s*:).{0,25}\b(my )?"
       r"(ticket|request|incident|case)s?\b|\bmy (open )?(tickets|requests)\b|"
       r"\beverything I have open\b"),
    _r("account_unlock", "unlock",
       r"\b((?<!to get )(?<!to be )locked out|locked (my ?self|me) out|"
       r"account (is |got |has been )?(locked|blocked)|"
       r"unlock|lockout|"
       r"user is (locked|blocked)|(account|user) .{0,20}locked out)\b|^\W*locked\W*$"),
    _r("mfa_reset", "mfa",
       r"\b(mfa|2fa|two[- ]?factor|multi[- ]?factor|authenticator|otp|verify( app)?)\b.{0,60}"
       r"\b(reset|new (phone|iphone|handset|mobile)|lost|changed|re-?register|re-?enrol+|"
       r"not working|broken|move|clear|wiped|deleted|not on|no longer)\b|"
       r"\b(new|changed (the|my)|lost (my)?|wiped|broke|stolen) ?(phone|iphone|handset|"
       r"telephone|mobile|fone|phnoe)\b.{0,60}\b(mfa|2fa|authenticator|codes?|verify|"
       r"approve|sign[- ]?ins?)\b|\b(reset|clear) my (mfa|multi[- ]?factor|2fa)\b|^\W*mfa\W*$"),
    _r("password_reset", "password",
       r"\b(forgot|forget|forgotten|reset|expired|expire|new|can'?t remember|"
       r"don'?t remember|temporary)\b.{0,30}\b(password|passwd|pwd|pw|passcode|passowrd|"
       r"pasword|passwrod)\b|"
       r"\b(password|passwd|pwd|pw|passowrd|pasword|passwrod)\b.{0,30}\b(reset|expired|expird|"
       r"forgot|forgotten|is old|finished|not accept\w*|isn'?t (being )?accepted|"
       r"stopped working)\b"),
    _r("outage_report", "outage",
       r"\b(outage|is (the )?(?!" + _STATE + r"\b)[\w-]+( (?!" + _STATE + r"\b)\w+)? "
       r"(down|donw)|down for every(one|body)|"
       r"service status|not work\w* for (any|every)(one|body)|"
       r"(any|a) problem with (the )?[\w-]+ (today|now)|"
       r"(is|are) (the )?[\w-]+( \w+)? (having|experiencing) (issues|problems|trouble|"
       r"difficulties|an outage|a problem|an issue)|"
       r"(nobody|no one|none of us)\b.{0,40}\b(can|could|able)|"
       r"(nobody|no one|everyone|whole (team|office|floor)).{0,40}"
       r"(can'?t|cannot|unable|not able|down))\b|^\W*[\w-]+( \w+)? down\W*$"),
    _r("hardware_issue", "hazard", risk.HAZARD),
    # The guide: "not assigned to this application (NWS-40001)" naming a resource asks for
    # access, unless it worked before (then it is a sign-in problem for the articles).
    _r("access_request", "not_assigned",
       r"\bNWS-?40001\b|\b(is ?n[o']?t|not) assigned to (this|the) (application|app)\b"),
    _r("outage_report", "many_affected", risk.OUTAGE_MANY),
    _r("outage_report", "outage_ask", risk.OUTAGE_ASK),
)


# "I haven't clicked anything yet": a question about a lure, not a compromise.
_NOT_CLICKED = re.compile(r"\b(haven'?t|have not|didn'?t|did not|never|without) (clicked|"
                          r"opened|entered|typed|click|open|enter)\b", re.IGNORECASE)


_WORKED_BEFORE = re.compile(r"\b(used to|worked (before|fine|yesterday|last)|until (today|"
                            r"yesterday|this morning)|any ?more|no longer|suddenly)\b", re.I)


# Rules that a second signal in the message overrides.
_VETO: dict[str, tuple[re.Pattern[str], ...]] = {
    "clicked_phish": (_NOT_CLICKED,),
    "credentials_given": (_NOT_CLICKED, creds.TYPED_WRONG),
    "lure_report": (_NOT_CLICKED,),
    # A lost phone with the authenticator on it is first an MFA reset (labelling guide).
    "lost_device": (loss.MFA_WORDS, loss.FELL_AND_BROKE),
    # "My phone got stolen last year, how do I move Verify to the new one?": an old loss,
    # already replaced; what is asked is the MFA move.
    "compromise": (loss.OLD_PHONE_LOSS,),
    "many_affected": (risk.BUT_ME,),
    "not_assigned": (_WORKED_BEFORE,),
}


# What kind of event each security rule reports, so a message that only asks about one (the
# act denied, the sign-in owned, the loss hypothetical) does not count as reporting it.
_KIND = {"clicked_phish": events.ACT, "credentials_given": events.ACT, "lure_report": events.ACT,
         "posing_as_it": events.ACT,
         "unasked_prompts": events.NOTICE, "change_denied": events.NOTICE,
         "sign_in_elsewhere": events.NOTICE, "unexpected_sign_in": events.NOTICE,
         "security_alert": events.NOTICE, "lost_device": events.LOSS, "compromise": events.LOSS,
         "opened_active": events.ACT, "did_as_told": events.ACT, "sent_as_me": events.NOTICE,
         "unknown_addition": events.NOTICE, "prompts_keep_coming": events.NOTICE,
         "product_alert": events.NOTICE, "key_gone": events.LOSS,
         "data_exposed": events.NOTICE, "payment_diverted": events.ACT}


def match_rule(text: str) -> Rule | None:
    for rule in RULES:
        if rule.pattern.search(text):
            if any(v.search(text) for v in _VETO.get(rule.name, ())):
                continue
            kind = _KIND.get(rule.name)
            if kind is not None and events.nothing_happened(text, kind):
                continue
            return rule
    return None


def ticket_numbers(text: str) -> list[str]:
    return [f"{m.group(1).upper()}{m.group(2)}" for m in TICKET.finditer(text)]
