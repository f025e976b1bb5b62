"""Run the checks in order, cheapest first, each one fail-closed, and combine the verdicts.

Fail-closed rule: a check that raises, or returns after its time budget, is replaced by an
ESCALATE verdict with code ``unexpected_error`` (the brief's escalation reason for errors),
its exception type in the reasons and the exception itself in ``Screening.errors`` so the app
can log the traceback. Escalation rather than refusal because a broken guardrail is an
operational fault a human must see, not a judgement about the user.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from guardrails import abuse, injection, output, pii, rules, scope, similarity, slips
from guardrails.policy import GuardrailPolicy, ScreenContext
from guardrails.verdict import Action, Verdict, strictest

T = TypeVar("T")
ERROR_CODE = "unexpected_error"
UNSCREENED = "[REDACTED:UNSCREENED]"
_ATTACK_CHECKS = frozenset({"injection", "similarity"})
TOOL_GATE_CODE = "no_tools"
# Non-blocking notices that still mean "this message is about somebody else's account".
_GATED_NOTICES = frozenset({"third_party_access"})


@dataclass(frozen=True)
class Screening:
    verdicts: list[Verdict]
    redacted_text: str
    action: Action
    code: str | None
    findings: list[str]
    reply: str | None = None
    priority: str | None = None
    errors: tuple[BaseException, ...] = field(default=(), repr=False)

    @property
    def attack(self) -> bool:
        """True when this message counts as an attack for the conversation's attack count."""
        return any(v.check in _ATTACK_CHECKS and v.code == injection.CODE for v in self.verdicts)

    @property
    def tools_barred(self) -> bool:
        """True when this turn may not call a tool (see ``tool_gate``)."""
        return any(v.code == TOOL_GATE_CODE for v in self.verdicts)

    @property
    def notices(self) -> tuple[str, ...]:
        """Codes of non-blocking verdicts (abuse_warning, secret_in_chat, third_party_access)."""
        return tuple(v.code for v in self.verdicts if v.code and not v.blocks)


def run_check(
    name: str, fn: Callable[[], T], budget_ms: float, errors: list[BaseException]
) -> tuple[T | None, Verdict | None]:
    """Call ``fn``; on exception or budget overrun return a fail-closed verdict instead."""
    start = time.perf_counter()
    try:
        result = fn()
    except Exception as exc:  # noqa: BLE001 - every failure must become a verdict, never a pass
        errors.append(exc)
        return None, Verdict(name, Action.ESCALATE, (f"check failed: {type(exc).__name__}",),
                             ERROR_CODE)
    elapsed = (time.perf_counter() - start) * 1000
    if elapsed > budget_ms:
        errors.append(TimeoutError(f"{name} took {elapsed:.0f} ms"))
        return None, Verdict(name, Action.ESCALATE,
                             (f"TimeoutError: took {elapsed:.0f} ms, budget {budget_ms:.0f} ms",),
                             ERROR_CODE)
    return result, None


def screen_input(
    text: str,
    ctx: ScreenContext,
    policy: GuardrailPolicy,
    *,
    embed: similarity.Embed | None = None,
    query_vec: np.ndarray | None = None,
    cache: similarity.ExemplarCache | None = None,
) -> Screening:
    """Screen one user message. ``cache`` should be built once at startup and reused; without
    it the exemplar vectors are embedded again for this call."""
    verdicts: list[Verdict] = []
    errors: list[BaseException] = []
    budget = policy.check_budget_ms

    def add(name: str, fn: Callable[[], Verdict], budget_ms: float = budget) -> Verdict | None:
        result, failed = run_check(name, fn, budget_ms, errors)
        verdicts.append(failed or result or Verdict(name, Action.ESCALATE, ("no verdict",),
                                                    ERROR_CODE))
        return result

    redacted, findings = text, []
    if policy.enable_pii:
        scanned, failed = run_check("pii", lambda: pii.scan(text, ctx, policy), budget, errors)
        if scanned is None:
            # Without a working redactor nothing of the raw text may be stored or logged.
            redacted = UNSCREENED
            verdicts.append(failed or Verdict("pii", Action.ESCALATE, (), ERROR_CODE))
        else:
            redacted, findings = scanned.redacted_text, scanned.types
            verdicts.append(scanned.verdict)
    if len(text) > policy.max_input_chars:
        verdicts.append(Verdict("length", Action.REFUSE,
                                (f"message of {len(text)} characters is over the "
                                 f"{policy.max_input_chars} limit",), "out_of_scope"))
        return _combine(verdicts, redacted, findings, errors)
    rule_score = 0.0
    if policy.enable_injection:
        # Compiling the rule file happens once per process (the app warms it at startup); like
        # the exemplar vectors it is not part of the per-message budget, but still fails closed.
        _, cold_failed = run_check("injection", rules.load_rules, float("inf"), errors)
        if cold_failed:
            verdicts.append(cold_failed)
            return _combine(verdicts, redacted, findings, errors)
        found = add("injection", lambda: injection.check_injection(text, ctx, policy))
        rule_score = (found.score or 0.0) if found else 0.0
    if policy.enable_scope:
        add("scope", lambda: scope.check_scope(text, ctx, policy))
        add("abuse", lambda: abuse.check_abuse(text, ctx, policy))
    # The embedding check is the most expensive one: only when nothing has decided yet.
    if policy.enable_similarity and embed is not None and not any(v.blocks for v in verdicts):
        exemplars = cache or similarity.ExemplarCache()
        # Embedding the exemplars happens once per embed function; it is not part of the
        # per-message budget, but a failure there still fails closed.
        _, warm_failed = run_check("similarity", lambda: exemplars.matrices(embed),
                                   float("inf"), errors)
        if warm_failed:
            verdicts.append(warm_failed)
            return _combine(verdicts, redacted, findings, errors)
        add("similarity",
            lambda: slips.check_similarity(text, ctx, policy, embed=embed, cache=exemplars,
                                           query_vec=query_vec, rule_score=rule_score),
            policy.similarity_budget_ms)
    if any(v.check in _ATTACK_CHECKS and v.code == injection.CODE for v in verdicts):
        repeat = injection.repeat_verdict(ctx, policy)
        if repeat:
            verdicts.append(repeat)
    gate = tool_gate(verdicts, policy)
    if gate:
        verdicts.append(gate)
    return _combine(verdicts, redacted, findings, errors)


def tool_gate(verdicts: list[Verdict], policy: GuardrailPolicy) -> Verdict | None:
    """A non-blocking verdict that forbids tool calls on this turn, or None.

    Blocking is tuned to keep false blocks rare, so some attacks pass it with a partial score.
    Such a message still gets an answer, but the app must not act on it (no read-out tool, no
    "yes" taken as a confirmation): that holds whether or not detection caught the wording.
    """
    if any(v.blocks for v in verdicts):
        return None
    reasons = []
    for v in verdicts:
        score = v.score or 0.0
        if v.check == "injection" and score >= policy.tool_gate_rule_score:
            reasons.append(f"partial injection score {score:.2f}")
        elif v.check == "similarity" and score >= policy.tool_gate_probability:
            reasons.append(f"attack probability {score:.2f}")
        elif v.code in _GATED_NOTICES:
            reasons.append(f"notice {v.code}")
    if not reasons:
        return None
    return Verdict("tool_gate", Action.ALLOW, tuple(reasons), TOOL_GATE_CODE)


def _combine(verdicts: list[Verdict], redacted: str, findings: list[str],
             errors: list[BaseException]) -> Screening:
    top = strictest(verdicts)
    action = top.action if top else Action.ALLOW
    blocking = top is not None and top.blocks
    reply_from = top if blocking else next((v for v in verdicts if v.reply), None)
    return Screening(
        verdicts, redacted, action, top.code if blocking and top else None, findings,
        reply_from.reply if reply_from else None, top.priority if blocking and top else None,
        tuple(errors),
    )


def screen_output(reply_markdown: str, ctx: ScreenContext, policy: GuardrailPolicy,
                  quoted: Sequence[str] = ()) -> output.OutputScreening:
    """Screen a reply before it is shown; any failure shows the fallback text instead.
    ``quoted``: passages of the reply quoted verbatim from knowledge-base articles."""
    errors: list[BaseException] = []
    result, failed = run_check(
        "output", lambda: output.screen_reply(reply_markdown, ctx, policy, quoted),
        policy.check_budget_ms, errors)
    if result is not None:
        return result
    v = failed or Verdict("output", Action.ESCALATE, ("no verdict",), ERROR_CODE)
    return output.OutputScreening(output.FALLBACK, "", [v], v.action, v.code)
