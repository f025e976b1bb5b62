"""Cues that only make sense in a conversation: thanks, "still broken", "no, cancel that",
"yes, the other one too", "it's for him". Pure functions over the message text."""

from __future__ import annotations

import re
from typing import Literal

from app.understanding.confirm import qualified_yes, starts_with_yes

Feedback = Literal["positive", "negative"]

_THANKS = re.compile(r"\b(thanks?|thank you|thx|thnx|ty|cheers|ta|appreciated?)\b", re.I)
_WORKED = re.compile(
    r"\b(that|it|this) (worked|works|helped|did it|did the trick|fixed it|sorted it)\b|"
    r"\b(worked|working|works) (now|again|first time|fine)\b|\ball (good|working|sorted|set)\b|"
    # Not "how many days until it is gone for good": a question about when.
    r"(?<!until )(?<!before )(?<!once )(?<!when )(?<!if )"
    r"\b(problem|issue|it)('s| is)? (solved|fixed|sorted|resolved|gone)\b|\bback online\b|"
    r"\b(i'?m|i am) in( now)?\W*$|\bthat fixed\b|^\W*(fixed|solved|sorted|resolved|perfect|great|"
    r"awesome|brilliant|excellent)\b",
    re.I,
)
_NEGATIVE = re.compile(
    r"\b(did ?n[o']?t|does ?n[o']?t|didnt|doesnt|did not|does not|wo?n'?t) (work|help|fix|change)|"
    r"\bstill (not|broken|failing|the same|slow|black|stuck|red|nothing|happening|drains|"
    r"no|can'?t|cannot|doesn'?t|won'?t|getting|there|shows?|showing|crash\w*|freez\w*|empty|"
    r"missing|blank|wrong|dead|frozen|offline|grey|gray|down|unchanged|"
    r"pending(?! (approval|review|with))|loading|spinning|syncing|queued|clos(e|es|ing)|"
    r"hang(s|ing)?|drop\w*|disconnect\w*|fail\w*|"
    r"errors?|asks?|asking|prompt(s|ing)|kicks? me|logs? me out|flicker\w*|lagg?\w*)\b|"
    # Non-native: "still it close", "again it crash", "no work", "it not work".
    r"\b(still|again) (it|he|she|they) (is |are )?(clos\w*|crash\w*|stop\w*|hang\w*|fail\w*|"
    r"freez\w*|drop\w*|disconnect\w*|not|no|don'?t|doesn'?t|slow|broken|black|empty|stuck|"
    r"the same|same)\b|^\W*(it |still |is )?(no|not) work(s|ing)?\b|\b(it|is|does) not work\b|"
    r"\bno (luck|change|difference|better|improvement|joy|good)\b|\bnothing( has| is)? chang\w*|"
    r"\bagain (slow|broken|the same|not|stuck|black|crash\w*|freez\w*|clos\w*|hang\w*|"
    r"drop\w*|fail\w*|pending|empty|missing)\b|"
    r"\bsame (thing|problem|issue|"
    r"error|result|again)\b|\bjust as (bad|slow)\b|\bnot there\b|\bnothing (changed|happens|"
    r"works|helped)\b|\b(made|makes) no difference\b|\bnot (working|fixed|helping)( still)?\b|"
    r"\b(does ?n[o']?t|is ?n[o']?t|not) (appear\w*|show\w*|listed|there)\b|"
    r"\b(useless|(thanks?|thnx|thx) for nothing|waste of time)\b|\b(answer|that|this|you) "
    r"(was|were|is|are) ([\w-]+ )?wrong\b|\bthat menu doesn'?t\b",
    re.I,
)
# Said out of the blue, these still only mean "your answer did not help".
_STRONG_NEGATIVE = re.compile(
    r"^\W*(it |that |this |the fix |your (answer|solution|steps) )?(did ?n[o']?t|does ?n[o']?t|"
    r"didnt|doesnt|did not|does not) (work|help)|\b((thanks?|thnx|thx) for nothing|useless)\b|"
    r"\b(answer|solution|steps) (was|were|is|are) ([\w-]+ )?wrong\b|^\W*still (broken|not "
    r"working)\W*$|^\W*no luck\b",
    re.I,
)
_TRIED = re.compile(
    r"^\W*(i )?(already |have |'ve )?(tried|checked|restarted|rebooted|reinstalled|cleared|"
    r"changed|turned|picked|did|done|followed|ran|reset|updated|forgot|removed|re-?paired|"
    r"unplugged|plugged|switched|closed|gave|set|signed|logged|repaired|deleted|disabled|"
    r"enabled|emptied|went through)\b|"
    r"\b(privacy shutter|i did that|did all)\b|"
    # "I make the repair like you say", "signed out and back in as you said": the steps done.
    r"\b(like|as) you (said|say|says|wrote|suggest\w*|told( me)?|described|explained|asked)\b",
    re.I,
)
# A "please" that asks for something is followed by what it asks ("please close it"); one
# dropped among thanks ("that worked, thank you please, great") asks for nothing.
_REQUEST = re.compile(r"\b(can|could|would) you\b|\bplease\b(?![\s,.!]*(thanks?|thank you|"
                      r"thx|cheers|great|$))|\b(open|raise|log|create) "
                      r"(a |an )?(ticket|incident|request)\b|\?", re.I)
_CANCEL = re.compile(
    r"^\W*((hmm+|oh|ah|actually|sorry|wait|hang on|on second thought)[\s,.!]*)*"
    r"(no+|nope|nah|cancel|stop|don'?t|do not|never ?mind|forget (it|that))\b"
    r"[^.!?\n]*[.!?\n]+\s*",
    re.I,
)
_ACK = re.compile(r"^\W*(ok(ay)?|k|cool|great|fine|sure)?[\s,]*(got it|thanks?|thank you|thx|"
                  r"cheers|noted|understood|will do|makes sense)\b", re.I)
_THIRD_PARTY = re.compile(
    r"\b(he|she|him|her|his|hers|they|them|their)\b|\bcolleague|\bteam ?(lead|mate)|"
    r"\b(my|our) (manager|boss|new starter|assistant|intern|report)\b|\bon (his|her) behalf\b|"
    r"\bfor (him|her|them)\b|\b(asked|told) me\b|\bE\d{6}\b",
    re.I,
)
_OPEN_TICKET = re.compile(r"\b(open|raise|log|create|file|submit)\b.{0,20}"
                          r"\b(ticket|incident|case|call)\b", re.I)


# Words that go with a thank-you or an "ok, got it" without saying anything new.
_ACK_WORDS = frozenset({
    "thanks", "thank", "thx", "thnx", "ty", "cheers", "ta", "appreciated", "appreciate",
    "you", "u", "ok", "okay", "k", "kk", "cool", "great", "fine", "sure", "got", "it",
    "noted", "understood", "will", "do", "makes", "sense", "so", "much", "very", "a", "lot",
    "lots", "loads", "for", "that", "this", "the", "help", "your", "again", "mate", "guys",
    "all", "everyone", "team", "folks", "bye", "have", "good", "nice", "day", "weekend",
    "perfect", "brilliant", "awesome", "excellent", "lovely", "super", "amazing", "wonderful",
    "helpful", "really", "many", "kind", "kindly", "i", "i'll", "ill", "try", "give", "go",
    "that's", "thats", "it's", "its", "and", "oh", "ah", "right", "alright", "hi", "hey",
    "yes", "yeah", "yep", "now", "then", "later", "tomorrow", "today", "tonight", "soon",
    "work", "works", "worked", "was", "were", "is", "are", "be", "quick", "info", "tip",
    "tips", "answer", "reply", "fast", "speedy", "x", "xx", "trying", "at", "home", "one",
    "helps", "helped", "check", "checking", "look", "looking", "into", "in", "on", "me", "my",
    "know", "let", "see", "done", "dear", "heaps", "tons", "million", "to", "out",
})
_WORD_RE = re.compile(r"[a-z']+")
# In a first message "works fine" can be the part that is not broken: "my monitor is just
# black, the laptop screen works fine".
_TROUBLE = re.compile(r"\b(black|blank|broken|dead|cracked|flicker\w*|crash\w*|freez\w*|frozen|"
                      r"stuck|error\w*|fail\w*|won'?t|can'?t|cannot|doesn'?t|isn'?t|not|no longer|"
                      r"help|issue|problem)\b", re.I)


# What one is thanked for is part of the thanks: "cheers for fixing the printer yesterday".
_THANKED_FOR = re.compile(r"\b(thanks?|thank you|thx|cheers|ta)\s+(so much |a lot )?for\b"
                          r"[^.,;!?\n]*", re.I)


def _news(text: str) -> int:
    """How many words of the message are neither thanks nor acknowledgement: "thanks Locked
    out. Pls unlock." carries a request, "ok thanks, will try that later" does not."""
    said = _THANKED_FOR.sub(" ", text.lower())
    return sum(w.strip("'") not in _ACK_WORDS for w in _WORD_RE.findall(said))


def feedback_kind(text: str, after_answer: bool = True) -> Feedback | None:
    """Is this a reaction to the last answer? Negative wins: "thanks for nothing". Without an
    answer before it, only an unmistakable "that didn't work" counts as negative, and thanks
    only when nothing else is said."""
    negative = _NEGATIVE if after_answer else _STRONG_NEGATIVE
    if negative.search(text):
        return "negative"
    words = len(text.split())
    if _WORKED.search(text) and not _REQUEST.search(text) and \
            (after_answer or not _TROUBLE.search(text)):
        return "positive"
    # After an answer one stray word ("thanks, trying it at home") is still thanks.
    news = _news(text) <= (1 if after_answer else 0)
    if _THANKS.search(text) and words <= 6 and not _REQUEST.search(text) and news:
        return "positive"
    if _ACK.match(text) and words <= 5 and not _REQUEST.search(text.replace("please", "")) \
            and news:
        return "positive"  # "ok got it": the answer landed
    return None


def acknowledges(text: str) -> bool:
    """'thanks', 'ok great, cheers': the reply landed; it says nothing about the problem being
    fixed ('it works now, thanks' does)."""
    return feedback_kind(text) == "positive" and not _WORKED.search(text)


def tried_and_failed(text: str) -> bool:
    """'changed the power settings', 'privacy shutter is open and I picked the right camera':
    a report of having followed the steps, which right after an answer means it didn't help."""
    return bool(_TRIED.search(text)) and not text.rstrip().endswith("?")


def strip_cancel(text: str) -> str | None:
    """'no wait, cancel that. Can I get Chatter instead?' -> 'Can I get Chatter instead?';
    None when the message does not start by cancelling."""
    m = _CANCEL.match(text)
    if m is None:
        return None
    return text[m.end():].strip()


def accepts(text: str) -> bool:
    """A yes to an offer. 'ok got it' and 'thanks' acknowledge the answer; they accept nothing."""
    return starts_with_yes(text) and not _ACK.match(text) and not qualified_yes(text)


def third_party(text: str) -> bool:
    return bool(_THIRD_PARTY.search(text))


def wants_ticket(text: str) -> bool:
    return bool(_OPEN_TICKET.search(text))
