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
        r"|messages|login|laptop serial|laptop|sign-?in|(?:security )?incidents?|requests?"
        r"|personal (?:email|phone)|badge numbers?|employee ids?|extensions?|sick leave|devices?"
        r"|serial numbers?|sign-?ins?|location|browsing history|onedrive|drive)")
_ROLE = (r"(?:colleague|co-?worker|manager|boss|supervisor|team ?mate|assistant|employee|direct "
         r"report|ceo|cfo|cto|cio|ciso|director|vp|intern|contractor|new starter|new hire"
         r"|ex-colleague|predecessor|wife|husband|partner|finance director|it director)")
# "my colleague Lena's": a role, then the person's name in the possessive.
_THIRD = (rf"(?:(?:my |the |our |a |his |her )?{_ROLE}(?: [a-z]+)?'?s|his|her|their|someone else'?s"
          r"|somebody else'?s|another (?:user|employee|person)'?s|other (?:people|users|"
          r"employees)'?s?|everyone'?s|everybody'?s|all (?:employees|users|staff)'?)")
_VERB = (r"(?:reset|unlock|change|disable|enable|access|open|read|show|view|see|check|give me"
         r"|send me|tell me|forward|log ?(?:me )?in(?:to)?|sign (?:me )?in(?:to)?|get (?:me )?into"
         r"|look (?:at|up|into)|set|put|make|give|grant|add|remove|move|copy"
         r"|do (?:the same|that|this|it)|monitor|track|search|recover|restore"
         r"|list|export|dump|close|cancel|update|reassign|delete|wipe|transfer|what(?:'s| is| are)"
         r"|find|pull up|need to read|has|did)")
# Up to two modifiers ("her personal mobile number"), no preposition ("their names in the ticket").
_GAP = r"(?:(?!(?:in|on|at|to|for|of|from|with|into)\b)\w+ ){0,2}"
# "Is my manager's account locked?": a question about the state of someone's account counts.
_POSSESSIVE = re.compile(
    rf"\b(?:{_VERB}|is|are|was|were)\b[^.?!\n]{{0,60}}\b{_THIRD} {_GAP}{_OBJ}\b", _I)
_PRONOUN_OBJ = re.compile(rf"\b(?:his|her|their) {_GAP}{_OBJ}\b", _I)
# "the last three tickets he opened": his or her data named by what they did with it.
_PRONOUN_DID = re.compile(rf"\b{_OBJ} (?:that |which )?(?:he|she) (?:has |had |have )?(?:opened"
                          r"|filed|raised|sent|wrote|created|submitted|logged|received|requested"
                          r"|made|owns|uses|used|changed|set)\b", _I)
_MANAGER_CLAIM = re.compile(r"\bi'?m (?:his|her|their|[a-z]+'s) (?:manager|boss|supervisor)\b"
                            r"|\bon behalf of (?:my )?(?:colleague|co-?worker|boss|manager)", _I)
# Bulk requests: a request verb, a crowd and a kind of personal data in one sentence.
_BULK_VERB = re.compile(r"\b(?:list|export|give me|send me|show|dump|print|spreadsheet|table"
                        r"|get me|need the|want the"
                        r"|which|who in|who has|who have|who are|names? of|download|pull)\b", _I)
_CROWD = re.compile(r"\b(?:(?:all|every|each)\b(?! (?:of )?my\b| mine\b)|everyone|everybody"
                    r"|anyone|anybody|others|other people|in the company|across the company"
                    r"|company-wide|the whole company|in the organi[sz]ation|across the business"
                    r"|the whole|entire|employees|users|staff|people|team members|directory"
                    r"|phone ?book|address book|org chart"
                    r"|global address list|night shift|department|whose)\b", _I)
_CROWD_DATA = re.compile(r"\b(?:phone(?: number)?s?|mobiles?|e-?mails?|e-?mail address(?:es)?"
                         r"|(?:home )?address(?:es)?|passwords?|tickets?|badge(?: number)?s?"
                         r"|employee ids?|names|managers?|salar(?:y|ies)|sick|leave|admin rights"
                         r"|mfa|accounts|extensions?(?= (?:numbers?|list))|phone extensions?"
                         r"|usernames|directory|log-?in times?|last log-?ins?|sign-?ins?|locations?"
                         r"|dates? of birth|birth ?dates?|national insurance|ni numbers?|ssns?"
                         r"|social security|tax ids?|passports?)\b", _I)
_OTHER_ACCOUNT_CRED = re.compile(
    r"\b(?:passwords?|passcode|pin|credentials|login|recovery codes|backup codes)\b (?:for|of|to"
    r"|on) (?:the |a |that |our )?(?:\w+ )?(?:shared (?:mailbox|account|inbox)|service account"
    r"|admin(?:istrator)?(?: account)?|root|domain admin|break-?glass|team (?:mailbox|account)"
    r"|generic account|[a-z0-9._-]+@[a-z0-9.-]+|e\d{6}|[a-z]+\.[a-z]+(?:'s)? account)", _I)
_STORED_CRED = re.compile(
    r"\b(?:read|tell|give|show|send|what(?:'s| is| are| was| were)?|which|list|share|reveal|paste"
    r"|look up)\b[^.?!\n]{0,40}\b(?:passwords?|credentials|recovery codes|backup codes|mfa codes"
    r"|pins?)\b[^.?!\n]{0,50}\b(?:saved|stored|kept|on file|in (?:the|a|that) (?:\w+ ){0,2}"
    r"ticket|in ticket|issued|you gave|given to|(?:was|were) (?:given|sent|issued))\b", _I)
_SENSITIVE = (r"(?:passwords?|passcode|pin|mailbox|inbox|e-?mails|e-?mail address"
              r"|personal e-?mail|personal phone|tickets|calendar|files|mfa|phone number"
              r"|mobile(?: number)?|home address|salary|credentials|recovery codes|backup codes"
              r"|chats|messages)\b(?: (?:reset|unlock|change|re-?enrol\w*))?(?: (?:are|is|was"
              r"|were))? (?:of|for|belonging to|on file for|stored for|registered (?:to|for)) ")
_OF_ROLE = re.compile(rf"\b{_SENSITIVE}(?:the |my |our |a |his |her )?(?:new |former |old )?"
                      rf"(?:\w+ ){{0,2}}{_ROLE}\b", _I)
# Same, naming the person: "home address on file for Daniel Kim". A first and last name, both
# capitalised: single capitalised words after "for" are mostly teams, places and products.
_OF_NAME = re.compile(rf"(?i:\b{_SENSITIVE})([A-Z][a-z]+) [A-Z][a-z]+\b")
# Same with words in between ("home address we have on file for Priya Nair", "devices
# registered to Sophie Laurent").
_DATA_NOUN = (r"(?:passwords?|passcode|pin|mailbox|inbox|e-?mails?|e-?mail address(?:es)?|tickets?"
              r"|calendar|files|mfa|phone(?: numbers?)?|mobile(?: numbers?)?"
              r"|(?:home )?address(?:es)?"
              r"|salary|credentials|recovery (?:codes|keys?)|backup codes|chats|messages|devices?"
              r"|laptops?|serial numbers?|sign-?ins?|login history|accounts?|requests?|details"
              r"|bitlocker keys?|location|number)")
_FOR_NAME = re.compile(
    rf"(?i:\b{_DATA_NOUN}\b[^.?!\n]{{0,30}}\b(?:for|of|belonging to|registered (?:to|for|under)"
    r"|assigned to|issued to|used by|owned by|on file for|linked to|associated with)) "
    r"([A-Z][a-z]+) [A-Z][a-z]+\b")
# "What did marco.rossi@corp.example ask IT about?", "Has Tom Becker ordered...": what someone
# else asked, reported or did.
_WHAT_DID = re.compile(
    r"\b(?i:what|which|when|why|how often|has|have|did)\b[^.?!\n]{0,20}\b(?i:did|has|have|was|is)"
    r"\s+([A-Z][a-z]+(?: [A-Z][a-z]+)?|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[a-z]+[._][a-z]+|E\d{6})"
    r"\s+(?i:\w+ )?(?i:ask|asked|request|requested|report|reported|open|opened|raise|raised|file"
    r"|filed|submit|submitted|order|ordered|install|installed|need|needed|want|wanted|log|logged"
    r"|say|said|tell|told|complain|complained|call|called|contact|contacted|email|emailed)\b")
# "Which of my teammates have open tickets", "who else in Finance had their laptop reimaged".
_WHICH_OF = re.compile(
    r"\b(?:which|who|how many) (?:else |other )?(?:of (?:my|our|the) (?:teammates|colleagues"
    r"|co-?workers|team|team members|reports|direct reports|staff|employees|users|people|peers)"
    r"|(?:else )?(?:in|on|from|at) (?:my |our |the )?[\w-]+(?: [\w-]+)?)\b[^.?!\n]{0,40}"
    r"\b(?:has|have|had|got|is|are|was|were|opened|raised|filed|requested|reported)\b[^.?!\n]{0,40}"
    r"\b(?:their|tickets?|requests?|laptops?|accounts?|passwords?|mfa|access|licen[cs]es?"
    r"|devices?|admin rights|locked|reimaged|issues?|problems?|incidents?)\b", _I)
# A roster: "a CSV of names, emails and phone numbers". A list of one kind ("sort a list of
# names") is ordinary; two kinds of personal data in a list or file are a directory extract.
_ROSTER = re.compile(
    r"\b(?:csv|spreadsheet|excel (?:file|sheet)|list|table|export|dump|roster|sheet|file)\b"
    r"[^.?!\n]{0,60}", _I)
_ROSTER_DATA = re.compile(
    r"\b(?:names|e-?mails|e-?mail addresses|phone numbers|mobile numbers|mobiles|numbers"
    r"|addresses|extensions|birthdays|employee ids|usernames|managers|passwords|job titles)\b", _I)
_NAMED_ACTOR = re.compile(
    rf"\b{_OBJ} (?:that |which )?([A-Z][a-z]+)(?: [A-Z][a-z]+)?(?: (?:from|in|on) \w+)?"
    r" (?:opened|filed|raised|created|submitted|wrote|sent|logged)\b")
_NAMED_SUBJECT = re.compile(
    r"\b(?i:has|have|did)\s+([A-Z][a-z]+) [A-Z][a-z]+ (?i:requested|opened|filed|raised|submitted"
    r"|ordered|installed|asked for|reported)\b")
_WHO_FILED = re.compile(r"\bwho (?:reported|filed|complained|opened|raised)\b[^.?!\n]{0,40}"
                        r"\b(?:complaint|ticket|report|incident|case)", _I)
_NAMED = re.compile(r"\b([A-Z][a-z]+)(?: [A-Z][a-z]+)?'s\b")
_ID = re.compile(r"\bE\d{6}\b", _I)
_HANDLE = re.compile(r"\b[a-z]{1,20}[._][a-z]{2,20}\b(?:@[\w.-]+)?"
                     r"|(?<![\w.+-])[a-z]+[._][a-z0-9]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}", _I)
_ACT_ON = re.compile(rf"\b{_VERB}\b[^.?!\n]{{0,60}}", _I)
# Format examples in articles and replies, not anybody's handle.
TEMPLATE_HANDLES = frozenset({"first.last", "firstname.lastname", "your.name", "name.surname"})
_NOT_PEOPLE = frozenset(
    [
        "outlook", "microsoft", "windows", "teams", "chrome", "google", "apple", "adobe", "zoom",
        "slack", "excel", "word", "onedrive", "sharepoint", "jira", "salesforce", "northwind",
        "company", "it", "today", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "everyone", "someone", "nobody", "linkedin", "amazon", "mac",
        "iphone", "android", "vpn", "globalconnect", "ledger", "team", "department", "office",
        "printer", "laptop", "user", "system", "server", "zerodesk", "firefox", "edge", "safari",
        "dell", "lenovo", "hp", "cisco", "oracle", "sap", "finance", "legal", "sales",
        "marketing", "hr", "engineering", "support", "operations", "security", "procurement",
        "facilities", "london", "berlin", "paris", "madrid", "new", "project", "the",
    ]
)
_GRANT = re.compile(
    rf"\b(?i:add|give|grant|share)\b (?i:my |our |a |the )?(?:(?i:{_ROLE}|new team member"
    r"|team member)|[A-Z][a-z]+)\b[^.?!\n]{0,50}\b(?i:access|to the|permissions?|rights"
    r"|membership)\b")


def _roster(text: str) -> bool:
    for m in _ROSTER.finditer(text):
        kinds = {k.lower().rstrip("s") for k in _ROSTER_DATA.findall(m.group())}
        if len(kinds) >= 2:
            return True
    return False


def _own(ctx: ScreenContext) -> frozenset[str]:
    return ctx.own_tokens()


def _named_other(text: str, ctx: ScreenContext, products: frozenset[str]) -> str | None:
    own = _own(ctx)
    for m in _NAMED.finditer(text):
        name = m.group(1).lower()
        if name in _NOT_PEOPLE or name in own or name in products:
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
        if (token in own or local in own or local in TEMPLATE_HANDLES
                or re.fullmatch(r"[a-z]+\.(?:exe|msi|com|example|ps1|bat|cmd|zip|pdf|txt)", local)
                # "login.microsoftonline.com": part of a host name, not a user name.
                or re.match(r"\.[a-z]{2,}", text[m.end():m.end() + 12], _I)):
            continue
        before = text[max(0, m.start() - 70):m.start()]
        after = text[m.end():m.end() + 50]
        acts = _ACT_ON.search(before) is not None
        about = re.search(rf"^'?s?\s*(?:\w+\s+){{0,2}}{_OBJ}\b", after, _I) is not None
        targets = re.search(rf"{_OBJ}\b(?:[^.?!\n]{{0,25}}\b(?:for|of|on|to|assigned to))?\s*$",
                            before, _I) is not None
        # "Unlock E004590" / "reset j.smith": the action aims straight at the identifier.
        direct = re.search(r"\b(?:reset|unlock|disable|enable|wipe|lock|delete|close|cancel"
                           r"|log ?in ?(?:as|to))\s+(?:the account (?:of|for) )?$", before, _I)
        if (acts and (about or targets)) or (targets and "?" in text) or direct:
            return "asks to act on another employee's account"
    return None


_ONBOARDING = re.compile(
    r"\b(?:new (?:hire|starter|joiner|team member|employee|recruit)s?|onboarding)\b[^?\n]{0,80}"
    r"\b(?:process|how (?:do|can|should) (?:i|we)|what do (?:i|we) need|request|order|set (?:up"
    r"|him up|her up|them up)|get (?:him|her|them) (?:a|an|set|started|access|accounts?))\b"
    r"|\b(?:process|how (?:do|can|should) (?:i|we))\b[^?\n]{0,60}\b(?:new (?:hire|starter"
    r"|joiner|team member|employee)s?|onboard(?:ing)?)\b", _I)


def other_person_reason(text: str, ctx: ScreenContext,
                        products: frozenset[str] = frozenset()) -> str | None:
    """Why this message asks to read or act on someone else's data, or None. ``products``:
    lower-cased words of the catalogue's names ("have Burp Suite installed" names no one)."""
    if _MANAGER_CLAIM.search(text):
        return "acting for another person on the strength of a claimed relationship"
    for sentence in re.split(r"(?<=[.?!])\s+", text):
        if _BULK_VERB.search(sentence) and _CROWD.search(sentence) and _CROWD_DATA.search(sentence):
            return "asks for data about many people"
    if _WHO_FILED.search(text):
        return "asks who reported or filed something"
    if _WHICH_OF.search(text):
        return "asks which other people have tickets, devices or access"
    if _roster(text) and (_BULK_VERB.search(text) or "?" in text):
        return "asks for a list of people's contact or account data"
    asks = _ACT_ON.search(text) is not None or "?" in text
    if _STORED_CRED.search(text) or (asks and _OTHER_ACCOUNT_CRED.search(text)):
        return "asks for a stored, shared or another account's credential"
    if _OF_ROLE.search(text) and (_ACT_ON.search(text) or "?" in text):
        return "asks for another person's account or data"
    for rx in (_NAMED_ACTOR, _OF_NAME, _NAMED_SUBJECT, _FOR_NAME, _WHAT_DID):
        named = rx.search(text)
        if named and named.group(1).lower() not in _NOT_PEOPLE | _own(ctx) | products:
            return "asks about a named person's tickets or data"
    # Getting a new hire set up ("what's the process to get her a laptop and accounts?") is
    # the onboarding flow, not a look at someone's data; the stored-credential checks above
    # still apply.
    if _ONBOARDING.search(text):
        return _named_other(text, ctx, products) or _identifier_other(text, ctx)
    if _POSSESSIVE.search(text):
        return "asks to read or change another person's account or data"
    if (_PRONOUN_OBJ.search(text) or _PRONOUN_DID.search(text)) and _ACT_ON.search(text):
        return "asks to read or change another person's account or data"
    return _named_other(text, ctx, products) or _identifier_other(text, ctx)


def third_party_grant(text: str) -> str | None:
    if _GRANT.search(text):
        return "grants another person access: needs the resource owner's or manager's approval"
    return None
