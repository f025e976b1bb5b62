"""Reporting an event versus asking about one.

The security rules look for what happened ("clicked", "approved", a sign-in notice, a lost
phone). The same words also appear when nothing happened: "deleted it without opening the
link", "I haven't opened it", "that sign-in was me on the hotel wifi", "if my phone gets
stolen abroad, how would I...", "Quick scan finished. No current threats", "is that genuine?".
Escalating those costs a handoff and teaches people not to ask. ``nothing_happened`` reads the
message's stance instead of listing lures: the employee denies the act, owns the activity,
asks hypothetically or pastes an all-clear, and no act of theirs is left un-negated.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# What an employee does to a lure or a prompt. Past forms are reports, -ing forms follow
# "without"; the base form follows "didn't".
_ACT_STEM = (r"(click|open|enter|typ|approv|accept|install|ran|run|download|sign|log|fill|"
             r"scan|gave|give|repl|pa[iy]|bought|buy|read (it )?out|press|tap|put|follow)")
_NEGATOR = r"(did ?n'?t|did not|have ?n'?t|have not|has ?n'?t|never|not|without|no need to)"
NEGATED_ACT = re.compile(rf"\b{_NEGATOR}\s+(even |yet |actually |ever )?{_ACT_STEM}\w*", _I)
_DONE_ACT = re.compile(
    r"\b(clicked|opened|entered|typed|approved|accepted|installed|ran|downloaded|signed in|"
    r"logged in|filled|scanned|gave|replied|paid|bought|read (it |them )?out|pressed|tapped|"
    r"followed|put in|double[- ]?clicked)\b|"
    # Something that happened to them counts like an act: "it got stolen, what happens if...".
    r"\b(was|got|been|were|is|are) (stolen|hacked|taken|compromised|nicked|encrypted)\b|"
    r"\b(lost|left) my\b", _I)
# "That was me", "it was me on the hotel wifi": the activity is the employee's own.
OWNED = re.compile(r"\b(it|that|this|those|these) (was|were|is) (just |only |actually |all )?"
                   r"me\b(?! who| that)|"
                   r"\bwas me (on|at|setting|signing|logging|trying|using|travell?ing)\b", _I)
# "If my phone gets stolen", "what should I do if I ever lose it": a question about the future.
HYPOTHETICAL = re.compile(
    r"\b(if|in case|suppose|supposing|whenever|should)\b (my|i|the|a|an|someone|somebody|it|"
    r"one|we)\b[^.?!\n]{0,40}\b(ever|gets?|got|were|would|should|happens?|is|are|was)\b", _I)
# The if-clause itself: an act inside "if my laptop is stolen" has not happened.
_IF_CLAUSE = re.compile(r"\b(if|in case|suppose|supposing|whenever)\b[^.?!,;\n]*", _I)
# A security product saying all is well.
ALL_CLEAR = re.compile(r"\b(no|0|zero) (current |active |new |further )?(threats?|malware|"
                       r"viruses|infections?)( (found|detected))?\b|\bno action (is )?needed\b",
                       _I)
# The company's own drill: "clicked the link in the phishing simulation", "the phishing test
# got me". What was done was to a test, so nothing needs a handoff.
DRILL = re.compile(r"\b(phishing|phish|awareness|security)? ?(simulation|simulated|test (phish|"
                   r"mail|email)|phishing (test|exercise|drill)|training exercise|"
                   r"awareness test)\b",
                   _I)
# Dropped the lure: "deleted it", "ignored it", "binned it".
DROPPED = re.compile(r"\b(deleted|ignored|binned|trashed) (it|them|the (mail|email|text|sms|"
                     r"message|link))\b", _I)
# Asking whether a message is real: a question, unless an act follows.
GENUINE_ASK = re.compile(r"\b(is|was) (this|that|it) (genuine|legit\w*|real|safe|one of ours|"
                         r"from (us|you|it|northwind))\b|\bone of ours\b", _I)


# Which stances can undo which kind of rule. An act (a click, a typed password) is undone by
# any of them; a notice (a sign-in alert, a prompt) only by owning it or an all-clear; a loss
# only by asking hypothetically. Passive harm (ransom notes, an executive's odd request) is
# never undone by a question about it.
ACT, NOTICE, LOSS = "act", "notice", "loss"
_UNDOES = {ACT: {"owned", "all_clear", "denied", "hypothetical", "dropped", "genuine_ask",
                 "drill"},
           NOTICE: {"owned", "all_clear"}, LOSS: {"hypothetical", "all_clear"}}


def _acts_left(text: str) -> bool:
    """Some act of the employee's stays un-negated ("didn't type anything" negates typing,
    not the opening of the attachment before it)."""
    negated = [m.span() for m in NEGATED_ACT.finditer(text)] + \
        [m.span() for m in _IF_CLAUSE.finditer(text)]
    return any(not any(a <= m.start() < b for a, b in negated) for m in _DONE_ACT.finditer(text))


def stances(text: str) -> set[str]:
    """How the message stands to what it describes; empty when it reports an event."""
    found = {name for name, pattern in (("owned", OWNED), ("all_clear", ALL_CLEAR),
                                        ("drill", DRILL))
             if pattern.search(text)}
    asked = {name for name, pattern in (("denied", NEGATED_ACT), ("hypothetical", HYPOTHETICAL),
                                        ("dropped", DROPPED), ("genuine_ask", GENUINE_ASK))
             if pattern.search(text)}
    if asked and not _acts_left(text):
        found |= asked
    return found


def nothing_happened(text: str, kind: str = ACT) -> bool:
    """The message asks about a lure, notice or risk of this kind rather than reporting that
    one struck."""
    return bool(stances(text) & _UNDOES[kind])
