"""Small Annotated dependencies: the runtime built at startup, and the caller's session."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from app.api.auth import COOKIE, Session, Sessions
from app.api.ratelimit import RateLimiter
from app.conversation import Conversations
from app.errors import Forbidden, NotFound, Unauthenticated
from app.runtime import Runtime

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def get_sessions(request: Request) -> Sessions:
    sessions: Sessions = request.app.state.sessions
    return sessions


def get_limiter(request: Request) -> RateLimiter:
    limiter: RateLimiter = request.app.state.limiter
    return limiter


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
SessionsDep = Annotated[Sessions, Depends(get_sessions)]
LimiterDep = Annotated[RateLimiter, Depends(get_limiter)]


def get_conversations(runtime: RuntimeDep) -> Conversations:
    return runtime.conversations


ConversationsDep = Annotated[Conversations, Depends(get_conversations)]


def read_session(request: Request, sessions: Sessions) -> Session | None:
    """The caller's session, or None without credentials. Bad tokens raise 401."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        # A bearer token is not sent automatically by the browser, so it needs no CSRF check.
        return sessions.read(header[7:].strip())
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        return None
    session = sessions.read(cookie)
    if request.method in UNSAFE_METHODS:
        sent = request.headers.get("x-csrf-token") or ""
        if not hmac.compare_digest(sent, session.csrf):
            raise Forbidden("missing or wrong X-CSRF-Token header")
    return session


def current_session(request: Request, sessions: SessionsDep) -> Session:
    session = read_session(request, sessions)
    if session is None:
        raise Unauthenticated("sign in first: no session")
    return session


SessionDep = Annotated[Session, Depends(current_session)]


def optional_session(request: Request, sessions: SessionsDep) -> Session | None:
    return read_session(request, sessions)


OptionalSessionDep = Annotated[Session | None, Depends(optional_session)]


def staff_session(session: SessionDep) -> Session:
    if not session.is_staff:
        raise Forbidden("IT staff only")
    return session


StaffDep = Annotated[Session, Depends(staff_session)]


def turn_session(session: SessionDep, limiter: LimiterDep) -> Session:
    """A session that may run one more turn now (per-employee rate limit)."""
    limiter.hit(session.employee_id)
    return session


TurnSessionDep = Annotated[Session, Depends(turn_session)]


def thread_owner(conversations: Conversations, session: Session, thread_id: str) -> str:
    """Owners and staff may read a thread. Employees get the same 403 for a thread that does
    not exist as for someone else's, so ids cannot be probed."""
    owner = conversations.store.owner(thread_id)
    if owner is not None and (owner == session.employee_id or session.is_staff):
        return owner
    if owner is None and session.is_staff:
        raise NotFound(f"no conversation {thread_id}")
    raise Forbidden("not your conversation")
