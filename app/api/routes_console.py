"""The staff console's API: the work queue, detail views, resolve and reassign."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from app.api.deps import ConversationsDep, RuntimeDep, StaffDep
from app.api.routes_chat import ThreadId, message_json, utc
from app.conversation import Conversations
from app.errors import BadInput, Conflict, NotFound
from app.runtime import Runtime
from tools.context import Actor
from tools.ledger import idempotency_key
from tools.lifecycle import RESOLUTION_CODES
from tools.views import ApprovalView, EscalationView

router = APIRouter(prefix="/api")
QUEUE_LIMIT = 500
EMPLOYEE_FIELDS = ("id", "name", "email", "department", "title", "location", "vip", "status")
DONE_STATES = frozenset({"resolved", "closed", "cancelled"})


def _escalation_item(view: EscalationView) -> dict[str, Any]:
    # How many more people reported the same outage (tools.outages): the desk sees its width.
    reports = len(view.packet.get("reports", []))
    summary = f"{view.summary} (+{reports} linked reports)" if reports else view.summary
    return {"kind": "escalation", "id": view.id, "thread_id": view.thread_id,
            "ticket": view.ticket_number, "reason": view.reason, "group": view.group,
            "priority": view.priority, "status": view.status, "employee_id": view.employee_id,
            "summary": summary, "reports": reports, "due": utc(view.sla_due),
            "created_at": utc(view.created_at), "assigned_staff_id": view.assigned_staff_id}


def _approval_item(view: ApprovalView, group: str, priority: str,
                   thread_id: str | None) -> dict[str, Any]:
    return {"kind": "approval", "id": view.id, "thread_id": thread_id,
            "ticket": view.ticket_number, "reason": "approval_required", "group": group,
            "priority": priority, "status": view.status, "employee_id": view.employee_id,
            "summary": f"{view.kind} request: {view.item_name} (waits for "
                       f"{view.approver_kind}{' ' + view.approver_id if view.approver_id else ''})",
            "due": utc(view.due_at), "created_at": utc(view.requested_at),
            "assigned_staff_id": None}


@router.get("/queue")
def queue(staff: StaffDep, runtime: RuntimeDep, conversations: ConversationsDep,
          group: str | None = None, reason: str | None = None,
          priority: str | None = None) -> dict[str, Any]:
    """Open and taken-over escalations and pending approvals, soonest SLA due first."""
    actor = Actor("staff", staff.employee_id)
    items = [_escalation_item(e) for status in ("open", "taken_over")
             for e in runtime.itsm.list_escalations(actor=actor, status=status)]
    for approval in runtime.itsm.list_approvals(actor=actor, status="pending"):
        ticket = runtime.itsm.ticket(approval.ticket_number, actor)
        items.append(_approval_item(approval, ticket.assignment_group, ticket.priority,
                                    conversations.store.approval_thread(approval.id)))
    filters = {"group": sorted({i["group"] for i in items} | set(runtime.itsm.assignment_groups())),
               "reason": sorted({i["reason"] for i in items}),
               "priority": [f"P{n}" for n in range(1, 6)]}
    wanted = {"group": group, "reason": reason, "priority": priority}
    chosen = [i for i in items if all(v in (None, "", i[k]) for k, v in wanted.items())]
    chosen.sort(key=lambda i: (i["due"], i["priority"], i["id"]))
    now = utc(runtime.clock())
    for item in chosen:
        item["overdue"] = item["due"] < now
    return {"items": chosen[:QUEUE_LIMIT], "total": len(chosen), "filters": filters}


def _thread_detail(runtime: Runtime, conversations: Conversations, thread_id: str,
                   actor: Actor) -> dict[str, Any]:
    conv = conversations.store.conversation(thread_id)
    if conv is None:
        raise NotFound(f"no conversation {thread_id}")
    escalation = runtime.itsm.thread_escalation(thread_id)
    ticket = runtime.itsm.ticket(escalation.ticket_number, actor) if escalation else None
    employee = runtime.itsm.get_employee(conv["employee_id"])
    person = employee.to_dict() if employee else {"id": conv["employee_id"]}
    return {
        "thread_id": thread_id, "held_by": conv["held_by"],
        "employee": {k: person.get(k) for k in EMPLOYEE_FIELDS},
        "escalation": escalation.to_dict() if escalation else None,
        "ticket": ticket.to_dict() if ticket else None,
        "transcript": [message_json(r) for r in conversations.store.transcript(thread_id)],
        "traces": [{"turn": r["turn"], "outcome": r["outcome"], "at": utc(r["created_at"]),
                    **r["data"]} for r in conversations.store.traces(thread_id)],
        "waiting_for": (conversations.pending_interrupt(thread_id) or {}).get("kind"),
        "resolution_codes": sorted(RESOLUTION_CODES),
        "groups": runtime.itsm.assignment_groups(),
    }


@router.get("/console/threads/{thread_id}")
def thread_detail(thread_id: ThreadId, staff: StaffDep, runtime: RuntimeDep,
                  conversations: ConversationsDep) -> dict[str, Any]:
    """Handoff packet, redacted transcript, evidence, guardrail verdicts and the trace."""
    return _thread_detail(runtime, conversations, thread_id, Actor("staff", staff.employee_id))


@router.get("/console/approvals/{approval_id}")
def approval_detail(approval_id: int, staff: StaffDep, runtime: RuntimeDep,
                    conversations: ConversationsDep) -> dict[str, Any]:
    actor = Actor("staff", staff.employee_id)
    approval = runtime.itsm.approval(approval_id, actor)
    thread_id = conversations.store.approval_thread(approval_id)
    return {"approval": approval.to_dict(),
            "ticket": runtime.itsm.ticket(approval.ticket_number, actor).to_dict(),
            "thread": _thread_detail(runtime, conversations, thread_id, actor)
            if thread_id else None}


def _open_escalation(runtime: Runtime, thread_id: str) -> EscalationView:
    escalation = runtime.itsm.thread_escalation(thread_id)
    if escalation is None:
        raise NotFound(f"conversation {thread_id} has no escalation")
    if escalation.status == "resolved":
        raise Conflict(f"escalation {escalation.id} is already resolved")
    return escalation


class ResolveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    resolution_code: str = Field(description=f"One of {sorted(RESOLUTION_CODES)}.")
    note: str = Field(min_length=1, max_length=2000)


@router.post("/threads/{thread_id}/resolve")
def resolve(thread_id: ThreadId, body: ResolveIn, staff: StaffDep, runtime: RuntimeDep,
            conversations: ConversationsDep) -> dict[str, Any]:
    """Resolve the escalation's ticket with a code, close the handoff, hand the chat back."""
    if body.resolution_code not in RESOLUTION_CODES:
        raise BadInput(f"resolution_code must be one of {sorted(RESOLUTION_CODES)}")
    actor = Actor("staff", staff.employee_id)
    escalation = _open_escalation(runtime, thread_id)
    ticket = runtime.itsm.ticket(escalation.ticket_number, actor)
    if ticket.state not in DONE_STATES:
        ticket = runtime.itsm.transition_ticket(
            ticket.number, actor, "resolved", resolution_code=body.resolution_code,
            resolution_note=body.note.strip())
    escalation = runtime.itsm.update_escalation(escalation.id, actor, "resolved")
    if conversations.store.held_by(thread_id):
        conversations.hand_back(thread_id)
    return {"escalation": escalation.to_dict(), "ticket": ticket.to_dict(), "held_by": None}


class ReassignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    group: str = Field(min_length=1, max_length=80)
    note: str = Field(default="", max_length=2000)


@router.post("/threads/{thread_id}/reassign")
def reassign(thread_id: ThreadId, body: ReassignIn, staff: StaffDep,
             runtime: RuntimeDep) -> dict[str, Any]:
    """Hand the escalation and its ticket to another assignment group.

    One ticket moves (with a work note naming who moved it and why) and keeps its SLA due, so
    the employee keeps one ticket number and a bounce between groups buys no time.
    """
    actor = Actor("staff", staff.employee_id)
    if body.group not in runtime.itsm.assignment_groups():
        raise BadInput(f"unknown group {body.group!r}; known: {runtime.itsm.assignment_groups()}")
    old = _open_escalation(runtime, thread_id)
    if old.group == body.group:
        raise Conflict(f"escalation {old.id} is already with {body.group}")
    ticket = runtime.itsm.reassign_ticket(
        old.ticket_number, actor, body.group, body.note,
        idempotency_key=idempotency_key(thread_id, f"reassign-{old.id}", "reassign",
                                        {"group": body.group, "note": body.note}))
    moved = runtime.itsm.thread_escalation(thread_id) or old
    return {"escalation": moved.to_dict(), "ticket": ticket.to_dict(), "previous_group": old.group}
