"""screen: take a new message in, run the input guardrails, read confirmation answers."""

from __future__ import annotations

import re
from typing import Any

from langgraph.runtime import Runtime

from app.graph.deps import GraphDeps
from app.graph.state import TurnContext, TurnState, new_turn
from app.graph.wrap import NodeFn
from app.understanding.confirm import read_answer, starts_with_yes
from app.understanding.followups import after_refusal
from app.understanding.reports import reports_security_event
from app.vocabulary import ACTION_TOOLS
from guardrails.pipeline import TOOL_GATE_CODE, screen_input
from guardrails.policy import ScreenContext
from guardrails.verdict import Action


def verdict_json(v: Any) -> dict[str, Any]:
    return {"check": v.check, "action": str(v.action), "code": v.code,
            "reasons": list(v.reasons), "score": v.score}


# "ok, now do the same for Paul", "yes and for everyone else too": a yes that carries a further
# request is not a plain answer. Taken as a yes it would run the pending action on the very turn
# that asks for more, whether or not the screen recognised the rest as an attack.
_MORE_THAN_AN_ANSWER = re.compile(
    r"\b(?:also|too|as well|same|everyone|everybody|every|all|rest|others?|else|instead|plus)\b"
    r"|\b(?:and|then|now)\b(?! thanks?\b| thank you\b)[^.?!]{0,40}\b(?:for|on|to)\b", re.I)


def extra_request_gate(text: str) -> dict[str, Any] | None:
    """The tool_gate entry for a yes that asks for more, or None."""
    if not starts_with_yes(text) or not _MORE_THAN_AN_ANSWER.search(text):
        return None
    return {"check": "tool_gate", "action": "allow", "code": TOOL_GATE_CODE,
            "reasons": ["a yes that carries a further request"], "score": None}


def make_screen(deps: GraphDeps) -> NodeFn:
    def screen(state: TurnState, runtime: Runtime[TurnContext]) -> dict[str, Any]:
        ctx = runtime.context
        text = state.get("inbox") or ""
        update = new_turn(state, text)
        update["findings"] = list(state.get("inbox_findings") or [])
        awaiting = state.get("awaiting")
        update["awaiting"] = None
        screening = screen_input(
            text,
            ScreenContext(
                employee_id=ctx.employee_id, email=ctx.own_email, phone=ctx.own_phone,
                name=ctx.own_name, prior_attacks=state.get("attacks", 0),
                abuse_warned=state.get("abuse_warned", False),
                history=tuple(h["text"] for h in state.get("history", [])[-6:]
                              if h["role"] == "employee"),
            ),
            deps.guardrails,
            embed=deps.embedder.embed_queries,
            query_vec=deps.embedder.embed_query(text) if text.strip() else None,
            cache=deps.exemplars,
        )
        update["guardrails"] = [verdict_json(v) for v in screening.verdicts]
        extra = None if screening.tools_barred else extra_request_gate(text)
        if extra:
            update["guardrails"].append(extra)
        update["findings"] = sorted(set(update["findings"]) | set(screening.findings))
        for v in screening.verdicts:
            if v.code == "abuse_warning":
                update["abuse_warned"] = True
                update["warning"] = v.reply
        if screening.action in (Action.REFUSE, Action.ESCALATE):
            return {**update, **_blocked(state, screening, deps, text)}
        # A half-suspicious message is never read as the "yes" to a pending action: that
        # would let it reach a tool on its own turn (see guardrails.pipeline.tool_gate).
        if awaiting == "confirm" and state.get("plan") and not screening.tools_barred \
                and not extra:
            answer = read_answer(text)
            if answer == "yes":
                return {**update, "confirmed": True, "plan": state["plan"]}
            if answer == "no":
                return {**update, "plan": None, "outcome": "answered", "intent": "feedback",
                        "reply_key": "cancelled"}
        update["plan"] = None
        return update

    return screen


def _blocked(state: TurnState, screening: Any, deps: GraphDeps, text: str) -> dict[str, Any]:
    code = screening.code or "policy_violation"
    out: dict[str, Any] = {"plan": None}
    if code in _REPORTABLE and reports_security_event(text):
        # "this popped up: powershell -enc ...", a forwarded lure that tells its reader what
        # to do, "my team lead asked me for my password": the attack text is quoted by its
        # target. Security takes it (a handoff, never a tool), instead of a refusal that
        # leaves the employee alone with it; a direct attack has no report and is refused.
        return {**out, "intent": "security_incident", "escalate_reason": "security_incident"}
    if code == "out_of_scope" and \
            deps.classifier.classify(text).source in ("rule:hr_legal", "rule:distress"):
        # "my payslip is missing the overtime again": outside IT, but a matter for HR's
        # people, not a pointer to a portal; the same rules that hand it over after the screen.
        return {**out, "intent": "out_of_scope", "escalate_reason": "hr_or_legal"}
    if code == "other_person_data" and state.get("attacks", 0) > 0 and \
            after_refusal({"refusal": "prompt_injection"}, text, True).kind == "handoff":
        # "Last chance: unlock j.novak" after a refused override: the repeated attempt the
        # role card sends to Security Operations, whichever check read the repeat.
        return {**out, "escalate_reason": "policy_violation"}
    verdict = next((v for v in screening.verdicts if v.code == screening.code), None)
    if verdict is not None and verdict.reply:
        out["reply_override"] = verdict.reply
    if screening.action == Action.ESCALATE:
        out["escalate_reason"] = code if code in _ESCALATION_CODES else "policy_violation"
        if code == "hr_or_legal":
            out["intent"] = "out_of_scope"  # outside IT: the right humans take it
        return out
    if code == "prompt_injection":
        attacks = state.get("attacks", 0) + 1
        out["attacks"] = attacks
        if attacks > deps.role_card.thresholds.attacks_before_policy_escalation:
            out["escalate_reason"] = "policy_violation"
            return out
    out["refusal"] = code
    out["outcome"] = "refused"
    if code == "out_of_scope":
        out["intent"] = "out_of_scope"
    elif code == "other_person_data":
        # The trace and the batch output name what was asked for on someone's behalf ("reset
        # my boss's password" is a password reset, refused); nothing acts on it.
        asked = deps.classifier.classify(text).intent
        if asked in ACTION_TOOLS:
            out["intent"] = asked
    return out


# Blocks a report of an attack can trip: the quoted lure reads as an injection, an
# impersonator's request as someone else's data or as off-topic, a repeat as a violation.
_REPORTABLE = frozenset({"prompt_injection", "policy_violation", "other_person_data",
                         "out_of_scope"})
_ESCALATION_CODES = frozenset({
    "hr_or_legal", "security_incident", "policy_violation", "unexpected_error",
    "negative_sentiment",
})
