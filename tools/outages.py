"""Suspected outages: many reports, one handoff.

When the status board shows nothing and employees say a service is down for many people, the
first report opens a ``major_outage`` handoff. Twenty more reports of the same service must not
open twenty more P1 handoffs: each later one gets its own incident (so the reporter has a ticket
to follow) linked to the first, a work note on the first tells the desk how many people are
hit, and resolving the first resolves the linked ones with it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tools import audit
from tools.context import Actor
from tools.escalations import to_view
from tools.lifecycle import OPEN_STATES, Mover
from tools.models import Escalation, Ticket
from tools.sla_policy import SlaPolicy
from tools.tickets import add_comment, apply_transition, get_ticket, open_ticket
from tools.views import EscalationView, priority_label

REASON = "major_outage"
# Reports further apart than this are more likely a new outage than the same one.
WINDOW = timedelta(hours=8)
# A linked report waits on the outage: the desk works the first ticket, not each report.
REPORT_IMPACT, REPORT_URGENCY = 2, 2


def service_of(packet: dict[str, Any]) -> str:
    return str(packet.get("service") or "").strip().lower()


def open_outage(session: Session, service: str, now: datetime) -> Escalation | None:
    """The open ``major_outage`` handoff for ``service`` reported within the window, if any."""
    key = service.strip().lower()
    if not key:
        return None
    rows = session.scalars(
        select(Escalation)
        .where(Escalation.reason == REASON, Escalation.status != "resolved",
               Escalation.created_at >= now - WINDOW)
        .order_by(Escalation.id)
    )
    for row in rows:
        if service_of(row.packet) == key and \
                get_ticket(session, row.ticket_number).state in OPEN_STATES:
            return row
    return None


def link_report(
    session: Session, outage: Escalation, *, actor: Actor, employee_id: str, summary: str,
    now: datetime, sla: SlaPolicy, idempotency_key: str,
) -> Ticket:
    """Open the reporter's incident, linked to the outage's ticket, and count the report on the
    outage (work note, packet and audit) so the desk sees how wide it is."""
    parent = outage.ticket_number
    ticket = open_ticket(
        session, kind="incident", caller_id=employee_id, opened_by=actor,
        short_description=f"[{REASON}] linked to {parent}: {summary}"[:160],
        description=f"Linked to {parent}, an outage already with {outage.group_name}.\n\n"
                    f"{summary}",
        category="other", group=outage.group_name, impact=REPORT_IMPACT,
        urgency=REPORT_URGENCY, now=now, sla=sla, idempotency_key=idempotency_key)
    before = audit.snapshot(outage)
    reports = [*outage.packet.get("reports", []),
               {"employee_id": employee_id, "ticket": ticket.number, "at": now.isoformat()}]
    outage.packet = {**outage.packet, "reports": reports}
    outage.updated_at = now
    add_comment(session, get_ticket(session, parent), actor=actor, work_note=True, now=now,
                body=f"Also reported by {employee_id} as {ticket.number} "
                     f"({len(reports) + 1} reports in all): {summary}",
                idempotency_key=idempotency_key)
    audit.record(session, actor=actor, action="escalation.report_linked",
                 entity=f"escalation:{outage.id}", before=before, after=audit.snapshot(outage),
                 at=now, on_behalf_of=employee_id, idempotency_key=idempotency_key)
    return ticket


def report_view(outage: Escalation, report: Ticket) -> EscalationView:
    """What the reporter is told: their own ticket, and the outage ticket it is linked to."""
    return replace(to_view(outage), ticket_number=report.number,
                   priority=priority_label(report.priority),
                   packet={"linked_to": outage.ticket_number,
                           "reports": len(outage.packet.get("reports", [])) + 1})


def settle_linked(session: Session, parent: Ticket, *, actor: Actor, now: datetime) -> list[str]:
    """After ``parent`` is resolved or closed, resolve the reports linked to it the same way.
    Returns the numbers of the tickets it resolved."""
    if parent.state not in ("resolved", "closed"):
        return []
    outage = session.scalars(
        select(Escalation).where(Escalation.reason == REASON,
                                 Escalation.ticket_number == parent.number)
    ).first()
    if outage is None:
        return []
    settled: list[str] = []
    note = f"Resolved with {parent.number}: {parent.resolution_note or 'the outage is over'}"
    for report in outage.packet.get("reports", []):
        child = get_ticket(session, str(report["ticket"]))
        if child.state not in OPEN_STATES:
            continue
        apply_transition(session, child, "resolved", actor=actor,
                         mover=Mover(is_staff=True, is_caller=False), now=now,
                         resolution_code=parent.resolution_code or "fixed",
                         resolution_note=note[:500])
        settled.append(child.number)
    return settled
