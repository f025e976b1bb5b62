"""Employee endpoints: chat, own transcript, session."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from app.api.auth import role_for
from app.api.deps import ConversationsDep, RuntimeDep, SessionDep, SessionsDep
from app.errors import Forbidden, NotFound

router = APIRouter(prefix="/api")


class ChatIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    message: str = Field(description="What the employee typed.")
    thread_id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,64}$")


@router.post("/chat")
def chat(body: ChatIn, session: SessionDep, conversations: ConversationsDep) -> dict[str, Any]:
    result = conversations.send(session.employee_id, body.thread_id, body.message)
    return result.api()


@router.get("/threads/{thread_id}/messages")
def messages(thread_id: str, session: SessionDep, conversations: ConversationsDep,
             after: int = 0) -> dict[str, Any]:
    owner = conversations.store.owner(thread_id)
    if owner is None or (owner != session.employee_id and session.role != "staff"):
        raise Forbidden("not your conversation")
    rows = conversations.store.transcript(thread_id, after)
    return {"thread_id": thread_id, "messages": [
        {"id": r["id"], "role": r["role"], "text": r["text"], "meta": r["meta"],
         "at": r["created_at"].isoformat()} for r in rows]}


@router.get("/session")
def whoami(session: SessionDep) -> dict[str, Any]:
    return {"employee_id": session.employee_id, "role": session.role, "csrf": session.csrf}


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
