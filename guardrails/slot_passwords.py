"""Passwords taken as the whole slot after a credential cue, whatever the value looks like.

The other detectors judge a value by its shape (digits, symbols, mixed case), so a passphrase of
ordinary words ("my password is lantern moss quiet river", "pw: Maple-Harbor-Sleepy-42",
"Passwort: Kaffee Tasse Berg Wolke") was missed or only its first word redacted. This reads the
sentence instead: a credential cue (in many languages), at most a few words (what it is for,
"I set yesterday"), a connector (":", "=", "is", "lautet", "es", "é", "je", "on"...), and then
the slot, which runs to the end of its clause (line end, sentence end, comma, semicolon, an
opening bracket, a conjunction such as "and"/"but"/"pero"/"men"), or to the closing quote.

What is in the slot decides only whether it is a description instead of a value: a slot that
starts with a state word ("expired", "too short"), or holds a pronoun, auxiliary, negation or
article, is prose ("my password is not working", "password is the same as before"). A value is
then either three to six words (a passphrase), or one token that joins three or more words
(hyphens, dots, underscores or camel case: "OrangeTigerJumpsHigh", "kissa-järvi-talvi").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.cognates import mostly_foreign
from guardrails.cue_passwords import GLUED_SUFFIX, STRONG_CUE
from guardrails.passwords import NOT_A_PASSWORD, NOT_SECRET_SHAPE, Span

# "the new one is ...", "the one I picked is ...": a cue only in a message about signing in.
_ONE_CUE = r"(?:new|old|current|temporary|temp|other|previous|the) one"
# Without such words, "the one I picked/chose/set is ..." still says someone chose a secret.
_LOGIN_TOPIC = re.compile(r"(?i)\b(?:pass\w*|pw|pwd|log ?in|sign ?in|reset|locked|credentials?"
                          r"|(?:i|we) (?:\w+ )?(?:picked|chose|set|made up|came up with))\b")
# After "the one ..." a model number or a run of capitalised words names a product.
_PRODUCT_LIKE = re.compile(r"\d|^(?:[A-Z]\w*\s+)+[A-Z]\w*$")
_CUE = re.compile(r"(?i)(?:" + STRONG_CUE + r"|(?<![\w-])(?:wi-?fi|network|wpa2?|guest) key"
                  r"(?![\w-])|(?P<one>(?<![\w-])" + _ONE_CUE + r"(?![\w-])))")
# Between the cue and its connector: what it is for or who set it, up to five plain words.
# A short number may be one of them: "senha do wifi da sala 3 é ...".
_NEXT_WORD = re.compile(r"\s+(?:[^\W\d_][\w'-]*|\d{1,4}[^\W\d_]?(?![\w-]))")
# "I reset my password and set it to ...": "it" stands for the cue said earlier.
_SET_IT_TO = re.compile(r"(?i)\b(?:set|changed|change|updated|made|reset)\s+it\s+to\s+")
_CUE_BEFORE = re.compile(r"(?i)" + STRONG_CUE)
_CONNECTOR = re.compile(
    r"(?i)^\s*(?:[:=]|->|=>|\u2192|(?:is now|now is|is nu|ahora es|agora é|ist jetzt|lautet"
    r"|is|was|will be|would be|ist|es|est|è|é|är|er|on|je|jest|to|adalah|wynosi|это)"
    r"(?=[\s\"'`\u201c]))\s*[:=]?\s*")
# "I've set the password to ...", "changed my passphrase to ...".
_SET_BEFORE = re.compile(r"(?i)\b(?:set|changed|change|reset|updated|update)\s+(?:\w+\s+)?$")
_SHORT = frozenset({"on", "to", "er", "es", "je", "e"})
# Words a cue and its connector can be separated by that turn the cue into another noun:
# "password manager question: ...", "password policy: ...", "pw reset page says ...".
_COMPOUND = frozenset({
    "policy", "policies", "manager", "reset", "rules", "rule", "requirements", "requirement",
    "expiry", "field", "box", "prompt", "history", "change", "vault", "length", "complexity",
    "page", "link", "portal", "screen", "question", "strength", "hint", "generator", "form",
    "dialog", "window", "settings", "option", "options", "tool", "app", "problem", "issue",
    "error", "message", "email", "mail", "sms", "text", "expired", "expires", "expiring",
    "requests", "request", "ticket", "tips", "advice", "format", "status", "sync", "update",
})
# Words that make the slot a sentence rather than a value, in the languages the cues cover.
_PROSE = frozenset({
    "i", "you", "he", "she", "we", "they", "it", "me", "my", "your", "our", "their", "its",
    "is", "are", "was", "were", "be", "been", "being", "am", "not", "no", "don't", "doesn't",
    "didn't", "can't", "won't", "isn't", "wasn't", "has", "have", "had", "will", "would",
    "should", "could", "can", "do", "does", "did", "this", "that", "these", "those", "which",
    "who", "what", "when", "how", "why", "because", "if", "the", "a", "an", "to", "with",
    "from", "by", "about", "into", "please", "still", "yet", "also", "already", "just",
    "nicht", "kein", "ist", "ich", "du", "es", "der", "die", "das", "den", "mein", "nie", "non",
    "ne", "pas", "est", "je", "le", "la", "les", "mon", "ma", "el", "los", "las", "mi", "su",
    "não", "nao", "meu", "minha", "niet", "geen", "het", "de", "mijn", "inte", "min", "ei",
    "jest", "się", "mój", "moje", "moja", "не", "мой", "это",
})
_ARTICLES = frozenset({"the", "a", "an"})
_NEVER_FIRST = frozenset({"not", "no", "too", "still", "being", "about", "going", "very", "really",
                          "just", "only", "also", "already", "now", "never", "always", "same",
                          "different", "set", "reset", "expire", "change", "update", "sync"})
# A clause ends at a line or sentence end, a comma, semicolon or bracket, or a conjunction.
_CLAUSE_END = re.compile(
    r"\n|[.!?](?=\s|$)|[,;(\[{]|\s[-\u2013\u2014]\s|\s(?:and|but|then|so|or|because|pero|mais"
    r"|aber|und|maar|men|och|ja|ale|ama|ma|mas|og|mutta|et)(?=\s|$)", re.IGNORECASE)
_QUOTES = {"\"": "\"", "'": "'", "`": "`", "\u201c": "\u201d", "\u2018": "\u2019"}
_WORD = re.compile(r"^[^\W\d_]+(?:['-][^\W\d_]+)*\d{0,4}$|^\d{1,4}$")
_JOINED = re.compile(r"^[^\W_]{2,}(?:[-._][^\W_]{1,}){2,}$")
_CAMEL = re.compile(r"^(?:[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]+){3,}\d{0,4}[!?.#*]?$"
                    r"|^[a-z]+(?:[A-Z][a-z]+){2,}\d{0,4}$")


def _is_value(slot: str, symbol: bool = False) -> bool:
    words = slot.split()
    if not words or len(slot) > 64:
        return False
    low = [w.lower() for w in words]
    # After ":" or "=" the slot is a field's value, not the rest of a sentence: an article
    # inside it ("sunrise over the harbour") is part of the phrase.
    prose = _PROSE - _ARTICLES if symbol else _PROSE
    # Inside a phrase "de" is Romance "of" ("bolo de fuba 12"), not the Dutch article.
    if low[0] in _PROSE or any(w in prose and w != "de" for w in low[1:]):
        return False
    if len(words) == 1:
        word = words[0]
        if NOT_SECRET_SHAPE.search(word) or low[0] in NOT_A_PASSWORD:
            return False
        # Joined words need a lower-case letter: "NW-LT-58812" is an asset tag.
        return bool(_CAMEL.match(word) or (_JOINED.match(word)
                                           and any(c.islower() for c in word)
                                           and sum(c.isalpha() for c in word) >= 8))
    if not 3 <= len(words) <= 6 or not all(_WORD.match(w) for w in words):
        return False
    if sum(len(w) for w in words) < 10:
        return False
    # "password is correct horse battery staple" is a value; "is too short now" and "expired
    # since Monday morning" are not: a state word may open a passphrase only if it is no
    # participle, the phrase is long and nothing else in it is a state word.
    first = low[0]
    rest = sum(w in NOT_A_PASSWORD and not (symbol and w in _ARTICLES) for w in low[1:])
    if first in NOT_A_PASSWORD:
        return (len(words) >= (3 if symbol else 4) and rest == 0 and first not in _NEVER_FIRST
                and not first.endswith(("ed", "ing")))
    return rest <= 1


def _is_symbol(link: re.Match[str] | None) -> bool:
    return link is not None and link.group().strip()[:1] in (":", "=", "-", "\u2192")


def _slot(text: str, start: int) -> tuple[int, int]:
    """The extent of the value that starts at ``start``: to the closing quote or clause end."""
    opener = text[start:start + 1]
    if opener in _QUOTES:
        close = text.find(_QUOTES[opener], start + 1)
        nl = text.find("\n", start + 1)
        if close > start + 1 and (nl < 0 or close < nl):
            return start + 1, close
        return start, start
    end = _CLAUSE_END.search(text, start)
    stop = end.start() if end else len(text)
    return start, len(text[:stop].rstrip()) if text[:stop].strip() else start


def slot_passwords(text: str) -> Iterator[Span]:
    login_topic = None
    for cue in _CUE.finditer(text):
        if cue.group("one"):
            if login_topic is None:
                login_topic = _LOGIN_TOPIC.search(text) is not None
            if not login_topic:
                continue
        # Each place after zero to five plain words may hold the connector.
        candidates = [cue.end()]
        for n, word in enumerate(_NEXT_WORD.finditer(text, cue.end())):
            if n >= 5 or word.start() != candidates[-1] or (
                    n == 0 and word.group().strip().lower() in _COMPOUND):
                break
            candidates.append(word.end())
        for pos in candidates:
            link = _CONNECTOR.match(text[pos:])
            if link and link.group().strip().lower() == "to" and pos == cue.end() \
                    and _SET_BEFORE.search(text, 0, cue.start()):
                start, end = _slot(text, pos + link.end())  # "set the password to ..."
            elif link:
                # "on", "to", "er", "es", "je" are copulas in Finnish, Polish, Danish, Spanish,
                # Czech but English words too ("password on Friday"): only in foreign text.
                if link.group().strip().lower() in _SHORT and not mostly_foreign(text):
                    continue
                start, end = _slot(text, pos + link.end())
            elif pos == cue.end():
                # Verb-final and possessive languages put the value right after the cue
                # ("Şifrem mavi-deniz-kedi"): then only a single joined token counts.
                tok = re.match(r"\s+(\S+?)(?=[,;.!?]?(?:\s|$))", text[pos:])
                if not tok:
                    continue
                start, end = pos + tok.start(1), pos + tok.end(1)
                glued = GLUED_SUFFIX.search(text, start, end)  # "Gence_2024x-dır"
                end = glued.start() if glued else end
                if " " in text[start:end] or len(text[start:end].split()) != 1:
                    continue
            else:
                continue
            value = text[start:end]
            quoted = start > 0 and text[start - 1] in _QUOTES
            if cue.group("one") and not quoted and _PRODUCT_LIKE.search(value):
                continue  # "the one I chose is Dell Latitude 7450": a product, not a secret
            if (quoted and 3 <= len(value) <= 64 and value.lower() not in NOT_A_PASSWORD
                    and not any(w in _PROSE for w in value.lower().split())) \
                    or (not quoted and _is_value(value, symbol=_is_symbol(link))):
                yield "password", start, end
                break
    for m in _SET_IT_TO.finditer(text):
        if _CUE_BEFORE.search(text, 0, m.start()):
            start, end = _slot(text, m.end())
            value = text[start:end]
            quoted = start > 0 and text[start - 1] in _QUOTES
            if (quoted and 3 <= len(value) <= 64) or _is_value(value):
                yield "password", start, end
