"""``ITSM``: the facade the agent's graph and the staff console call."""

from __future__ import annotations

from typing import Any

from langchain_core.tools import BaseTool
from pydantic import ValidationError
from sqlalchemy import Engine, select

from tools import approvals, console, directory, escalations, ledger, outages
from tools.clock import Clock, now_from
from tools.context import Actor, ToolScope
from tools.db import read_session, write_session
from tools.errors import InvalidArguments, NotAllowed
from tools.faults import FaultInjector
from tools.models import Approval, Employee, Escalation
from tools.policy import check_staff
from tools.results import ToolResult
from tools.runner import ToolRunner
from tools.service_staff import StaffDesk
from tools.sla_policy import SlaPolicy, default_policy
from tools.tickets import get_ticket, to_view
from tools.tool_defs import SPECS, bind_tool
from tools.views import (
    AccessGroupView,
    ApprovalView,
    EmployeeView,
    EscalationView,
    ServiceView,
    SoftwareView,
    TicketView,
)


class ITSM(StaffDesk):
    """Tools for the agent, reads for the graph, and (via ``StaffDesk``) the staff desk."""

    def __init__(
        self,
        engine: Engine,
        scope: ToolScope,
        clock: Clock,
        faults: FaultInjector | None = None,
        sla: SlaPolicy | None = None,
        deadline_s: float | None = None,
    ) -> None:
        self.engine = engine
        self.scope = scope
        self.clock = clock
        self.faults = faults
        self.sla = sla or default_policy()
        self._runner = ToolRunner(engine, scope, clock, self.sla, faults, deadline_s)

    # --- tools -----------------------------------------------------------------------------
    def call(
        self, tool: str, actor: Actor, args: dict[str, Any], idempotency_key: str | None = None
    ) -> ToolResult:
        """Run one tool for ``actor``. Denials come back as results; outages raise."""
        spec = SPECS.get(tool)
        if spec is None:
            raise InvalidArguments(f"unknown tool {tool!r}; known: {sorted(SPECS)}")
        if "idempotency_key" in args:
            raise InvalidArguments("pass the idempotency key as idempotency_key=, not in args")
        try:
            spec.schema.model_validate(args)
        except ValidationError as exc:
            raise InvalidArguments(f"bad arguments for {tool}: {exc}") from exc
        payload = dict(args)
        if idempotency_key is not None:
            payload["idempotency_key"] = idempotency_key
        result = bind_tool(self._runner, spec, actor).invoke(payload)
        if not isinstance(result, ToolResult):
            raise TypeError(f"{tool} returned {type(result).__name__}, not a ToolResult")
        return result

    def tools_for(self, actor: Actor) -> list[BaseTool]:
        """The role card's tools, each bound to ``actor`` (identity is not an argument)."""
        return [
            bind_tool(self._runner, spec, actor)
            for name, spec in SPECS.items()
            if name in self.scope.allowed_tools
        ]

    # --- directory -------------------------------------------------------------------------
    def get_employee(self, employee_id: str) -> EmployeeView | None:
        with read_session(self.engine) as session:
            return directory.employee_view(session, employee_id)

    def pick_employee(self, seed: int) -> str:
        with read_session(self.engine) as session:
            return directory.pick_employee(session, seed)

    def catalogue(self) -> list[SoftwareView]:
        with read_session(self.engine) as session:
            return directory.catalogue(session)

    def access_groups(self) -> list[AccessGroupView]:
        with read_session(self.engine) as session:
            return directory.access_groups(session)

    def assignment_groups(self) -> list[str]:
        return self.sla.group_names()

    # --- escalations -----------------------------------------------------------------------
    def create_escalation(
        self, *, thread_id: str, employee_id: str, reason: str, group: str,
        priority: int | str, summary: str, packet: dict[str, Any], idempotency_key: str,
    ) -> EscalationView:
        """Record a handoff and open its ticket, or add it to the conversation's open handoff
        to the same group (see ``escalations.open_handoff``), or link another person's report
        of an outage that is already handed off (``outages``). Not subject to tool faults: this
        is the path the graph takes precisely when tools fail."""
        if not idempotency_key:
            raise InvalidArguments("create_escalation needs an idempotency key")
        ledger.check_key(idempotency_key)
        actor = Actor("agent", employee_id, thread_id)
        args = {"reason": reason, "group": group, "priority": str(priority),
                "summary": summary, "packet": packet}
        digest = ledger.args_digest("create_escalation", args)
        with write_session(self.engine) as session:
            stored = ledger.lookup(session, idempotency_key, "create_escalation", actor, digest)
            if stored is not None:
                row = escalations.get(session, stored.data["escalation_id"])
                linked = stored.data.get("linked_ticket")
                return outages.report_view(row, get_ticket(session, linked)) if linked \
                    else escalations.to_view(row)
            now = now_from(self.clock)
            joined = escalations.open_handoff(session, thread_id, employee_id, group)
            outage = outages.open_outage(session, outages.service_of(packet), now) \
                if joined is None and reason == outages.REASON else None
            if outage is not None and outage.employee_id == employee_id:
                joined = outage  # the same person again, from another conversation
            elif outage is not None:
                report = outages.link_report(
                    session, outage, actor=actor, employee_id=employee_id, summary=summary,
                    now=now, sla=self.sla, idempotency_key=idempotency_key)
                result = ToolResult("create_escalation", "completed",
                                    f"linked to {outage.ticket_number}",
                                    {"escalation_id": outage.id, "ticket": report.number,
                                     "linked_ticket": report.number, "follow_up": False})
                ledger.store(session, idempotency_key, "create_escalation", actor, digest,
                             result, now)
                return outages.report_view(outage, report)
            if joined is not None:
                row = escalations.follow_up(
                    session, joined, actor=actor, reason=reason, priority=priority,
                    summary=summary, packet=packet, now=now, sla=self.sla,
                    idempotency_key=idempotency_key)
            else:
                row = escalations.create(
                    session, actor=actor, employee_id=employee_id, reason=reason, group=group,
                    priority=priority, summary=summary, packet=packet, now=now, sla=self.sla,
                    idempotency_key=idempotency_key)
            result = ToolResult("create_escalation", "completed", f"escalated to {group}",
                                {"escalation_id": row.id, "ticket": row.ticket_number,
                                 "follow_up": joined is not None})
            ledger.store(session, idempotency_key, "create_escalation", actor, digest, result, now)
            return escalations.to_view(row)

    def list_escalations(
        self, *, actor: Actor, status: str | None = None, group: str | None = None
    ) -> list[EscalationView]:
        with read_session(self.engine) as session:
            check_staff(session, actor, "the escalation queue")
            query = select(Escalation)
            if status is not None:
                query = query.where(Escalation.status == status)
            if group is not None:
                query = query.where(Escalation.group_name == group)
            rows = session.scalars(query.order_by(Escalation.priority, Escalation.created_at))
            return [escalations.to_view(r) for r in rows]

    def update_escalation(self, escalation_id: int, actor: Actor, status: str) -> EscalationView:
        """Staff take a handoff over (the bot stops talking) or mark it resolved."""
        with write_session(self.engine) as session:
            staff_id = check_staff(session, actor, "taking over a conversation")
            row = escalations.get(session, escalation_id)
            escalations.move(session, row, to=status, actor=actor, staff_id=staff_id,
                             now=now_from(self.clock))
            return escalations.to_view(row)

    def thread_escalation(self, thread_id: str) -> EscalationView | None:
        with read_session(self.engine) as session:
            row = escalations.latest_for_thread(session, thread_id)
            return escalations.to_view(row) if row else None

    # --- approvals -------------------------------------------------------------------------
    def decide_approval(
        self, approval_id: int, actor: Actor, approve: bool, note: str
    ) -> ApprovalView:
        with write_session(self.engine) as session:
            row = approvals.decide(session, approval_id, actor, approve, note,
                                   now_from(self.clock))
            return approvals.to_view(row)

    def list_approvals(
        self, *, actor: Actor, status: str | None = "pending"
    ) -> list[ApprovalView]:
        """Staff see every approval; anyone else sees those waiting on them."""
        with read_session(self.engine) as session:
            query = select(Approval)
            sees_all = actor.kind == "system" or (
                actor.kind == "staff" and not _not_staff(session, actor)
            )
            if actor.kind == "agent":
                raise NotAllowed("the agent has no approval inbox; approvals are for people")
            if not sees_all:
                query = query.where(Approval.approver_id == actor.employee_id)
            if status is not None:
                query = query.where(Approval.status == status)
            rows = session.scalars(query.order_by(Approval.due_at, Approval.id))
            return [approvals.to_view(r) for r in rows]

    # --- tickets and audit -----------------------------------------------------------------
    def ticket(self, number: str, actor: Actor) -> TicketView:
        with read_session(self.engine) as session:
            row = get_ticket(session, number)
            staff = actor.kind == "system" or (
                actor.kind == "staff" and not _not_staff(session, actor)
            )
            if not staff and (actor.kind == "staff" or row.caller_id != actor.employee_id):
                raise NotAllowed(f"{number} is not {actor.employee_id}'s ticket")
            return to_view(session, row, include_work_notes=staff)

    def service_board(self) -> list[ServiceView]:
        with read_session(self.engine) as session:
            return console.service_board(session)

    def set_service_status(
        self, actor: Actor, service: str, status: str, description: str | None = None
    ) -> ServiceView:
        with write_session(self.engine) as session:
            return console.set_service_status(session, actor, service, status, description,
                                              now_from(self.clock), self.sla)


def _not_staff(session: Any, actor: Actor) -> bool:
    employee = session.get(Employee, actor.employee_id)
    return employee is None or employee.role != "it_staff" or employee.status != "active"
