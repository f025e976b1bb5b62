"""The verdict every guardrail check returns, and how several verdicts combine."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Action(StrEnum):
    ALLOW = "allow"
    REDACT = "redact"
    REFUSE = "refuse"
    ESCALATE = "escalate"


# Escalation outranks refusal: a message that is both out of scope and about self-harm must
# reach a human, and a failed check (escalate) must never be masked by a softer verdict.
_RANK = {Action.ALLOW: 0, Action.REDACT: 1, Action.REFUSE: 2, Action.ESCALATE: 3}


@dataclass(frozen=True)
class Verdict:
    check: str
    action: Action
    reasons: tuple[str, ...]
    code: str | None = None
    score: float | None = None
    # Optional text the app may show instead of its own (caring HR reply, abuse warning).
    reply: str | None = None
    # "high" asks the human queue to pick this up first (self-harm).
    priority: str | None = None

    @property
    def blocks(self) -> bool:
        return self.action in (Action.REFUSE, Action.ESCALATE)


def rank(action: Action) -> int:
    return _RANK[action]


def strictest(verdicts: Iterable[Verdict]) -> Verdict | None:
    """The first verdict with the highest rank; earlier checks win ties (cheap, specific ones)."""
    best: Verdict | None = None
    for v in verdicts:
        if best is None or _RANK[v.action] > _RANK[best.action]:
            best = v
    return best


def allow(check: str, reason: str, score: float | None = None) -> Verdict:
    return Verdict(check, Action.ALLOW, (reason,), None, score)
