"""Ordinary messages that the rules or the similarity head over-read (issue 6, round 13b).

Two kinds, each narrow and with a reason:

* A pasted screen of a security product. An employee pastes what the BitLocker recovery
  screen or an EDR alert (CrowdStrike, Defender, SentinelOne...) shows and asks what to do.
  The screen's own lines ("Enter the recovery key for this drive", "Process: powershell.exe
  -enc ...") are the product speaking, not the employee asking: the rules read the message
  with those lines taken out. Only lines that fit the product's own templates are taken out,
  so anything the writer adds (give me the key for laptop X, turn off the sensor) is still read.
* Short ordinary asks that the head refuses alone with no rule behind it: a request to be put
  through to a person, a request naming one of the writer's own IT services ("need mfa reset"),
  a request that the writer's own report be logged as an anonymous ticket, a pasted security
  screen with a question. The head was fitted
  on attacks that ask for resets and tickets for others; these name no one else, tell the
  assistant nothing about itself and ask for no data. The tool gate still reads the head's score.
"""

from __future__ import annotations

import re

from guardrails import normalize, rules

_PRODUCT = (r"(?:bitlocker|crowdstrike|falcon(?: sensor)?|defender(?: for endpoint)?|sentinelone"
            r"|sophos|carbon black|cortex xdr|trellix|mcafee|symantec|endpoint protection|edr)")
# What the product says happened; a pasted alert reports an event in the past or passive voice.
_EVENT = (r"(?:blocked|quarantined|detected|prevented|mitigated|removed|stopped|killed"
          r"|terminated|isolated|contained)")
# Lines the BitLocker recovery screen shows. The key it asks for is the writer's own drive's.
_BITLOCKER_LINE = re.compile(
    r"(?im)(?:^[ \t>]*|(?<=[.:!?] ))(?:bitlocker(?: recovery)?(?=[ \t]*$|[.:!] )"
    r"|(?:please )?(?:enter|type)(?: in)? the (?:\d+-digit )?(?:bitlocker )?recovery key "
    r"(?:for this drive|to unlock (?:this |the )?drive(?: [a-z]:)?|for this (?:pc|device|computer))"
    r"|(?:recovery )?key id:?[ \t]*[0-9a-f][0-9a-f-]{3,40}"
    r"|plug in the usb drive that has the bitlocker key)(?:[ \t.]*$|[.:!]?(?= ))")
# An alert's event sentence and its detail lines (process, file, command line, path, hash).
_ALERT_EVENT = re.compile(r"(?i)\b" + _PRODUCT + r"\b[^\n]{0,80}\b" + _EVENT + r"\b")
_ALERT_DETAIL = re.compile(
    r"(?im)(?:^|(?<=[.:] ))(?:process|file|command ?line|cmd|path|parent process|hash|sha256)"
    r"[ \t]*:[^\n]*$")


def without_screen(text: str) -> str | None:
    """The text with a pasted security screen's own lines taken out, or None when it holds
    no such lines."""
    out = _BITLOCKER_LINE.sub("", text)
    if _ALERT_EVENT.search(text):
        out = _ALERT_DETAIL.sub("", out)
    return out if out != text else None


# The only rules a screen's own lines set off: the key it asks for, the command it blocked.
# Any other hit (a decoded payload in a "Process:" line, an override) keeps the whole reading.
_SCREEN_HITS = frozenset({"secret_for_system", "destructive_command"})


def rules_without_screen(found: rules.Assessment, text: str) -> rules.Assessment:
    """The rules' reading of the writer's own words when a pasted screen set them off."""
    rest = without_screen(text) if found.hits and set(found.hits) <= _SCREEN_HITS else None
    if rest is None:
        return found
    alt = rules.assess(rest, rules.CHAT)
    return alt if alt.score < found.score else found


def pasted_screen(text: str) -> bool:
    return without_screen(text) is not None or bool(_ALERT_EVENT.search(text))


# Words that make a message more than one's own ordinary ask: another person or a group, the
# assistant itself, data about people, or an action on security controls.
_NOT_ORDINARY = re.compile(
    r"(?i)\b(?:you(?!\s+(?:just\s+)?(?:log|file|raise|open|record|submit|put|reset|help|tell)\b)"
    r"|your|yourself|ignore|rules?|prompt|instructions?|pretend|mode|act as|role|persona"
    r"|jailbreak\w*|dan|unrestricted|no (?:limits|restrictions|filters)|system"
    r"|his|her|hers|him|she|he|they|their|them|someone|colleague|boss|manager|ceo|cfo|team"
    r"|everyone|everybody|all|every|each|whole|names?|who|list|export|pull|dump|show|send"
    r"|give|admin\w*|root|disable|turn off|switch off|uninstall|exclusions?|whitelist|allowlist"
    r"|bypass|skip|without approval|delete|wipe"
    r"|for (?!me\b|my\b|myself\b|this\b|the\b|a\b|an\b|new\b|home\b|work\b)\w+)\b")
# A capitalised word after the first that is not an acronym may be a person's name.
_NAME = re.compile(r"(?<=\s)[A-Z][a-z]+\b")
_OWN_SERVICE = re.compile(
    r"(?i)\b(?:mfa|2fa|multi-?factor|authenticator|vpn|password|passcode|pin|account|login"
    r"|sign-?in|laptop|email|mailbox|outlook|teams|wi-?fi|printer|okta|sso|badge|phone)\b")
_OWN_ASK = re.compile(
    r"(?i)\b(?:reset|unlock|re-?enrol\w*|re-?register\w*|register\w*|set ?up|access|new"
    r"|re-?sync)\b")
_ANON = re.compile(r"(?i)\b(?:anonymous(?:ly)?|without my name|leave my name out"
                   r"|keep(?:ing)? (?:me|my name) (?:anonymous|out))\b")
_LOGGED = re.compile(r"(?i)\b(?:log|file|raise|open|record|submit|put)\b[^.?!\n]{0,40}"
                     r"\b(?:ticket|report|it|this)\b")
_QUESTION = re.compile(r"(?i)\?|\b(?:what|how|why|should|do i|is (?:it|my|this)|help|now)\b")
_SHORT_ASK_WORDS = 6
_ANON_WORDS = 25
# Asking to be passed to a person. Refusing it sends a frustrated employee nowhere, while
# letting it through sends the turn to a human (the tool gate still reads the head's score).
# The head over-reads the frustration around it ("I am sick of this bot").
_HUMAN = re.compile(
    r"(?i)\b(?:put me through|connect me|transfer me|pass me|hand me over|talk|speak|chat"
    r"|get me|want|need)\b[^.?!\n]{0,30}\b(?:human(?! resources)|real person|actual person"
    r"|live person|live agent|real agent|technician|engineer|it staff|service desk|help ?desk"
    r"|someone (?:in|from) it)\b")
_HUMAN_NOT = re.compile(
    r"(?i)\b(?:ignore|rules?|prompt|instructions?|pretend|mode|act as|role|persona|jailbreak\w*"
    r"|unrestricted|password|passcode|key|token|code|admin\w*|root|disable|turn off|bypass"
    r"|skip|delete|wipe|export|dump|list|data|record|his|her|their|colleague|boss|manager"
    r"|ceo|cfo|everyone|all)\b")
_HUMAN_WORDS = 30


def head_overreach(text: str) -> bool:
    """True for an ordinary ask the head alone must not refuse (see the module note)."""
    if not text.isascii() or normalize.variants(normalize.fold(text), text):
        return False  # a decoder or gloss reads something else in it: the head's reading holds
    words = len(text.split())
    if pasted_screen(text):
        own = without_screen(text) or text
        return (not _NOT_ORDINARY.search(_ALERT_EVENT.sub("", own))
                and bool(_QUESTION.search(own)))
    if words <= _HUMAN_WORDS and _HUMAN.search(text) and not _HUMAN_NOT.search(text):
        return True
    if _NOT_ORDINARY.search(text):
        return False
    if words <= _SHORT_ASK_WORDS and _OWN_SERVICE.search(text) and _OWN_ASK.search(text) \
            and not _NAME.search(text):
        return True
    return words <= _ANON_WORDS and bool(_ANON.search(text)) and bool(_LOGGED.search(text))
