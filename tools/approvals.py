"""Approvals: opening one for a request, granting what was asked, and deciding."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from tools import audit
from tools.context import Actor
from tools.errors import Conflict, NotAllowed, NotFound
from tools.lifecycle import Mover
from tools.models import AccessGrant, Approval, Employee, SoftwareGrant, Ticket
from tools.policy import Route
from tools.tickets import apply_transition
from tools.views import ApprovalView

FULFILMENT = Mover(is_staff=True, is_caller=False)


def find_pending(session: Session, kind: str, item_id: int, employee_id: str) -> Approval | None:
    return session.scalars(
        select(Approval).where(
            Approval.kind == kind,
            Approval.item_id == item_id,
            Approval.employee_id == employee_id,
            Approval.status == "pending",
        )
    ).first()


def open_approval(
    session: Session, *, actor: Actor, kind: str, item_id: int, item_name: str,
    beneficiary: Employee, route: Route, ticket: Ticket, now: datetime, hours: float,
    idempotency_key: str | None,
) -> Approval:
    approval = Approval(
        kind=kind, item_id=item_id, item_name=item_name, employee_id=beneficiary.id,
        requested_by=actor.employee_id, status="pending", approver_kind=route.approver_kind,
        approver_id=route.approver_id, requested_at=now, due_at=now + timedelta(hours=hours),
        ticket_id=ticket.id, ticket_number=ticket.number,
    )
    session.add(approval)
    session.flush()
    # The request waits on a person, so its fulfilment clock stops until they decide.
    apply_transition(session, ticket, "on_hold", actor=actor, mover=FULFILMENT, now=now,
                     idempotency_key=idempotency_key)
    audit.record(
        session, actor=actor, action="approval.open", entity=f"approval:{approval.id}",
        before=None, after=audit.snapshot(approval), at=now, on_behalf_of=beneficiary.id,
        idempotency_key=idempotency_key,
    )
    return approval


def has_grant(session: Session, kind: str, item_id: int, employee_id: str) -> bool:
    query = (
        select(SoftwareGrant.id).where(SoftwareGrant.software_id == item_id)
        if kind == "software"
        else select(AccessGrant.id).where(AccessGrant.group_id == item_id)
    )
    model = SoftwareGrant if kind == "software" else AccessGrant
    found = session.scalars(query.where(model.employee_id == employee_id)).first()
    return found is not None


def grant(
    session: Session, *, actor: Actor, kind: str, item_id: int, employee_id: str,
    now: datetime, approval_id: int | None, idempotency_key: str | None,
) -> None:
    row: SoftwareGrant | AccessGrant
    if kind == "software":
        row = SoftwareGrant(software_id=item_id, employee_id=employee_id, granted_at=now,
                            approval_id=approval_id)
    else:
        row = AccessGrant(group_id=item_id, employee_id=employee_id, granted_at=now,
                          approval_id=approval_id)
    session.add(row)
    session.flush()
    audit.record(
        session, actor=actor, action=f"{kind}.grant", entity=f"{kind}_grant:{row.id}",
        before=None, after=audit.snapshot(row), at=now, on_behalf_of=employee_id,
        idempotency_key=idempotency_key,
    )


def may_decide(approval: Approval, actor: Actor, decider: Employee | None) -> None:
    """Staff decide anything; a manager or owner only what is routed to them; nobody decides
    their own request; the agent decides nothing."""
    if actor.kind in ("agent", "system"):
        raise NotAllowed(f"approvals are decided by people; a {actor.kind} cannot decide them")
    if decider is None or decider.status != "active":
        raise NotAllowed(f"{actor.employee_id} is not an active employee")
    if decider.id in (approval.employee_id, approval.requested_by):
        raise NotAllowed(f"{decider.id} cannot decide an approval for their own request")
    if actor.kind == "staff" and decider.role == "it_staff":
        return
    if approval.approver_kind in ("manager", "owner") and approval.approver_id == decider.id:
        return
    raise NotAllowed(
        f"approval {approval.id} waits for its {approval.approver_kind}; "
        f"{decider.id} may not decide it"
    )


def decide(
    session: Session, approval_id: int, actor: Actor, approve: bool, note: str, now: datetime
) -> Approval:
    approval = session.get(Approval, approval_id)
    if approval is None:
        raise NotFound(f"there is no approval {approval_id}")
    may_decide(approval, actor, session.get(Employee, actor.employee_id))
    if approval.status != "pending":
        raise Conflict(f"approval {approval_id} was already {approval.status}")
    if not note.strip():
        raise Conflict("a decision needs a note saying why")
    before = audit.snapshot(approval)
    approval.status = "approved" if approve else "rejected"
    approval.decided_at = now
    approval.decided_by = f"{actor.kind}:{actor.employee_id}"
    approval.decision_note = note
    audit.record(
        session, actor=actor, action=f"approval.{approval.status}",
        entity=f"approval:{approval.id}", before=before, after=audit.snapshot(approval),
        at=now, on_behalf_of=approval.employee_id,
    )
    ticket = session.get(Ticket, approval.ticket_id)
    if ticket is None:
        raise NotFound(f"approval {approval_id} links to a missing ticket")
    if approve and not has_grant(session, approval.kind, approval.item_id, approval.employee_id):
        grant(session, actor=actor, kind=approval.kind, item_id=approval.item_id,
              employee_id=approval.employee_id, now=now, approval_id=approval.id,
              idempotency_key=None)
    code = "fulfilled" if approve else "rejected"
    apply_transition(session, ticket, "resolved", actor=actor, mover=FULFILMENT, now=now,
                     resolution_code=code, resolution_note=f"{approval.item_name}: {note}")
    return approval


def to_view(approval: Approval) -> ApprovalView:
    return ApprovalView(
        id=approval.id, kind=approval.kind, item_name=approval.item_name,
        employee_id=approval.employee_id, requested_by=approval.requested_by,
        status=approval.status, approver_kind=approval.approver_kind,
        approver_id=approval.approver_id, requested_at=approval.requested_at,
        due_at=approval.due_at, escalated_at=approval.escalated_at,
        decided_at=approval.decided_at, decided_by=approval.decided_by,
        decision_note=approval.decision_note, ticket_number=approval.ticket_number,
    )
