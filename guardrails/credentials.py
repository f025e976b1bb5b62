"""Detectors for credentials typed into chat: passwords, API keys, tokens and private keys."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence

Span = tuple[str, int, int]

_PEM = re.compile(r"-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY(?: BLOCK)?-----"
                  r"(?:[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|[\s\S]*\Z)")
_PUTTY = re.compile(r"PuTTY-User-Key-File-\d+:[\s\S]*?(?:Private-MAC: ?[0-9a-f]+|\Z)")

# Vendor formats with fixed prefixes: near-zero false positives, so no entropy test.
_VENDOR: Sequence[tuple[str, re.Pattern[str]]] = (
    ("api_key", re.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|AIPA)[0-9A-Z]{16}\b")),
    ("api_key", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}(?![\w-])")),
    ("api_key", re.compile(r"\b(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,}\b")),
    ("api_key", re.compile(r"(?<![\w-])sk-(?:proj-|ant-)?[A-Za-z0-9_\-]{20,}")),
    ("api_key", re.compile(r"(?i)AccountKey=[A-Za-z0-9+/=]{40,}")),
    ("token", re.compile(r"\bgh[pousr]_[A-Za-z0-9]{30,255}\b")),
    ("token", re.compile(r"\bgithub_pat_[A-Za-z0-9_]{22,255}\b")),
    ("token", re.compile(r"\bglpat-[A-Za-z0-9_\-]{20,}")),
    ("token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}")),
    ("token", re.compile(r"https://hooks\.slack\.com/services/[A-Za-z0-9/_-]+")),
    ("token", re.compile(r"\bnpm_[A-Za-z0-9]{36}\b")),
    ("token", re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")),
    ("token", re.compile(r"(?i)(?<=bearer )[A-Za-z0-9\-._~+/]{16,}=*")),
    ("token", re.compile(r"(?i)(?<=authorization: token )[A-Za-z0-9\-._~+/]{16,}=*")),
    ("token", re.compile(r"(?i)(?<=authorization: basic )[A-Za-z0-9+/]{8,}={0,2}")),
    ("token", re.compile(r"(?i)(?<=[?&]sig=)[A-Za-z0-9%+/=]{20,}")),
)
_KEYED = re.compile(
    r"(?i)\b(api[_ -]?key|apikey|client[_ -]?secret|secret[_ -]?key|secret|access[_ -]?key"
    r"(?:[_ -]?id)?|access[_ -]?token|auth[_ -]?token|refresh[_ -]?token|token|private[_ -]?key"
    r"|signing[_ -]?key|aws_secret_access_key)[\"']?\s*(?:[:=]|is|was)\s*[\"']?"
    r"([A-Za-z0-9_\-+/=.~]{16,})"
)

_PW_WORD = (r"pass(?:word|wd|phrase|code|key)?|pwd|pw|kennwort|passwort|mot de passe"
            r"|wi-?fi key|network key|wpa2? key|security key"
            r"|contrase[ñn]a|senha|wachtwoord|parola|pin(?: code)?"
            r"|has[łl]o|heslo|пароль|[şs]ifre|l[öo]senord|salasana|passord|adgangskode|jelsz[óo]"
            r"|パスワード|密码|비밀번호")
# The value: quoted (may contain spaces) or one token.
_VAL = r"(?P<q>[\"'`\u201c])?(?P<val>(?(q)[^\"'`\u201d\n]{3,64}|[^\s\"'`]{3,64}))"
_PASSWORD = re.compile(
    # "DB_PASSWORD=...": an env-style prefix joins the word with an underscore. Words in
    # scripts without spaces ("パスワードは") end where the script does.
    r"(?i)[\"']?(?:\b|(?<=_))(?:" + _PW_WORD + r")(?:\b|(?<=[^\x00-\x7f]))[\"']?"
    r"(?:\s+(?:for|on|to)\s+(?:my\s+|the\s+)?[\w.-]+)?"
    r"\s*(?:(?:is now|now is|will be|would be|should be|set to|changed to|is|was|=|:|->|=>"
    r"|\u2192|ist"
    r"|es|est|è|lautet|c'est|jest|wynosi|är|это|は|是|为|는|은)\s*[:=]?)\s*" + _VAL
)
# Each of these also describes things that are not passwords ("set it to automatic",
# "password reset"), so they need a password-shaped value unless it is quoted.
_SHAPED = (
    re.compile(r"(?i)\b(?:changed|set|reset|updated|made)\s+(?:it|my password|my pw|my pass"
               r"|the password|the pw|my passcode|my pin)\s+to\s+" + _VAL),
    re.compile(r"(?i)\b(?:new|old|current|temporary|temp|other|previous) one(?: (?:i|we) "
               r"(?:\w+ )?(?:picked|chose|chosen|set|made|used|typed|entered|came up with))?"
               r" (?:is|was|=|:)\s*" + _VAL),
    # "The temp password you gave me, Xp4-Lm9-Qr2, has expired": the value as an apposition.
    re.compile(r"(?i)\b(?:password|passcode|passphrase|pw|pin)\b(?:\s+\w+){0,5}\s*,\s*"
               r"(?P<q>)?(?P<val>[^\s,]{6,64})(?=,)"),
    re.compile(r"(?i)\b(?:pass(?:word)?|pwd|pw|passwort|kennwort)\s+" + _VAL),
    re.compile(r"(?i)\b(?:login|logon|creds?|credentials|sign-?in)\b(?: is| are|:)?\s+[\w.@\\-]+"
               r"\s*(?:/|\||:|,)\s*" + _VAL),
    re.compile(r"(?i)\bis\s+" + _VAL + r"\s+an?\s+(?:strong|good|secure|safe|valid|weak|ok|okay"
               r"|acceptable|decent)\s+(?:password|passphrase|pin)\b"),
)
# A numeric PIN or passcode: digits only, which the strict password shape rejects.
_PIN = re.compile(r"(?i)\b(?:pin|pin code|passcode|unlock code|door code|alarm code)\b\s*"
                  r"(?:is|was|:|=|of)?\s*(?P<val>\d{4,8})\b")
# Passwords on a command line: mysql -pSECRET, docker login -p SECRET, --password=SECRET.
_CLI = (
    re.compile(r"(?i)\b(?:mysql|mysqldump|mysqladmin|mariadb)\b[^\n]*?\s-p"
               r"(?P<val>[^\s\-][^\s]{2,63})"),
    re.compile(r"(?i)\b(?:docker|podman|helm|nerdctl|oc|buildah|skopeo|sshpass)\b[^\n]*?\s-p\s*"
               r"(?P<val>[^\s\"']{3,64})"),
    re.compile(r"(?i)\b(?:curl|wget|http)\b[^\n]*?\s(?:-u|--user)\s+[^\s:\"']+:"
               r"(?P<val>[^\s\"']{3,64})"),
    re.compile(r"(?i)(?:^|\s)(?:--password|--passwd|--pass|-password|/password)(?:[=:]|\s+)"
               r"[\"']?(?P<val>[^\s\"']{3,64})"),
)
# Dictionary words with a number stuck on: "password123", "Welcome2026!", "qwerty99".
_WEAK = re.compile(r"(?i)(?<![\w@.])(?:p[a@]ss(?:w[o0]rd)?|qwerty|letmein|changeme|welcome"
                   r"|winter|summer|spring|autumn)[!@#$%&*._-]?\d{2,4}[!@#$%&*]*(?![\w@.])")
_URL_CREDS = re.compile(r"://[^/\s:@]+:(?P<val>[^@\s/]{3,})@")
_ITS = re.compile(r"(?i)(?:^|[.?!,]\s*|\b)(?:it'?s|it is|its|here it is:?|that'?s)\s+" + _VAL)
_PW_MENTION = re.compile(r"(?i)\b(?:" + _PW_WORD + r")\b")

# Words that describe a password rather than being one ("my password is expired").
_NOT_A_PASSWORD = frozenset([
    "expired", "expiring", "expire", "wrong", "incorrect", "invalid", "not", "no", "locked",
    "correct", "right", "too", "being", "still", "about", "going", "set", "reset", "changed",
    "working", "weak", "strong", "the", "a", "an", "my", "your", "same", "case", "required",
    "rejected", "blocked", "compromised", "leaked", "stolen", "known", "forgotten", "forgot",
    "lost", "hacked", "empty", "blank", "different", "new", "old", "long", "short", "simple",
    "complex", "ok", "okay", "fine", "fixed", "broken", "saved", "stored", "synced", "sync",
    "definitely", "probably", "also", "already", "actually", "just", "only", "now",
    "never", "always", "what", "when", "how", "where", "why", "which", "that", "this", "there",
    "here", "it", "in", "on", "at", "for", "to", "of", "and", "or", "but", "so", "if", "missing",
    "failing", "failed", "disabled", "enabled", "change", "update", "updated", "manager",
    "vault", "policy", "rules", "requirements", "history", "reuse", "prompt", "field", "box",
    "screen", "page", "link", "portal", "email", "sms", "text", "asking", "accepted", "recognised",
    "recognized", "valid", "complexity", "length", "characters", "chars", "minimum", "expiry",
    "please", "help", "urgent", "again", "anymore", "any", "something", "anything", "nothing",
    "correctly", "like", "kind", "sort", "very", "really", "pretty", "quite", "supposed", "meant",
    "auto", "automatically", "stuck", "greyed", "showing", "shown", "displayed", "hidden",
    "visible", "asked", "prompted", "requested", "sent", "bad", "good", "great", "terrible", "easy",
    "hard", "impossible", "unknown", "unchanged", "temporary", "temp", "one", "two", "three",
    "four", "five", "ten", "last", "first"
])
_SENTENCE_END = ".,;:)]}"


def _entropy(s: str) -> float:
    counts = Counter(s)
    return -sum(c / len(s) * math.log2(c / len(s)) for c in counts.values())


def _clean_value(val: str) -> str:
    return val.rstrip(_SENTENCE_END) if len(val.rstrip(_SENTENCE_END)) >= 3 else val


def _looks_secret(val: str, strict: bool) -> bool:
    low = val.lower()
    if low in _NOT_A_PASSWORD or len(val) < 3:
        return False
    if re.fullmatch(r"\[redacted:\w+\]", low):
        return False
    has_digit = any(c.isdigit() for c in val)
    has_symbol = any(not c.isalnum() for c in val)
    mixed = val != low and val != val.upper()
    if strict:
        return len(val) >= 6 and (has_digit or has_symbol or mixed) and not val.isdigit()
    return True


def passwords(text: str, previous_turn: str | None = None) -> Iterator[Span]:
    for rx, strict in ((_PASSWORD, False), *((r, True) for r in _SHAPED)):
        for m in rx.finditer(text):
            val = _clean_value(m.group("val"))
            if _looks_secret(val, strict=strict and not m.group("q")):
                yield "password", m.start("val"), m.start("val") + len(val)
    for m in _URL_CREDS.finditer(text):
        yield "password", m.start("val"), m.end("val")
    for rx in _CLI:
        for m in rx.finditer(text):
            val = _clean_value(m.group("val"))
            # "$DB_PASS", "%PW%", "<password>": a placeholder, not the secret.
            if val[0] not in "$%<{" and _looks_secret(val, strict=False):
                yield "password", m.start("val"), m.start("val") + len(val)
    for m in _WEAK.finditer(text):
        yield "password", m.start(), m.end()
    for m in _PIN.finditer(text):
        yield "password", m.start("val"), m.end("val")
    # "Do you need my password? it's Hunter2!" - in the same message or right after a turn that
    # talked about passwords. Without the keyword nearby we demand a password-shaped value.
    mention = _PW_MENTION.search(text)
    asked = previous_turn is not None and _PW_MENTION.search(previous_turn) is not None
    if mention or asked:
        start = mention.end() if mention else 0
        for m in _ITS.finditer(text, start):
            val = _clean_value(m.group("val"))
            if _looks_secret(val, strict=True):
                yield "password", m.start("val"), m.start("val") + len(val)
    if asked and not mention:
        bare = text.strip()
        if " " not in bare and _looks_secret(bare, strict=True) and len(bare) <= 64:
            i = text.index(bare)
            yield "password", i, i + len(bare)


# A password typed inline, without the word "password": "I tried Kx9!pL2#qv and it still fails",
# "it won't take Summer2024!". After a login verb a token with three character classes counts
# when the message is about signing in; anywhere else only a token with all four classes and a
# real symbol does (a shape no product name, version, path or ticket id has).
_LOGIN_VERB = re.compile(
    r"(?i)\b(?:tried|try|trying|typed|typing|type|entered|entering|enter|using|used|use|put in"
    r"|input|keyed in|log(?:ging)? ?in with|sign(?:ing)? ?in with|logged in with|signed in with"
    r"|(?:won'?t|doesn'?t|does not|will not|didn'?t|did not) (?:take|accept|like)|rejects?|rejected"
    r"|refuses?|with password|new one is|old one was|chose|picked|set it to|changed it to"
    r"|wrote (?:it|them) down as|noted (?:it )?(?:down )?as|saved (?:it )?as|stored (?:it )?as)"
    r"\s+(?:(?:it|the|my|as|again|with|both|password|pw)\s+){0,2}[\"'`\u201c]?"
    r"(?P<val>[^\s\"'`\u201d]{6,64})"
    # A value ends the clause; "tried Windows11 compatibility mode" names a thing, not a secret.
    r"(?=[\"'`\u201d]?(?:[\s,.;:!?)]*$|[,.;:!?)]|\s+(?:and|but|then|again|as|twice|three|four"
    r"|every|each|for|on|in|at|it|which|still|is|was|are|were|to|so|because|since|with|or|but"
    r"|from|into|caps|-|\u2013|\u2014)\b))")
_ABOUT_LOGIN = re.compile(
    r"(?i)\b(?:log ?in|logon|sign ?in|password|passphrase|pw|pwd|pin|locked|lock(?:ed)? out"
    r"|rejects?|rejected|wrong|incorrect|invalid|fails?|failed|failing|doesn'?t work|not working"
    r"|won'?t work"
    r"|access denied|credentials?|vpn|wi-?fi|account|sticky note|post-?it|written down"
    r"|wrote (?:it|them) down)\b")
_TOKEN = re.compile(r"(?<![\w@/\\:.-])[^\s\"'`]{8,40}(?![\w@/\\])")
_REAL_SYMBOL = re.compile(r"[!@#$%^&*?~+=<>|\\]")
_NOT_SECRET_SHAPE = re.compile(
    r"(?i)^(?:https?:|www\.|[a-z]:\\|/|~/)|://|@[\w-]+\.\w|\.(?:exe|msi|zip|pdf|docx?|xlsx?|pptx?"
    r"|txt|csv|log|json|ps1|sh|bat|cmd|png|jpe?g|dll|py|js|html?)\b|^(?:ctrl|alt|shift|cmd|win)\+"
    r"|^(?:inc|req|ritm|chg|prb|task|kb)-?\d|^0x[0-9a-f]+$|^v?\d+(?:\.\d+)+|^\d+(?:[.,:/-]\d+)*$"
    # KEY=value in a pasted env or config file: the keyed detectors judge the value.
    r"|^[A-Za-z_][\w.-]*=")


def _classes(val: str) -> int:
    # Hyphens, dots and commas join words in names and versions ("AES-256"); they are no class.
    return (any(c.islower() for c in val) + any(c.isupper() for c in val)
            + any(c.isdigit() for c in val) + any(not c.isalnum() and c not in "-_.,"
                                                 for c in val))


def _inline_ok(val: str, classes_needed: int) -> bool:
    val = val.rstrip(_SENTENCE_END)
    return (6 <= len(val) <= 64 and not _NOT_SECRET_SHAPE.search(val)
            and val.lower() not in _NOT_A_PASSWORD and _classes(val) >= classes_needed
            and any(c.isdigit() or not c.isalnum() for c in val))


def inline_passwords(text: str) -> Iterator[Span]:
    about_login = _ABOUT_LOGIN.search(text) is not None
    for m in _LOGIN_VERB.finditer(text):
        val = m.group("val").rstrip(_SENTENCE_END)
        if about_login and _inline_ok(val, 3):
            yield "password", m.start("val"), m.start("val") + len(val)
    for m in _TOKEN.finditer(text):
        val = m.group().rstrip(_SENTENCE_END)
        if _REAL_SYMBOL.search(val) and _inline_ok(val, 4):
            yield "password", m.start(), m.start() + len(val)


# "secret AbC...xyz" with no = or colon: only long, high-entropy values count.
_KEYED_BARE = re.compile(r"(?i)\b(?:secret|secret key|client secret|api key|access key|token"
                         r"|private key)\s+([A-Za-z0-9_\-+/=.]{24,})")


def keys_and_tokens(text: str) -> Iterator[Span]:
    for rx in (_PEM, _PUTTY):
        for m in rx.finditer(text):
            yield "private_key", m.start(), m.end()
    for kind, rx in _VENDOR:
        for m in rx.finditer(text):
            yield kind, m.start(), m.end()
    for m in _KEYED.finditer(text):
        val = m.group(2)
        if _entropy(val) >= 3.0 and any(c.isdigit() for c in val) and any(c.isalpha() for c in val):
            kind = "token" if "token" in m.group(1).lower() else "api_key"
            yield kind, m.start(2), m.end(2)
    for m in _KEYED_BARE.finditer(text):
        val = m.group(1)
        mixed = any(c.isdigit() for c in val) and any(c.isupper() for c in val)
        if _entropy(val) >= 3.5 and mixed:
            kind = "token" if "token" in m.group().lower() else "api_key"
            yield kind, m.start(1), m.end(1)
