"""Abuse aimed at the agent or at staff: the first time a warning, after that a refusal.

Frustration at things ("this stupid printer") is not abuse; insults or threats aimed at a
person, the agent or the IT team are. Threats get the same two-step treatment by design of the
brief; the app may additionally flag them to security from the verdict's reasons.
"""

from __future__ import annotations

import re

from guardrails.policy import GuardrailPolicy, ScreenContext
from guardrails.verdict import Action, Verdict

_I = re.IGNORECASE
_TARGET = (r"(?:you|you'?re|you are|ur|u r|this (?:\w+ )?(?:bot|ai|chatbot|assistant|thing)"
           r"|the (?:help ?desk|service desk|it (?:team|department|support|staff|people|guys))"
           r"|it (?:team|department|support|staff|people|guys)|your (?:team|department|staff)"
           r"|you (?:guys|people|lot|all))")
_INSULT = (r"(?:idiot(?:ic|s)?|stupid|dumb|moron(?:ic|s)?|useless|incompetent|pathetic"
           r"|worthless|garbage|trash|crap|shit|clowns?|imbeciles?|retard\w*|losers?|brain ?dead"
           r"|piece of (?:shit|crap|junk|garbage))")
INSULT = re.compile(
    rf"\b{_TARGET}\b[^.!?\n]{{0,25}}\b{_INSULT}\b"
    r"|\b(?:fuck|f\*+k|screw)\s*(?:you|off|this bot|u)\b|\bshut (?:up|the fuck up)\b"
    r"|\bgo to hell\b|\b(?:stupid|dumb|useless|fucking|f\*+ing|worthless|pathetic) (?:bot|ai|"
    r"machine|chatbot|assistant|help ?desk|it (?:guys|team|people)|service desk)\b", _I)
THREAT = re.compile(
    r"\b(?:i'?ll|i will|i'?m going to|i am going to|gonna)\s+(?:find|hurt|kill|beat|punch|"
    r"smash|stab|shoot|destroy|burn|come for|get)\b[^.!?\n]{0,30}\b(?:you|them|him|her|the it"
    r"|the help ?desk|staff|technicians?|the guy|your (?:team|staff|office)|everyone)\b"
    r"|\bwatch your back\b|\byou'?(?:ll| will) regret\b|\bi know where (?:you|they) (?:live|work)",
    _I)

WARNING = ("I want to help, and I will, but please keep the conversation respectful. If it "
           "continues, I'll have to end this chat.")
REFUSAL = ("I'm ending this conversation because of the language used. You can start a new "
           "chat or call the Service Desk when you're ready.")


def check_abuse(text: str, ctx: ScreenContext, policy: GuardrailPolicy) -> Verdict:
    kind = "threat" if THREAT.search(text) else "insult" if INSULT.search(text) else None
    if kind is None:
        return Verdict("abuse", Action.ALLOW, ("no abuse",))
    if ctx.abuse_warned:
        return Verdict("abuse", Action.REFUSE, (f"{kind} after a warning",), "abuse", 1.0,
                       REFUSAL)
    return Verdict("abuse", Action.ALLOW, (f"{kind}: first warning",), "abuse_warning", 1.0,
                   WARNING)
