"""A keyword gloss for more languages: Romanian, Catalan, Hungarian, Finnish, Ukrainian,
Bulgarian, the Serbo-Croatian family and Slovenian, Lithuanian, Latvian, Estonian, Afrikaans,
Tagalog, Swahili, Arabic, Hebrew, Persian, Urdu, Thai, Bengali and Hindi in Devanagari.

Round eight found overrides in these languages passing untouched ("Unohda aiemmat ohjeesi",
"تجاهل جميع التعليمات السابقة"). Like ``gloss_scripts`` this keeps only the words that carry an
attack, in English, but it also puts them in English order for two word-order families:
- modifiers after the noun (Romanian, Catalan, Arabic, Hebrew, Persian, Swahili, Thai):
  "instructions previous all" reads "all previous instructions";
- verb-final (Persian, Urdu, Hindi, Bengali): each verb moves in front of the words before it.
Arabic-script, Hebrew, Thai, Devanagari and Bengali keys match inside words: the first three glue
"and", "the" and "from" to the next word, Thai has no spaces, and Indic vowel signs are not
word characters to ``re``.

The word lists live in ``data/gloss_world_lexicon.yaml`` (read once per process): they are data,
and as Python they made a module longer than the 250-line limit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

_Meaning = tuple[str, str, bool, bool]


@dataclass(frozen=True)
class Language:
    name: str
    post: bool  # modifiers follow the noun
    final: bool  # the verb comes last
    inside: bool  # keys match inside words (clitics, no spaces, vowel signs)
    entries: tuple[tuple[str, str, tuple[str, ...]], ...]  # (English, kind v/m/n, forms)


@cache
def load_lexicon() -> tuple[Language, ...]:
    raw = resources.files("guardrails").joinpath("data/gloss_world_lexicon.yaml")
    doc = yaml.safe_load(raw.read_text("utf-8"))
    return tuple(
        Language(str(lang["name"]), bool(lang["post"]), bool(lang["final"]),
                 bool(lang["inside"]),
                 tuple((str(e), str(k), tuple(str(f) for f in forms))
                       for e, k, forms in lang["entries"]))
        for lang in doc["languages"])


class WorldGloss:
    """Built once with the folding the rules use, then called on folded text."""

    def __init__(self, fold: Callable[[str], str],
                 languages: tuple[Language, ...] | None = None) -> None:
        self._meaning: dict[str, _Meaning] = {}
        anywhere: set[str] = set()
        langs = load_lexicon() if languages is None else languages
        # Whole-word languages first: where a folded key is shared, the first meaning wins, as
        # it did when the two groups were separate tuples.
        for lang in sorted(langs, key=lambda lang: lang.inside):
            for english, kind, forms in lang.entries:
                for form in forms:
                    for cased in (form, form.capitalize()):
                        key = fold(cased)
                        self._meaning.setdefault(key, (english, kind, lang.post, lang.final))
                        if lang.inside:
                            anywhere.add(key)
        keys = sorted(self._meaning, key=len, reverse=True)
        inner = [re.escape(k) for k in keys if k in anywhere]
        whole = [re.escape(k) for k in keys if k not in anywhere]
        self._rx = re.compile(rf"(?:{'|'.join(inner)})|(?<!\w)(?:{'|'.join(whole)})(?!\w)")
        # Plain ASCII text never holds the non-Latin keys; this keeps the common case cheap.
        self._ascii_rx = re.compile(
            rf"(?<!\w)(?:{'|'.join(re.escape(k) for k in keys if k.isascii())})(?!\w)")

    def __call__(self, folded: str) -> str | None:
        rx = self._ascii_rx if folded.isascii() else self._rx
        found = [self._meaning[m.group()] for m in rx.finditer(folded)]
        if not any(kind == "v" for _, kind, _, _ in found) or len(found) < 2:
            return None
        return " ".join(_english_order(found))


def _english_order(found: list[_Meaning]) -> list[str]:
    # Modifiers that follow a noun go in front of it, "all" first: "instructions previous all"
    # reads "all previous instructions".
    # A run of modifiers reads "all" first: "previous all instructions" -> "all previous ...".
    found = list(found)
    start = 0
    while start < len(found):
        end = start
        while end < len(found) and found[end][1] == "m":
            end += 1
        found[start:end] = sorted(found[start:end], key=lambda f: f[0] != "all")
        start = end + 1
    out: list[str] = []
    i = 0
    while i < len(found):
        word, kind, post, _ = found[i]
        j = i + 1
        mods: list[str] = []
        while kind == "n" and post and j < len(found) and found[j][1] == "m":
            mods.append(found[j][0])
            j += 1
        mods.sort(key=lambda m: m != "all")
        out += [*mods, word]
        i = j
    if not any(final for _, _, _, final in found):
        return out
    # Verb-final: each verb moves in front of the words gathered since the last verb.
    verbs = {w for w, kind, _, _ in found if kind == "v"}
    ordered: list[str] = []
    pending: list[str] = []
    for word in out:
        if word in verbs:
            ordered += [word, *pending]
            pending = []
        else:
            pending.append(word)
    return ordered + pending
