"""Find the employee's own words: drop forwarded headers, quoted mail, greetings and sign-offs.

Real messages arrive as "FW: ..." with a header block, as "Hello, good morning! ..." with the
request in the middle, or with a "Thanks, Femke" at the end. The classifier should see what
the employee asks, not the envelope; the safety rules still read the whole text.
"""

from __future__ import annotations

import difflib
import re

# A header line, also inside a quote ("> From: ...", "> Sender: ...").
_HEADER = re.compile(
    r"^\s*(>\s*)?(-{2,}\s*(forwarded|original) message\s*-*|begin forwarded message:?|"
    r"(from|to|cc|sent|date|sender|reply-to|attachment|attachments)\s*:.*)\s*$",
    re.IGNORECASE,
)
_SUBJECT = re.compile(r"^\s*subject\s*:\s*(.*)$", re.IGNORECASE)
_FW = re.compile(r"^\s*((fw|fwd|re)\s*:\s*)+", re.IGNORECASE)
_GREETING = re.compile(
    r"^\W*((hi+|hel+o+|hey+|hiya|hal+o+|heya|yo|dear|good (morning|afternoon|evening|day)"
    r"|morning|evening|afternoon|greetings)\b[\w ]{0,25}?(team|all|there|it|everyone|folks|"
    r"guys|support|helpdesk|service ?desk)?\b[\s!,.:;-]*)+",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"[\s,.!]*\b(thanks|thank you|thx|cheers|regards|kind regards|best|br|many thanks)"
    r"( in advance| a lot| so much)?[\s,.!]*(\w+)?[\s.!]*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z0-9]", re.IGNORECASE)


def is_forwarded(text: str) -> bool:
    lines = text.splitlines()
    return bool(_FW.match(text)) and len(lines) > 1 or any(_HEADER.match(x) for x in lines)


def own_words(text: str) -> str:
    """The employee's part of a forwarded or pasted message (the last paragraph they wrote),
    or the message itself when it is not one."""
    if not is_forwarded(text):
        return text
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    mine = [p for p in paragraphs
            if not all(_HEADER.match(x) or _SUBJECT.match(x) or x.startswith(">")
                       for x in p.splitlines())]
    if not mine:
        return text
    last = mine[-1]
    if len(mine) > 1 and last.startswith(">"):
        return text
    return last if len(last.split()) >= 3 else " ".join(mine[-2:])


# "thanks, can you reset my MFA?", "thx Snagit please": thanks that open a request say nothing
# about it. "thanks for the quick fix" is about the thanks, so it stays.
_THANKS_LEAD = re.compile(r"^\W*(many thanks|thanks( a lot| so much| again| in advance)?|"
                          r"thank you|thx|ty|cheers)\b(?!\s+for\b)[\s,.!:;-]*", re.IGNORECASE)


def strip_pleasantries(text: str) -> str:
    """Without a leading greeting or thanks, or a trailing sign-off; unchanged if nothing else
    is left."""
    core = _GREETING.sub("", text, count=1)
    rest = _THANKS_LEAD.sub("", core, count=1)
    if len(rest.split()) >= 3:
        core = rest
    core = _SIGN_OFF.sub("", core, count=1) if len(core.split()) > 4 else core
    return core.strip() if _WORD.search(core) else text.strip()


def only_pleasantries(text: str) -> bool:
    """Nothing but hello (and "is anyone there?"): a greeting, not a question."""
    core = _GREETING.sub("", text.strip(), count=1)
    core = re.sub(r"\b(is (this|that) (the )?(it|help ?desk|service ?desk|support)( chat| desk)?|"
                  r"any(one|body) (there|around|here|home|online)|still open|are you there|"
                  r"(is|are) (the )?((it|service|help) ?)?(desk|support|chat|you) (still )?"
                  r"open( (now|today|yet))?|"
                  r"how are you( today| doing)?|is this (thing )?(on|working)|"
                  r"hope you('| a)re (well|ok|good)|"
                  r"are you (a |an )?(bot|robot|human|real|person|ai|machine)|"
                  r"(to )?(it|help ?desk|team|all|everyone|all of you|of you|you all|folks|"
                  r"there))\b", "", core,
                  flags=re.IGNORECASE)
    return core != text.strip() and not _WORD.search(core)


_REDACTED = re.compile(r"\[REDACTED:[A-Z_]+\]")


_ACK_LEAD = re.compile(
    r"^\W*((ok(ay)?|got it|thanks?|thank you|cheers|great|cool|noted)[\s,.!]+)+"
    r"((a )?(different|another|new|other|separate) (question|thing|topic)|one more thing)?"
    r"[\s,.:!-]*", re.IGNORECASE)


def question_part(text: str) -> str:
    """"got it. Different question, what's the guest Wi-Fi?" -> "what's the guest Wi-Fi?":
    what the knowledge base should search for."""
    core = _ACK_LEAD.sub("", _REDACTED.sub(" ", text), count=1).strip()
    return core if len(core.split()) >= 3 else text


def focus(text: str) -> str:
    """What the classifier should read. A redacted secret says nothing about the request:
    "my card is [REDACTED:CARD]" is not about passwords or cards being reset."""
    return strip_pleasantries(own_words(_REDACTED.sub(" ", text)))


# The words the rules hang on. A slip in one of them ("pohne", "pasword", "cloesd") should not
# turn a stolen phone into a how-to question.
KEYWORDS = (
    "phone", "laptop", "password", "stolen", "locked", "unlock", "forgot", "forgotten",
    "expired", "authenticator", "phishing", "clicked", "attachment", "cancel", "reopen",
    "install", "printer", "keyboard", "account", "ticket", "closed", "monitor", "battery",
    "swollen", "cracked", "screen", "broken", "request", "access", "virus", "hacked",
    "person", "human", "someone", "technician", "floor", "airport", "down",
    # Whose account it is: "reset the password for my coworekr" asks for someone else's.
    "colleague", "coworker", "manager",
)
# Real words close to a keyword, kept as they are.
_KEEP = frozenset({"close", "closes", "lock", "locks", "locker", "phones", "laptops", "screens",
                   "tickets", "requests", "printers", "monitors", "accounts", "cancels", "click",
                   "clicks", "stole", "expires", "expire", "installs", "broke", "resent",
                   "colleagues", "coworkers", "managers", "managed"})
_TOKEN = re.compile(r"[A-Za-z]{4,}")


# Chat shorthand for the words the rules hang on: "is teams dwn for evry1?".
_SHORTHAND = {"evry1": "everyone", "every1": "everyone", "evry": "every", "some1": "someone",
              "som1": "someone", "any1": "anyone", "no1": "no one", "dwn": "down"}
_SHORT = re.compile(r"\b(" + "|".join(_SHORTHAND) + r")\b", re.IGNORECASE)


def fix_typos(text: str) -> str:
    """Replace a near miss of a rule keyword (same first letter, letters swapped or one letter
    more or less, similar enough) by the keyword; every other word is left alone."""

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        if low in KEYWORDS or low in _KEEP:
            return word
        close = difflib.get_close_matches(low, KEYWORDS, n=1, cutoff=0.8)
        if not close or close[0][0] != low[0]:
            return word
        # Swapped, missing or doubled letters only: "undock" is not a slip of "unlock".
        swapped = sorted(close[0]) == sorted(low)
        one_off = abs(len(close[0]) - len(low)) == 1
        return close[0] if swapped or one_off else word

    text = _SHORT.sub(lambda m: _SHORTHAND[m.group(0).lower()], text)
    return _TOKEN.sub(fix, text)
