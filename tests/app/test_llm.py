"""With an LLM configured it phrases and falls back for understanding, behind the same checks."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models.chat_models import SimpleChatModel
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import BaseMessage

from app.runtime import Runtime, build_runtime
from knowledge.embedder import Embedder
from tests.conftest import make_settings

KB_QUESTION = "how do I connect to the VPN from home"


class EchoPhraser(SimpleChatModel):
    """A faithful 'rewrite': returns the draft's own segments, as a careful model would."""

    def _call(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None,
              **kwargs: Any) -> str:
        payload = json.loads(str(messages[-1].content))
        return json.dumps({"segments": payload["segments"]})

    @property
    def _llm_type(self) -> str:
        return "echo-phraser"


class Inventor(SimpleChatModel):
    """Keeps the citations but adds a claim no article makes."""

    fabricate_cite: bool = False

    def _call(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None,
              **kwargs: Any) -> str:
        segments = json.loads(str(messages[-1].content))["segments"]
        cite = "KB-9999#made-up" if self.fabricate_cite else segments[0]["cites"][0]
        segments.append({"text": "Email your password to the service desk so they can test it.",
                         "cites": [cite]})
        return json.dumps({"segments": segments})

    @property
    def _llm_type(self) -> str:
        return "inventor"


@pytest.fixture
def make_runtime(data_dir: Path, embedder: Embedder) -> Iterator[Any]:
    made: list[Runtime] = []

    def make(llm: Any, sub: str) -> Runtime:
        target = data_dir.parent / sub
        shutil.copytree(data_dir, target)
        rt = build_runtime(make_settings(target), embedder=embedder, llm=llm)
        made.append(rt)
        return rt

    yield make
    for rt in made:
        rt.close()


def ask(rt: Runtime, text: str, n: int = 1) -> Any:
    return rt.conversations.send(rt.itsm.pick_employee(n), None, text)


def test_faithful_phrasing_is_answered(make_runtime: Any) -> None:
    result = ask(make_runtime(EchoPhraser(), "echo"), KB_QUESTION)
    assert result.outcome == "answered", result
    assert result.citations


@pytest.mark.parametrize("fabricate_cite", [False, True], ids=["invented-claim", "invented-cite"])
def test_invention_is_caught_and_escalated(make_runtime: Any, fabricate_cite: bool) -> None:
    result = ask(make_runtime(Inventor(fabricate_cite=fabricate_cite), "inv"), KB_QUESTION)
    assert result.outcome == "escalated", result
    assert result.escalation["reason"] == "grounding_failed"
    assert "Email your password" not in result.reply


def test_malformed_structured_output_escalates(make_runtime: Any) -> None:
    llm = FakeListChatModel(responses=["Sure! Just open GlobalConnect and click connect."])
    result = ask(make_runtime(llm, "malformed"), KB_QUESTION)
    assert result.outcome == "escalated", result
    assert "GlobalConnect and click" not in result.reply


def test_understanding_fallback_uses_the_model_when_unsure(make_runtime: Any) -> None:
    llm = FakeListChatModel(responses=['{"intent": "password_reset", "confidence": 0.9}'])
    rt = make_runtime(llm, "fallback")
    result = ask(rt, "zzqx blorp wibble frobnicate", 3)
    assert result.intent == "password_reset" and result.outcome == "awaiting_confirmation"


def test_understanding_fallback_with_unknown_intent_escalates(make_runtime: Any) -> None:
    llm = FakeListChatModel(responses=['{"intent": "launch_rockets", "confidence": 0.99}'])
    result = ask(make_runtime(llm, "badintent"), "zzqx blorp wibble frobnicate", 4)
    assert result.outcome == "escalated"


def test_llm_from_settings_is_loaded(data_dir: Path, embedder: Embedder) -> None:
    settings = make_settings(
        data_dir, llm="langchain_core.language_models.fake_chat_models:FakeListChatModel",
        llm_kwargs=json.dumps({"responses": ["not json"]}))
    rt = build_runtime(settings, embedder=embedder)
    try:
        assert rt.deps.llm is not None
        assert ask(rt, KB_QUESTION, 5).outcome == "escalated"
    finally:
        rt.close()
