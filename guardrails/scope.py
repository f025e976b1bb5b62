"""Scope control: what the agent must not handle itself.

Order matters: self-harm and HR/legal go to humans before anything else is decided; acting on
another person's data is refused; non-IT topics get a pointer; everything else is in scope.
Granting a colleague access to a resource is allowed through here with the code
``third_party_access``: it exposes nobody's data, and the access tools route it to the
resource owner's or manager's approval, which is where that decision belongs.
"""

from __future__ import annotations

import re

from guardrails import catalogue, others, people
from guardrails.policy import GuardrailPolicy, ScreenContext
from guardrails.verdict import Action, Verdict

_I = re.IGNORECASE
SELF_HARM = re.compile(
    r"\b(?:kill(?:ing)? my ?self|end(?:ing)? (?:it all|my (?:own )?life)|take my (?:own )?life"
    r"|suicid\w*|self[- ]?harm\w*|(?:hurt|harm|cut)(?:ing)? my ?self|want to die|wanna die"
    r"|don'?t want to (?:live|be alive|be here any ?more|exist)|better off dead"
    r"|(?:everyone|they|world|family|people)(?: would)? (?:be )?better off without me"
    r"|no (?:reason|point) (?:to|in) (?:live|living|going on)|can'?t go on any ?more"
    r"|overdose)\b", _I)
HR_LEGAL = re.compile(
    r"\b(?:harass(?:ed|ing|ment)?|bull(?:y|ied|ying)|discriminat\w*|hostile work(?:ing)? "
    r"environment|sexual(?:ly)? (?:harass\w*|assault\w*|comments?|advances?)|racis[tm]|sexis[tm]"
    r"|homophob\w*|transphob\w*|retaliat\w*|whistle-?blow\w*|lawsuit|sue (?:the company|my|them)"
    r"|suing|lawyer|attorney|legal (?:action|advice|claim)|employment tribunal|unfair dismissal"
    r"|wrongful(?:ly)? (?:termination|terminated|dismissed)|grievance|(?:i was|i got|i'?m being|"
    r"i am being|they) (?:fired|dismissed|let go|laid off)"
    # "I'm going to get fired if this laptop isn't fixed" is frustration about IT, not HR.
    r"|(?:(?:i'?m|i am) (?:about|going) to (?:be|get)|(?:i'?ll|i will) (?:be|get)|(?:i'?m|i am) "
    r"(?:being|getting)) (?:fired|dismissed|let go|laid off|sacked)(?! if\b| unless\b)"
    r"|(?:report|complain about|complaint "
    r"(?:about|against)) my (?:manager|boss|supervisor|colleague|coworker)|subject access request"
    r"|gdpr request|(?:threatened|assaulted|abused|groped|intimidated) (?:me|by))\b", _I)

# Non-IT topics and where they belong. An IT symptom (cannot log in to the travel portal)
# keeps a message in scope, except for writing/coding tasks, which are never IT support.
_TOPICS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("travel", "travel", re.compile(
        r"\b(?:book|reserve|find|cheapest|cheap|change|cancel)\b[^.?!]{0,30}\b(?:flights?|hotels?"
        r"|trains?|rental cars?|taxis?|trips?)\b|\bflights? to\b|\bhotels? in\b", _I)),
    ("payroll", "payroll", re.compile(
        r"\b(?:salary|salaries|pay ?check|payslip|pay slip|bonus|pay rise|raise this year"
        r"|overtime pay|net pay|pension contributions?|tax code|pay day|payday|paid this month)\b",
        _I)),
    ("hr", "hr", re.compile(
        r"\b(?:vacation days|holiday allowance|annual leave|pto|sick leave|leave balance|days off"
        r"|maternity|paternity|parental leave|health insurance|dental plan|benefits enrol\w*"
        r"|performance review|promotion|job openings?|internal vacanc\w*)\b", _I)),
    # Using the expense tool is IT; how much and when money is paid is Finance.
    ("finance", "finance", re.compile(
        r"\b(?:when|how much|how long|what)\b[^.?!]{0,40}\b(?:reimburs\w*|expenses?|per diem"
        r"|mileage)\b[^.?!]{0,30}\b(?:paid|get|receive|rate|limit|allowed|worth)|\bper diem"
        r"|\bmileage rate|\bcorporate card limit\b", _I)),
    ("facilities", "facilities", re.compile(
        r"\b(?:office (?:temperature|is too (?:cold|hot))|air ?con\w*|heating"
        r"|parking (?:space|permit|spot)s?|broken chair|light bulb|cleaning|coffee machine"
        r"|kitchen|toilets?|elevator|lift is broken|desk is broken|standing desk)\b", _I)),
    ("general", "general", re.compile(
        r"\b(?:recipes?|bake|baking|cook(?:ing)?|lasagn\w*|dinner ideas|football|soccer|nba|nfl"
        r"|premier league|world cup|super bowl|cricket|formula 1|who won the|stock tips?|stocks? "
        r"(?:to buy|should i buy)|investment advice|crypto\w*|bitcoin|share price|weather|forecast"
        r"|capital of|tell me a joke|horoscope|lottery)\b", _I)),
)
_WRITING = re.compile(
    # "write to Program Files" is a permission problem, not a writing task.
    r"\b(?:write|draft|compose|generate|create|code|implement|build|solve)\b "
    r"(?!to\b|into\b|on\b|in\b|from\b|access\b)(?:me |for me )?"
    r"(?:an? |my |the |some )?(?:\w+ ){0,2}(?:essay|poem|story|cover letter|speech"
    r"|wedding toast|birthday (?:card|message)|love letter|novel|song|lyrics|homework"
    r"|assignment|linkedin post|blog post"
    r"|function|class|program|algorithm|website|web ?app|game|sorting|leetcode|regex)\b", _I)
# Plurals count too: "export all my own tickets ... for my performance review" is about the
# employee's own tickets, not a question for HR.
_IT_CONTEXT = re.compile(
    r"\b(?:log ?in|sign ?in|password|pw|pwd|passwd|passcode|pin|account|access|error|load"
    r"|loading|crash\w*|install\w*|app"
    r"|portal|site|page|website|laptop|vpn|outlook|teams|e-?mail|printer|wi-?fi|browser|tool"
    r"|software|licen[cs]e|mfa|locked|won'?t|doesn'?t|can'?t|cannot|not working|broken link"
    r"|screen|device|excel|pdf|sync|ticket|blank|403|404|500|upload|download|permission"
    r"|submit|form|button|field|attach\w*|hub|erp|crm|timetrack|ledger)s?\b", _I)

HR_REPLY = (
    "I'm sorry you're dealing with this. It deserves a person, not a bot, so I've passed it to "
    "the right team in confidence and they will contact you. You can also reach {hr} directly."
)
SELF_HARM_REPLY = (
    "I'm really sorry you're feeling this way, and I'm glad you said something. You don't have "
    "to go through this alone: I've asked a person to reach out to you now. {crisis}"
)


def _pointer(topic: str, policy: GuardrailPolicy) -> str:
    return (f"That isn't something the IT helpdesk can help with. Please use "
            f"{policy.redirect(topic)}.")


# How another person grants the writer access themselves ("how does she give me delegate
# access herself?", "what steps does my boss follow to share his mailbox with me?"): the other
# person acts, on her own account, and nothing is asked of the assistant. Only granting verbs
# with the writer as receiver; "reset her password, she can change it herself later" asks the
# assistant to act and is not this form.
_HOWTO_THEY_GRANT = re.compile(
    r"\b(?:how|what steps|which steps|what do(?:es)? (?:she|he|they) need to do)\b(?: \w+){0,3}?"
    r" (?:does|do|can|could|should|would|will|has to|have to|need to) (?:she|he|they|(?:my|our)"
    r" (?:\w+ )?(?:boss|manager|supervisor|colleague|co-?worker|team ?mate|lead|director"
    r"|reports?))\b(?: \w+){0,5}? (?:(?:give|grant|share|add|delegate|assign|let|allow|invite)"
    r"\b[^.?!;\n]{0,80}\b(?:me|us)|set (?:me|us) up)\b", _I)
# Access she grants, never her secrets: "how can my manager give me his password?" stays out.
_SECRET = re.compile(r"\b(?:passwords?|passcodes?|pins?|credentials|log-?ins?|mfa|codes?|tokens?"
                     r"|keys?)\b", _I)
_ASKS_ASSISTANT = re.compile(r"(?<!thank )\b(?:you|yourself|u)\b"
                             r"|\b(?:for|on behalf of) (?:her|him|them)\b", _I)


# A sentence that asks for something: an imperative, "I need you to", or a question.
_IMPERATIVE = re.compile(
    r"^(?:(?:please|pls|just|then|and|also|so|ok|okay|now|but|meanwhile),? )*(?:reset|unlock"
    r"|give|grant|show|send|tell|change|disable|enable|open|read|forward|add|remove|delete|wipe"
    r"|check|look|export|list|copy|move|set|make|do|get|pull|find|share|transfer|update)\b", _I)


def _other_person(text: str, ctx: ScreenContext, products: frozenset[str]) -> str | None:
    other = (people.other_person_reason(text, ctx, products)
             or others.other_person_reason(text, ctx))
    if other is None:
        return None
    parts = [p.strip() for p in re.split(r"(?<=[.?!;])\s+", text) if p.strip()]
    howto = [p for p in parts if _HOWTO_THEY_GRANT.search(p)
             and not (_ASKS_ASSISTANT.search(p) or _SECRET.search(p))]
    if not howto:
        return other
    # Around the how-to only the situation may be told ("she's off sick and asked me to manage
    # her calendar"); any other ask there is judged as usual.
    rest = [p for p in parts if p not in howto]
    asks = any("?" in p or _ASKS_ASSISTANT.search(p) or _IMPERATIVE.search(p) for p in rest)
    return other if asks else None


def check_scope(text: str, ctx: ScreenContext, policy: GuardrailPolicy) -> Verdict:
    if SELF_HARM.search(text):
        return Verdict("scope", Action.ESCALATE, ("self-harm language",), "hr_or_legal", 1.0,
                       SELF_HARM_REPLY.format(crisis=policy.crisis_line), "high")
    if HR_LEGAL.search(text):
        return Verdict("scope", Action.ESCALATE, ("HR or legal matter",), "hr_or_legal", 1.0,
                       HR_REPLY.format(hr=policy.redirect("hr")))
    products = catalogue.product_words(policy.catalogue)
    other = _other_person(text, ctx, products)
    if other:
        return Verdict("scope", Action.REFUSE, (other,), "other_person_data", 1.0,
                       "I can only look at or change your own accounts and tickets. The person "
                       "concerned can contact the Service Desk themselves.")
    if _WRITING.search(text):
        return Verdict("scope", Action.REFUSE, ("writing or coding task unrelated to IT support",),
                       "out_of_scope", 1.0, _pointer("general", policy))
    if not _IT_CONTEXT.search(text):
        for topic, redirect, rx in _TOPICS:
            if rx.search(text):
                return Verdict("scope", Action.REFUSE, (f"non-IT topic: {topic}",),
                               "out_of_scope", 1.0, _pointer(redirect, policy))
    grant = people.third_party_grant(text)
    if grant:
        return Verdict("scope", Action.ALLOW, (grant,), "third_party_access")
    return Verdict("scope", Action.ALLOW, ("in scope",))
