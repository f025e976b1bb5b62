"""Fail closed: a check that raises, overruns its budget or gets a broken embedder never
lets a message through."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guardrails import (
    abuse,
    injection,
    output,
    pii,
    pipeline,
    scope,
    screen_input,
    screen_output,
    similarity,
)
from guardrails.policy import GuardrailPolicy, ScreenContext
from guardrails.verdict import Action

from .conftest import OWN, FakeEmbed


def _boom(*_: Any, **__: Any) -> Any:
    raise RuntimeError("check exploded")


CHECKS: list[tuple[str, Any, str]] = [
    ("pii", pii, "scan"),
    ("injection", injection, "check_injection"),
    ("scope", scope, "check_scope"),
    ("abuse", abuse, "check_abuse"),
    ("similarity", similarity, "check_similarity"),
]


@pytest.mark.parametrize(("name", "module", "attr"), CHECKS, ids=[c[0] for c in CHECKS])
def test_a_raising_check_escalates(name: str, module: Any, attr: str,
                                   monkeypatch: pytest.MonkeyPatch, fake_embed: FakeEmbed) -> None:
    monkeypatch.setattr(module, attr, _boom)
    screening = screen_input("How do I map a network drive?", OWN, GuardrailPolicy(),
                             embed=fake_embed)
    assert screening.action is Action.ESCALATE
    assert screening.code == "unexpected_error"
    failed = [v for v in screening.verdicts if v.check == name]
    assert failed and failed[0].reasons == ("check failed: RuntimeError",)
    assert any(isinstance(e, RuntimeError) for e in screening.errors)


def test_failed_redaction_stores_nothing_of_the_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pii, "scan", _boom)
    screening = screen_input("my password is Hunter2!", OWN, GuardrailPolicy())
    assert screening.redacted_text == pipeline.UNSCREENED
    assert screening.action is Action.ESCALATE


def test_budget_overrun_escalates(monkeypatch: pytest.MonkeyPatch) -> None:
    real = scope.check_scope

    def slow(*args: Any) -> Any:
        time.sleep(0.02)
        return real(*args)

    monkeypatch.setattr(scope, "check_scope", slow)
    screening = screen_input("hello", OWN, GuardrailPolicy(check_budget_ms=5))
    assert screening.action is Action.ESCALATE
    assert screening.code == "unexpected_error"
    assert any("TimeoutError" in r for v in screening.verdicts for r in v.reasons)


def _raising_embed(_: Sequence[str]) -> np.ndarray:
    raise OSError("model file missing")


def _wrong_shape_embed(texts: Sequence[str]) -> np.ndarray:
    return np.ones((len(texts) + 1, 8), dtype=np.float32)


BROKEN_EMBEDS: list[tuple[str, Callable[[Sequence[str]], np.ndarray], np.ndarray | None]] = [
    ("raises", _raising_embed, None),
    ("wrong_shape", _wrong_shape_embed, None),
    ("query_dim_mismatch", FakeEmbed(), np.ones(12, dtype=np.float32)),
]


@pytest.mark.parametrize(("case", "embed", "query_vec"), BROKEN_EMBEDS,
                         ids=[b[0] for b in BROKEN_EMBEDS])
def test_broken_embedder_escalates(case: str, embed: Callable[[Sequence[str]], np.ndarray],
                                   query_vec: np.ndarray | None) -> None:
    screening = screen_input("How do I map a network drive?", OWN, GuardrailPolicy(),
                             embed=embed, query_vec=query_vec,
                             cache=similarity.ExemplarCache())
    assert screening.action is Action.ESCALATE
    assert screening.code == "unexpected_error"


def test_failing_output_check_shows_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "screen_reply", _boom)
    result = screen_output("Here is your answer", OWN, GuardrailPolicy())
    assert result.action is Action.ESCALATE
    assert result.text == output.FALLBACK
    assert result.code == "unexpected_error"


def test_rules_file_errors_fail_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    from guardrails import rules

    monkeypatch.setattr(rules, "load_rules", _boom)
    screening = screen_input("hello", OWN, GuardrailPolicy())
    assert screening.action is Action.ESCALATE


def test_over_long_message_is_refused_but_still_redacted() -> None:
    text = "maria.garcia@corp.example " + "x" * 50
    screening = screen_input(text, OWN, GuardrailPolicy(max_input_chars=40))
    assert screening.action is Action.REFUSE
    assert "maria.garcia" not in screening.redacted_text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), st.integers(0, 5), st.booleans())
def test_any_input_gets_a_valid_verdict(text: str, prior: int, warned: bool) -> None:
    ctx = ScreenContext(employee_id="E000100", prior_attacks=prior, abuse_warned=warned,
                        history=(text[:40],))
    screening = screen_input(text, ctx, GuardrailPolicy())
    assert screening.action in set(Action)
    assert screening.errors == ()
    out = screen_output(text, ctx, GuardrailPolicy())
    assert "<script" not in out.html.lower()


@settings(max_examples=40, deadline=None)
@given(st.from_regex(r"4[0-9]{15}", fullmatch=True), st.text(alphabet="abc ,.", max_size=20))
def test_luhn_valid_cards_never_reach_storage(digits: str, filler: str) -> None:
    from guardrails.identifiers import luhn_ok

    if not luhn_ok(digits):
        return
    screening = screen_input(f"{filler} card {digits} {filler}", OWN, GuardrailPolicy())
    assert digits not in screening.redacted_text
