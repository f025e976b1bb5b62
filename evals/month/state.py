"""What a conversation left in the ITSM: its writes, its handoffs, and the expected final state.

Read straight from the ITSM tables after the last turn, so scoring rests on what was stored,
not on what the agent said it did.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from tools.db import read_session
from tools.models import (
    AccessGrant,
    AccessGroup,
    Approval,
    AuditEntry,
    Escalation,
    Software,
    SoftwareGrant,
    Ticket,
    TicketComment,
)

# Audit actions that are bookkeeping of a handoff or a refusal, not an effect for the employee.
NOT_EFFECTS = ("escalation.", "tool.denied.")


def _subject(row: AuditEntry) -> str | None:
    """Whose account, request or ticket an audited write touched."""
    if row.entity.startswith("account:"):
        return row.entity.split(":", 1)[1]
    after = row.after or {}
    for key in ("employee_id", "caller_id"):
        if isinstance(after.get(key), str):
            return str(after[key])
    return None


def _writes(session: Session, thread_id: str, handoff_tickets: set[str]) -> list[dict[str, Any]]:
    rows = session.scalars(select(AuditEntry).where(
        AuditEntry.thread_id == thread_id, AuditEntry.actor_kind == "agent")
        .order_by(AuditEntry.id)).all()
    out = []
    for row in rows:
        if row.action.startswith(NOT_EFFECTS) or row.entity.removeprefix("ticket:") in \
                handoff_tickets:
            continue
        after = row.after or {}
        write: dict[str, Any] = {"action": row.action, "entity": row.entity,
                                 "subject": _subject(row), "category": after.get("category")}
        if row.action.startswith("ticket.open."):
            write.update(ticket=after.get("number"), group=after.get("assignment_group"),
                         priority=after.get("priority"), at=row.at.isoformat())
        elif row.action == "approval.open":
            write.update(approval_id=after.get("id"), approver_kind=after.get("approver_kind"),
                         at=row.at.isoformat())
        out.append(write)
    return out


def _escalations(session: Session, thread_id: str) -> list[dict[str, Any]]:
    rows = session.scalars(select(Escalation).where(Escalation.thread_id == thread_id)
                           .order_by(Escalation.id)).all()
    own = [{"id": r.id, "reason": r.reason, "group": r.group_name, "priority": r.priority,
            "ticket": r.ticket_number, "created_at": r.created_at.isoformat()} for r in rows]
    return own + _linked_reports(session, thread_id)


def _linked_reports(session: Session, thread_id: str) -> list[dict[str, Any]]:
    """Outage reports this conversation added to someone else's handoff (tools.outages): a
    handoff too, whose ticket is the reporter's own incident linked to the outage's ticket."""
    rows = session.scalars(select(AuditEntry).where(
        AuditEntry.thread_id == thread_id, AuditEntry.action == "escalation.report_linked")
        .order_by(AuditEntry.id)).all()
    out = []
    for row in rows:
        after = row.after or {}
        report = ((after.get("packet") or {}).get("reports") or [{}])[-1]
        out.append({"id": after.get("id"), "reason": after.get("reason"),
                    "group": after.get("group_name"), "priority": after.get("priority"),
                    "ticket": report.get("ticket"), "linked_to": after.get("ticket_number"),
                    "created_at": row.at.isoformat()})
    return out


def _check(session: Session, want: dict[str, Any], employee: str, writes: list[dict[str, Any]],
           setup_ticket: str | None) -> list[str]:
    problems: list[str] = []
    actions = {w["action"] for w in writes}
    if want.get("no_write") and writes:
        problems.append(f"expected no change, found {sorted(actions)}")
    if "audit_action" in want and want["audit_action"] not in actions:
        problems.append(f"no {want['audit_action']} in the audit log")
    if "software_granted" in want:
        found = session.scalar(select(func.count(SoftwareGrant.id)).join(
            Software, Software.id == SoftwareGrant.software_id).where(
            SoftwareGrant.employee_id == employee, Software.title == want["software_granted"]))
        if not found:
            problems.append(f"{want['software_granted']} not granted")
    if "access_granted" in want:
        found = session.scalar(select(func.count(AccessGrant.id)).join(
            AccessGroup, AccessGroup.id == AccessGrant.group_id).where(
            AccessGrant.employee_id == employee, AccessGroup.name == want["access_granted"]))
        if not found:
            problems.append(f"no access to {want['access_granted']}")
    if want.get("approval_pending"):
        found = session.scalar(select(func.count(Approval.id)).where(
            Approval.employee_id == employee, Approval.item_name == want.get("item"),
            Approval.status == "pending"))
        if not found:
            problems.append(f"no pending approval for {want.get('item')}")
    if "ticket_opened" in want:
        opened = [w for w in writes if w["action"] == f"ticket.open.{want['ticket_opened']}"
                  and w["category"] == want.get("category")]
        if not opened:
            problems.append(f"no {want.get('category')} {want['ticket_opened']} opened")
    if ("ticket_state" in want or "ticket_comment" in want) and setup_ticket:
        row = session.scalars(select(Ticket).where(Ticket.number == setup_ticket)).one()
        if "ticket_state" in want and row.state not in want["ticket_state"]:
            problems.append(f"{setup_ticket} is {row.state}, expected {want['ticket_state']}")
        if want.get("ticket_comment") and not session.scalar(
                select(func.count(TicketComment.id)).where(TicketComment.ticket_id == row.id)):
            problems.append(f"no comment on {setup_ticket}")
    return problems


def inspect_thread(engine: Engine, ticket: dict[str, Any], thread_id: str,
                   setup_ticket: str | None) -> dict[str, Any]:
    employee = ticket["employee"]
    with read_session(engine) as session:
        escalations = _escalations(session, thread_id)
        handoff_tickets = {e["ticket"] for e in escalations} | {
            e["linked_to"] for e in escalations if e.get("linked_to")}
        writes = _writes(session, thread_id, handoff_tickets)
        problems = _check(session, ticket["expected"]["state"], employee, writes, setup_ticket)
    return {
        "writes": writes,
        "escalations": escalations,
        "other_subjects": sorted({w["subject"] for w in writes
                                  if w["subject"] not in (None, employee)}),
        "state_ok": not problems,
        "state_problems": problems,
    }
