"""Detectors for contact data, government ids, payment cards and IBANs, with checksums.

Checksums (Luhn, mod-97, Verhoeff, check letters) are what keep ticket numbers, serials and
error codes from being redacted: a random digit string rarely passes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Span = tuple[str, int, int]

EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

# Things that look numeric but must stay readable: they are how IT talks about work.
PROTECTED = re.compile(
    r"\b(?:INC|REQ|RITM|CHG|PRB|TASK|SCTASK)\d{5,10}\b|\bE\d{6}\b|\bKB-?\d{3,6}\b"
    r"|\b0x[0-9a-f]{4,16}\b|\b(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?\b"
    r"|\bv?(?!\d{3}\.\d{3}\.\d{4}(?![.\d]))\d{1,5}(?:\.\d{1,5}){2,3}(?![.\d])"
    r"|\b\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2})?)?\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b",
    re.IGNORECASE,
)

_PHONE = re.compile(
    r"(?<![\w+./-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,8}){1,5}"
    r"(?![\w/-]|\.\d)"
    r"|(?<![\w+])\+\d{1,3}[\s.-]\(?\d{1,4}\)?(?:[\s.-]\d{2,8}){1,4}(?![\w/-]|\.\d)"
    r"|(?<![\w+])\+\d{8,15}\b|(?<![\w+./-])\d{10,11}(?![\w/-])"
)
_PHONE_CONTEXT = re.compile(
    r"(?:phone|mobile|cell|call|tel|ring|reach|text|sms|whatsapp|landline|fax|number|no\.|"
    r"contact|dial)\W{0,3}(?:\w+\W{1,3}){0,4}$",
    re.IGNORECASE,
)
_NANP = re.compile(r"^(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]\d{4}$")
_UK = re.compile(r"^0\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}$")
_EU_DOTS = re.compile(r"^\d{2}(?:[.\s]\d{2}){4}$")

_CARD = re.compile(r"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])")
_IBAN = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?!\w)",
                   re.IGNORECASE)
_IBAN_LEN = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21, "HU": 28, "IE": 22,
    "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18,
    "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SA": 24, "SE": 24, "SI": 19, "SK": 24, "TR": 26,
    "AE": 23, "IL": 23, "QA": 29, "BR": 29, "MU": 30,
}
_SSN = re.compile(r"(?<![\w-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\w-])")
_SSN_BARE = re.compile(r"(?i)(?:ssn|social security(?: number| no\.?)?)\W{0,4}(?:is\W{1,3})?"
                       r"(?!000|666|9\d\d)(\d{9})\b")
_NINO = re.compile(r"(?<!\w)(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
                   r" ?\d{2} ?\d{2} ?\d{2} ?[A-D](?!\w)", re.IGNORECASE)
_DNI = re.compile(r"(?<!\w)([XYZ]?)(\d{7,8})-?([A-Z])(?!\w)", re.IGNORECASE)
_SIN_CONTEXT = re.compile(r"\b(?:sin|social insurance|nas|num[ée]ro d'assurance sociale)\b",
                          re.IGNORECASE)
_SIN = re.compile(r"(?<![\w-])\d{3}([- ])\d{3}\1\d{3}(?![\w-])")
_AADHAAR = re.compile(r"(?<![\w-])[2-9]\d{3}([ -]?)\d{4}\1\d{4}(?![\w-])")
_NIR = re.compile(r"(?<![\w-])[12] ?\d{2} ?(?:0[1-9]|1[0-2]) ?\d{2} ?\d{3} ?\d{3} ?\d{2}(?![\w-])")

def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card_prefix_ok(d: str) -> bool:
    """Issuer prefix and length must agree: a 15-digit number is only a card if it is Amex,
    which keeps Luhn-valid device IMEIs (15 digits, often starting 35) out."""
    n, two, four = len(d), int(d[:2]), int(d[:4])
    if two in (34, 37):
        return n == 15
    if d[0] == "4":
        return n in (13, 16, 19)
    if 51 <= two <= 55 or 2221 <= four <= 2720:
        return n == 16
    if two in (36, 38, 30):
        return 14 <= n <= 19
    return d.startswith(("6011", "65", "35", "62")) and 16 <= n <= 19


def iban_ok(raw: str) -> bool:
    s = re.sub(r"\s", "", raw).upper()
    if _IBAN_LEN.get(s[:2]) != len(s):
        return False
    rearranged = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


# Verhoeff tables (Aadhaar's check digit).
_VD = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
       [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
       [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
       [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
       [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
_VP = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
       [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
       [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
       [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]


def verhoeff_ok(digits: str) -> bool:
    c = 0
    for i, ch in enumerate(reversed(digits)):
        c = _VD[c][_VP[i % 8][int(ch)]]
    return c == 0


def _dni_ok(prefix: str, number: str, letter: str) -> bool:
    if prefix:
        if len(number) != 7:
            return False
        number = str("XYZ".index(prefix.upper())) + number
    elif len(number) != 8:
        return False
    return "TRWAGMYFPDXBNJZSQVHLCKE"[int(number) % 23] == letter.upper()


def _nir_ok(raw: str) -> bool:
    d = re.sub(r"\s", "", raw)
    return 97 - int(d[:13]) % 97 == int(d[13:])


def emails(text: str) -> Iterator[Span]:
    for m in EMAIL.finditer(text):
        yield "email", m.start(), m.end()


def phones(text: str) -> Iterator[Span]:
    for m in _PHONE.finditer(text):
        raw = m.group().strip()
        n = sum(c.isdigit() for c in raw)
        if not 7 <= n <= 15:
            continue
        shaped = (raw.startswith(("+", "(")) or bool(_NANP.match(raw) or _UK.match(raw)
                                                     or _EU_DOTS.match(raw)))
        if shaped or _PHONE_CONTEXT.search(text[max(0, m.start() - 40):m.start()]):
            yield "phone", m.start(), m.start() + len(raw)


def gov_ids(text: str) -> Iterator[Span]:
    for m in _SSN.finditer(text):
        yield "gov_id", m.start(), m.end()
    for m in _SSN_BARE.finditer(text):
        yield "gov_id", m.start(1), m.end(1)
    for m in _NINO.finditer(text):
        yield "gov_id", m.start(), m.end()
    for m in _DNI.finditer(text):
        if _dni_ok(m.group(1), m.group(2), m.group(3)):
            yield "gov_id", m.start(), m.end()
    for m in _SIN.finditer(text):
        # 3-3-3 digit groups are also how many phone numbers are written: demand the name.
        if (luhn_ok(re.sub(r"\D", "", m.group())) and m.group()[0] not in "08"
                and _SIN_CONTEXT.search(text[max(0, m.start() - 40):m.start()])):
            yield "gov_id", m.start(), m.end()
    for m in _AADHAAR.finditer(text):
        if verhoeff_ok(re.sub(r"\D", "", m.group())):
            yield "gov_id", m.start(), m.end()
    for m in _NIR.finditer(text):
        if _nir_ok(m.group()):
            yield "gov_id", m.start(), m.end()


def cards(text: str) -> Iterator[Span]:
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if 13 <= len(digits) <= 19 and _card_prefix_ok(digits) and luhn_ok(digits):
            yield "card", m.start(), m.end()


def ibans(text: str) -> Iterator[Span]:
    for m in _IBAN.finditer(text):
        if iban_ok(m.group()):
            yield "iban", m.start(), m.end()
