"""Detectors for passwords typed into chat next to a word that says so.

"my password is ...", "pw: ...", env files, connection strings, command-line flags, PINs, and
a bare reply to a turn that asked about passwords. Passwords with no such word are in
``inline_passwords.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Span = tuple[str, int, int]

_PW_WORD = (r"pass(?:word|wd|phrase|code|key)?|pwd|pw|kennwort|passwort|mot de passe|mdp"
            # Typed in a hurry: pasword, passwrod, passowrd, paswd, pswd.
            r"|pa?s{1,2}(?:wr?o?r?d|owrd|wrod)"
            r"|wi-?fi (?:key|code|pass)|network key|wpa2? key|security key"
            r"|contrase[ñn]a|senha|wachtwoord|parola|pin(?: code)?"
            r"|has[łl]o|heslo|пароль|[şs]ifre|l[öo]senord|salasana|passord|adgangskode|jelsz[óo]"
            r"|パスワード|密码|비밀번호")
# The value: quoted (may contain spaces) or one token.
_VAL = r"(?P<q>[\"'`\u201c])?(?P<val>(?(q)[^\"'`\u201d\n]{3,64}|[^\s\"'`]{3,64}))"
_PASSWORD = re.compile(
    # "DB_PASSWORD=...": an env-style prefix joins the word with an underscore. Words in
    # scripts without spaces ("パスワードは") end where the script does.
    r"(?i)[\"']?(?:\b|(?<=_))(?:" + _PW_WORD + r")(?:\b|(?<=[^\x00-\x7f]))[\"']?"
    # "password for the lab router would be ...": what it is for, up to five words.
    # Whole words only: "to purple monkey dish|was|her" must not split a word on a connector,
    # and a word may not end in a full stop: "for the laptop. It is possible?" is two sentences.
    r"(?:\s+(?:for|on|to|f[üu]r|pour|para|per|voor|f[öo]r|dla|do)\s+(?:my\s+|the\s+|our\s+)?"
    r"[\w.-]*\w(?![\w.-])"
    # An ordinal ("im 2. OG", "3. Stock") is a word too, not a sentence end.
    r"(?:\s+(?:[\w.-]*\w|\d{1,2}\.)(?![\w.-])){0,4}?)?"
    # "was set to 'boardroom'", "has been changed to ...": the passive says what it now is.
    r"\s*(?:(?:(?:is|was|has been|got|gets) (?:set|changed|reset) to"
    r"|is now|now is|will be|would be|should be|set to|changed to|is|was|=|:|->|=>"
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
_PIN = re.compile(r"(?i)\b(?:pin|pin code|passcode|unlock code|door code|alarm code)\b"
                  # "pin to unlock my laptop is ...": what it is for, up to four words.
                  r"(?:\s+(?:to|for|of|on)(?:\s+[\w.'-]+){1,4}?\s+(?:is|was)\b)?\s*"
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
# Other languages: the word may carry a definite or possessive ending (lösenordet, passordet,
# şifrem, salasanani) and the verb is a short word of its own (je, er, on, é, hai, adalah, là).
# Short connectors also start ordinary sentences, so the value must be password-shaped.
_PW_INFLECTED = (r"l[öo]senord(?:et)?|passord(?:et)?|adgangskode(?:n)?|salasana(?:ni|si)?"
                 r"|[şs]ifre(?:m|n|niz|miz|si)?|has[łl]o|heslo|geslo|lozinka|parol[aăе]"
                 r"|kata sandi|sandi|m[aậ]t kh[aẩ]u|wachtwoord|senha|contrase[ñn]a|passwor[dt]"
                 r"|kennwort|pass|pwd|pw")
_FOREIGN = re.compile(
    r"(?i)(?<![\w-])(?:" + _PW_INFLECTED + r")(?![\w-])(?:\s+(?:je|er|on|é|e|è|es|est|ist|is"
    r"|was|är|hai|adalah|là|la|jest|wynosi|это|olarak)(?![\w-]))?(?:\s*[:=]\s*|\s+)" + _VAL)
# A pasted env file or shell line: any upper-case variable that ends in PASSWORD, PWD, PASS.
_ENV = re.compile(r"\b[A-Z][A-Z0-9_]*(?:PASSWORD|PASSWD|PASSWORT|PASSPHRASE|PWD|PASS)\s*[:=]\s*"
                  + _VAL)
# A pasted XML config: <password>...</password>, <db:passwd>...</db:passwd>.
_XML = re.compile(r"(?i)<(?P<tag>[\w:.-]*(?:password|passwd|pwd|passphrase))>"
                  r"(?P<val>[^<\n]{3,64})</(?P=tag)>")
# Dictionary words with a number stuck on: "password123", "Welcome2026!", "qwerty99".
_WEAK = re.compile(r"(?i)(?<![\w@.])(?:p[a@]ss(?:w[o0]rd)?|qwerty|letmein|changeme|welcome"
                   r"|winter|summer|spring|autumn)[!@#$%&*._-]?\d{2,4}[!@#$%&*]*(?![\w@.])")
_URL_CREDS = re.compile(r"://[^/\s:@]*:(?P<val>[^@\s/]{3,})@")
_ITS = re.compile(r"(?i)(?:^|[.?!,]\s*|\b)(?:it'?s|it is|its|here it is:?|that'?s)\s+" + _VAL)
# "the key is printed on the router", "password was written under the keyboard": a lower-case
# word and then a place says where the secret is, not what it is.
_DESCRIBED = re.compile(r"[a-z]+\s+(?:on|in|at|by|under|behind|inside|into|onto|from|next to"
                        r"|somewhere|below|above|near)\b")
# A .pgpass line: host:port:database:user:password.
_PGPASS = re.compile(r"(?<![\w:])[\w.-]+:(?:\d{2,5}|\*):[\w*.-]+:[\w*.@-]+:(?P<val>[^\s:]{3,64})")
_PW_MENTION = re.compile(r"(?i)\b(?:" + _PW_WORD + r")\b")

# Words that describe a password rather than being one ("my password is expired").
NOT_A_PASSWORD = frozenset([
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
    "four", "five", "ten", "last", "first", "finished", "done", "over", "gone", "outdated",
    # The same states in the languages the keyed detectors read ("mi contraseña es incorrecta").
    "incorrecta", "incorrecto", "incorrecte", "errada", "errado", "errata", "sbagliata",
    "falsch", "faux", "fausse", "caducada", "caducado", "expirada", "expirado", "scaduta",
    "abgelaufen", "expiré", "bloqueada", "bloqueado", "gesperrt", "bloqué", "bloquée",
    "verlopen", "fout", "onjuist", "nieprawidłowe", "błędne", "wygasło", "neplatné",
    # "now" and "still" in those languages: "Passwort lautet jetzt ...".
    "jetzt", "nun", "noch", "maintenant", "toujours", "ahora", "todavía", "agora", "ainda",
    "ora", "ancora", "adesso", "teraz", "nadal", "сейчас", "теперь", "nyt", "most", "acum",
    # "first", "before", "then": "wachtwoord was eerst Tulp2023! en nu ...".
    "eerst", "nu", "daarna", "zuerst", "erst", "vorher", "dann", "d'abord", "avant", "puis",
    "primero", "antes", "luego", "prima", "poi", "primeiro", "depois", "najpierw", "potem",
    "först", "innan", "sedan", "before", "then", "previously", "originally", "initially"
])
SENTENCE_END = ".,;:)]}"
# Shapes that are ids, paths, versions or files, never a secret someone typed.
NOT_SECRET_SHAPE = re.compile(
    r"(?i)^(?:https?:|www\.|[a-z]:\\|/|~/)|://|@[\w-]+\.\w|\.(?:exe|msi|zip|pdf|docx?|xlsx?|pptx?"
    r"|txt|csv|log|json|ps1|sh|bat|cmd|png|jpe?g|dll|py|js|html?)\b|^(?:ctrl|alt|shift|cmd|win)\+"
    r"|^(?:inc|req|ritm|chg|prb|task|kb)-?\d|^0x[0-9a-f]+$|^v?\d+(?:\.\d+)+|^\d+(?:[.,:/-]\d+)*$"
    # KEY=value in a pasted env or config file: the keyed detectors judge the value.
    r"|^[A-Za-z_][\w.-]*=")
# A template's slot, not the secret: ${DB_PASSWORD}, $PW, %PASS%, {{ pw }}, <password>, ****.
_PLACEHOLDER = re.compile(r"^(?:\$\{?[A-Za-z_][\w.:-]*\}?|%\w+%|\{\{.*\}\}?|<[\w -]+>?|\*{3,}"
                          r"|[xX]{4,}|\.{3,}|\u2022{3,})$")
# In a connection string or query the next field starts at ";Key=" or "&key="; in markup at "</".
_NEXT_FIELD = re.compile(r"[;&][A-Za-z_][\w ]{0,30}=|</")


def _clean_value(val: str) -> str:
    cut = _NEXT_FIELD.search(val)
    if cut and cut.start() >= 3:
        val = val[:cut.start()]
    return val.rstrip(SENTENCE_END) if len(val.rstrip(SENTENCE_END)) >= 3 else val


def _looks_secret(val: str, strict: bool) -> bool:
    low = val.lower()
    if low in NOT_A_PASSWORD or len(val) < 3:
        return False
    if re.fullmatch(r"\[redacted:\w+\]", low) or _PLACEHOLDER.match(val):
        return False
    has_digit = any(c.isdigit() for c in val)
    has_symbol = any(not c.isalnum() for c in val)
    mixed = val != low and val != val.upper()
    if strict:
        # A question or exclamation mark after a word ends the sentence: "password rules?".
        core = val.rstrip("?!")
        if core.lower() in NOT_A_PASSWORD or core.isalpha() and not mixed:
            return False
        return len(val) >= 6 and (has_digit or has_symbol or mixed) and not val.isdigit()
    return True


def passwords(text: str, previous_turn: str | None = None) -> Iterator[Span]:
    for rx, strict in ((_PASSWORD, False), *((r, True) for r in _SHAPED)):
        for m in rx.finditer(text):
            val = _clean_value(m.group("val"))
            if not m.group("q") and _DESCRIBED.match(text, m.start("val")):
                continue
            if _looks_secret(val, strict=strict and not m.group("q")):
                yield "password", m.start("val"), m.start("val") + len(val)
    for m in _FOREIGN.finditer(text):
        val = _clean_value(m.group("val"))
        # Capitalisation alone is no password shape here: "password on Windows".
        shaped = m.group("q") or any(c.isdigit() or not c.isalnum() for c in val)
        if shaped and _looks_secret(val, strict=not m.group("q")) \
                and not NOT_SECRET_SHAPE.search(val):
            yield "password", m.start("val"), m.start("val") + len(val)
    for rx in (_ENV, _XML):
        for m in rx.finditer(text):
            val = _clean_value(m.group("val"))
            if val[0] not in "$%<{" and _looks_secret(val, strict=False):
                yield "password", m.start("val"), m.start("val") + len(val)
    for m in _PGPASS.finditer(text):
        val = _clean_value(m.group("val"))
        if val != "*" and _looks_secret(val, strict=False):
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
