"""Employee endpoints: chat, own transcript, feedback, own tickets, session, API login."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import BaseModel, ConfigDict, Field

from app.api.auth import role_for
from app.api.deps import (
    ConversationsDep,
    RuntimeDep,
    SessionDep,
    SessionsDep,
    TurnSessionDep,
    thread_owner,
)
from app.errors import Forbidden, NotFound
from tools.context import Actor
from tools.errors import NotAllowed
from tools.errors import NotFound as ToolNotFound

router = APIRouter(prefix="/api")
THREAD_ID = r"^[A-Za-z0-9_-]{1,64}$"
ThreadId = Annotated[str, Path(pattern=THREAD_ID)]


class ChatIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    message: str = Field(description="What the employee typed.")
    thread_id: str | None = Field(default=None, pattern=THREAD_ID)


@router.post("/chat")
def chat(body: ChatIn, session: TurnSessionDep,
         conversations: ConversationsDep) -> dict[str, Any]:
    result = conversations.send(session.employee_id, body.thread_id, body.message)
    return result.api()


def utc(value: datetime) -> datetime:
    """SQLite hands datetimes back without their zone; every stored time is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def message_json(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "role": row["role"], "text": row["text"], "meta": row["meta"],
            "at": utc(row["created_at"]).isoformat()}


@router.get("/threads/{thread_id}/messages")
def messages(thread_id: ThreadId, session: SessionDep, conversations: ConversationsDep,
             after: int = 0) -> dict[str, Any]:
    thread_owner(conversations, session, thread_id)
    rows = conversations.store.transcript(thread_id, after)
    return {"thread_id": thread_id, "held": bool(conversations.store.held_by(thread_id)),
            "messages": [message_json(r) for r in rows]}


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    solved: bool = Field(description="Did the answer or action solve the problem?")


@router.post("/threads/{thread_id}/feedback")
def feedback(thread_id: ThreadId, body: FeedbackIn, session: SessionDep,
             conversations: ConversationsDep) -> dict[str, Any]:
    """The widget's "Did this solve it?"; only the conversation's employee may answer."""
    if conversations.store.owner(thread_id) != session.employee_id:
        raise Forbidden("not your conversation")
    conversations.feedback(session.employee_id, thread_id, body.solved)
    return {"thread_id": thread_id, "solved": body.solved}


@router.get("/tickets/{number}")
def ticket(number: Annotated[str, Path(pattern=r"^[A-Z]{3}\d{7}$")], session: SessionDep,
           runtime: RuntimeDep) -> dict[str, Any]:
    """A ticket for its caller (no work notes) or for staff (with work notes)."""
    actor = Actor("staff" if session.is_staff else "employee", session.employee_id)
    try:
        view = runtime.itsm.ticket(number, actor)
    except (NotAllowed, ToolNotFound) as exc:
        if session.is_staff and isinstance(exc, ToolNotFound):
            raise
        # The same answer for "not yours" and "no such ticket": numbers cannot be probed.
        raise Forbidden(f"{number} is not one of your tickets") from exc
    return view.to_dict()


@router.get("/session")
def whoami(session: SessionDep, runtime: RuntimeDep) -> dict[str, Any]:
    employee = runtime.itsm.get_employee(session.employee_id)
    return {"employee_id": session.employee_id, "role": session.role, "csrf": session.csrf,
            "name": employee.name if employee else session.employee_id}


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    employee_id: str = Field(min_length=1, max_length=16)


@router.post("/login")
def api_login(body: LoginIn, runtime: RuntimeDep, sessions: SessionsDep) -> dict[str, Any]:
    """Development login: a bearer token for a seeded employee. SSO replaces this."""
    if not runtime.settings.dev_login:
        raise Forbidden("development login is disabled")
    employee = runtime.itsm.get_employee(body.employee_id.strip().upper())
    if employee is None:
        raise NotFound(f"unknown employee id {body.employee_id!r}")
    role = role_for(employee.role)
    token, session = sessions.issue(employee.id, role)
    return {"token": token, "employee_id": employee.id, "role": role, "csrf": session.csrf}
