"""An optional chat model (ZERODESK_LLM) for phrasing and as an understanding fallback.

It never gets the last word: phrased answers go through the same citation verifier, and every
output is parsed against a schema; anything that does not parse raises ``LLMOutputInvalid``,
which the graph turns into an escalation.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.errors import ConfigError
from app.vocabulary import INTENTS
from knowledge.compose import Segment

_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.MULTILINE)


class LLMOutputInvalid(ValueError):
    """The model's output did not match the schema it was asked for."""


class _PhrasedSegment(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=600)
    cites: list[str] = Field(min_length=1, max_length=3)


class _Phrased(BaseModel):
    model_config = ConfigDict(extra="forbid")
    segments: list[_PhrasedSegment] = Field(min_length=1, max_length=12)


class _Intent(BaseModel):
    model_config = ConfigDict(extra="forbid")
    intent: str
    confidence: float = Field(ge=0, le=1)


def load_llm(spec: str, kwargs_json: str | None = None) -> Any:
    """``module.path:ClassName`` of a langchain-core chat model, with optional JSON kwargs."""
    module_name, _, class_name = spec.partition(":")
    if not module_name or not class_name:
        raise ConfigError(f"ZERODESK_LLM={spec!r}: expected 'package.module:ChatModelClass'")
    try:
        cls = getattr(importlib.import_module(module_name), class_name)
        kwargs = json.loads(kwargs_json) if kwargs_json else {}
        return cls(**kwargs)
    except (ImportError, AttributeError, json.JSONDecodeError, TypeError,
            ValidationError) as exc:
        raise ConfigError(f"ZERODESK_LLM={spec!r}: cannot build the chat model ({exc})") from exc


def _parse(raw: Any, model: type[BaseModel]) -> Any:
    text = raw.content if hasattr(raw, "content") else raw
    if not isinstance(text, str):
        raise LLMOutputInvalid("the model returned no text")
    try:
        return model.model_validate_json(_FENCE.sub("", text.strip()))
    except ValidationError as exc:
        raise LLMOutputInvalid(f"output does not match {model.__name__}: "
                               f"{exc.errors()[0]['msg']}") from exc


def phrase(llm: Any, question: str, segments: Sequence[Segment],
           chunk_articles: dict[str, str]) -> list[Segment]:
    """Rewrite the draft's claims more naturally; every sentence must keep a citation."""
    claims = [{"text": s.text, "cites": list(s.cites)} for s in segments if s.kind == "claim"]
    prompt = [
        ("system",
         "You rewrite IT help answers for employees. Use ONLY the facts in the given segments. "
         "Do not add steps, links, numbers or advice that are not in them. Keep each segment's "
         "citation ids. Reply with JSON only: {\"segments\": [{\"text\": str, \"cites\": "
         "[chunk ids]}]}."),
        ("human", json.dumps({"question": question, "segments": claims})),
    ]
    parsed: _Phrased = _parse(llm.invoke(prompt), _Phrased)
    out = []
    for n, seg in enumerate(parsed.segments, start=1):
        unknown = [c for c in seg.cites if c not in chunk_articles]
        article = chunk_articles.get(seg.cites[0]) if not unknown else seg.cites[0]
        out.append(Segment(seg.text, "claim", tuple(seg.cites), article_id=article, list_item=n))
    return out


def classify_intent(llm: Any, text: str) -> tuple[str, float]:
    prompt = [
        ("system",
         "Classify an employee's IT helpdesk message. Reply with JSON only: "
         f"{{\"intent\": one of {list(INTENTS)}, \"confidence\": 0..1}}."),
        ("human", text),
    ]
    parsed: _Intent = _parse(llm.invoke(prompt), _Intent)
    if parsed.intent not in INTENTS:
        raise LLMOutputInvalid(f"unknown intent {parsed.intent!r}")
    return parsed.intent, parsed.confidence
