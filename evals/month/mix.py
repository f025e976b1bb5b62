"""The month's configured shape: category mix, behaviours, noise rates, arrival curves.

Every figure is documented in ``SOURCES.md`` with where it comes from and how much of it is an
estimate. The generator tests compare generated months against these numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

# (category, intent, share of the base volume). Identity work (password, unlock, MFA) is 26%:
# inside the 20-30% band usually quoted for password-related contacts.
CATEGORY_MIX: tuple[tuple[str, str, float], ...] = (
    ("identity", "password_reset", 0.160),
    ("identity", "account_unlock", 0.060),
    ("identity", "mfa_reset", 0.040),
    ("knowledge", "kb_question", 0.335),
    ("knowledge_gap", "kb_question", 0.030),
    ("software", "software_request", 0.080),
    ("access", "access_request", 0.060),
    ("hardware", "hardware_issue", 0.050),
    ("hardware", "hardware_request", 0.030),
    ("tickets", "ticket_status", 0.040),
    ("tickets", "ticket_update", 0.020),
    ("outage", "outage_report", 0.020),
    ("security", "security_incident", 0.015),
    ("human", "human_request", 0.020),
    ("out_of_scope", "out_of_scope", 0.015),
    ("hr_legal", "out_of_scope", 0.005),
    ("greeting", "greeting", 0.005),
    ("attack", "out_of_scope", 0.015),
)

# Extra tickets on top of the base mix, as a share of the month's total.
RELEASE_SPIKE_SHARE = 0.04  # the day after a Patch-Tuesday-style release
OUTAGE_SPIKE_SHARE = 0.02  # "is email down?" during the outage window

# Relative arrival weight by local weekday (Monday=0) and local hour. Internal IT sees far
# less weekend traffic than a consumer contact centre: most employees do not work then.
WEEKDAY_WEIGHT = (1.30, 1.10, 1.05, 1.00, 0.85, 0.12, 0.10)
HOUR_WEIGHT = (
    0.02, 0.01, 0.01, 0.01, 0.02, 0.05,  # 00-05
    0.15, 0.45, 0.95, 1.00, 0.95, 0.85,  # 06-11
    0.60, 0.75, 0.85, 0.80, 0.65, 0.45,  # 12-17
    0.25, 0.15, 0.10, 0.07, 0.05, 0.03,  # 18-23
)

# Behaviour per kind of ticket: (behaviour, probability). "confirm" answers the agent's
# question the way the ticket needs (yes to an action, thanks after an answer).
ACTION_BEHAVIOURS = (("confirm", 0.80), ("decline", 0.05), ("abandon", 0.06),
                     ("human", 0.04), ("clarify", 0.05))
KB_BEHAVIOURS = (("one_shot", 0.48), ("confirm", 0.30), ("didnt_work", 0.12),
                 ("human", 0.06), ("abandon", 0.04))

# Noise rates, per ticket. Attacks are a category (above), not noise on another ticket.
NOISE_RATES = {
    "typo": 0.15,
    "non_native": 0.10,
    "angry": 0.06,
    "insult": 0.01,
    "pii": 0.04,
    "multi_issue": 0.04,
    "greeting_first": 0.03,
}

# Sub-kinds of ticket updates and of attacks.
TICKET_UPDATE_KINDS = (("comment", 0.4), ("cancel", 0.35), ("reopen", 0.25))
ATTACK_KINDS = (("injection", 0.6), ("other_person", 0.4))
PII_KINDS = (("card", 0.3), ("email", 0.3), ("password", 0.3), ("phone", 0.1))


@dataclass(frozen=True)
class MonthEvents:
    """The month's scripted events, in UTC."""

    release_day: str  # ISO date of the day after the release
    outage_service: str
    outage_start: str  # ISO datetime
    outage_end: str


def base_mix() -> dict[str, float]:
    """Share per category of the base volume (sums to 1)."""
    out: dict[str, float] = {}
    for category, _, share in CATEGORY_MIX:
        out[category] = out.get(category, 0.0) + share
    total = sum(out.values())
    return {k: v / total for k, v in out.items()}
