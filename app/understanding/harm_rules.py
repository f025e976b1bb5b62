"""Security events told as what the employee saw or did, in shapes the older rules miss.

Each pattern pairs an event with the sign that it was not the employee's own doing or that
they followed someone else's instruction: something opened from a mail that runs code, a
device or sign-in method nobody here added, prompts that keep coming after "deny", mail
"from me" that I did not send, an install or an approval a page or a caller asked for, a
pointer that moves while nobody touches it, a change "not made by me", a ransom note without
the word ransom, a security key that is no longer where it was. Pure patterns; the ``events``
stances still undo them when the message only asks about such a thing.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
_NOT_ME = (r"(i (did ?n'?t|didnt|did not|never|have ?n'?t|haven'?t)|not (me|by me)|"
           r"(it )?(was ?n'?t|wasnt|was not|is not|isn'?t) me|nobody here)")

# A mail attachment or download that runs code when opened: web pages, programs, scripts,
# disk images, or a double extension ("invoice.pdf.exe").
OPENED_ACTIVE = re.compile(
    r"\b(opened|ran|launched|double[- ]?clicked|clicked( on)?|ran)\b[^.?!\n]{0,40}"
    r"\b(attachment|file|invoice|document|fax|voicemail|message)\b[\s\S]{0,200}"
    r"(\.|\b)(html?|exe|js|vbs|iso|img|lnk|hta|scr|one|msi|bat)\b|"
    r"\b(opened|ran|launched|double[- ]?clicked)\b[^.?!\n]{0,20}\b(the |that |this |an? )?"
    r"(html?|exe|js|vbs|iso|hta|scr|zip)( file| attachment)\b|"
    # The file named in the quoted mail first, then "I opened the attachment".
    r"\.(html?|exe|js|vbs|iso|img|lnk|hta|scr|one|msi|bat)\b[\s\S]{0,400}\b(opened|ran|"
    r"launched|double[- ]?clicked)\b[^.?!\n]{0,20}\b(the |that |this |an? )?(attachment|file|"
    r"it)\b", _I)

# Something on the account nobody here put there.
UNKNOWN_ADDITION = re.compile(
    # "some app I don't know installed itself overnight".
    r"\b(apps?|programs?|software|extensions?|tools?|something|toolbars?)\b[^.?!\n]{0,40}"
    r"\binstalled (itself|themselves|on (its|their) own|by (itself|themselves))\b|"
    r"\b(unknown|unrecogni[sz]ed|strange|unfamiliar|foreign|someone else'?s)\b[^.?!\n]{0,20}"
    r"\b(device|phone|method|sign-?in method|authenticator|rule|forwarding|app|session)s?\b"
    r"[^.?!\n]{0,40}\b(added|registered|appeared|showing|listed|signed|in my|on my)\b|"
    r"\b(sign-?in method|authentication method|security info|(method|device|phone|number)\b"
    r"[^.?!\n]{0,20}\b(on|to|in) my (account|profile|sign-?in))\b[^.?!\n]{0,40}"
    r"\bi (never|did ?n'?t|didnt|did not) (add|register|create|made|make)\w*|"
    r"\b(rules?|forwarding)\b[^.?!\n]{0,30}\bi (never|did ?n'?t|didnt|did not) (made|make|"
    r"created|create|set|added|add)\b", _I)

# Prompts that keep coming after the employee refused them.
PROMPTS_KEEP_COMING = re.compile(
    r"\b(approv\w* requests?|prompts?|push(es)?|notifications?|sign-?in requests?)\b"
    r"[\s\S]{0,120}\b((press|pressed|tap|tapped|hit|click|clicked|say|said|i) (deny|no|"
    r"decline|reject)|(deny|denied|declined?|rejected) (them|it|each|every|all))\b"
    r"[\s\S]{0,80}\b(keep|continue|still|again|more)\b", _I)

# Mail "from me" that I never sent.
SENT_AS_ME = re.compile(
    r"\b(sent|send|got|get|getting|receive[sd]?|receiving|emailed)\b[\s\S]{0,120}\bi (did ?n'?t|"
    r"didnt|did not|never|not|no) (send|sent|write|wrote|written|email)\b|"
    # "my colleagues receive messages from me with a link", "people are getting mails from
    # my address": others receive what the employee did not say they sent.
    r"\b(receiv\w*|getting|get|got)\b[^.?!\n]{0,20}\b(e-?mails?|mails?|messages?|texts?|"
    r"invites?)\b[^.?!\n]{0,10}\bfrom (me|my (address|account|mailbox|e-?mail))\b"
    r"[^.?!\n]{0,60}\b(links?|attachments?|that i|which i|i (never|not|did ?n'?t|didnt)|"
    r"strange|weird|odd|asking|spam|invoice|shared document)\b|"
    # "outlook sent 300 emails overnight that I never wrote": mass sending nobody started.
    r"\b(sent|sending|went out)\b[^.?!\n]{0,30}\b(\d{2,}|hundreds|dozens|loads|lots) of "
    r"(e-?mails?|mails?|messages?)\b[^.?!\n]{0,60}\b(never|did ?n'?t|didnt|did not|not) "
    r"(wr[io]te|written|sen[dt]|send)\b", _I)

# Personal or confidential data that reached the wrong person: sent to the employee by
# mistake, or open to them when it should not be ("HR sent me an excel by mistake with
# everyone's salaries", "I can open the folder with all staff's medical notes").
_DATA = (r"(salar(y|ies)|payroll|pay ?slips?|home address(es)?|addresses|bank (details|"
         r"accounts?)|passports?|national insurance|social security|ssn|medical|health|sick "
         r"notes?|personal (data|details|information|files?)|personnel files?|hr files?|"
         r"performance reviews?|disciplinary|customer (data|list|records|details)|"
         r"patient|credit cards?|card numbers)")
_BUSINESS = (r"((customer|client|patient|supplier)s?'? (data|list|records|details|files?|"
             r"spreadsheet|database|contracts?)|confidential \w+|company (data|files?|documents?))")
_PRIVATE = (r"((to|into|onto|in) (my )?(own )?((personal|private|home) (e-?mail|gmail|mail|"
            r"address|account|mailbox|dropbox|drive|cloud|laptop|pc|computer)|gmail|hotmail|"
            r"yahoo|icloud|proton ?mail)\b)")
DATA_EXPOSED = re.compile(
    rf"\b(sent|emailed|forwarded|shared|cc'?d|copied|gave)\b[^.?!\n]{{0,15}}\b(me|to me)\b"
    rf"[^.?!\n]{{0,80}}\b(by (mistake|accident|error)|in error|accidentally|wrongly|"
    rf"not meant for me|meant for someone else)\b[^.?!\n]{{0,80}}\b{_DATA}\b|"
    rf"\b(sent|emailed|forwarded|shared|cc'?d|copied)\b[^.?!\n]{{0,15}}\b(me|to me)\b"
    rf"[^.?!\n]{{0,80}}\b{_DATA}\b[^.?!\n]{{0,80}}\b(by (mistake|accident|error)|in error|"
    rf"accidentally|wrongly|not meant for me|meant for someone else)\b|"
    rf"\b(by (mistake|accident|error)|accidentally|wrongly)\b[^.?!\n]{{0,40}}\b(sent|emailed|"
    rf"forwarded|shared|cc'?d|copied)\b[^.?!\n]{{0,15}}\b(me|to me)\b[^.?!\n]{{0,80}}"
    rf"\b{_DATA}\b|"
    rf"\bi (can|could) (see|open|read|access|view)\b[^.?!\n]{{0,40}}\b(everyone'?s|every"
    rf"(one|body) else'?s|all (the )?(staff|employees|colleagues)'?s?|other (people|staff|"
    rf"employees)'?s?|colleagues'?)\b[^.?!\n]{{0,40}}\b{_DATA}\b|"
    # The company's data taken out to a private mailbox or cloud, however good the reason:
    # "sent the customer list to my personal gmail to work on it at the weekend".
    rf"\b(sent|emailed|forwarded|uploaded|copied|mailed)\b[^.?!\n]{{0,60}}\b{_BUSINESS}\b"
    rf"[^.?!\n]{{0,60}}\b{_PRIVATE}|\b{_PRIVATE}[^.?!\n]{{0,40}}\b{_BUSINESS}\b", _I)

# Money sent to account details a mail changed, which the payee says they never changed:
# "we paid the invoice to the new bank details they emailed; the real supplier never changed
# their account".
PAYMENT_DIVERTED = re.compile(
    r"\b(paid|transferred|wired|sent (the )?(money|payment|funds))\b[\s\S]{0,120}"
    r"\b(new|changed|updated|different) (bank|account|payment|iban|remittance) ?(details|"
    r"account|number|info\w*)?\b[\s\S]{0,200}\b((never|did ?n'?t|didnt|did not|have ?n'?t|"
    r"not) (changed?|updated?|sen[dt]|asked|requested)|fake|fraud\w*|not (from )?(them|the "
    r"(real|genuine) \w+)|real (supplier|vendor|company|customer))\b|"
    r"\b(new|changed|updated|different) (bank|account|payment|iban) (details|account|"
    r"number)\b[\s\S]{0,200}\b(paid|transferred|wired)\b[\s\S]{0,200}\b(never|did ?n'?t|"
    r"didnt|did not|have ?n'?t) (changed?|updated?|sen[dt]|asked)\b", _I)

# An install, approval or code handed over because a page, pop-up, mail or caller said so.
DID_AS_TOLD = re.compile(
    r"\b(page|site|pop-?up|mail|email|message|caller|he|she|they|someone|somebody|guy|lady|"
    r"man|woman)\b[^.?!\n]{0,30}\b(made|asked|told|wanted|got|forced|instructed) me (to )?"
    r"(install|download|run|approve|accept|allow|enable|add|read|give|share)\b[\s\S]{0,120}"
    r"\b(i (did|installed|ran|approved|accepted|allowed|enabled|added|read|gave|shared)|did it|"
    r"installed it|approved it|read (it|them) (out|to))\b|"
    r"\b(approve|accept|confirm)\b[^.?!\n]{0,30}\b(notification|prompt|push|request|code)\b"
    r"[^.?!\n]{0,30}\b(we are|we're|they are|they're|he is|she is|i am)? ?(sending|send)\b"
    r"[\s\S]{0,80}\bi (approved|accepted|confirmed|did)\b", _I)

# The pointer or the mail client acting while the employee watches.
NOT_TOUCHING = re.compile(
    r"\b(mouse|cursor|pointer|opening|typing|selecting|clicking|sending|disappear\w*|vanish\w*|"
    r"deleted|deleting|moved|moving|forwarded|changing|changed)\b[\s\S]{0,100}"
    r"\b(i'?m|i am|im|i was|nobody is|no one is)\s+(not|n'?t)\s+(touching|using|moving|deleting|"
    r"doing|sending|forwarding|changing|opening)\b|"
    # A camera or microphone that switches itself on.
    r"\b(camera|webcam|microphone|mic)\b[^.?!\n]{0,40}\b(by itself|on its own|itself|when i'?m "
    r"not using)\b", _I)

# A change to pay, account or sign-in that the employee says was not theirs.
CHANGE_NOT_MINE = re.compile(
    r"\b(some(one|body)|some1|an unknown|a stranger)\b[^.?!\n]{0,30}\b(has |have |had )?"
    r"(changed|used|updated|swapped|replaced|redirected|reset|booked|bought|paid)\b"
    r"[^.?!\n]{0,50}\bmy (login|log-?in|account|password|card|bank|salary|pay|details|e-?mail|"
    r"mailbox|identity|credentials|name|profile|payment|number|mfa)\b|"
    rf"\b(changed|updated|swapped|replaced|redirected)\b[\s\S]{{0,80}}\b{_NOT_ME}\b"
    r"( \w+){0,3} (did|made|change|changed|do|touch|touched|ask|asked|request|requested)\b|"
    # "swapped for one I don't recognise": the new value is not the employee's.
    r"(?<!\bi )(?<!\bi have )(?<!\bi've )(?<!\bwe )"
    r"\b(changed|updated|swapped|replaced|redirected)\b[^.?!\n]{0,40}\b(i (do ?n'?t|did ?n'?t|"
    r"do not|did not|can'?t) recogni[sz]e|not mine|unfamiliar|unknown to me)\b", _I)

# A ransom note without the word: the files are held, and a way to get them back is sold.
HELD_TO_RANSOM = re.compile(
    r"\b(files?|documents?|data|photos|everything)\b[^.?!\n]{0,40}\b(no longer (accessible|"
    r"available)|have been locked|are locked|locked away)\b[\s\S]{0,200}"
    r"\b(get (them|it|your \w+) back|write to|contact|quote (your |the )?id|key)\b", _I)

# A security key, token or badge not where it was left.
KEY_GONE = re.compile(
    r"\b(yubikey|security key|hardware key|fido key|token|smart ?card|badge|laptop|phone)\b"
    r"[\s\S]{0,80}\b(is|was|were)( now)?( no longer| not) (there|in it) any ?more\b|"
    r"\b(yubikey|security key|hardware key|fido key|token|smart ?card)\b[\s\S]{0,80}"
    r"\b(it )?(is ?n'?t|isnt|is not|was ?n'?t|gone|missing|disappeared|vanished)\b", _I)

# A security product's alert without a verdict word on the product's line.
PRODUCT_ALERT = re.compile(
    r"\bseverity\s*:\s*(high|critical)\b|\b(credential theft|ransomware|exploit|intrusion|"
    r"lateral movement|hands-on-keyboard|suspicious (sign-?in|logon|process|powershell))"
    r"( activity| attempt| behaviou?r)? (was )?(detected|blocked|observed|found)\b", _I)
