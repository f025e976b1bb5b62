"""Passwords found by shape next to a credential word in any language.

The keyed detectors in ``passwords.py`` need the value to follow the word through a connector
they know ("password is", "Passwort:"). People also write "the code I use for the laptop login is
Ocean_Tide_42", "salasanani taitaa olla Kuusi9Metsä", "Ocean_Tide_42 is my login code". This
reads structurally instead: a credential cue (a long list of languages and scripts), then within
a few words a token shaped like a secret:
- letters and digits or symbols, at least three character classes, 6 to 64 characters;
- not an id, version, path, file, address or error code (no lower-case letter and no real
  symbol reads as an asset tag or ticket id: "NW-LT-58812", "AADSTS50126");
- a word followed by a bare number ("Windows11", "Office365") names a product, so that shape
  counts only right after a connector (":", "=", "is") or with a real symbol in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.passwords import NOT_A_PASSWORD, NOT_SECRET_SHAPE, SENTENCE_END, Span

# Password words in many languages and scripts (also the slot detector's cues).
_STRONG_WORDS = (
    r"pass(?:word|wd|phrase|code|key)?s?|pwd|pw|kennwort|passwort|mot de passe|contrase[ñn]a"
    r"|contrasenya|senha|palavra-passe|clave"
    r"|wachtwoord|wagwoord|l[öo]senord\w*|passord\w*|adgangskode\w*|kodeord\w*|salasan\w*"
    r"|jelsz\w*|parol[aăeiя]\w*|has[łl]\w*|hesl\w*|gesl\w*|lozink\w*|slapta[žz]od\w*"
    r"|salas[õo]n\w*|[şs]ifr[eə]\w*|kata (?:sandi|laluan)|m[aậ]t kh[aẩ]u|nenosiri|neno la siri"
    r"|pasahitz\w*|lykilor[ðd]\w*|fjal[ëe]kalim\w*|cyfrinair|pasfhocal\w*|sandi|contrasinal"
    r"|пароль\w*|парол\w*|лозинк\w*|құпия сөз\w*|პაროლ\w*|գաղտնաբառ\w*")
# Scripts whose words carry clitics or have no spaces: matched anywhere.
_SCRIPT_CUES = (r"كلمة (?:ال)?مرور|كلمة (?:ال)?سر|رمز عبور|گذرواژه|סיסמ[הא]|รหัสผ่าน|पासवर्ड"
                r"|পাসওয়ার্ড|密码|密碼|口令|パスワード|暗証番号|비밀번호|암호|கடவுச்சொல்|මුරපද")
_LEFT, _RIGHT = r"(?<![\w/.?&=%-])", r"(?![\w-])"
STRONG_CUE = _LEFT + r"(?:" + _STRONG_WORDS + r")" + _RIGHT + "|" + _SCRIPT_CUES
_CUE = re.compile(
    r"(?i)" + _LEFT + r"(?:(?P<weak>login(?: code)?|logon|sign-?in|creds?|credentials?|secret"
    r"|pin|unlock code|access code|(?:wi-?fi |network |wpa2? |guest )?key)"
    r"|" + _STRONG_WORDS + r")" + _RIGHT + "|" + _SCRIPT_CUES)
# A connector right before the value: ":", "=", "is", and the copulas of other languages.
_LINK = re.compile(r"(?i)(?:[:=]|->|=>|\u2192|\b(?:is|was|are|be|est|ist|är|jest|adalah|это|це"
                   r"|هي|هو|است|היא|הוא|คือ|है)|是|は|는|은)\s*$")
# Short copulas that are also English or common words ("on", "e", "er"): they count only right
# after the credential word ("salasanani on ...", "lozinka je ...").
_SHORT_LINK = re.compile(r"(?i)^\s*(?:on|e|è|é|es|er|je|ni|ay|hai|là|olarak|ena)\s*$")
_TOKEN = re.compile(r"[^\s\"'`\u201c\u201d,;()<>\[\]{}]+")
_REAL_SYMBOL = re.compile(r"[!@#$%^&*?~+=|\\/_]")
# Underscores and slashes join user names and paths too; these do not.
_STRONG_SYMBOL = re.compile(r"[!@#$%^&*?~+=|\\]")
_ACCOUNT = re.compile(r"^[A-Za-z][\w.-]*\\[\w.$-]+$")
_PRODUCT = re.compile(r"^[^\W\d_]+\d{1,4}$")
_NOT_ASCII_WORD = re.compile(r"^[^\x00-\x7f\w]*[\u0600-\u06ff\u0590-\u05ff\u0e00-\u0e7f"
                             r"\u0900-\u09ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")
_NOT_ASCII_TAIL = re.compile(r"[\u0600-\u06ff\u0590-\u05ff\u0e00-\u0e7f\u0900-\u09ff\u3040-\u30ff"
                            r"\u3400-\u9fff\uac00-\ud7af]+$")
# A case ending glued on with a hyphen or apostrophe after a digit or symbol (Azerbaijani and
# Turkish "Baku_1918x-dir", "Kx9!pq'dur", Finnish "Kx9pq:lla"): the ending is no part of it.
_GLUED_SUFFIX = re.compile(r"(?:(?<=[\d!@#$%^&*_~+=])['\u2019:-][^\W\d_]{1,4}"
                           r"|(?<=\w)['\u2019-](?:[dt][ıiuüə]r|[dt][aeə]n?|y?l[aeə]|n?[ıiuüə]n?))$")
GLUED_SUFFIX = _GLUED_SUFFIX
# How far after (or before) the cue a value may sit, in words.
_AFTER, _BEFORE = 7, 4


def _classes(val: str) -> int:
    return (any(c.islower() for c in val) + any(c.isupper() for c in val)
            + any(c.isdigit() for c in val) + any(not c.isalnum() and c not in "-.," for c in val))


def _shaped(val: str, linked: bool, weak: bool = False) -> bool:
    if not 6 <= len(val) <= 64 or val.lower() in NOT_A_PASSWORD or NOT_SECRET_SHAPE.search(val):
        return False
    if "@" in val and "." in val.split("@")[-1]:
        return False  # an address
    letters = any(c.isalpha() for c in val)
    other = any(not c.isalpha() for c in val)
    symbol = _REAL_SYMBOL.search(val) is not None
    if _ACCOUNT.match(val):
        return False  # CORP\jdoe, jdoe@CORP: an account name
    if not (letters and other) or _classes(val) < 3:
        return False
    if not any(c.islower() for c in val) and not symbol:
        return False  # TICKET-1234, NW-LT-58812, AADSTS50126
    if weak and not (_STRONG_SYMBOL.search(val) or (any(c.islower() for c in val)
                                                    and any(c.isupper() for c in val))):
        return False  # "my login is j.smith_01": a user name, not a secret
    return linked or symbol or not _PRODUCT.match(val)


shaped = _shaped


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    # "Pwd=Gq5z...", "pw:Kx9...": the connector is glued to the value.
    while start < end and text[start] in ":=>\u2192":
        start += 1
    val = text[start:end]
    # A value glued to a word of an unspaced script: "密码是Kx9pL2qv" -> "Kx9pL2qv".
    lead = _NOT_ASCII_WORD.match(val)
    if lead and lead.end() < len(val):
        start += lead.end()
    trail = _NOT_ASCII_TAIL.search(text[start:end])
    if trail and trail.start() > 0:
        end = start + trail.start()
    suffix = _GLUED_SUFFIX.search(text[start:end])
    if suffix:
        end = start + suffix.start()
    while end > start and text[end - 1] in SENTENCE_END + "!?" and \
            not _REAL_SYMBOL.search(text[start:end - 1]):
        end -= 1
    return start, end


def cue_passwords(text: str) -> Iterator[Span]:
    for cue in _CUE.finditer(text):
        weak = cue.group("weak") is not None
        # The clause after the cue, to the end of the line or sentence; "?" and "!" are common
        # inside passwords, so only a full stop ends it.
        tail_end = len(text)
        stop = re.search(r"\n|\.\s", text[cue.end():])
        if stop:
            tail_end = cue.end() + stop.start()
        for n, tok in enumerate(_TOKEN.finditer(text, cue.end(), tail_end)):
            start, end = _clean(text, tok.start(), tok.end())
            gap = text[cue.end():start]
            linked = _LINK.search(gap) is not None or _SHORT_LINK.match(gap) is not None
            # Past the window only the token right after a connector: "PW für den Drucker im
            # 2. OG ist drucker2og!" names what it is for in six words.
            if n >= _AFTER and not linked:
                break
            if _shaped(text[start:end], linked, weak):
                yield "password", start, end
                break
        # "Ocean_Tide_42 is my login code": a value just before the cue needs a real symbol.
        head = text[max(0, cue.start() - 80):cue.start()]
        head = re.split(r"\n|\.\s", head)[-1]
        before = list(_TOKEN.finditer(head))[-_BEFORE:]
        for tok in before:
            start, end = _clean(text, cue.start() - len(head) + tok.start(),
                                cue.start() - len(head) + tok.end())
            val = text[start:end]
            if _REAL_SYMBOL.search(val) and _shaped(val, linked=False, weak=weak):
                yield "password", start, end
                break
