"""understand: intent, confidence and slots; follow-ups, offers and repeated failures.

The order is the order of precedence: what the last turn left open (an offer, a parked
action, a question we asked) is read before the message is classified on its own, and people
who already have the conversation (Security, HR) keep it.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from app.graph.deps import GraphDeps
from app.graph.state import TurnContext, TurnState
from app.graph.wrap import NodeFn
from app.llm import classify_intent
from app.understanding import followups as fu
from app.understanding.aside import damage_not_request, knn_aside
from app.understanding.confirm import read_answer, starts_with_yes
from app.understanding.continuations import feedback, one_item, open_incident, resume
from app.understanding.dialogue import accepts, feedback_kind, strip_cancel, wants_ticket
from app.understanding.intents import RULE_CONFIDENCE, IntentGuess
from app.understanding.issues import (
    ESCALATING,
    MIN_CLAUSE_WORDS,
    escalating,
    split_offer,
)
from app.understanding.query import search_words
from app.understanding.readouts import effect_of
from app.understanding.rules import ticket_numbers
from app.understanding.slots import extract, referred_request, request_intent
from app.understanding.text import focus, question_part
from app.vocabulary import ACTION_TOOLS

# Intents a named catalogue item plus "I need/install/access" turns into a request.
REQUEST_OVERRIDABLE = frozenset({"kb_question", "hardware_request", "greeting", "feedback",
                                 "out_of_scope", "human_request"})


def make_understand(deps: GraphDeps) -> NodeFn:
    thresholds = deps.role_card.thresholds

    def guess_for(text: str) -> IntentGuess:
        guess = deps.classifier.classify(text, deps.embedder.embed_query(text))
        if guess.confidence < thresholds.min_intent_confidence and deps.llm is not None:
            intent, confidence = classify_intent(deps.llm, text)
            guess = IntentGuess(intent, confidence, "llm")
        if guess.source == "knn" and damage_not_request(guess.intent, focus(text)):
            guess = IntentGuess("hardware_issue", guess.confidence, "knn", guess.intent)
        elif guess.source == "knn" and guess.intent != "feedback" and \
                knn_aside(guess.intent, text, followed_up=True):
            # Read the same way for the whole message and for each clause of it. Outages and
            # feedback are left to the node: it knows whether this follows an earlier report,
            # and a clause that resembles thanks ("apologies for the long message") is not
            # an issue of its own.
            guess = IntentGuess("kb_question", guess.confidence, "knn", guess.intent)
        if not guess.source.startswith("rule:") or guess.intent in REQUEST_OVERRIDABLE:
            requested = request_intent(focus(text), deps.software, deps.groups) or \
                referred_request(text, focus(text), deps.software, deps.groups)
            if requested:
                guess = IntentGuess(requested, max(guess.confidence, RULE_CONFIDENCE),
                                    "catalogue")
        return guess

    def understand(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
        said = state.get("message", "")
        # Read with slips corrected ("Fgima", "pasword"): rules, slots and catalogue names
        # all see the corrected words. The message in state, which tickets keep, is untouched.
        text = deps.classifier.spell(said)
        prev = state.get("previous") or {}
        failed = state.get("failures", 0)  # "that didn't work" so far on this topic
        update: dict[str, Any] = {}
        rest = strip_cancel(text)
        if rest and len(rest.split()) >= MIN_CLAUSE_WORDS:
            text = rest  # "no wait, cancel that. Can I get Chatter instead?"
        offer, parked = state.get("offer"), prev.get("parked")
        if offer and accepts(text):
            text, update["message"], update["offer"] = offer, offer, None
        elif parked and read_answer(text) == "yes" and not state.get("plan") and \
                not fu.for_someone_else(text):  # "fine, reset it for anika.roy" is no yes
            return {**update, **resume(parked)}

        if fu.about_pending_action(prev, text):
            plan = prev["parked"]["plan"] or {}
            effect = effect_of(str(plan.get("tool", "")))
            if effect:
                resumed = resume({**prev["parked"], "declined": True})
                resumed["slots"] = {**resumed["slots"], "preface": effect}
                return {**update, **resumed}
        handoff = fu.after_handoff(prev, text)
        if handoff.kind == "acknowledged":
            return {**update, "intent": "feedback", "intent_confidence": 1.0,
                    "outcome": "answered", "reply_key": "handoff_thanks"}
        if handoff.kind:
            return {**update, "intent": prev.get("intent") or "kb_question",
                    "intent_confidence": 1.0, "escalate_reason": handoff.reason}
        guess = guess_for(text)
        intent, confidence = guess.intent, guess.confidence
        update.update(intent=intent, intent_confidence=confidence)
        ruled = guess.source.startswith("rule:") or guess.source == "catalogue"
        confident = ruled or confidence >= 0.8
        refused = fu.after_refusal(prev, text, confident and intent not in ("feedback",))
        if refused.kind == "handoff":
            return {**update, "intent": "out_of_scope", "escalate_reason": refused.reason}
        if refused.kind:
            return {**update, "outcome": "refused", "refusal": refused.reason}
        if guess.source in ("rule:distress", "rule:hr_legal") or (
                guess.people and confidence >= thresholds.min_intent_confidence):
            # HR, legal and wellbeing go to people even when it is only a likeness.
            return {**update, "intent": "out_of_scope", "escalate_reason": "hr_or_legal"}
        if intent in ESCALATING and ruled:
            return {**update, **escalating(intent, text, guess_for)}
        if wants_ticket(text) and prev.get("topic") and (
                prev.get("intent") in ("kb_question", "feedback", "hardware_issue")):
            return {**update, **open_incident(prev)}
        follow = _follow_up(prev, text, intent, ruled)
        if guess.source == "knn" and knn_aside(intent, text, bool(follow.kind)):
            # A how-to or rules question that only resembles an incident or a request, or
            # "where can I see it?" that only resembles feedback: the knowledge base takes it.
            intent = "kb_question"
            update["intent"] = intent
        if intent in ESCALATING and not follow.kind:
            if confidence >= thresholds.min_intent_confidence:
                return {**update, **escalating(intent, text, guess_for)}
            intent = "kb_question"  # a vague likeness to "I want a human" is not a request
            update["intent"] = intent
        if follow.kind in ("positive", "negative"):
            limit = thresholds.repeated_failures_to_escalate
            return {**update, "intent": "feedback", **feedback(failed, follow.kind, limit)}
        if follow.kind == "request_status":
            return {**update, "intent": "ticket_status", "outcome": "answered",
                    "reply": follow.reply, "slots": follow.slots}
        bare = not follow.kind and "offer" not in update and len(said.split()) <= 4
        answer = read_answer(said) if bare else None
        if answer in ("yes", "no") and prev.get("intent") == "kb_question" and \
                prev.get("outcome") == "answered":
            # The answer ended with "Did this solve it?".
            limit = thresholds.repeated_failures_to_escalate
            solved = "positive" if answer == "yes" else "negative"
            return {**update, "intent": "feedback", **feedback(failed, solved, limit)}
        if answer == "yes":
            # "yes" / "ok sure" with nothing waiting for an answer is not a hello.
            return {**update, "intent": "feedback", "outcome": "answered", "reply_key": "noted"}
        if read_answer(said) == "no" and not follow.kind and len(said.split()) <= 12 and \
                not ticket_numbers(said):
            # "no, cancel, I'll use another desk" with nothing waiting for a yes.
            return {**update, "intent": "feedback", "outcome": "answered",
                    "reply_key": "cancelled"}
        if fu.for_someone_else(text) and (intent in ACTION_TOOLS or "?" not in text) and \
                intent not in ("ticket_status", "outage_report"):
            # Before more detail: "reset it for anika.roy then" under a pending reset names
            # someone else; it adds nothing to the employee's own request.
            return {**update, "outcome": "refused", "refusal": "other_person_data"}
        if prev.get("outcome") == "awaiting_confirmation" and prev.get("parked") and \
                not ruled and not follow.kind and "?" not in text and \
                feedback_kind(text) is None and not starts_with_yes(said):
            # "for a network inventory of our branch office": more detail, not a new topic.
            # "ok but my screen has a crack now" opens with a yes and moves on: a new topic.
            return {**update, **resume({**prev["parked"], "declined": True})}
        if follow.kind in ("tickets", "outage"):
            intent = "ticket_status" if follow.kind == "tickets" else "outage_report"
            confidence = max(confidence, 0.8)
            update.update(intent=intent, intent_confidence=confidence)

        pending = prev.get("intent") if prev.get("outcome") == "clarifying" else None
        if pending in ("software_request", "access_request", "ticket_update") and not ruled:
            filled = extract(text, pending, software=deps.software, groups=deps.groups)
            if {"software", "group", "ticket"} & set(filled):
                intent = pending  # the answer to "which one do you need?"
                update.update(intent=intent, intent_confidence=0.9)

        if intent == "feedback":
            # Only words say which way it went: a likeness to feedback exemplars does not make
            # "tried all of that, still not working" a thank-you.
            said_kind = feedback_kind(text)
            kind = "negative" if guess.source == "rule:negative_feedback" else said_kind
            if kind == "negative" and prev.get("outcome") == "escalated" and \
                    prev.get("escalation_reason"):
                # Still broken while people already have it: tell them, on the same ticket.
                return {**update, "escalate_reason": "repeated_failure"}
            if kind is None:
                return {**update, "outcome": "answered", "reply_key": "noted"}
            limit = thresholds.repeated_failures_to_escalate
            return {**update, **feedback(failed, kind, limit)}
        if intent == "greeting":
            return {**update, "outcome": "answered", "reply_key": "greeting"}
        if intent == "out_of_scope" and confidence >= thresholds.min_intent_confidence:
            return {**update, "outcome": "refused", "refusal": "out_of_scope"}
        if confidence < thresholds.min_intent_confidence or intent == "out_of_scope":
            # Unsure what kind of request this is: let the knowledge base try, with its own
            # confidence gate deciding between an answer and an escalation.
            intent = "kb_question"
            update["intent"] = intent

        if intent == "kb_question" and not follow.kind:
            update["failures"] = 0  # a new question starts a new count of failed attempts
        if "offer" not in update:
            intent = split_offer(text, intent, update, guess_for,
                                 thresholds.min_intent_confidence, ruled)
        if "offer" not in update and intent in ("software_request", "access_request"):
            text = one_item(text, intent, update, deps.software, deps.groups)
        slots = extract(text, intent, software=deps.software, groups=deps.groups)
        slots.update(follow.slots)
        if intent == "outage_report":
            slots.setdefault("about", f"{text}\n{prev.get('topic', '')}")
        if intent == "kb_question":
            # What to search for: slips corrected, without the words that only frame the
            # question ("here", "what should I do if"), which sway the lexical retriever.
            query = search_words(update.get("query") or question_part(text))
            if query != said:
                update["query"] = query
        update["slots"] = slots
        return update

    return understand


def _follow_up(prev: dict[str, Any], text: str, intent: str, ruled: bool) -> fu.FollowUp:
    if not prev:
        return fu.FollowUp()
    ruled_action = ruled and intent in ACTION_TOOLS
    for decide in (lambda: fu.after_tickets(prev, text),
                   lambda: fu.after_request(prev, text),
                   lambda: fu.after_answer(prev, text, ruled_action)):
        found = decide()
        if found.kind:
            return found
    if intent in ("kb_question", "outage_report", "feedback") or not ruled:
        return fu.outage_follow_up(prev, text)
    return fu.FollowUp()

