"""The human side's assumptions: who is on shift, how long each kind of work takes, and how
approvers behave. Estimates, documented in SOURCES.md; ``--staff-scale`` scales every roster.
"""

from __future__ import annotations

import math
import random
from datetime import datetime

# Staff on duty per group for the UTC shifts (00-08, 08-16, 16-24), weekdays then weekends.
# Sized for the residual human work next to an agent that resolves a good share on its own.
ROSTER: dict[str, tuple[tuple[int, int, int], tuple[int, int, int]]] = {
    "Service Desk": ((2, 5, 4), (1, 1, 1)),
    "Service Desk L2": ((1, 2, 2), (0, 1, 0)),
    "Identity & Access": ((1, 2, 2), (0, 1, 0)),
    "Security Incident Response": ((1, 2, 2), (1, 1, 1)),
    "Security Operations": ((1, 2, 1), (1, 1, 1)),
    "HR Service Center": ((0, 2, 1), (0, 0, 0)),
    "Hardware Logistics": ((1, 4, 3), (0, 1, 0)),
    "End User Computing": ((1, 2, 2), (0, 1, 0)),
    "Network Operations": ((1, 2, 2), (1, 1, 1)),
    "Collaboration Services": ((0, 2, 1), (0, 0, 0)),
    "Application Support": ((0, 2, 1), (0, 0, 0)),
}
DEFAULT_ROSTER = ((0, 1, 1), (0, 0, 0))

# Mean handling minutes per handoff reason (lognormal, sigma 0.5), and per fulfilment ticket.
HANDLE_MINUTES = {
    "user_requested_human": 12, "low_confidence": 15, "no_kb_content": 18,
    "grounding_failed": 15, "repeated_failure": 25, "negative_sentiment": 15,
    "security_incident": 60, "tool_error": 15, "dependency_down": 10, "policy_violation": 20,
    "approval_required": 10, "hr_or_legal": 45, "major_outage": 30, "unexpected_error": 20,
}
DEFAULT_HANDLE = 15
FULFIL_MINUTES = {"incident": 40, "request": 25}
SIGMA = 0.5

# Approvers: share who answer at all, median hours to answer, share who approve.
APPROVER_RESPONDS = 0.85
APPROVER_MEDIAN_HOURS = 6.0
STAFF_MEDIAN_HOURS = 4.0
APPROVE_SHARE = 0.9


def on_duty(group: str, at: datetime, scale: float = 1.0) -> int:
    weekday, weekend = ROSTER.get(group, DEFAULT_ROSTER)
    shifts = weekend if at.weekday() >= 5 else weekday
    return int(round(shifts[at.hour // 8] * scale))


def handling_minutes(rng: random.Random, mean: float) -> float:
    # A lognormal with this mean: a long tail of slow cases, like real queues.
    mu = math.log(mean) - SIGMA**2 / 2
    return max(1.0, rng.lognormvariate(mu, SIGMA))


def decision_hours(rng: random.Random, median: float) -> float:
    return rng.lognormvariate(math.log(median), 1.0)
