"""Devices lost, taken or left behind, told in the employee's words.

A loss needs the device and a sign it is gone (a person took it, it is missing, it was left
or fell off somewhere it cannot be fetched); a device left at home, a lost signal or charger,
and a fall that broke it are not losses. Pure patterns; ``rules.RULES`` decides their order.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

_DEVICE = r"(work |company |office |corporate )?(laptop|notebook|macbook|phone|iphone|mobile|" \
          r"telephone|cell ?phone|handset|" \
          r"fone|smartphone|tablet|ipad|badge|laptop bag|bag|backpack|rucksack|suitcase|" \
          r"usb (key|stick|drive)|memory stick|(external|hard) (drive|disk)|yubikey|security key)"
# What follows a device when the thing lost is a part of it or on it, not the device.
_PART = r"(charger|cable|stand|case|number|contacts|photos|settings|data|connection|signal|" \
        r"sleeve|strap|password|pin|screen protector|reception|coverage|bars)\b"
# Where a device is left on purpose: at home, on the desk, in the office.
_SAFE_PLACE = r"(at home|in the office|at the office|at work|on my desk|in my desk|at my desk|" \
              r"in the car park|in my locker|in the drawer|charging)"
LOST_DEVICE = re.compile(
    rf"\b{_DEVICE}('s|s)?\b(\W+\w+){{0,4}}?\W+(was |is |got |has been |have been )?"
    rf"(stolen|nicked|snatched|taken (from|at|out of)|(?<=got |was |een )(swiped|grabbed|lifted)|"
    rf"pick-?pocketed|mugged|robbed|"
    rf"missing(?=\W*($|since|from|after|yesterday|today|this|last|,|-))|"
    rf"gone(?=\W*($|since|from|missing|,|-|i think))|(left|forgotten|forgot) (it )?(behind )?"
    rf"(?!{_SAFE_PLACE})(in|on|at)\b|"
    rf"lost(?! (connection|signal|network|wi-?fi|internet|sound|audio|power|charge|its|the|my|"
    rf"data|sync|pairing|settings|contact)))|"
    rf"\b(lost|left|forgot|misplaced|can'?t find|cannot find|could ?n'?t find|could not find|"
    rf"(do ?n'?t|do not|no longer) have|stole|nicked|snatched|(someone|"
    rf"somebody|thie\w+|they|he|she) (has |have )?(took|taken|take|stole|grabbed))\b"
    rf"(\W+\w+){{0,4}}?\W+{_DEVICE}\b(?!('s|s)?\W+{_PART})"
    rf"(?![^.?!\n]{{0,25}}\b{_SAFE_PLACE})(?=[^.?!\n]{{0,60}}\b(train|tram|taxi|cab|airport|"
    rf"bus|plane|flight|station|hotel|restaurant|bar|pub|gym|locker room|street|somewhere|"
    rf"car|uber|metro|subway|underground|cafe|shop|jacket|pocket|conference|trip|"
    rf"since|yesterday|last night|can'?t find|could ?n'?t find|gone|any ?more|dinner|party|"
    rf"event|lost and found|lost property|handed in)\b)|"
    # "lost my phone" is the act; "my lost phone", "report a lost laptop" name the thing.
    rf"(?<!\bmy )(?<!\ba )(?<!\ban )(?<!\bthe )(?<!\bour )(?<!\bany )(?<!\byour )"
    rf"\b(lost|misplaced|stole|nicked|snatched)\b (my |the |our |a )?{_DEVICE}\b"
    rf"(?!('s|s)?\W+{_PART})(?![^.?!\n]{{0,25}}\b{_SAFE_PLACE})|"
    # "somebody take my bag, inside was the tablet": a person took it; where matters less.
    rf"\b(someone|somebody|some ?one|a thief|thieves|(a|the|some)( \w+){{0,2}} (man|guy|woman|"
    rf"stranger|"
    rf"visitor|cleaner|person|kid|lady|bloke)( \w+){{0,3}}) (has |have )?(took|taken|take|takes|"
    rf"stole|steal|grabbed|grab|snatched|snatch|lifted|walked off with|ran off with|made off "
    rf"with)\b"
    rf"(\W+\w+){{0,4}}?\W+{_DEVICE}\b(?![^.?!\n]{{0,30}}\b(for|to) (the |a |be )?(repair|fix|"
    rf"check|image|reimage|update|look|service|it|helpdesk|help desk|service ?desk))|"
    # "my work mobile slipped out of my pocket in an Uber": gone somewhere it cannot be fetched.
    rf"\b{_DEVICE}\b[^.?!\n]{{0,40}}?\b(fell|slipped|slid|dropped|came|flew) (out|off)\b"
    rf"[^.?!\n]{{0,60}}\b(train|tram|taxi|cab|uber|bus|plane|flight|metro|subway|underground|"
    rf"street|car|station|bike|bicycle|scooter|road|somewhere|platform)\b", _I)
# A phone lost long ago and replaced, asked about for MFA: no laptop or bag in it, MFA words,
# and the loss placed in the past ("last year", "since then", "I have a new one").
OLD_PHONE_LOSS = re.compile(
    r"^(?![\s\S]*\b(laptop|notebook|macbook|tablet|ipad|bag|backpack|badge|wallet|car)\b)"
    r"(?=[\s\S]*\b(mfa|2fa|authenticator|verify)\b)[\s\S]*\b(phone|iphone|mobile|handset)\b"
    r"[\s\S]*\b(last (year|month|week|summer|winter|spring|autumn)|(months|years|weeks) ago|"
    r"a while (ago|back)|since then|(have|got|bought) a (new|replacement) one)\b", _I)
# Left somewhere safe on purpose: "forgot my laptop at home, can I borrow a loaner?".
LEFT_SAFE = re.compile(rf"\b(left|forgot|forgotten)\b (my |the )?{_DEVICE}\b[^.?!\n]{{0,20}}"
                       rf"\b{_SAFE_PLACE}", _I)
# A device that fell and broke is a fault, not a loss: "slid off the car seat, screen black".
FELL_AND_BROKE = re.compile(
    r"\b(fell|slipped|slid|dropped|came|knocked) (out|off)\b[\s\S]{0,80}\b(screen|black|"
    r"crack\w*|broken|broke|dent\w*|won'?t|doesn'?t|dead|smash\w*|shatter\w*|scratch\w*|bent)\b|"
    r"\b(screen|black|crack\w*|broken|broke|dent\w*|won'?t|doesn'?t|dead|smash\w*|shatter\w*|"
    r"scratch\w*|bent)\b[\s\S]{0,80}\b(fell|slipped|slid|dropped|came|knocked) (out|off)\b", _I)
# Who a lost phone belongs to matters less than what is on it; MFA wording keeps mfa_reset.
MFA_WORDS = re.compile(r"\b(mfa|2fa|two[- ]?factor|authenticator|verify|codes?|approv\w*)\b", _I)
