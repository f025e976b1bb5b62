"""The brief's contract names. Tests, evals and outside tools rely on these exact strings."""

from __future__ import annotations

from typing import Literal, get_args

Outcome = Literal[
    "answered", "action_completed", "awaiting_confirmation", "awaiting_approval",
    "clarifying", "escalated", "refused",
]
Intent = Literal[
    "kb_question", "password_reset", "account_unlock", "mfa_reset", "software_request",
    "access_request", "hardware_issue", "hardware_request", "ticket_status", "ticket_update",
    "outage_report", "security_incident", "human_request", "out_of_scope", "greeting",
    "feedback",
]
EscalationReason = Literal[
    "low_confidence", "no_kb_content", "grounding_failed", "user_requested_human",
    "security_incident", "repeated_failure", "negative_sentiment", "tool_error",
    "dependency_down", "policy_violation", "approval_required", "hr_or_legal", "major_outage",
    "unexpected_error",
]
RefusalReason = Literal["out_of_scope", "prompt_injection", "other_person_data", "abuse"]
ActionStatus = Literal["completed", "pending_confirmation", "pending_approval", "denied", "failed"]

OUTCOMES: tuple[str, ...] = get_args(Outcome)
INTENTS: tuple[str, ...] = get_args(Intent)
ESCALATION_REASONS: tuple[str, ...] = get_args(EscalationReason)
REFUSAL_REASONS: tuple[str, ...] = get_args(RefusalReason)
ACTION_STATUSES: tuple[str, ...] = get_args(ActionStatus)

# Intents that end in a tool call, and the tool each one plans.
# Tools that only read: a successful call answers a question, it completes no action.
READ_ONLY_TOOLS = frozenset({"get_my_tickets", "check_service_status"})
ACTION_TOOLS: dict[str, str] = {
    "password_reset": "reset_password",
    "account_unlock": "unlock_account",
    "mfa_reset": "reset_mfa",
    "software_request": "request_software",
    "access_request": "request_access",
    "hardware_issue": "create_incident",
    "hardware_request": "create_request",
    "outage_report": "check_service_status",
    "ticket_status": "get_my_tickets",
    "ticket_update": "update_ticket",
}
