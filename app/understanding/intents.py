"""Intent classification: rules first, then nearest labelled exemplars, with a confidence."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from app.understanding.dialogue import feedback_kind
from app.understanding.events import stances
from app.understanding.rules import Rule, match_rule
from app.understanding.spelling import Speller, vocabulary
from app.understanding.text import KEYWORDS, fix_typos, focus, is_forwarded, only_pleasantries
from app.vocabulary import INTENTS
from knowledge.embedder import Embedder, Vectors

EXEMPLARS_PATH = Path(__file__).with_name("exemplars.yaml")
RULE_CONFIDENCE = 0.95
TOP_N = 3
# Rules for self-service actions step aside for a how-to question ("how do I change my
# password before it expires?") unless the message also asks us to do it.
HOW_TO = re.compile(r"^\W*(how|where|what|which|is it|can i|is there)\b.{0,12}"
                    r"\b(do|can|to|should|i|is|are)\b", re.IGNORECASE)
# A question about the rules or the workings behind an action, rather than a request for it:
# why something keeps happening, how long or how often, what the rules are, whether one may,
# how something works here. "Why do I keep getting locked out?" wants the cause, not an unlock;
# "can I use my own phone for work email?" wants the policy, not a phone.
ABOUT_RULES = re.compile(
    r"^\W*(why\b[^.?!\n]{0,60}\b(keeps?|always|every|each|so often|all the time|again and "
    r"again|constantly)\b|how (long|often|many|much|soon|strong|complex)\b|"
    r"what('?s| is| are) the (rules?|minimum|maximum|policy|limit|length|requirements?|"
    r"difference)\b|(am i|are we|is it|are (staff|employees|people)) (allowed|permitted|ok|"
    r"okay|possible) to\b|(can|could|may) (i|we) (use|bring|connect|read|keep|take|plug)\b|"
    r"(do|does|must|should) (i|we|it|my|passwords?|the)\b[^.?!\n]{0,40}\b(need|have to|must|"
    r"allowed)\b)|"
    r"\bhow (does|do|is)\b[^.?!\n]{0,50}\bwork(s|ing)?\b(?! (for me|on my|again))|"
    # Who pays and what it costs: "who is paying the licence when I buy it for my team?",
    # "how much does a Figma licence cost?" ask about the money, not for the item.
    r"\b(who|which (team|department|budget|cost cent(re|er)))\b[^.?!\n]{0,25}\b(pays?|paying|"
    r"covers?|covering|funds?|funding|is charged|gets charged|is billed|foots?)\b|"
    r"\b(how much|what) (does|do|is|are|will|would)\b[^.?!\n]{0,40}\bcosts?\b|"
    r"\bhow much (is|are) (a|an|the)\b[^.?!\n]{0,30}\b(licen[cs]es?|seats?|subscriptions?)\b",
    re.IGNORECASE)
ASKS_US = re.compile(r"\b(can|could|would) you\b|\bplease\b|\bfor me\b|\bpls\b",
                     re.IGNORECASE)
SELF_SERVICE = frozenset({"password_reset", "mfa_reset", "account_unlock"})
SAFETY = frozenset({"security_incident", "out_of_scope"})  # compromise, distress
# A notice or message the employee received, asked about rather than acted on.
NOTICE = re.compile(r"\b(e-?mails?|mails?|texts?|sms|messages?|notifications?|prompts?|alerts?|"
                    r"pop-?ups?|links?|warnings?|notices?|calls?|whats ?app)\b", re.IGNORECASE)
_NOTICE_TOPICS = frozenset({"password_reset", "mfa_reset", "account_unlock", "security_incident"})
# Rules that name the notice's topic rather than the employee's situation.
_NOTICE_RULES = frozenset({"rule:password", "rule:mfa", "rule:unlock"})
_ASKING = frozenset({"owned", "dropped", "genuine_ask", "denied", "all_clear"})
# Exemplars of out-of-scope topics that belong to people (HR conflicts, legal, wellbeing):
# the same intent, but a handoff to HR rather than a pointer.
PEOPLE = "out_of_scope:people"


@dataclass(frozen=True)
class IntentGuess:
    intent: str
    confidence: float
    source: str  # "rule:<name>" or "knn"
    runner_up: str | None = None
    people: bool = False  # nearest exemplars are HR, legal or wellbeing matters


def load_exemplars(path: Path = EXEMPLARS_PATH) -> dict[str, list[str]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    unknown = sorted(set(raw) - set(INTENTS) - {PEOPLE})
    if unknown:
        raise ValueError(f"{path}: unknown intents {unknown}")
    return {intent: [str(t) for t in texts] for intent, texts in raw.items()}


class IntentClassifier:
    def __init__(self, embedder: Embedder, exemplars: dict[str, list[str]],
                 names: Iterable[str] = ()) -> None:
        """``names`` are the catalogue's titles and aliases: a slip in one ("Fgima") is
        corrected like a slip in a word of the exemplars."""
        self._embedder = embedder
        self._labels: list[str] = []
        texts: list[str] = []
        for intent, items in exemplars.items():
            self._labels.extend([intent] * len(items))
            texts.extend(items)
        self._intents = sorted(exemplars)
        self._matrix = embedder.embed_queries(texts)
        self._label_idx = np.array([self._intents.index(lbl) for lbl in self._labels])
        self._spell = Speller(vocabulary([*texts, *KEYWORDS, *names]), embedder.words())

    def spell(self, text: str) -> str:
        """The text with slips in known words corrected, for reading it; what the employee
        typed is still what tickets and transcripts keep."""
        # The speller first: it knows "accoutns" is "accounts"; the keyword fixer would make
        # it "account".
        return fix_typos(self._spell(text))

    def classify(self, text: str, vector: Vectors | None = None) -> IntentGuess:
        """Rules on the whole text for safety, then on the employee's own words, then the
        nearest exemplars. ``vector`` is the embedding of ``text``, reused when the text
        needed no trimming. A question about a notice ("got a mail saying my password
        expires, is that genuine?", "that sign-in prompt was me") is for the knowledge base,
        not the action or the incident the notice talks about."""
        guess = self._classify(text, vector)
        from_rule = guess.source.startswith("rule:")
        if guess.intent in _NOTICE_TOPICS and (not from_rule or guess.source in _NOTICE_RULES) \
                and (NOTICE.search(text) or is_forwarded(text)) and stances(text) & _ASKING:
            return IntentGuess("kb_question", RULE_CONFIDENCE, "rule:asking_about_notice",
                               guess.intent)
        return guess

    def _classify(self, text: str, vector: Vectors | None = None) -> IntentGuess:
        raw, text = text, self.spell(text)
        safety = match_rule(text)
        if safety is not None and safety.intent in SAFETY:
            return _ruled(safety)
        if only_pleasantries(text):
            return IntentGuess("greeting", RULE_CONFIDENCE, "rule:greeting")
        core = focus(text)
        rule = match_rule(core)
        if rule is not None and rule.intent in ("outage_report", "human_request"):
            # "Great, SSO is dead again and none of us can work" is sarcasm, not thanks.
            return _ruled(rule)
        kind = feedback_kind(core, after_answer=False)
        if kind is not None:
            return IntentGuess("feedback", RULE_CONFIDENCE, f"rule:{kind}_feedback")
        if rule is None:
            # A ticket number or an outage notice in a forwarded notification still names
            # what the message is about.
            whole = match_rule(text)
            rule = whole if whole is not None and (
                whole.intent.startswith("ticket_") or whole.name == "outage_notice") else None
        if rule is not None and not (rule.intent in SELF_SERVICE and asks_about(core)):
            return _ruled(rule)
        if core != raw:
            vector = None
        vec = self._embedder.embed_query(core) if vector is None else vector
        sims = self._matrix @ vec
        scores = np.full(len(self._intents), -1.0)
        for i in range(len(self._intents)):
            mine = np.sort(sims[self._label_idx == i])[::-1][:TOP_N]
            # The best exemplar dominates; the next ones damp a single lucky match.
            scores[i] = 0.7 * mine[0] + 0.3 * mine.mean()
        order = np.argsort(-scores)
        top, runner = self._intents[order[0]], self._intents[order[1]]
        if {top, runner} == {"out_of_scope", PEOPLE}:
            # Two flavours of one intent: the margin to the next other intent counts.
            order = np.delete(order, 1)
        best, second = float(scores[order[0]]), float(scores[order[1]])
        confidence = _confidence(best, best - second)
        return IntentGuess(_intent(top), confidence, "knn", _intent(self._intents[order[1]]),
                           people=top == PEOPLE)


def asks_about(text: str) -> bool:
    """A how-to or rules question that does not also ask us to act ("can you reset it?")."""
    return bool((HOW_TO.search(text) or ABOUT_RULES.search(text)) and not ASKS_US.search(text))


def _intent(label: str) -> str:
    return "out_of_scope" if label == PEOPLE else label


def _ruled(rule: Rule) -> IntentGuess:
    return IntentGuess(rule.intent, RULE_CONFIDENCE, f"rule:{rule.name}")


def _confidence(similarity: float, margin: float) -> float:
    """Squash similarity and margin to [0, 1]; 0.5 sits near a plausible-but-unsure match."""
    z = 9.0 * (similarity - 0.42) + 12.0 * (margin - 0.03)
    return float(round(1.0 / (1.0 + np.exp(-z)), 4))
