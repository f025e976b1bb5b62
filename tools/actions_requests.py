"""Request tools: software from the catalogue and membership of access groups."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from pydantic import BaseModel
from sqlalchemy import func, select

from tools import approvals
from tools.errors import Conflict, NotAllowed, NotFound
from tools.lifecycle import OPEN_STATES
from tools.models import AccessGroup, Employee, Software, Ticket
from tools.policy import Route, approval_route, resolve_target
from tools.results import ToolResult
from tools.runner import CallContext
from tools.tickets import apply_transition, open_ticket
from tools.tool_schemas import RequestAccessArgs, RequestSoftwareArgs

Item = TypeVar("Item", Software, AccessGroup)
APPROVER_WORDS = {"manager": "your manager", "owner": "the group's owner", "staff": "IT staff"}


def normalise(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().lower())


def match_item(items: Sequence[Item], wanted: str, label: str) -> Item:
    key = normalise(wanted)
    for item in items:
        if key in {normalise(n) for n in _names(item)}:
            return item
    raise NotFound(f"'{wanted}' is not in the {label}; ask IT staff if it should be added",
                   "not_in_catalogue")


def _names(item: Software | AccessGroup) -> list[str]:
    primary = item.title if isinstance(item, Software) else item.name
    return [primary, *item.aliases]


def check_open_ticket_cap(ctx: CallContext, employee_id: str) -> None:
    count = ctx.session.scalar(
        select(func.count(Ticket.id)).where(
            Ticket.caller_id == employee_id, Ticket.state.in_(OPEN_STATES)
        )
    ) or 0
    if count >= ctx.scope.max_open_tickets:
        raise Conflict(
            f"{employee_id} already has {count} open tickets; new ones need IT staff review",
            "too_many_open_tickets",
        )


def _request(
    ctx: CallContext, *, kind: str, item_id: int, item_name: str, beneficiary: Employee,
    route: Route | None, justification: str | None,
) -> ToolResult:
    tool = f"request_{kind}"
    if approvals.has_grant(ctx.session, kind, item_id, beneficiary.id):
        return ToolResult(tool, "completed", f"You already have {item_name}; nothing to do.",
                          {kind: item_name, "already_granted": True})
    pending = approvals.find_pending(ctx.session, kind, item_id, beneficiary.id)
    if pending is not None:
        return ToolResult(
            tool, "pending_approval",
            f"A request for {item_name} is already waiting for approval ({pending.ticket_number}).",
            {"ticket": pending.ticket_number, "approval_id": pending.id, kind: item_name,
             "state": "on_hold", "approver_kind": pending.approver_kind},
        )
    check_open_ticket_cap(ctx, beneficiary.id)
    ticket = open_ticket(
        ctx.session, kind="request", caller_id=beneficiary.id, opened_by=ctx.actor,
        short_description=f"Request {kind}: {item_name}", description=justification or "",
        category=kind if kind == "access" else "software",
        group=ctx.sla.group_for_category(kind if kind == "access" else "software"),
        impact=3, urgency=2, now=ctx.now, sla=ctx.sla, idempotency_key=ctx.idempotency_key,
    )
    if route is None:
        approvals.grant(ctx.session, actor=ctx.actor, kind=kind, item_id=item_id,
                        employee_id=beneficiary.id, now=ctx.now, approval_id=None,
                        idempotency_key=ctx.idempotency_key)
        apply_transition(
            ctx.session, ticket, "resolved", actor=ctx.actor, mover=approvals.FULFILMENT,
            now=ctx.now, resolution_code="fulfilled",
            resolution_note=f"{item_name} granted automatically (catalogue policy: auto).",
            idempotency_key=ctx.idempotency_key,
        )
        return ToolResult(tool, "completed", f"{item_name} is granted ({ticket.number}).",
                          {"ticket": ticket.number, "state": ticket.state, kind: item_name})
    approval = approvals.open_approval(
        ctx.session, actor=ctx.actor, kind=kind, item_id=item_id, item_name=item_name,
        beneficiary=beneficiary, route=route, ticket=ticket, now=ctx.now,
        hours=ctx.sla.approval_hours, idempotency_key=ctx.idempotency_key,
    )
    who = APPROVER_WORDS[route.approver_kind]
    return ToolResult(
        tool, "pending_approval",
        f"{item_name} needs approval from {who}. I opened {ticket.number}; you will be "
        "notified when it is decided.",
        {"ticket": ticket.number, "state": ticket.state, "approval_id": approval.id,
         "approver_kind": route.approver_kind, kind: item_name},
    )


def request_software(ctx: CallContext, raw: BaseModel) -> ToolResult:
    args = RequestSoftwareArgs.model_validate(raw)
    target = resolve_target(ctx.session, ctx.principal, args.for_employee, mutating=True)
    titles = list(ctx.session.scalars(select(Software).order_by(Software.id)))
    software = match_item(titles, args.software, "software catalogue")
    if software.approval == "restricted" and ctx.scope.restricted_software == "deny":
        raise NotAllowed(
            f"{software.title} is restricted and the role card does not allow requesting it; "
            "IT staff can review the business need",
            "restricted_software",
        )
    route = approval_route(ctx.session, software.approval, target)
    return _request(ctx, kind="software", item_id=software.id, item_name=software.title,
                    beneficiary=target, route=route, justification=args.justification)


def request_access(ctx: CallContext, raw: BaseModel) -> ToolResult:
    args = RequestAccessArgs.model_validate(raw)
    target = resolve_target(ctx.session, ctx.principal, args.for_employee, mutating=True)
    groups = list(ctx.session.scalars(select(AccessGroup).order_by(AccessGroup.id)))
    group = match_item(groups, args.group, "list of access groups")
    route = approval_route(ctx.session, group.approval, target, group.owner_id)
    return _request(ctx, kind="access", item_id=group.id, item_name=group.name,
                    beneficiary=target, route=route, justification=args.justification)
