"""Patterns for lures reported to us: impersonation, security alerts, a forwarded lure.

People tell us about attacks by describing or pasting them: an EDR alert with the encoded
PowerShell it blocked, a "CEO" asking for gift cards, a team lead asking for a password, a
forwarded "IT Support" mail. Each pattern needs a person (or a security product) on the other
side, so "Outlook keeps asking for my password" stays a sign-in question. Pure patterns;
``rules.RULES`` decides their order and ``reports`` uses them for the input screen.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

_SECRET = (r"(password|passcode|pin|credentials|login details|log-?in details|mfa code|"
           r"(verification|verify|one-time|sign-?in|security|authenticator|2fa|sms) codes?|otp)")
# Who asks for it: a person (often one we trust), never "Outlook keeps asking for my password".
_ASKER = (r"(he|she|they|someone|somebody|some ?one|caller|guy|man|woman|lead|manager|boss|"
          r"colleague|co-?worker|ceo|cfo|cto|coo|director|executive|president|chairman|person|"
          r"stranger|vendor|supplier|recruiter|contractor|customer|client|md)")
_EXEC = r"(ceo|cfo|cto|coo|md|managing director|finance director|director|boss|executive|" \
        r"president|chairman|founder)"
IMPERSONATION = re.compile(
    rf"\b{_ASKER}\b[^.?!\n]{{0,40}}\b(asked|asking|asks|ask|wants|wanted|requested|requesting|"
    rf"demanded|demanding)\b (me )?(for |to (send|give|share|tell|read|confirm)( (him|her|them))?"
    rf" )?((my|our|the|a|his|her|their) )?([\w-]+ )?{_SECRET}\b"
    rf"(?! (to be |be )?(reset|changed|unlocked))|"
    rf"\b(claiming|pretending|purporting|posing|saying)( to be| as|( that)? (he|she|they) "
    rf"(was|were|is|are)( from)?)\b[^.?!\n]{{0,20}}\b(the |our |a |an )?({_EXEC}|it|service ?desk|"
    rf"help ?desk|support|microsoft|bank|police|hr|payroll|it department)\b|"
    rf"['\"‘“](the |our )?{_EXEC}['\"’”]|"
    rf"\b(gift ?cards?|(apple|amazon|itunes|google play|steam) (cards?|vouchers?))\b"
    rf"[\s\S]{{0,160}}\b({_EXEC}|favou?r|codes?|confidential|urgent\w*)\b|"
    rf"\b({_EXEC}|favou?r|need you to)\b[\s\S]{{0,160}}\b(gift ?cards?|(apple|amazon|itunes|"
    rf"google play|steam) (cards?|vouchers?))\b|"
    rf"\b{_EXEC}\b[^.?!\n]{{0,80}}\b(pay|transfer|wire|change|update)\b[^.?!\n]{{0,60}}"
    rf"\b(bank|account|iban|supplier|invoice|payment)\b[^.?!\n]{{0,60}}\b(urgent\w*|today|"
    rf"asap|felt off|odd|strange|weird|suspicious|new)\b", _I)

# Someone posing as IT: "someone on Teams said he was from the helpdesk", "a man from 'IT'
# called me". A report when the employee did something for them; a question ("is that
# legit?") when not, so ``rules`` gives it the stance of an act.
POSING_AS_IT = re.compile(
    r"\b(said|says|told me|claimed|introduced (him|her|them)sel(f|ves) as)( that)? (he|she|they)"
    r"('s| is| was| were| are)? (from|with|in) (the |our |a |an )?(it|it support|service ?desk|"
    r"help ?desk|support|tech support|microsoft|security( team)?|bank|police|payroll)\b|"
    r"['\"‘“](it|it support|tech support|help ?desk|service ?desk|support|microsoft|security)"
    r"['\"’”]", _I)

# A security product's alert, or the command line it stopped.
SECURITY_ALERT = re.compile(
    r"\b(powershell|pwsh)(\.exe)?\b[^\n]{0,80}\s-(e|ec|enc|encodedcommand)\b|"
    r"\b(suspicious|malicious) (activity|behaviou?r|process|script|file|code|connection|"
    r"command)\b[^\n]{0,20}\b(was )?(blocked|detected|prevented|found|quarantined|stopped)\b|"
    r"\b(crowdstrike|falcon|sentinel ?one|defender|sophos|carbon black|edr|antivirus|"
    r"anti-virus|mcafee|symantec|eset|malwarebytes)\b[^\n]{0,80}(?<!\bno )(?<!\b0 )\b(blocked|"
    r"quarantined|threats?|malicious|trojan|ransom\w*|malware)\b", _I)

# What an employee says about a pasted or forwarded lure when reporting it.
SUSPICION = re.compile(
    r"\b(looks?|looked|seems?|seemed|felt|feels?|smells?) (very |a bit |really |quite )?"
    r"(dodgy|fishy|phishy|fake|suspicious|off|wrong|weird|odd|strange|like (a )?(scam|phish\w*|"
    r"fake))\b|\b(phish\w*|scam\w*|spam|dodgy|fishy|suspicious|fake|not (legit|real|genuine))\b|"
    r"\b(reporting|flagging) (it|this)\b|\bis (this|it) (legit|real|genuine|safe)\b|"
    r"\bnot sure what to do with (it|this)\b|\bwhat (do|should) i do with (it|this)\b", _I)
# A forwarded mail the employee sends on because it looks like a lure ("looks dodgy,
# reporting it"), not a question about one ("is there a button to report it?").
LURE_REPORT = re.compile(
    r"^\s*(?:(?:fw|fwd)\s*:|-+\s*forwarded message|begin forwarded message)[\s\S]*\n\s*\n"
    r"[\s\S]*?(\b(reporting|flagging|forwarding) (it|this)\b(?![^\n]{0,20}\?)|"
    r"\b(looks?|looked|seems?) (very |a bit |really |quite )?(dodgy|fishy|phishy|fake|"
    r"suspicious|like (a )?(scam|phish\w*)))\b", _I)
