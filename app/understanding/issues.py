"""Two issues in one message: which one to handle now, which one to offer next.

Pure functions; ``guess_for`` is the understand node's classifier (rules, exemplars and the
catalogue), passed in so the clauses are read exactly as a whole message would be.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from app.understanding.intents import IntentGuess
from app.understanding.text import focus

Guess = Callable[[str], IntentGuess]
# "and I also need X" stays one clause: "also" after its subject does not start a new one.
_SPLIT = re.compile(r"(?:\?|;|\.\s|\n|!\s|(?<!\bi )(?<!\bwe )\balso\b|\band also\b|\bplus\b|"
                    r"\banother thing\b|"
                    r"\bbesides\b|\bsecondly\b|\btwo things:?|"
                    # "for me and the entire finance team": a crowd joined to the subject, not
                    # a second issue.
                    r",? and (?!(?:the |my |our )?(?:whole|entire|rest|other)\b|"
                    r"every(?:one|body)\b|all of\b)(?=(?:i'?d|i need|i want|"
                    r"i also|my|the|can|could|is|are|please|what|how|why)\b))", re.IGNORECASE)
ESCALATING = {"human_request": "user_requested_human", "security_incident": "security_incident"}
MIN_CLAUSE_WORDS = 3
NOT_OFFERED = frozenset({"greeting", "feedback", "human_request"})
LEADING = frozenset({"kb_question", "hardware_issue", "hardware_request"})
LEAD_FLOOR = 0.9
# "Separately, could I get Snagit?", "I also wanted Zoom but that can wait", "and Figma too":
# words by which the employee marks what follows as the second thing.
_SECOND = re.compile(r"\b(also|too|as well|separately|while you'?re at it|another thing|"
                     r"in addition|besides|at some point|when you (get a chance|can)|"
                     r"(that|it) can wait|no rush|unrelated|on another note)\b", re.IGNORECASE)


def split_issues(text: str) -> list[str]:
    parts = [p.strip(" ,.-:") for p in _SPLIT.split(text) if p and not _SPLIT.fullmatch(p)]
    return [p for p in parts if len(p.split()) >= MIN_CLAUSE_WORDS]


def escalating(intent: str, text: str, guess_for: Guess) -> dict[str, Any]:
    """Escalate; when the person also said what it is about ("my account is locked, can a
    person call me?"), the intent names the topic and the reason names the request."""
    update: dict[str, Any] = {"escalate_reason": ESCALATING[intent]}
    if intent == "human_request":
        for clause in split_issues(text):
            other = guess_for(clause)
            if other.intent not in (*ESCALATING, "greeting", "feedback") and \
                    other.confidence >= 0.8 and other.source != "knn":
                update["intent"] = other.intent
                break
    return update


def split_offer(text: str, intent: str, update: dict[str, Any], guess_for: Guess,
                floor: float, ruled: bool) -> str:
    """Two issues in one message: handle the one the message is mostly about (or the first),
    offer the other. Only a clearly recognised second issue is offered."""
    core = focus(text)
    clauses = split_issues(core)
    if len(clauses) < 2:
        return intent
    guesses = [(c, guess_for(c)) for c in clauses]
    useful = [(c, g) for c, g in guesses if g.intent not in NOT_OFFERED]
    if len(useful) < 2:
        return intent
    # The first issue when it is unmistakable, else the one the message is mostly about. A
    # catalogue item named later ("my hinge snapped, and I need Figma too") pulls the whole
    # message's guess towards a request; the employee still said the fault first.
    lead = _leads(useful[0][1])
    main = 0 if lead else next((n for n, (_, g) in enumerate(useful) if g.intent == intent), -1)
    # The employee said the later issue is the second thing: the first one leads, whatever
    # kind it is (an unsure kind goes to the knowledge base).
    marked = main > 0 and _marked_second(core, useful[0][0])
    if marked:
        main = 0
    if main < 0 and ruled:
        return intent  # the rule read the whole message; its pieces are not two issues
    main = max(main, 0)
    first_text, first = useful[main]
    others = [(c, g) for n, (c, g) in enumerate(useful) if n != main and _clear(g, floor)
              and (g.intent != first.intent or g.intent == "kb_question")]
    if not others:
        return intent
    update["offer"], update["query"] = others[0][0], first_text
    if first.confidence >= floor and first.intent not in ESCALATING:
        intent = "kb_question" if first.intent == "out_of_scope" else first.intent
        update["intent"] = intent
    elif marked and first.intent not in ESCALATING:
        intent = update["intent"] = "kb_question"
    return intent


def _marked_second(text: str, first_clause: str) -> bool:
    start = text.find(first_clause)
    return start >= 0 and bool(_SECOND.search(text[start + len(first_clause):]))


def _leads(guess: IntentGuess) -> bool:
    if guess.source.startswith("rule:") or guess.source == "catalogue":
        return True
    # A fragment's nearest exemplars are trusted only for faults and questions, and only when
    # they are nearly certain: "I can't print" resembles an outage without being one.
    return guess.source == "knn" and guess.intent in LEADING and guess.confidence >= LEAD_FLOOR


def _clear(guess: IntentGuess, floor: float) -> bool:
    return guess.source != "knn" or guess.confidence >= max(floor, 0.7)
