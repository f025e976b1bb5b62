"""``/api/itsm``: the mock ITSM's staff REST API (tickets, approvals, the audit trail).

Two locks on every route: the session must carry the staff role (``StaffDep``), and the ITSM
checks again that the employee behind it is active IT staff in the directory, so a stale token
for someone who left IT gets a 403, not data.

Writes accept an ``Idempotency-Key`` header: a retried request with the same key and body
returns the ticket without doing the work twice. Approval decisions stay on
``POST /api/approvals/{id}/decision``, because deciding must also resume the paused chat.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from app.api.deps import RuntimeDep, StaffDep
from tools.context import Actor
from tools.ledger import MAX_KEY_LENGTH
from tools.lifecycle import RESOLUTION_CODES, STATES
from tools.staff_reads import MAX_PAGE, TicketFilter

router = APIRouter(prefix="/api/itsm")
Number = Annotated[str, Path(pattern=r"^(INC|REQ)\d{7}$", description="e.g. INC0012345")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]
IdempotencyKey = Annotated[str | None, Header(min_length=8, max_length=MAX_KEY_LENGTH)]


def _actor(staff: StaffDep) -> Actor:
    return Actor("staff", staff.employee_id)


@router.get("/tickets")
def tickets(staff: StaffDep, runtime: RuntimeDep, state: str | None = None,
            group: str | None = None, caller: str | None = None, kind: str | None = None,
            priority: str | None = None, limit: Limit = 50,
            offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
    """Tickets, soonest SLA due first. ``state=open`` means new, in progress or on hold."""
    page = runtime.itsm.tickets(_actor(staff), TicketFilter(
        state=state, group=group, caller_id=caller, kind=kind, priority=priority, limit=limit,
        offset=offset))
    return page.to_dict()


@router.get("/tickets/{number}")
def ticket(number: Number, staff: StaffDep, runtime: RuntimeDep) -> dict[str, Any]:
    """The whole ticket, work notes included."""
    return runtime.itsm.ticket(number, _actor(staff)).to_dict()


class TransitionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    state: str = Field(description=f"Target state, one of {list(STATES)}.")
    resolution_code: str | None = Field(
        default=None, description=f"Needed to resolve: one of {sorted(RESOLUTION_CODES)}.")
    resolution_note: str | None = Field(default=None, max_length=2000)
    work_note: str | None = Field(default=None, max_length=4000)


@router.post("/tickets/{number}/transition")
def transition(number: Number, body: TransitionIn, staff: StaffDep, runtime: RuntimeDep,
               idempotency_key: IdempotencyKey = None) -> dict[str, Any]:
    """Move the ticket through its lifecycle; illegal moves are a 409 that says why."""
    view = runtime.itsm.transition_ticket(
        number, _actor(staff), body.state, resolution_code=body.resolution_code,
        resolution_note=body.resolution_note, work_note=body.work_note,
        idempotency_key=idempotency_key)
    return view.to_dict()


class WorkNoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=4000)


@router.post("/tickets/{number}/work-notes")
def work_note(number: Number, body: WorkNoteIn, staff: StaffDep, runtime: RuntimeDep,
              idempotency_key: IdempotencyKey = None) -> dict[str, Any]:
    """A staff-only note; the caller never sees it."""
    view = runtime.itsm.add_work_note(number, _actor(staff), body.text,
                                      idempotency_key=idempotency_key)
    return view.to_dict()


class ReassignTicketIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    group: str = Field(min_length=1, max_length=80)
    note: str = Field(default="", max_length=2000)


@router.post("/tickets/{number}/reassign")
def reassign(number: Number, body: ReassignTicketIn, staff: StaffDep, runtime: RuntimeDep,
             idempotency_key: IdempotencyKey = None) -> dict[str, Any]:
    """Another assignment group takes the ticket (and its open handoff); the SLA due stays."""
    view = runtime.itsm.reassign_ticket(number, _actor(staff), body.group, body.note,
                                        idempotency_key=idempotency_key)
    return view.to_dict()


@router.get("/approvals")
def approvals(staff: StaffDep, runtime: RuntimeDep, status: str = "pending",
              limit: Limit = 50, offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
    """Approvals by due time; ``status=all`` lists every status."""
    views = runtime.itsm.approvals_page(_actor(staff), status=None if status == "all" else status,
                                        limit=limit, offset=offset)
    return {"approvals": [v.to_dict() for v in views], "limit": limit, "offset": offset}


@router.get("/approvals/{approval_id}")
def approval(approval_id: Annotated[int, Path(ge=1)], staff: StaffDep,
             runtime: RuntimeDep) -> dict[str, Any]:
    return runtime.itsm.approval(approval_id, _actor(staff)).to_dict()


@router.get("/audit")
def audit(staff: StaffDep, runtime: RuntimeDep,
          entity: Annotated[str | None, Query(max_length=80, examples=["ticket:INC0010001"])]
          = None,
          actor_id: Annotated[str | None, Query(max_length=40)] = None,
          action: Annotated[str | None, Query(max_length=60, description="A prefix.")] = None,
          thread_id: Annotated[str | None, Query(max_length=200)] = None,
          before_id: Annotated[int | None, Query(ge=1)] = None,
          limit: Limit = 100) -> dict[str, Any]:
    """The audit trail, newest first. For the next page pass ``before_id=next_before_id``."""
    entries = runtime.itsm.audit(actor=_actor(staff), entity=entity, actor_id=actor_id,
                                 action=action, thread_id=thread_id, before_id=before_id,
                                 limit=limit)
    return {"entries": [e.to_dict() for e in entries],
            "next_before_id": entries[-1].id if len(entries) == limit else None}
