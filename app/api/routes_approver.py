"""Approvers who are not IT staff: a manager or an access-group owner decides what waits on them.

The employee session is all they need (``/approvals`` and ``/api/my/approvals...``). The ITSM
decides who may decide: an approval is shown to, and decided by, only the person it waits on;
anyone else gets the same 403 whether or not the approval exists, so ids cannot be probed. A
decision resumes the requester's paused conversation through the same path as the console's.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from app.api.decisions import as_json, decide_and_resume
from app.api.deps import ConversationsDep, RuntimeDep, SessionDep, SessionsDep, read_session
from app.api.routes_chat import utc
from app.api.routes_pages import STATIC
from app.errors import ZerodeskError
from app.runtime import Runtime
from tools.context import Actor
from tools.views import ApprovalView

router = APIRouter()
REQUESTER_FIELDS = ("id", "name", "title", "department")


def _approver(employee_id: str) -> Actor:
    # Always as an employee: on these routes even IT staff see only what waits on them.
    return Actor("employee", employee_id)


def _item(runtime: Runtime, view: ApprovalView) -> dict[str, Any]:
    data = as_json(view)
    for key in ("requested_at", "due_at", "escalated_at", "decided_at"):
        if data.get(key) is not None:
            data[key] = utc(data[key]).isoformat()
    person = runtime.itsm.get_employee(view.employee_id)
    # The approver needs to know who asked, not their contact details or account state.
    data["requester"] = ({k: getattr(person, k) for k in REQUESTER_FIELDS} if person
                         else {"id": view.employee_id})
    return data


@router.get("/approvals", include_in_schema=False)
def approvals_page(request: Request, sessions: SessionsDep) -> Response:
    try:
        session = read_session(request, sessions)
    except ZerodeskError:
        session = None
    if session is None:
        return RedirectResponse("/login?next=/approvals", status_code=303)
    return FileResponse(STATIC / "approvals.html")


@router.get("/api/my/approvals")
def my_approvals(session: SessionDep, runtime: RuntimeDep) -> dict[str, Any]:
    """Pending approvals waiting on the signed-in person (empty for most employees)."""
    views = runtime.itsm.list_approvals(actor=_approver(session.employee_id), status="pending")
    return {"approvals": [_item(runtime, v) for v in views]}


@router.get("/api/my/approvals/{approval_id}")
def my_approval(approval_id: int, session: SessionDep, runtime: RuntimeDep) -> dict[str, Any]:
    view = runtime.itsm.approval(approval_id, _approver(session.employee_id))
    return {"approval": _item(runtime, view)}


class MyDecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    approve: bool
    note: str = Field(min_length=1, max_length=2000,
                      description="Why: the requester sees it in their conversation.")


@router.post("/api/my/approvals/{approval_id}/decision")
def my_decision(approval_id: int, body: MyDecisionIn, session: SessionDep, runtime: RuntimeDep,
                conversations: ConversationsDep) -> dict[str, Any]:
    actor = _approver(session.employee_id)
    runtime.itsm.approval(approval_id, actor)  # 403 alike for "not yours" and "no such id"
    return decide_and_resume(runtime, conversations, approval_id, actor, body.approve,
                             body.note)

