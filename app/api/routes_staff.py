"""Staff endpoints: escalations, approvals, takeover and reply, traces; the role card."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from app.api.decisions import as_json, decide_and_resume
from app.api.deps import ConversationsDep, OptionalSessionDep, RuntimeDep, StaffDep
from app.api.routes_chat import ThreadId, utc
from app.errors import Conflict, NotFound
from tools.context import Actor

router = APIRouter(prefix="/api")


@router.get("/escalations")
def escalations(staff: StaffDep, runtime: RuntimeDep, status: str | None = "open",
                group: str | None = None) -> dict[str, Any]:
    views = runtime.itsm.list_escalations(actor=Actor("staff", staff.employee_id),
                                          status=status, group=group)
    return {"escalations": [as_json(v) for v in views]}


@router.get("/approvals")
def approvals(staff: StaffDep, runtime: RuntimeDep) -> dict[str, Any]:
    views = runtime.itsm.list_approvals(actor=Actor("staff", staff.employee_id),
                                        status="pending")
    return {"approvals": [as_json(v) for v in views]}


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    approve: bool
    note: str = Field(default="", max_length=2000)


@router.post("/approvals/{approval_id}/decision")
def decide(approval_id: int, body: DecisionIn, staff: StaffDep, runtime: RuntimeDep,
           conversations: ConversationsDep) -> dict[str, Any]:
    return decide_and_resume(runtime, conversations, approval_id,
                             Actor("staff", staff.employee_id), body.approve, body.note)


@router.get("/traces/{thread_id}")
def traces(thread_id: ThreadId, staff: StaffDep, conversations: ConversationsDep) -> dict[str, Any]:
    if conversations.store.conversation(thread_id) is None:
        raise NotFound(f"no conversation {thread_id}")
    rows = conversations.store.traces(thread_id)
    return {"thread_id": thread_id, "turns": [
        {"turn": r["turn"], "outcome": r["outcome"], "at": utc(r["created_at"]).isoformat(),
         **r["data"]} for r in rows]}


@router.get("/role-card")
def role_card(runtime: RuntimeDep, session: OptionalSessionDep) -> dict[str, Any]:
    """The public part for anyone; IT staff get the whole card (thresholds, tools, routes)."""
    if session is not None and session.is_staff:
        return {**runtime.role_card.model_dump(mode="json"), "digest": runtime.role_card.digest}
    return runtime.role_card.public_view()


class ReplyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=4000)


@router.post("/threads/{thread_id}/takeover")
def take_over(thread_id: ThreadId, staff: StaffDep, runtime: RuntimeDep,
              conversations: ConversationsDep) -> dict[str, Any]:
    """The bot goes silent in this conversation until a hand-back (or a resolve)."""
    holder = conversations.store.held_by(thread_id)
    if holder not in (None, staff.employee_id):
        raise Conflict(f"{holder} already has this conversation; ask them to hand it back")
    conversations.take_over(thread_id, staff.employee_id)
    escalation = runtime.itsm.thread_escalation(thread_id)
    if escalation is not None and escalation.status == "open":
        runtime.itsm.update_escalation(escalation.id, Actor("staff", staff.employee_id),
                                       "taken_over")
    return {"thread_id": thread_id, "held_by": staff.employee_id}


@router.post("/threads/{thread_id}/reply")
def staff_reply(thread_id: ThreadId, body: ReplyIn, staff: StaffDep,
                conversations: ConversationsDep) -> dict[str, Any]:
    message_id = conversations.staff_reply(thread_id, staff.employee_id, body.text)
    return {"thread_id": thread_id, "message_id": message_id}


@router.post("/threads/{thread_id}/handback")
def hand_back(thread_id: ThreadId, staff: StaffDep,
              conversations: ConversationsDep) -> dict[str, Any]:
    if conversations.store.held_by(thread_id) != staff.employee_id:
        raise NotFound(f"you do not hold conversation {thread_id}")
    conversations.hand_back(thread_id)
    return {"thread_id": thread_id, "held_by": None}
