"""Server-sent events: a turn with its progress, and a thread's live messages.

``POST /api/chat/stream`` runs ``Conversations.send`` on a worker thread and relays its progress
callbacks as ``event: progress`` frames, then ``event: messages`` (the ids of the transcript rows
the turn stored) and ``event: result`` (``TurnResult.api()``), or ``event: error``. Errors that
can be known before the turn starts (session, rate limit, empty message, someone else's thread)
are ordinary JSON responses with their HTTP status.

``GET /api/threads/{id}/events`` polls the stored transcript, so a reply written by any worker
(a staff member's, or an approval's outcome) reaches the employee within a second.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from app.api.deps import ConversationsDep, SessionDep, TurnSessionDep, thread_owner
from app.api.errors import error_body, status_for
from app.api.routes_chat import ChatIn, ThreadId, message_json
from app.conversation import Conversations
from app.errors import Forbidden
from app.store import ConversationStore

log = logging.getLogger("zerodesk.api.stream")
router = APIRouter(prefix="/api")
HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
HEARTBEAT_SECONDS = 15.0
POLL_SECONDS = 1.0
# A stream ends after this long; the browser's EventSource reconnects with Last-Event-ID.
STREAM_LIFETIME_SECONDS = 300.0


def frame(event: str, data: Any, event_id: int | None = None) -> str:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {event}\ndata: {json.dumps(data, ensure_ascii=False, default=str)}\n\n"


def _prepare(conversations: Conversations, employee_id: str, thread_id: str) -> int:
    owner = conversations.store.owner(thread_id)
    if owner is not None and owner != employee_id:
        raise Forbidden("this conversation belongs to someone else")
    rows = conversations.store.transcript(thread_id) if owner else []
    return int(rows[-1]["id"]) if rows else 0


def _stored_ids(store: ConversationStore, thread_id: str, employee_id: str, after: int,
                reply: str) -> list[int]:
    """The transcript rows this turn wrote: the employee's message and the agent's reply."""
    rows = store.transcript(thread_id, after)
    mine = [r for r in rows if r["role"] == "employee" and r["author"] == employee_id][:1]
    agent = [r for r in rows if r["role"] == "agent" and r["text"] == reply][:1]
    return [int(r["id"]) for r in mine + agent]


async def _turn_frames(conversations: Conversations, pool: ThreadPoolExecutor,
                       employee_id: str, thread_id: str, text: str,
                       after: int) -> AsyncIterator[str]:
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()

    def push(kind: str, data: Any) -> None:
        loop.call_soon_threadsafe(queue.put_nowait, (kind, data))

    def work() -> None:
        try:
            result = conversations.send(employee_id, thread_id, text,
                                        on_progress=lambda node, label: push(
                                            "progress", {"node": node, "text": label}))
            push("messages", {"ids": _stored_ids(conversations.store, thread_id, employee_id,
                                                 after, result.reply)})
            push("result", result.api())
        except Exception as exc:
            if status_for(exc) >= 500:
                log.exception("streamed turn failed in thread %s", thread_id)
            push("error", {**error_body(exc), "status": status_for(exc)})

    yield frame("progress", {"node": "received", "text": "Working on it…"})
    # The turn runs to the end and is recorded even if the employee closes the page meanwhile.
    loop.run_in_executor(pool, work)
    while True:
        try:
            kind, data = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
        except TimeoutError:
            yield ": still working\n\n"
            continue
        yield frame(kind, data)
        if kind in ("result", "error"):
            return


@router.post("/chat/stream", response_class=StreamingResponse,
             responses={200: {"content": {"text/event-stream": {}}}})
async def chat_stream(body: ChatIn, request: Request, session: TurnSessionDep,
                      conversations: ConversationsDep) -> StreamingResponse:
    text = conversations.check_text(body.message)
    thread_id = body.thread_id or conversations.new_thread_id()
    after = await run_in_threadpool(_prepare, conversations, session.employee_id, thread_id)
    frames = _turn_frames(conversations, request.app.state.turns, session.employee_id,
                          thread_id, text, after)
    return StreamingResponse(frames, media_type="text/event-stream", headers=HEADERS)


def _poll(store: ConversationStore, thread_id: str, after: int) -> tuple[list[Any], bool]:
    return store.transcript(thread_id, after), bool(store.held_by(thread_id))


async def _thread_frames(store: ConversationStore, thread_id: str, after: int,
                         lifetime: float) -> AsyncIterator[str]:
    yield "retry: 2000\n\n"
    held: bool | None = None
    started = last_sent = time.monotonic()
    while time.monotonic() - started < lifetime:
        rows, now_held = await run_in_threadpool(_poll, store, thread_id, after)
        if now_held != held:
            held = now_held
            last_sent = time.monotonic()
            yield frame("state", {"held": held})
        for row in rows:
            after = int(row["id"])
            last_sent = time.monotonic()
            yield frame("message", message_json(row), after)
        if time.monotonic() - last_sent > HEARTBEAT_SECONDS:
            last_sent = time.monotonic()
            yield ": keep-alive\n\n"
        await asyncio.sleep(POLL_SECONDS)


@router.get("/threads/{thread_id}/events", response_class=StreamingResponse,
            responses={200: {"content": {"text/event-stream": {}}}})
async def thread_events(thread_id: ThreadId, session: SessionDep,
                        conversations: ConversationsDep, after: int = 0,
                        last_event_id: Annotated[str | None, Header()] = None,
                        ) -> StreamingResponse:
    """New transcript rows as ``event: message`` (id = row id) and ``event: state``
    (``{"held": bool}``: whether a person has taken the conversation over)."""
    await run_in_threadpool(thread_owner, conversations, session, thread_id)
    if last_event_id and last_event_id.isdigit():
        after = max(after, int(last_event_id))
    frames = _thread_frames(conversations.store, thread_id, max(after, 0),
                            STREAM_LIFETIME_SECONDS)
    return StreamingResponse(frames, media_type="text/event-stream", headers=HEADERS)
