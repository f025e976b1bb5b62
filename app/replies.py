"""Every fixed sentence the agent says. Kept in one place so wording is reviewed like policy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.understanding.slots import Named

FIXED = {
    "greeting": "Hi! I'm the IT help agent. Tell me what's going on — for example "
                "“my VPN keeps dropping” or “I need Visual Studio Code”.",
    "thanks": "Glad that sorted it. I've noted it as resolved.",
    "handoff_thanks": "You're welcome. The IT team has this now and will reply here or by email.",
    "didnt_work": "Sorry that didn't fix it. Can you tell me what happened when you tried, "
                  "or paste the exact error? If you'd rather talk to a person, just say so.",
    "cancelled": "OK, I haven't done anything. Is there something else I can help with?",
    "noted": "OK, noted. Is there anything else I can help with?",
    "clarify_intent": "I want to get this right: is this about a problem with something "
                      "that isn't working, or a request for something new?",
    "password_typed": "It looks like you typed a password. I've removed it from this "
                      "conversation, but please treat it as exposed and change it. "
                      "I can start a password reset for you — just say “reset my password”.",
}

REFUSALS = {
    "out_of_scope": "That's outside what I can help with: I handle IT questions and requests. "
                    "For other topics, the intranet home page lists the right team.",
    "prompt_injection": "I can't follow instructions that try to change how I work. "
                        "If you have an IT question or request, I'm happy to help with that.",
    "other_person_data": "I can only act on, or show, your own account and tickets. If a "
                         "colleague needs help, they can contact me themselves, or their "
                         "manager can raise it with the service desk.",
    "abuse": "I'm ending this conversation here. If you still need IT help, you can reach "
             "the service desk by phone or open a ticket on the IT portal.",
}

ESCALATED = {
    "user_requested_human": "I've asked a member of the IT team to pick this up.",
    "security_incident": "This looks like a security incident, so I've sent it straight to "
                         "Security Operations. Don't turn off or wipe the device; if you "
                         "entered your password somewhere suspicious, expect them to contact "
                         "you shortly.",
    "hr_or_legal": "This is something the right people should handle personally, so I've "
                   "passed it on confidentially.",
    "low_confidence": "I'm not confident I have the right answer, so I've passed this to the "
                      "IT team rather than guess.",
    "no_kb_content": "I couldn't find this in our knowledge base, so I've passed it to the IT "
                     "team rather than guess.",
    "grounding_failed": "I couldn't back up an answer with our documentation, so I've passed "
                        "this to the IT team rather than guess.",
    "repeated_failure": "Since the steps haven't worked, I've handed this to the IT team with "
                        "everything we've tried so far.",
    "major_outage": "The status board shows no known problem there yet, so I've reported it "
                    "to the IT team as a possible outage.",
}
ESCALATED_DEFAULT = "I couldn't finish this safely myself, so I've passed it to the IT team."

TOOL_VERBS = {
    "reset_password": "send a password reset link to your registered device",
    "unlock_account": "unlock your account",
    "reset_mfa": "reset your multi-factor authentication so you can register your new device",
    "request_software": "request {software}",
    "request_access": "request access to {group}",
    "create_incident": "open an incident for the IT team: “{short_description}”",
    "create_request": "open a request: “{short_description}”",
    "update_ticket": "{action} ticket {ticket}",
    "get_my_tickets": "look up your tickets",
    "check_service_status": "check the IT service status board",
}


def _label(key: str | None, items: Sequence[Named]) -> str:
    return next((i.name for i in items if i.key == key), key or "")


def confirm_question(tool: str, args: dict[str, Any], software: Sequence[Named],
                     groups: Sequence[Named]) -> str:
    values = {
        **{k: str(v) for k, v in args.items()},
        "software": _label(args.get("software"), software),
        "group": _label(args.get("group"), groups),
    }
    verb = TOOL_VERBS.get(tool, tool.replace("_", " ")).format_map(_Safe(values))
    return f"I can {verb}. Shall I go ahead? (yes / no)"


def clarify_question(missing: str, slots: dict[str, Any], software: Sequence[Named],
                     groups: Sequence[Named]) -> str:
    if missing == "software":
        options = slots.get("software_options") or []
        if options:
            return f"Which one do you need: {', '.join(options)}?"
        return "Which software do you need? Tell me its name as it appears in the catalogue."
    if missing == "group":
        options = slots.get("group_options") or []
        if options:
            return f"Which one do you mean: {', '.join(options)}?"
        return "Which shared drive, site or group do you need access to?"
    if missing == "ticket":
        return "Which ticket is it? Its number looks like INC0012345 or REQ0012345."
    return FIXED["clarify_intent"]


def escalation_reply(reason: str, escalation: dict[str, Any]) -> str:
    head = ESCALATED.get(reason, ESCALATED_DEFAULT)
    ticket = escalation.get("ticket")
    group = str(escalation.get("group", "IT")).replace("-", " ")
    if ticket and escalation.get("linked_to"):
        tail = (f"Others have reported it too, and the {group} team is working on it as "
                f"{escalation['linked_to']}. Your report is {ticket}, linked to it, and will be "
                "resolved with it.")
    elif ticket and escalation.get("follow_up"):
        tail = (f"I've added this to your open ticket {ticket} with the {group} team "
                f"(priority P{escalation.get('priority')}), so you don't have to explain it "
                "twice. They'll reply here or by email.")
    elif ticket:
        tail = (f"Your ticket is {ticket} with the {group} team (priority "
                f"P{escalation.get('priority')}). They'll reply here or by email.")
    else:
        tail = (f"The {group} team has it and will contact you; your ticket number will "
                "follow by email.")
    return f"{head} {tail}"


class _Safe(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return key
