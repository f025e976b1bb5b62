"""understand: intent, confidence and slots; follow-ups, offers and repeated failures."""

from __future__ import annotations

import re
from typing import Any

from langgraph.runtime import Runtime

from app.graph.deps import GraphDeps
from app.graph.state import TurnContext, TurnState
from app.graph.wrap import NodeFn
from app.llm import classify_intent
from app.understanding.confirm import read_answer
from app.understanding.intents import RULE_CONFIDENCE, IntentGuess
from app.understanding.slots import extract, request_intent

_SPLIT = re.compile(r"(?:\?|;|\.\s|\n|\balso\b|\band also\b|\bplus\b|\banother thing\b|"
                    r"\bbesides\b|\bsecondly\b)", re.IGNORECASE)
_ESCALATING = {"human_request": "user_requested_human", "security_incident": "security_incident"}
MIN_CLAUSE_WORDS = 3
# Intents a named catalogue item plus "I need/install/access" turns into a request.
REQUEST_OVERRIDABLE = frozenset({"kb_question", "hardware_request", "greeting", "feedback",
                                 "out_of_scope", "human_request"})
_POSITIVE = re.compile(
    r"\b(thank|thanks|thx|worked|works now|fixed|solved|sorted|great|perfect|awesome|helpful)\b",
    re.IGNORECASE,
)


def split_issues(text: str) -> list[str]:
    parts = [p.strip(" ,.-") for p in _SPLIT.split(text)]
    return [p for p in parts if len(p.split()) >= MIN_CLAUSE_WORDS]


def make_understand(deps: GraphDeps) -> NodeFn:
    thresholds = deps.role_card.thresholds

    def understand(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
        text = state.get("message", "")
        update: dict[str, Any] = {}
        offer = state.get("offer")
        if offer and read_answer(text) == "yes":
            text, update["message"], update["offer"] = offer, offer, None
        guess = deps.classifier.classify(text, deps.embedder.embed_query(text))
        intent, confidence = guess.intent, guess.confidence
        if confidence < thresholds.min_intent_confidence and deps.llm is not None:
            intent, confidence = classify_intent(deps.llm, text)
            guess = IntentGuess(intent, confidence, "llm")
        update.update(intent=intent, intent_confidence=confidence)

        if guess.source != "rule" and not guess.source.startswith("rule:") and (
                intent in REQUEST_OVERRIDABLE or intent in ("software_request", "access_request")
                or confidence < thresholds.min_intent_confidence):
            requested = request_intent(text, deps.software, deps.groups)
            if requested:
                intent, confidence = requested, max(confidence, RULE_CONFIDENCE)
                update.update(intent=intent, intent_confidence=confidence)
        if intent in _ESCALATING:
            update["escalate_reason"] = _ESCALATING[intent]
            return update
        if intent == "feedback":
            limit = thresholds.repeated_failures_to_escalate
            return {**update, **_feedback(state, text, guess.source, limit)}
        if intent == "greeting":
            return {**update, "outcome": "answered", "reply_key": "greeting"}
        if intent == "out_of_scope" and confidence >= thresholds.min_intent_confidence:
            return {**update, "outcome": "refused", "refusal": "out_of_scope"}
        if confidence < thresholds.min_intent_confidence or intent == "out_of_scope":
            # Unsure what kind of request this is: let the knowledge base try, with its own
            # confidence gate deciding between an answer and an escalation.
            intent = "kb_question"
            update["intent"] = intent

        clauses = split_issues(text)
        if len(clauses) > 1 and "offer" not in update:
            second = deps.classifier.classify(clauses[1])
            first = deps.classifier.classify(clauses[0])
            if second.intent not in ("greeting", "feedback") and (
                second.intent != first.intent or second.intent == "kb_question"
            ) and second.confidence >= thresholds.min_intent_confidence:
                update["offer"] = clauses[1]
                if first.confidence >= thresholds.min_intent_confidence:
                    intent = first.intent if first.intent not in _ESCALATING else intent
                    update["intent"] = intent
                update["query"] = clauses[0]
        update["slots"] = extract(text, intent, software=deps.software, groups=deps.groups)
        return update

    return understand


def _feedback(state: TurnState, text: str, source: str, limit: int) -> dict[str, Any]:
    negative = source == "rule:negative_feedback" or (
        source == "knn" and not _POSITIVE.search(text)
    )
    if negative:
        failures = state.get("failures", 0) + 1
        if failures >= limit:
            return {"failures": failures, "escalate_reason": "repeated_failure"}
        return {"failures": failures, "outcome": "clarifying", "reply_key": "didnt_work"}
    return {"failures": 0, "outcome": "answered", "reply_key": "thanks", "resolved": True}
