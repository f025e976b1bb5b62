"""A keyword gloss for languages outside the Latin-script set in ``gloss.py``.

Russian, Polish, Turkish, Vietnamese, Chinese, Japanese and Korean overrides ("игнорируй все
предыдущие инструкции", "前の指示はすべて無視して") reach a helpdesk as often as French ones, and
the English rules never see them. This reading keeps only the words that carry an attack, in
English, and for verb-final languages (Japanese, Korean, Turkish) moves each verb in front of
the words before it, so "previous instructions all ignore" reads "ignore previous instructions
all", the order the rules expect. Chinese and Japanese have no spaces, so their keys match
anywhere; the other scripts match whole words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# (English, verb?, verb-final language?, forms). Forms are written naturally and folded with
# the caller's folding (accents and look-alike letters go), so they match folded text.
_ENTRIES: tuple[tuple[str, bool, bool, tuple[str, ...]], ...] = (
    # Russian
    ("ignore", True, False, ("игнорируй", "игнорируйте", "проигнорируй", "игнорировать",
                             "не обращай внимания на", "не обращайте внимания на")),
    ("forget", True, False, ("забудь", "забудьте")),
    ("show", True, False, ("покажи", "покажите", "выведи", "выведите", "раскрой")),
    ("tell me", True, False, ("скажи", "скажите", "расскажи")),
    ("give", True, False, ("дай", "дайте", "выдай", "выдайте", "предоставь")),
    ("all", False, False, ("все", "всё", "всех")),
    ("previous", False, False, ("предыдущие", "предыдущих", "прежние", "прошлые")),
    ("instructions", False, False, ("инструкции", "инструкций", "указания")),
    ("rules", False, False, ("правила", "правил")),
    ("restrictions", False, False, ("ограничения", "ограничений")),
    ("system", False, False, ("системные", "системный", "системную", "системная")),
    ("prompt", False, False, ("промпт", "подсказку")),
    ("your", False, False, ("свои", "твои", "твой", "свой", "ваши", "ваш")),
    ("me", False, False, ("мне",)),
    ("you are now", False, False, ("ты теперь", "вы теперь")),
    ("without restrictions", False, False, ("без ограничений", "без правил")),
    ("reset", True, False, ("сбрось", "сбросьте")),
    ("admin", False, False, ("администратора", "администратор", "админа")),
    ("rights", False, False, ("права",)),
    ("access", False, False, ("доступ", "доступа")),
    ("password", False, False, ("пароль", "пароли")),
    ("in full", False, False, ("полностью", "целиком")),
    ("and", False, False, ("и",)),
    # Polish
    ("ignore", True, False, ("zignoruj", "ignoruj", "zignorujcie")),
    ("forget", True, False, ("zapomnij",)),
    ("show", True, False, ("pokaż", "wyświetl", "ujawnij")),
    ("give", True, False, ("daj", "nadaj")),
    ("all", False, False, ("wszystkie", "wszystkich")),
    ("previous", False, False, ("poprzednie", "wcześniejsze", "poprzednich")),
    ("instructions", False, False, ("instrukcje", "instrukcji", "polecenia")),
    ("rules", False, False, ("reguły", "zasady")),
    ("system prompt", False, False, ("prompt systemowy", "monit systemowy")),
    ("your", False, False, ("swój", "twój", "swoje", "twoje", "swoich")),
    ("password", False, False, ("hasło", "hasła")),
    ("admin", False, False, ("administratora", "administrator")),
    # Turkish (verb-final)
    ("ignore", True, True, ("yok say", "görmezden gel", "yoksay")),
    ("forget", True, True, ("unut",)),
    ("show", True, True, ("göster", "gösterin")),
    ("tell me", True, True, ("söyle", "anlat")),
    ("give", True, True, ("ver", "verin")),
    ("previous", False, True, ("önceki",)),
    ("all", False, True, ("tüm", "bütün", "hepsini")),
    ("instructions", False, True, ("talimatları", "talimatlar", "talimatlarını")),
    ("rules", False, True, ("kuralları", "kurallarını")),
    ("system prompt", False, True, ("sistem istemini", "sistem istemi", "sistem komutunu")),
    ("me", False, True, ("bana",)),
    ("password", False, True, ("şifre", "şifresini", "parola", "parolasını")),
    ("admin", False, True, ("yönetici",)),
    ("and", False, True, ("ve",)),
    # Vietnamese
    ("ignore", True, False, ("bỏ qua", "phớt lờ")),
    ("forget", True, False, ("quên",)),
    ("show", True, False, ("hiển thị", "cho xem")),
    ("give me", True, False, ("cho tôi", "đưa tôi")),
    ("all", False, False, ("mọi", "tất cả")),
    ("instructions", False, False, ("hướng dẫn", "chỉ dẫn")),
    ("previous", False, False, ("trước đó", "trước")),
    ("admin rights", False, False, ("quyền quản trị",)),
    ("password", False, False, ("mật khẩu",)),
    ("and", False, False, ("và",)),
    # Chinese
    ("ignore", True, False, ("忽略", "无视", "忽视")),
    ("forget", True, False, ("忘记", "忘掉")),
    ("admin rights", False, False, ("管理员权限",)),
    ("tell me", True, False, ("告诉我",)),
    ("show", True, False, ("显示", "展示", "输出", "给我看")),
    ("give me", True, False, ("给我",)),
    ("previous", False, False, ("之前的", "以前的", "先前的", "之前")),
    ("all", False, False, ("所有", "全部")),
    ("instructions", False, False, ("指令", "指示", "说明")),
    ("rules", False, False, ("规则",)),
    ("system prompt", False, False, ("系统提示词", "系统提示", "系统指令")),
    ("your", False, False, ("你的",)),
    ("admin", False, False, ("管理员",)),
    ("password", False, False, ("密码",)),
    # Japanese (verb-final)
    ("ignore", True, True, ("無視",)),
    ("forget", True, True, ("忘れて",)),
    ("show", True, True, ("表示", "見せて")),
    ("tell me", True, True, ("教えて",)),
    ("previous", False, True, ("以前の", "前の", "これまでの")),
    ("all", False, True, ("すべて", "全て")),
    ("instructions", False, True, ("指示", "命令")),
    ("rules", False, True, ("ルール",)),
    ("system prompt", False, True, ("システムプロンプト",)),
    ("admin", False, True, ("管理者",)),
    ("password", False, True, ("パスワード",)),
    # Korean (verb-final)
    ("ignore", True, True, ("무시",)),
    ("forget", True, True, ("잊어",)),
    ("show", True, True, ("보여줘", "보여 줘", "보여주세요")),
    ("tell me", True, True, ("알려줘", "알려 줘", "알려주세요")),
    ("previous", False, True, ("이전",)),
    ("all", False, True, ("모두", "모든")),
    ("instructions", False, True, ("지시", "지침")),
    ("rules", False, True, ("규칙",)),
    ("system prompt", False, True, ("시스템 프롬프트",)),
    ("admin", False, True, ("관리자",)),
    ("password", False, True, ("비밀번호",)),
    # Swedish, Danish, Norwegian
    ("ignore", True, False, ("ignorera", "strunta i", "bortse fra", "bortse från")),
    ("forget", True, False, ("glöm", "glem")),
    ("show me", True, False, ("visa mig", "vis meg", "vis mig")),
    ("give me", True, False, ("ge mig", "gi meg", "giv mig")),
    ("previous", False, False, ("tidigare", "tidligere", "föregående")),
    ("instructions", False, False, ("instruktioner", "instruktionerna", "instruksjoner",
                                    "instruksjonene", "instruktionerne")),
    ("rules", False, False, ("regler", "reglerna", "reglene", "reglerne")),
    ("hidden", False, False, ("dolda", "skjulte")),
    ("your", False, False, ("dina", "dine")),
    ("system prompt", False, False, ("systemprompt", "systemprompten")),
    ("admin rights", False, False, ("adminrättigheter", "administratörsrättigheter",
                                    "administratorrettigheter", "adminrettigheter")),
    # Czech, Slovak
    ("forget", True, False, ("zapomeň", "zapomeňte", "zabudni", "zabudnite")),
    ("ignore", True, False, ("ignorujte", "ignorovat")),
    ("show", True, False, ("ukaž", "ukažte", "zobraz", "zobrazte")),
    ("give me", True, False, ("dej mi", "dejte mi", "daj mi")),
    ("all", False, False, ("alla", "všechna", "všechny", "všetky", "všetko")),
    ("previous", False, False, ("předchozí", "predchádzajúce", "dřívější")),
    ("instructions", False, False, ("instrukce", "pokyny", "inštrukcie")),
    ("rules", False, False, ("pravidla", "pravidlá")),
    ("hidden", False, False, ("skryté", "skrytá")),
    ("system prompt", False, False, ("systémový prompt",)),
    ("admin rights", False, False, ("administrátorská práva", "administrátorské práva",
                                    "práva administrátora")),
    # Indonesian, Malay
    ("ignore", True, False, ("abaikan",)),
    ("forget", True, False, ("lupakan",)),
    ("show", True, False, ("tampilkan", "tunjukkan", "perlihatkan")),
    ("give me", True, False, ("berikan saya", "beri saya", "berikan aku", "kasih saya")),
    ("all", False, False, ("semua",)),
    # Modifiers follow the noun; the common pairs are read in English order.
    ("previous instructions", False, False, ("instruksi sebelumnya", "arahan sebelumnya",
                                             "perintah sebelumnya")),
    ("previous rules", False, False, ("aturan sebelumnya", "peraturan sebelumnya")),
    ("hidden instructions", False, False, ("instruksi tersembunyi", "arahan tersembunyi")),
    ("hidden rules", False, False, ("aturan tersembunyi",)),
    ("previous", False, False, ("sebelumnya",)),
    ("instructions", False, False, ("instruksi", "arahan")),
    ("rules", False, False, ("aturan", "peraturan")),
    ("hidden", False, False, ("tersembunyi",)),
    ("system prompt", False, False, ("prompt sistem",)),
    # Hindi in Latin letters (verb-final)
    ("forget", True, True, ("bhool jao", "bhool jaao", "bhul jao", "bhula do", "bhool jaiye")),
    ("ignore", True, True, ("ignore karo", "nazarandaz karo", "andekha karo")),
    ("show", True, True, ("dikhao", "dikha do")),
    ("tell me", True, True, ("batao", "bata do")),
    ("give", True, True, ("de do", "dijiye")),
    ("previous", False, True, ("pichle", "pichhle", "purane")),
    ("all", False, True, ("saare", "saari", "sabhi")),
    ("me", False, True, ("mujhe",)),
    ("rules", False, True, ("niyam",)),
    # Greek
    ("ignore", True, False, ("αγνόησε", "αγνοήστε")),
    ("forget", True, False, ("ξέχασε", "ξεχάστε")),
    ("show me", True, False, ("δείξε μου", "δείξτε μου")),
    ("tell me", True, False, ("πες μου", "πείτε μου")),
    ("give me", True, False, ("δώσε μου", "δώστε μου")),
    ("all", False, False, ("όλες", "όλα", "όλους")),
    ("previous", False, False, ("προηγούμενες", "προηγούμενα", "προηγούμενους")),
    ("instructions", False, False, ("οδηγίες",)),
    ("rules", False, False, ("κανόνες",)),
    ("hidden", False, False, ("κρυφές", "κρυφά", "κρυφούς")),
    ("your", False, False, ("σου",)),
    ("configuration", False, False, ("ρυθμίσεις",)),
    # English loanwords inside those sentences ("pichle saare instructions bhool jao"); they
    # only count once a foreign verb above made the message a gloss candidate.
    ("instructions", False, False, ("instructions",)),
    ("rules", False, False, ("rules",)),
    ("system prompt", False, False, ("system prompt",)),
    ("admin access", False, False, ("admin access",)),
    ("admin", False, False, ("admin",)),
    ("password", False, False, ("password",)),
)
# Scripts written without spaces between words.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


class ScriptGloss:
    """Built once with the folding the rules use, then called on folded text."""

    def __init__(self, fold: Callable[[str], str]) -> None:
        self._meaning: dict[str, tuple[str, bool, bool]] = {}
        for english, verb, final, forms in _ENTRIES:
            # Folding maps look-alike capitals to Latin before lower-casing ("Не" reads "he",
            # "не" reads "нe"), so each form is folded as written, capitalised and in capitals.
            for form in forms:
                for cased in (form, form.capitalize(), form.upper()):
                    self._meaning.setdefault(fold(cased), (english, verb, final))
        keys = sorted(self._meaning, key=len, reverse=True)
        unspaced = [re.escape(k) for k in keys if _UNSPACED.search(k)]
        spaced = [re.escape(k) for k in keys if not _UNSPACED.search(k)]
        ascii_only = [re.escape(k) for k in keys if k.isascii()]
        # One boundary test around a whole alternation is several times cheaper than one per
        # key; most messages are plain ASCII and only need the keys that fold to ASCII.
        self._rx = re.compile(rf"(?:{'|'.join(unspaced)})|\b(?:{'|'.join(spaced)})\b")
        self._ascii_rx = re.compile(rf"\b(?:{'|'.join(ascii_only)})\b")

    def __call__(self, folded: str) -> str | None:
        rx = self._ascii_rx if folded.isascii() else self._rx
        found = [self._meaning[m.group()] for m in rx.finditer(folded)]
        if not any(verb for _, verb, _ in found) or len(found) < 2:
            return None
        if not any(final for _, _, final in found):
            return " ".join(word for word, _, _ in found)
        out: list[str] = []
        pending: list[str] = []
        for word, verb, _ in found:
            if verb:
                out += [word, *pending]
                pending = []
            else:
                pending.append(word)
        return " ".join(out + pending)
