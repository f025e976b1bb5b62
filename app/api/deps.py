"""Small Annotated dependencies: the runtime built at startup, and the caller's session."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from app.api.auth import COOKIE, Session, Sessions
from app.conversation import Conversations
from app.errors import Forbidden, Unauthenticated
from app.runtime import Runtime

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def get_sessions(request: Request) -> Sessions:
    sessions: Sessions = request.app.state.sessions
    return sessions


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
SessionsDep = Annotated[Sessions, Depends(get_sessions)]


def get_conversations(runtime: RuntimeDep) -> Conversations:
    return runtime.conversations


ConversationsDep = Annotated[Conversations, Depends(get_conversations)]


def current_session(request: Request, sessions: SessionsDep) -> Session:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        # A bearer token is not sent automatically by the browser, so it needs no CSRF check.
        return sessions.read(header[7:].strip())
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        raise Unauthenticated("sign in first: no session")
    session = sessions.read(cookie)
    if request.method in UNSAFE_METHODS and request.headers.get("x-csrf-token") != session.csrf:
        raise Forbidden("missing or wrong X-CSRF-Token header")
    return session


SessionDep = Annotated[Session, Depends(current_session)]


def staff_session(session: SessionDep) -> Session:
    if session.role != "staff":
        raise Forbidden("IT staff only")
    return session


StaffDep = Annotated[Session, Depends(staff_session)]
