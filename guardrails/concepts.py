"""Overrides in languages that translate "instructions", read as a combination of concepts.

``cognates.py`` catches languages that borrow "instruction", "system" or "prompt". Many do not
("көрсөтмөлөр", "toromarika", "ਹਦਾਇਤਾਂ", "Vorgaben", "指示"), and a per-language sentence gloss
never reaches the next language. What every such override shares is its structure: it names
the directives or rules the assistant was given, and also says they came earlier, are to be
dropped, are secret, or are to be shown. So this keeps a short list of stems per *concept*
(not per phrasing) and scores the combination:

- a directive or rule, plus two of earlier / drop / secret / show: 1.0 (a block);
- a directive or rule plus "secret": 0.6 (the tool gate, and a block with the head's support).

It reads only mostly non-English text: English has the fuller rules, and there "forget the
previous instructions I sent" is often benign context the rules can tell apart.
"""

from __future__ import annotations

import re

from guardrails.cognates import mostly_foreign

_CONCEPTS: dict[str, str] = {
    # Instructions, directions, guidance, orders, rules, guidelines; stems, any inflection.
    "directive": (
        r"anweisung|vorgabe|richtlinie|regeln|consigne|directive|r[eè]gle|indicaci|instrucc"
        r"|instru[cç][aãõo]|orienta[cç]|directriz|istruzion|indicazion|regol|aanwijzing|opdracht"
        r"|richtlijn|regels|polece[nń]|zalece|wytyczn|zasad|pokyn|pravidl|utas[ií]t|szab[aá]ly"
        r"|talimat|y[oö]nerge|kural|ohje|s[aä][aä]nt[oö]|anvisning|instruks|regler|direktiv"
        r"|указани|инструкц|правил|вказівк|настанов|упатств|упутств|правила|указания|пратоколы"
        r"|指示|指令|说明|說明|规则|規則|ルール|規定|지시|지침|규칙|h[uư][oớ]ng d[aẫ]n|quy t[aắ]c"
        r"|petunjuk|arahan|aturan|peraturan|pitunjuk|maelekezo|maagizo|sheria|umarni|dokoki"
        r"|ntụziaka|ntuziaka|iwu|toromarika|fitsipika|ordono|instrukci|reguloj|көрсөтмө|эреже"
        r"|дастур|қоида|görkezme|düzgün|күрсәтмә|кагыйд|ਹਦਾਇਤ|ਨਿਯਮ|ਨਿਰਦੇਸ਼|સૂચના|નિયમ|ಸೂಚನೆ|ನಿಯಮ"
        r"|നിർദ്ദേശ|നിയമ|निर्देश|नियम|निर्देशों|নির্দেশ|নিয়ম|ஆணை|விதி|అదేశ|నియమ|سوچن|ہدایات"
        r"|قوانین|قواعد|تعليمات|دستورالعمل|دستورات|لارښوون|rêwerz|talîmat|qaîde|enstriksyon"
        r"|r[eè]g\b|giya|lagda|amabwiriza|amategeko|ការណែនាំ|ច្បាប់|ညွှန်ကြား|စည်းမျဉ်း|คำสั่ง|กฎ"
        r"|kanuni|imiyalelo|tilmaam|ko'rsatma|qoida|chỉ thị|hướng dẫn|הוראות|הנחיות|כללים"
        r"|οδηγίες|κανόνες|instrucțiun|reguli|navodila|pravila|uputa|upute|juhis|reegl|norād"
        r"|noteikum|nurodym|taisykl"),
    # Earlier, previous, before, at the start, initial.
    "earlier": (
        r"vorherig|bisherig|vom anfang|am anfang|pr[eé]c[eé]dent|au d[eé]but|anterior|al inicio"
        r"|precedent|all'inizio|eerder|bij de start|vorige|poprzedni|na pocz[aą]tku|wcze[sś]niej"
        r"|p[rř]edchoz|kor[aá]bbi|el[oő]z[oő]|[oö]nceki|ba[sş]ta|aiemm|edellis|tidigare|f[oø]rre"
        r"|предыдущ|прежн|ранее|в начале|попередн|претходн|最初|之前|以前|先前|前の|이전|처음"
        r"|trước|sebelum|sebelumnya|awal|zamani|hapo awali|a baya|na mbụ|teo aloha|antaŭ|sadurunge"
        r"|ពីមុន|ယခင်|ਪਿਛਲ|અગાઉ|ಹಿಂದಿನ|മുമ്പ|पिछल|पहले|আগের|முந்தைய|మునుపటి|پچھل|قبلی|السابق"
        r"|پخوان|berê|anvan|sinugdanan|mbere|мурунку|пешин|öňki|элеккеге|oldingi|avvalgi"
        r"|ก่อนหน้า|הקודמ|προηγούμεν|anterioar|prejšnj|prethodn|eelmis|iepriekš|ankstesn"),
    # Forget, ignore, disregard, no longer valid.
    "drop": (
        r"vergiss|vergessen|ignorier|gelten nicht|oubli|ignor|olvid|esquec|dimentic"
        r"|vergeet|negeer|telt niet|zapomnij|zignoruj|nie obowi[aą]zuj|zapome[nň]|ignoruj"
        r"|elfelejt|unut|yok say|unohda|gl[oö]m|забудь|забуд|игнорир|не действ|заборав|忘|無視"
        r"|忽略|无效|無効|잊|무시|quên|bỏ qua|lupakan|abaikan|sahau|puuza|manta|chefuo|adinoy"
        r"|forgesu|lalekna|ភ្លេច|မေ့|ਭੁੱਲ|ભૂલ|અવગણ|ಮರೆತು|ಮರೆ|മറന്ന|മറക്ക|भूल|ভুলে|மற|మర్చిపో"
        r"|بھول|فراموش|تجاهل|انس|هېر|ji bîr|bliye|kalimti|ibagirwa|унут|фаромӯш|оныт|ลืม|שכח"
        r"|ξέχασε|αγνόησε|uit[aă]|pozabi|zaboravi|unusta|aizmirst|pamiršk|sin efecto|sans effet"
        r"|ungültig|ongeldig|nieważn|geçersiz|mitätön"),
    # Secret, hidden, confidential, internal.
    "secret": (
        r"geheim|versteckt|interne[nrs]?\b|secr[eè]t|cach[eé]|oculto|ocult|segret|nascost|verborgen"
        r"|tajn|ukryt|skryt|titkos|rejtett|gizli|salai|hemlig|dold|hemmelig|секрет|скрыт|тайн"
        r"|внутрен|прихован|таємн|秘密|隐藏|隠し|内部|비밀|숨겨|bí mật|bị ẩn|rahasia|tersembunyi"
        r"|siri|sirri|nzuzo|miafina|kaŝit|sekret|សម្ងាត់|လျှို့ဝှက်|ਗੁਪਤ|ગુપ્ત|ಗುಪ್ತ|രഹസ്യ"
        r"|गुप्त|গোপন|ரகசிய|రహస్య|خفیہ|مخفی|سرية|پټ|veşartî|sekrè|tinago|ibanga|махфи|жашыруун"
        r"|gizlin|яшерен|ลับ|סוד|μυστικ|ascuns|skrivn|tajn"),
    # Show, write out, word for word, as it is.
    "show": (
        r"zeig|schreib|wortw[oö]rtlich|montre|affiche|mot pour mot|muestra|mu[eé]strame|mostra"
        r"|c[oó]pia|tal cual|toon|laat zien|letterlijk|poka[zż]|wypisz|dos[lł]ownie|uka[zž]|vypi"
        r"|mutasd|g[oö]ster|n[aä]yt[aä]|visa mig|skriv ut|покаж|покажи|выведи|напиши|дословно"
        r"|видај|покаже|見せ|書き出|一字一句|显示|顯示|给我看|보여|출력|cho tôi xem|hiển thị"
        r"|tunjukkan|tampilkan|onyesha|nuna|gosi|asehoy|montru|laŭvorte|tuduhna|បង្ហាញ|ပြ"
        r"|ਦਿਖਾ|બતાવ|ತೋರಿಸ|കാണിച്ച|दिखा|দেখা|காட்ட|చూపించ|دکھا|نشان|اعرض|وښی|nîşan|ban mwen|ban m lis"
        r"|ipakita|unyereke|көрсөт|нишон|görkez|күрсәт|แสดง|הראה|δείξε|arat[aă]|poka[zž]i"
        r"|сөзмө-сөз|жазып бер"),
}
_COMPILED = {name: re.compile(rx, re.IGNORECASE) for name, rx in _CONCEPTS.items()}


def concepts(text: str) -> frozenset[str]:
    """The override concepts a mostly non-English text names, or none."""
    if not mostly_foreign(text):
        return frozenset()
    low = text.casefold()
    return frozenset(name for name, rx in _COMPILED.items() if rx.search(low))


def score(text: str) -> tuple[float, str | None]:
    found = concepts(text)
    if "directive" not in found:
        return 0.0, None
    others = found - {"directive"}
    if len(others) >= 2:
        return 1.0, "foreign_directive_concepts"
    if "secret" in others:
        return 0.6, "foreign_secret_directives"
    return 0.0, None
