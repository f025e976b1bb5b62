"""Ticket tools (open, list, update one's own) and the service status board."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlalchemy import select

from tools import audit
from tools.actions_requests import check_open_ticket_cap, normalise
from tools.errors import Conflict, NotFound
from tools.lifecycle import OPEN_STATES, TERMINAL_STATES, Mover
from tools.models import Approval, Outage, Service, Ticket
from tools.policy import check_ticket_access, resolve_target, self_service_urgency
from tools.results import ToolResult
from tools.runner import CallContext
from tools.tickets import add_comment, apply_transition, get_ticket, open_ticket, summary
from tools.tool_schemas import (
    CheckServiceStatusArgs,
    CreateIncidentArgs,
    CreateRequestArgs,
    GetMyTicketsArgs,
    UpdateTicketArgs,
)
from tools.views import priority_label

STATUS_WORDS = {"operational": "is operational", "degraded": "is degraded", "outage": "is down"}


def _opened(tool: str, ticket: Ticket, note: str = "") -> ToolResult:
    return ToolResult(
        tool, "completed",
        f"I opened {ticket.number} ({priority_label(ticket.priority)}) for "
        f"{ticket.assignment_group}.{note}",
        {"ticket": ticket.number, "state": ticket.state,
         "priority": priority_label(ticket.priority),
         "assignment_group": ticket.assignment_group,
         "sla_due": ticket.sla_due.isoformat() if ticket.sla_due else None},
    )


def create_incident(ctx: CallContext, raw: BaseModel) -> ToolResult:
    args = CreateIncidentArgs.model_validate(raw)
    target = resolve_target(ctx.session, ctx.principal, args.for_employee, mutating=True)
    check_open_ticket_cap(ctx, target.id)
    urgency = self_service_urgency(ctx.principal, args.impact, args.urgency)
    ticket = open_ticket(
        ctx.session, kind="incident", caller_id=target.id, opened_by=ctx.actor,
        short_description=args.short_description, description=args.description,
        category=args.category, group=ctx.sla.group_for_category(args.category),
        impact=args.impact, urgency=urgency, now=ctx.now, sla=ctx.sla,
        idempotency_key=ctx.idempotency_key,
    )
    capped = " The service desk sets P1 itself after review." if urgency != args.urgency else ""
    return _opened("create_incident", ticket, capped)


def create_request(ctx: CallContext, raw: BaseModel) -> ToolResult:
    args = CreateRequestArgs.model_validate(raw)
    target = resolve_target(ctx.session, ctx.principal, args.for_employee, mutating=True)
    check_open_ticket_cap(ctx, target.id)
    ticket = open_ticket(
        ctx.session, kind="request", caller_id=target.id, opened_by=ctx.actor,
        short_description=args.short_description, description=args.description,
        category=args.category, group=ctx.sla.group_for_category(args.category),
        impact=3, urgency=args.urgency, now=ctx.now, sla=ctx.sla,
        idempotency_key=ctx.idempotency_key,
    )
    return _opened("create_request", ticket)


def get_my_tickets(ctx: CallContext, raw: BaseModel) -> ToolResult:
    args = GetMyTicketsArgs.model_validate(raw)
    target = resolve_target(ctx.session, ctx.principal, args.for_employee, mutating=False)
    query = select(Ticket).where(Ticket.caller_id == target.id)
    if args.state == "open":
        query = query.where(Ticket.state.in_(OPEN_STATES | {"resolved"}))
    elif args.state == "closed":
        query = query.where(Ticket.state.in_(TERMINAL_STATES))
    rows = list(ctx.session.scalars(query.order_by(Ticket.updated_at.desc(), Ticket.id.desc())
                                    .limit(args.limit)))
    listed = ", ".join(f"{t.number} ({t.state})" for t in rows)
    message = f"{len(rows)} {args.state} ticket(s)" + (f": {listed}." if rows else ".")
    return ToolResult("get_my_tickets", "completed", message,
                      {"tickets": [summary(t) for t in rows], "count": len(rows)})


def update_ticket(ctx: CallContext, raw: BaseModel) -> ToolResult:
    args = UpdateTicketArgs.model_validate(raw)
    ticket = get_ticket(ctx.session, args.ticket)
    check_ticket_access(ctx.principal, ticket)
    mover = Mover(is_staff=ctx.principal.is_staff,
                  is_caller=ticket.caller_id == ctx.principal.employee_id)
    if args.action == "comment" and ticket.state in TERMINAL_STATES:
        raise Conflict(f"{ticket.number} is {ticket.state}; open a new ticket instead")
    if args.action != "comment":
        target = {"close": "closed", "reopen": "in_progress", "cancel": "cancelled"}[args.action]
        if args.action == "reopen" and ticket.state != "resolved":
            raise Conflict(f"{ticket.number} is {ticket.state}; only resolved tickets reopen")
        apply_transition(ctx.session, ticket, target, actor=ctx.actor, mover=mover, now=ctx.now,
                         idempotency_key=ctx.idempotency_key)
        if target == "cancelled":
            _withdraw_approvals(ctx, ticket)
    if args.comment:
        add_comment(ctx.session, ticket, actor=ctx.actor, body=args.comment, work_note=False,
                    now=ctx.now, idempotency_key=ctx.idempotency_key)
    verb = {"comment": "added your comment to", "close": "closed", "reopen": "reopened",
            "cancel": "cancelled"}[args.action]
    return ToolResult("update_ticket", "completed", f"I {verb} {ticket.number}.",
                      {"ticket": ticket.number, "state": ticket.state})


def _withdraw_approvals(ctx: CallContext, ticket: Ticket) -> None:
    # A cancelled request must not be granted later by an approver who did not notice.
    for approval in ctx.session.scalars(
        select(Approval).where(Approval.ticket_id == ticket.id, Approval.status == "pending")
    ):
        before = audit.snapshot(approval)
        approval.status = "withdrawn"
        approval.decided_at = ctx.now
        approval.decided_by = f"{ctx.actor.kind}:{ctx.actor.employee_id}"
        approval.decision_note = "request cancelled"
        audit.record(
            ctx.session, actor=ctx.actor, action="approval.withdrawn",
            entity=f"approval:{approval.id}", before=before, after=audit.snapshot(approval),
            at=ctx.now, on_behalf_of=ticket.caller_id, idempotency_key=ctx.idempotency_key,
        )


def check_service_status(ctx: CallContext, raw: BaseModel) -> ToolResult:
    args = CheckServiceStatusArgs.model_validate(raw)
    services = list(ctx.session.scalars(select(Service).order_by(Service.name)))
    if args.service:
        wanted = normalise(args.service)
        services = [s for s in services
                    if wanted in {normalise(n) for n in [s.name, *s.aliases]}]
        if not services:
            raise NotFound(f"'{args.service}' is not a service on the status board")
    outages = {o.service_id: o for o in ctx.session.scalars(
        select(Outage).where(Outage.ended_at.is_(None)).order_by(Outage.started_at))}
    board: list[dict[str, Any]] = []
    for s in services:
        outage = outages.get(s.id)
        board.append({
            "service": s.name, "status": s.status, "aliases": list(s.aliases),
            "outage": None if outage is None else {
                "description": outage.description, "started_at": outage.started_at.isoformat(),
                "major_incident": outage.major_incident},
        })
    troubled = [b for b in board if b["status"] != "operational"]
    if troubled:
        message = " ".join(
            f"{b['service']} {STATUS_WORDS[b['status']]}"
            + (f": {b['outage']['description']} ({b['outage']['major_incident']})."
               if b["outage"] else ".")
            for b in troubled
        )
    else:
        message = ("All services are operational." if not args.service
                   else f"{board[0]['service']} is operational.")
    return ToolResult("check_service_status", "completed", message, {"services": board})
