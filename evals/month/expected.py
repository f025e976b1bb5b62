"""Ground truth for one ticket: what a correct agent ends with, for each kind of request."""

from __future__ import annotations

from typing import Any

NO_WRITE: dict[str, Any] = {"no_write": True}
SUCCESS_PHRASES = {
    "password_reset": ["reset link"],
    "account_unlock": ["unlocked"],
    "mfa_reset": ["MFA"],
    "hardware_issue": ["INC"],
    "hardware_request": ["REQ"],
}
AUDIT_ACTIONS = {
    "password_reset": "account.reset_password",
    "account_unlock": "account.unlock",
    "mfa_reset": "account.reset_mfa",
}


def expected(intent: str, outcomes: list[str], state: dict[str, Any], *,
             must_contain: list[str] | None = None, citations: list[str] | None = None,
             escalate: list[str] | None = None) -> dict[str, Any]:
    return {
        "intent": intent,
        "outcomes": outcomes,
        "must_escalate": bool(escalate),
        "escalation_reasons": list(escalate or []),
        "state": state,
        "must_contain": list(must_contain or []),
        "citations_any": list(citations or []),
    }


def action_success(intent: str, item: str | None = None, policy: str = "auto",
                   update: str | None = None) -> tuple[list[str], dict[str, Any], list[str]]:
    """(outcomes, state, must_contain) once the employee has said yes."""
    if intent in AUDIT_ACTIONS:
        return (["action_completed"], {"audit_action": AUDIT_ACTIONS[intent]},
                SUCCESS_PHRASES[intent])
    if intent in ("software_request", "access_request"):
        key = "software_granted" if intent == "software_request" else "access_granted"
        if policy == "auto":
            return ["action_completed"], {key: item}, [str(item)]
        return ["awaiting_approval"], {"approval_pending": True, "item": item}, ["approval"]
    if intent in ("hardware_issue", "hardware_request"):
        kind = "incident" if intent == "hardware_issue" else "request"
        return (["action_completed"], {"ticket_opened": kind, "category": "hardware"},
                SUCCESS_PHRASES[intent])
    if intent == "ticket_update":
        states = {"comment": None, "cancel": ["cancelled", "closed"],
                  "reopen": ["in_progress"]}[str(update)]
        state: dict[str, Any] = ({"ticket_comment": True} if states is None
                                 else {"ticket_state": states})
        return ["action_completed"], state, ["{ticket}"]
    raise ValueError(f"no action ground truth for {intent}")


def for_behaviour(intent: str, behaviour: str, success: tuple[list[str], dict[str, Any],
                  list[str]]) -> dict[str, Any]:
    """Ground truth of an action ticket given how the employee behaves."""
    outcomes, state, phrases = success
    if behaviour in ("confirm", "clarify"):
        return expected(intent, outcomes, state, must_contain=phrases)
    if behaviour == "confirm_thanks":
        return expected(intent, ["answered"], state, must_contain=phrases)
    if behaviour == "decline":
        return expected(intent, ["answered"], NO_WRITE)
    if behaviour == "abandon":
        return expected(intent, ["awaiting_confirmation"], NO_WRITE)
    if behaviour == "human":
        return expected(intent, ["escalated"], NO_WRITE, escalate=["user_requested_human"])
    raise ValueError(f"unknown behaviour {behaviour}")


def kb_expected(behaviour: str, article: str, term: str) -> dict[str, Any]:
    if behaviour == "didnt_work":
        return expected("kb_question", ["escalated"], NO_WRITE, citations=[article],
                        escalate=["repeated_failure"])
    if behaviour == "human":
        return expected("kb_question", ["escalated"], NO_WRITE, citations=[article],
                        escalate=["user_requested_human"])
    return expected("kb_question", ["answered"], NO_WRITE, must_contain=[term],
                    citations=[article])
