"""Guardrails: pure checks that return verdicts. Never imports app/, tools/, knowledge/, evals/."""

from guardrails.firewall import scan_article
from guardrails.injection import escalation_due, scan_untrusted
from guardrails.output import OutputScreening
from guardrails.pipeline import Screening, screen_input, screen_output
from guardrails.policy import GuardrailPolicy, ScreenContext
from guardrails.similarity import ExemplarCache
from guardrails.verdict import Action, Verdict

__all__ = [
    "Action",
    "ExemplarCache",
    "GuardrailPolicy",
    "OutputScreening",
    "ScreenContext",
    "Screening",
    "Verdict",
    "escalation_due",
    "scan_article",
    "scan_untrusted",
    "screen_input",
    "screen_output",
]
