"""A credential handed over: the credential, a giving verb, and someone or somewhere untrusted.

People say it as what they did ("put my user and pass in", "read the code out to him"), often
with a hedge ("not sure it matters", "oops", "was that ok?"). Pure patterns; ``rules.RULES``
decides their order and vetoes (a password typed wrongly is a lockout, not a lure).
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

_CRED = r"(login|log-?in|password|pasword|passwd|pw|credentials|creds|username|user name|" \
        r"user ?(and|&|/) ?pass(word)?|pass|(account|bank|card|sign-?in) details|details|" \
        r"(company|corporate|credit|work|debit) card|passwort|mot de passe|contrase[ñn]a|senha|" \
        r"wachtwoord)"
_SECRET = r"(password|passcode|pin|credentials|creds|login details|log-?in details|mfa code|" \
          r"(verification|verify|one-time|sign-?in|security|authenticator|2fa|sms|6[- ]digit) " \
          r"codes?|otp)"
_GAVE = r"(filled (in|out)|entered|typed|put|gave( away)?|used|submitted|pasted|posted|" \
        r"shared|paid|eingegeben|saisi|introduc\w+|ingres\w+|digitei|ingevoerd)"
_SOURCE = r"(link|e-?mail|mail|text|sms|message|form|page|site|website|qr code|sender)"
_REGRET = r"(before i (saw|noticed|realised|realized|checked|read|looked)|turned out|too late|" \
          r"oops|uh-?oh|i'?m (worried|scared|nervous)|i am worr(y|ied)|which i did|and i did)"
# The employee doubting what they did: a hedge, a regret or an understatement after an act.
HEDGE = (r"(oops|uh-?oh|my bad|my mistake|i (think i )?(made|have made) a mistake|"
         r"not sure (if|whether) (this|it|that) matters|probably nothing|might be nothing|"
         r"(was|is) (that|this|it) (ok|okay|fine|bad|a problem|problem|safe)|is (this|that|it) "
         r"(a )?problem|(now )?i'?m (a bit |a little |quite |really )?(worried|nervous|scared|"
         r"concerned)|i am (worried|nervous|scared|concerned)|(maybe|probably) not (smart|my "
         r"smartest|clever|wise|a good idea)|should i (be )?worr(y|ied)|only (saw|noticed|"
         r"realised|realized) (it )?(after|later|then)|(after|later|afterwards),? i (think|"
         r"realised|realized|noticed|saw)|(it )?(was|is) not (it|really|the real)|"
         r"not so sure (it|that) was|accidentally|by (accident|mistake)|sorry,? i|"
         r"not sure (it|that|this|if it) was (real|legit|genuine|ok|okay|safe|right)|"
         r"only (saw|noticed|spotted|realised|realized|checked) (it |the \w+ |that )?"
         r"(after|later|afterwards))")
CREDENTIALS_GIVEN = re.compile(
    rf"\b{_SOURCE}\b[\s\S]{{0,150}}\b{_GAVE}\b[^.?!\n]{{0,40}}\b{_CRED}\b|"
    rf"\b{_GAVE}\b[^.?!\n]{{0,60}}\b{_SOURCE}\b[^.?!\n]{{0,60}}\b{_CRED}\b|"
    rf"\b{_GAVE}\b[^.?!\n]{{0,50}}\b{_CRED}\b[\s\S]{{0,80}}\b{_REGRET}|"
    rf"\b(did|clicked|opened|followed|filled|entered|validated|verified|confirmed)\b[\s\S]{{0,60}}"
    rf"\b(before i|(only )?(afterwards|after that|later|then)( i)?) (saw|noticed|realised|"
    rf"realized|checked|read|looked at|spotted)\b|"
    rf"\b(asked|prompted|wanted) me to (sign|log) ?(in|on)\b[\s\S]{{0,30}}\b(which|and|so) i did\b|"
    # A mail or text asked for details and got them: "a mail from 'Payroll' asked me to
    # confirm my bank details in a form and I filled it in".
    rf"\b(asked|wanted|told|prompted) me to (confirm|update|verify|enter|fill in|re-?enter|"
    rf"check) (my |our |the )?(bank|card|payment|login|account|personal|payroll) "
    rf"(details|info\w*|data|number)\b[^.?!\n]{{0,40}}\b(and|so|which) i (did|filled|"
    rf"completed|sent|entered|submitted|typed|put)\b|"
    rf"\b(signed|logged|entered|typed|clicked|opened)\b[\s\S]{{0,200}}\b(domain|sender|address|"
    rf"link|url|site|page)\b[^.?!\n]{{0,20}}\b(is|was|looks?|looked|seems?) (wrong|fake|odd|"
    rf"strange|weird|suspicious|off|dodgy)\b|"
    rf"\bgift ?cards?\b[\s\S]{{0,120}}\b(bought|sent|purchased|gave)\b|"
    rf"\b(bought|purchased)\b[\s\S]{{0,60}}\bgift ?cards?\b|"
    rf"\b(got|been|was|were|i think i) phished\b|^\W*phished\W*$|"
    rf"\bfell for\b[^.?!\n]{{0,30}}\b(phish\w*|scam|fake|email|link|text)\b|"
    # A credential given and then doubted, either order: "sorry, I gave away my password in a
    # Teams chat", "shared my login with the vendor, was that ok?".
    rf"\b{HEDGE}\b[^.?!\n]{{0,40}}\b{_GAVE}\b[^.?!\n]{{0,30}}\b{_CRED}\b|"
    rf"\b{_GAVE}\b[^.?!\n]{{0,30}}\b{_CRED}\b[\s\S]{{0,80}}\b{HEDGE}|"
    # A credential put where credentials never go (a form, a survey, a chat, a document), or
    # on a page that came from a mail or a text.
    rf"\b{_GAVE}\b (my |our |the )?(\w+ )?{_CRED}\b[^.?!\n]{{0,20}}\b(in|into|on|to) (a|an|the|"
    rf"that|this|some) (\w+ ){{0,2}}(forms?|survey|chat|doc\w*|spreadsheet|sheet|teams chat|"
    rf"whatsapp)\b|"
    rf"\b{_GAVE}\b (my |our |the )?(\w+ )?{_CRED}\b[^.?!\n]{{0,40}}\b(page|site|form|portal|"
    rf"link)\b[^.?!\n]{{0,20}}\b(from|in) (the |an? |that |this )?(e-?mail|mail|text|sms|"
    rf"message|qr)\b|"
    # The same in the employee's own language: "mein Passwort eingegeben".
    rf"\b(mein|meine|mon|mi|meu|mijn) (passwort|mot de passe|contrase[ñn]a|senha|wachtwoord)\b"
    rf"[^.?!\n]{{0,20}}\b(eingegeben|saisi|introduc\w+|ingres\w+|digitei|ingevoerd)|"
    # Signed in through something that reached them (a QR code on a poster, a link in a text)
    # and then doubting it.
    rf"\b(scann\w*|follow\w*|click\w*|open\w*|tapp\w*)\b[^.?!\n]{{0,60}}\b{_SOURCE}\b[\s\S]{{0,100}}"
    rf"\b(signed|logged|sign|log) ?(in|on)\b[\s\S]{{0,160}}\b{HEDGE}|"
    rf"\b{HEDGE}\b[\s\S]{{0,40}}\b(scann\w*|follow\w*|click\w*|open\w*|tapp\w*)\b[^.?!\n]{{0,60}}"
    rf"\b{_SOURCE}\b[\s\S]{{0,100}}\b(signed|logged|sign|log) ?(in|on)\b|"
    # A secret told or sent to a person or over a chat app: "she asked for my password on
    # WhatsApp, I sent it to her", "gave the caller the code from my app".
    rf"\b({_SECRET}|code (from|on|in) (the |my )?(app|phone|authenticator|text|sms))\b"
    # The employee's act ("I sent it to her"), not the system's ("the code is sent to my
    # old number").
    rf"[\s\S]{{0,80}}(?<!\bis )(?<!\bwas )(?<!\bgets )(?<!\bget )(?<!\bbeing )(?<!\bbe )"
    rf"\b(i )?(sent|send|gave|give|shared|share|told|tell|texted|"
    rf"emailed|messaged|whatsapp\w*|read)( it| them| this)?( out)? to (him|her|them|a |an |the |"
    rf"my |someone|somebody|\w+ (from|at|in))|"
    rf"\b(sent|send|gave|give|given|shared|share|told|tell|texted|read out|read)\b (him|her|them|"
    rf"the caller|someone|somebody|a stranger|the guy|the man|the woman)\b[^.?!\n]{{0,25}}"
    rf"\b({_SECRET}|(number|code) (from|on|in) (the |my )?(app|phone|authenticator|text|sms)|"
    rf"\d[- ]digit|six[- ]digit|digits)\b", _I)
# Typing a password wrongly is a lockout or reset matter, not a lure.
TYPED_WRONG = re.compile(r"\b(wrong (password|pin|code|one)|typed it wrong|incorrect|old password|"
                         r"too many|many times|several times|mistyp\w*|locked|expired|"
                         r"not accepted|rejected)\b", _I)
