"""The role card: the agent's written job, validated at startup and read by graph and tools."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from app.errors import ConfigError
from app.vocabulary import ESCALATION_REASONS
from tools.context import ALL_TOOLS, ToolScope


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Owner(_Strict):
    name: str = Field(min_length=1)
    title: str = ""
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")


class Systems(_Strict):
    reads: list[str]
    writes: list[str]


class ToolsSection(_Strict):
    allowed: list[str]
    confirm_before: list[str]

    @field_validator("allowed", "confirm_before")
    @classmethod
    def _known(cls, names: list[str]) -> list[str]:
        unknown = sorted(set(names) - ALL_TOOLS)
        if unknown:
            raise ValueError(f"unknown tools {unknown}; known: {sorted(ALL_TOOLS)}")
        return names


class Thresholds(_Strict):
    min_answer_confidence: float = Field(ge=0, le=1)
    min_intent_confidence: float = Field(ge=0, le=1)
    citation_support: float = Field(gt=0, le=1)
    repeated_failures_to_escalate: int = Field(ge=1)
    attacks_before_policy_escalation: int = Field(ge=1)
    approval_sla_hours: float = Field(gt=0)


class Route(_Strict):
    group: str = Field(min_length=1)
    priority: int = Field(ge=1, le=5)


class Escalation(_Strict):
    default: Route
    reasons: dict[str, Route]
    vip_priority_bump: int = Field(default=0, ge=0, le=2)

    @field_validator("reasons")
    @classmethod
    def _known_reasons(cls, reasons: dict[str, Route]) -> dict[str, Route]:
        unknown = sorted(set(reasons) - set(ESCALATION_REASONS))
        if unknown:
            raise ValueError(f"unknown escalation reasons {unknown}")
        return reasons


class Kpi(_Strict):
    name: str
    description: str
    baseline: float
    target: float


class Output(_Strict):
    allowed_link_hosts: list[str]
    public_contacts: list[str]


class RoleCard(_Strict):
    version: str = Field(min_length=1)
    agent: str
    owner: Owner
    review_cadence: str
    last_reviewed: dt.date
    mission: str
    responsibilities: list[str] = Field(min_length=1)
    not_responsible_for: list[str] = Field(min_length=1)
    systems: Systems
    tools: ToolsSection
    thresholds: Thresholds
    escalation: Escalation
    kpis: list[Kpi]
    output: Output
    public: list[str]

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> str:
        return str(value)

    def route(self, reason: str, *, vip: bool = False) -> Route:
        base = self.escalation.reasons.get(reason, self.escalation.default)
        if vip and self.escalation.vip_priority_bump:
            return Route(group=base.group,
                         priority=max(1, base.priority - self.escalation.vip_priority_bump))
        return base

    def tool_scope(self) -> ToolScope:
        return ToolScope(allowed_tools=frozenset(self.tools.allowed))

    def public_view(self) -> dict[str, Any]:
        data = self.model_dump(mode="json")
        return {k: data[k] for k in self.public if k in data}

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]


def load_role_card(path: Path) -> RoleCard:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"role card {path}: cannot be read ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"role card {path}: not valid YAML ({exc})") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"role card {path}: must be a mapping")
    try:
        return RoleCard.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"role card {path}: field '{field}': {first['msg']}") from exc
