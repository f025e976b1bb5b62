"""The SLA policy file, loaded into an immutable object."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

PRIORITIES = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class GroupSla:
    name: str
    escalation_queue: str | None
    hours: dict[int, float]


@dataclass(frozen=True)
class SlaPolicy:
    default_hours: dict[int, float]
    approval_hours: float
    approval_escalation_hours: float
    escalation_hours: dict[int, float]
    categories: dict[str, str]
    groups: dict[str, GroupSla]
    it_groups: tuple[str, ...]

    def group_names(self) -> list[str]:
        """Every group a ticket or a handoff may be assigned to, queues included."""
        names = set(self.groups)
        names.update(g.escalation_queue for g in self.groups.values() if g.escalation_queue)
        return sorted(names)

    def resolution_due(self, group: str, priority: int, start: datetime) -> datetime:
        sla = self.groups.get(group)
        hours = sla.hours if sla else self.default_hours
        return start + timedelta(hours=hours[priority])

    def handoff_due(self, priority: int, start: datetime) -> datetime:
        return start + timedelta(hours=self.escalation_hours[priority])

    def escalation_queue(self, group: str) -> str | None:
        sla = self.groups.get(group)
        return sla.escalation_queue if sla else None

    def group_for_category(self, category: str) -> str:
        return self.categories.get(category, self.categories["other"])


def _hours(raw: dict[str, Any], where: str) -> dict[int, float]:
    out = {int(str(k).removeprefix("P")): float(v) for k, v in raw.items()}
    if sorted(out) != list(PRIORITIES) or any(v <= 0 for v in out.values()):
        raise ValueError(f"{where}: need positive hours for each of P1..P5, got {raw}")
    return out


def parse_policy(raw: dict[str, Any]) -> SlaPolicy:
    groups = {
        name: GroupSla(name, spec.get("escalation_queue"), _hours(spec["hours"], name))
        for name, spec in raw["groups"].items()
    }
    categories = {str(k): str(v) for k, v in raw["categories"].items()}
    if "other" not in categories:
        raise ValueError("SLA policy: categories must map 'other'")
    unknown = sorted(set(categories.values()) - set(groups))
    if unknown:
        raise ValueError(f"SLA policy: categories route to unknown groups {unknown}")
    it_groups = tuple(raw["it_groups"])
    if set(it_groups) - set(groups):
        raise ValueError("SLA policy: it_groups names a group that is not defined")
    return SlaPolicy(
        default_hours=_hours(raw["default_hours"], "default_hours"),
        approval_hours=float(raw["approval_hours"]),
        approval_escalation_hours=float(raw["approval_escalation_hours"]),
        escalation_hours=_hours(raw["escalation_hours"], "escalation_hours"),
        categories=categories,
        groups=groups,
        it_groups=it_groups,
    )


@lru_cache(maxsize=1)
def default_policy() -> SlaPolicy:
    text = resources.files("tools").joinpath("sla_policy.yaml").read_text(encoding="utf-8")
    return parse_policy(yaml.safe_load(text))
