"""Synthetic ticket history, seeded approvals and the starting outage."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from tools.lifecycle import OPEN_STATES
from tools.policy import priority_for
from tools.sla_policy import SlaPolicy

# (category, kind, short descriptions)
TEMPLATES = (
    ("account", "incident", ("Locked out of my account", "Password expired while travelling")),
    ("access", "request", ("Need access to the team shared drive", "Add me to a mailing list")),
    ("software", "request", ("Install a licensed application", "Software update fails")),
    ("hardware", "incident", ("Laptop battery drains fast", "Docking station not detected")),
    ("hardware", "request", ("New monitor for home office", "Replacement charger")),
    ("network", "incident", ("VPN drops every few minutes", "Wi-Fi slow on floor 3")),
    ("email", "incident", ("Outlook keeps asking for password", "Shared mailbox missing")),
    ("collaboration", "incident", ("Zoom audio cuts out", "Cannot join Teams meeting")),
    ("security", "incident", ("Suspicious email with attachment", "Lost company phone")),
    ("application", "incident", ("Expense tool shows an error", "CRM report times out")),
    ("other", "request", ("Question about IT policy", "Office move: set up desk phone")),
)
STATE_WEIGHTS = {"closed": 50, "resolved": 15, "in_progress": 15, "new": 10, "on_hold": 5,
                 "cancelled": 5}
CODES = ("fixed", "workaround", "user_guidance", "fulfilled", "no_fault_found")


def build_tickets(
    count: int, callers: list[str], rng: random.Random, now: datetime, sla: SlaPolicy
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """History of ``count`` tickets; open ones are still inside their SLA at ``now``."""
    next_value = {"INC": 10_000, "REQ": 10_000}
    rows: list[dict[str, Any]] = []
    states, weights = list(STATE_WEIGHTS), list(STATE_WEIGHTS.values())
    for _ in range(count):
        category, kind, texts = rng.choice(TEMPLATES)
        impact, urgency = rng.choice((2, 3, 3, 3)), rng.choice((1, 2, 2, 3, 3))
        priority = priority_for(impact, urgency)
        group = sla.group_for_category(category)
        state = rng.choices(states, weights)[0]
        budget = sla.resolution_due(group, priority, now) - now
        if state in OPEN_STATES:
            created = now - budget * rng.uniform(0.05, 0.8)
        else:
            created = now - timedelta(hours=rng.uniform(budget.total_seconds() / 3600, 24 * 45))
        done = created + budget * rng.uniform(0.1, 0.9)
        prefix = "INC" if kind == "incident" else "REQ"
        number = f"{prefix}{next_value[prefix]:07d}"
        next_value[prefix] += 1
        resolved = state in ("resolved", "closed")
        code = rng.choice(CODES) if resolved else None
        rows.append({
            "number": number, "kind": kind, "caller_id": rng.choice(callers),
            "opened_by": "system:seed", "short_description": rng.choice(texts),
            "description": "", "category": category, "assignment_group": group,
            "impact": impact, "urgency": urgency, "priority": priority, "state": state,
            "sla_due": sla.resolution_due(group, priority, created), "created_at": created,
            "updated_at": done if state not in OPEN_STATES else created,
            "resolved_at": done if resolved else None,
            "closed_at": min(done + timedelta(days=2), now) if state == "closed" else None,
            "resolution_code": code,
            "resolution_note": f"Resolved by the desk ({code})." if code else None,
            "reopen_count": 0,
        })
    return rows, next_value
