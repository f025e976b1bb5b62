"""What the knowledge base should search for: the question without the words that only frame it.

People wrap a question in talk about the question: "How does single sign-on work *here*?",
"*what should I do if* my laptop gets stolen", "*is there anything else I should do?*". The
lexical retriever scores those words like any other (the articles say "here" and "should" all
the time), so the article it puts first is no longer the one the meaning points to, the two
retrievers disagree, and the knowledge base's confidence gate escalates a question its articles
answer (dev `oc043`, `oc299`, `oc341`, `oc342`: "here" alone took "How does single sign-on
work?" from 0.98 to 0.27). The classifier and the safety rules still read the whole message;
only the search words lose the frame.
"""

from __future__ import annotations

import re

# Where: the company itself is no topic ("here", "at Northwind", "in this company").
_PLACE = re.compile(
    r"\b((a)?round here|over here|(?<!from )(?<!to )(?<!near )here|at (northwind( global)?|"
    r"this company|our company|the company|this place)|in (this|our|the) (company|"
    r"organi[sz]ation|place))\b", re.IGNORECASE)
# The frame of a question: "what should I do if", "what am I meant to do when", "is there
# anything else I should do", "anything I should know about", "what's the procedure if".
_FRAME = re.compile(
    r"\b((what|which steps?) (should|do|must|shall|would|can|could) (i|we|one) (do|take)|"
    r"what (am i|are we|is one) (meant|supposed|expected|required) to do|"
    r"(is there )?any(thing|one)( else)? (that )?(i|we) (should|need to|must|ought to|have to) "
    r"(do|know|be aware of)|what do (i|we) (need|have) to (do|know)|"
    r"what'?s the (procedure|process|protocol|drill))"
    r"( (if|when|in case|about|for|with))?\b", re.IGNORECASE)
# Hedges that say how sure or how casual the asker is, never what they ask about.
_HEDGE = re.compile(r"\b(ever|exactly|actually|basically|quick (q|question)|just wondering|"
                    r"i was wondering|i wonder)\b", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]*([,;:]?[ \t]*)([?.!])|[ \t]+([,;:])|[ \t]{2,}")
MIN_WORDS = 3


def search_words(text: str) -> str:
    """``text`` without its framing words; ``text`` itself when too little would be left."""
    core = _HEDGE.sub(" ", _FRAME.sub(" ", _PLACE.sub(" ", text)))
    if core == text:
        return text
    core = _SPACES.sub(_tidy, core).strip(" ,;:-")
    return core if len(re.findall(r"\w+", core)) >= MIN_WORDS else text


def _tidy(m: re.Match[str]) -> str:
    # "anything I should do?" gone from "..., anything I should do?" leaves "...?".
    if m.group(2):
        return m.group(2)
    return m.group(3) or " "
