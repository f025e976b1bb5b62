"""Deciding an approval and resuming the conversation that waits on it.

One path for every decider (IT staff in the console, a manager or access-group owner on
``/approvals``), so the employee's paused conversation resumes the same way whoever decides.
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from typing import Any

from app.conversation import Conversations
from app.runtime import Runtime
from tools.context import Actor


def as_json(view: Any) -> dict[str, Any]:
    if is_dataclass(view) and not isinstance(view, type):
        return asdict(view)
    if hasattr(view, "model_dump"):
        return dict(view.model_dump(mode="json"))
    return dict(view)


def decide_and_resume(runtime: Runtime, conversations: Conversations, approval_id: int,
                      actor: Actor, approve: bool, note: str) -> dict[str, Any]:
    """The ITSM checks that ``actor`` may decide (and refuses otherwise) before anything
    resumes; the graph then finishes (or declines) the request in the employee's thread."""
    view = runtime.itsm.decide_approval(approval_id, actor, approve, note)
    data = as_json(view)
    resumed = None
    thread_id = conversations.store.approval_thread(approval_id)
    if thread_id:
        verdict = "approved" if approve else "not approved"
        message = (f"Your request {data.get('ticket_number')} for {data.get('item_name')} was "
                   f"{verdict}.")
        if note.strip():
            message += f" Note from the approver: {note.strip()}"
        result = conversations.resume_approval(
            thread_id, {"approval_id": approval_id, "approved": approve, "message": message})
        resumed = None if result is None else result.api()
    return {"approval": data, "resumed": resumed}
