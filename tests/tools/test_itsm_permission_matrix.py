"""The permission matrix: actor role x tool x resource owner x employment status.

The expected outcome of every row is computed by ``expected`` below, a restatement of the
policy written from the product rules (not by calling ``tools.policy``), and compared with what
the ITSM really does on a seeded database.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine

from tools.clock import fixed_clock
from tools.context import ALL_TOOLS, READ_TOOLS, Actor, ToolScope
from tools.db import write_session
from tools.faults import FaultInjector
from tools.service import ITSM
from tools.tickets import open_ticket

ROLES = ("agent:employee", "agent:manager", "agent:it_staff", "employee:employee",
         "staff:it_staff", "staff:impostor", "system")
STATUSES = ("active", "on_leave", "terminated")
OWNERS = ("self", "other:active", "other:on_leave", "other:terminated")
NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
ACCOUNT_TOOLS = frozenset(ALL_TOOLS - {"update_ticket", "check_service_status"})


@dataclass(frozen=True)
class Case:
    role: str
    tool: str
    owner: str
    status: str
    in_scope: bool = True

    @property
    def id(self) -> str:
        scope = "" if self.in_scope else "-outofscope"
        return f"{self.role}-{self.tool}-{self.owner}-{self.status}{scope}"


def expected(case: Case) -> str:
    """The policy, restated: 'completed' or 'denied'."""
    if not case.in_scope:
        return "denied"
    if case.role in ("system", "staff:impostor"):
        return "denied"
    if case.status == "terminated":
        return "denied"
    if case.status == "on_leave" and case.tool not in READ_TOOLS:
        return "denied"
    if case.owner.startswith("other"):
        if case.role != "staff:it_staff":
            return "denied"
        # Nobody acts on a terminated employee's account or requests; reading is fine.
        if (case.owner == "other:terminated" and case.tool in ACCOUNT_TOOLS
                and case.tool not in READ_TOOLS):
            return "denied"
    return "completed"


def _cases() -> list[Case]:
    cases = []
    for role, tool, owner, status in itertools.product(ROLES, sorted(ALL_TOOLS), OWNERS,
                                                       STATUSES):
        if tool == "check_service_status" and owner != "self":
            continue  # the status board belongs to nobody
        cases.append(Case(role, tool, owner, status))
    cases += [Case("staff:it_staff", tool, "self", "active", in_scope=False)
              for tool in sorted(ALL_TOOLS)]
    return cases


CASES = _cases()


def test_matrix_covers_every_dimension() -> None:
    assert len(CASES) == len(ROLES) * (9 * 4 + 1) * 3 + len(ALL_TOOLS)
    outcomes = {expected(c) for c in CASES}
    assert outcomes == {"completed", "denied"}


class Matrix:
    """One seeded DB per backend; each actor/target is a real employee with the wanted status."""

    def __init__(self, engine: Engine, people: Any) -> None:
        self.engine = engine
        clock = fixed_clock(NOW)
        self.itsm = ITSM(engine, ToolScope(max_open_tickets=10_000), clock, FaultInjector())
        self.narrow = ITSM(engine, ToolScope(allowed_tools=frozenset()), clock)
        take = people.take
        self.actors: dict[tuple[str, str], str] = {}
        for status in STATUSES:
            for role in ("employee", "manager", "it_staff"):
                self.actors[(role, status)] = take(role, status)
        self.others = {f"other:{s}": take("employee", s) for s in STATUSES}
        self.impostor = take("employee")

    def actor(self, case: Case) -> Actor:
        if case.role == "system":
            return Actor("system", "system")
        kind, who = case.role.split(":")
        if who == "impostor":
            return Actor("staff", self.impostor)
        return Actor(kind, self.actors[(who, case.status)], "matrix")  # type: ignore[arg-type]

    def args(self, case: Case, actor: Actor) -> dict[str, Any]:
        owner = actor.employee_id if case.owner == "self" else self.others[case.owner]
        if actor.kind == "system":
            owner = self.others["other:active"]  # the system has no tickets of its own
        target = {} if case.owner == "self" else {"for_employee": owner}
        if case.tool == "update_ticket":
            return {"ticket": self._ticket_for(owner), "action": "comment", "comment": "news?"}
        extra: dict[str, dict[str, Any]] = {
            "request_software": {"software": "Zoom"},
            "request_access": {"group": "Jira Software"},
            "create_incident": {"short_description": "Laptop will not boot"},
            "create_request": {"short_description": "Need a headset"},
        }
        return {**extra.get(case.tool, {}), **target}

    def _ticket_for(self, caller: str) -> str:
        with write_session(self.engine) as session:
            ticket = open_ticket(
                session, kind="incident", caller_id=caller, opened_by=Actor("system", "test"),
                short_description="Matrix ticket", description="", category="other",
                group="Service Desk", impact=3, urgency=3, now=NOW, sla=self.itsm.sla,
            )
            return ticket.number


@pytest.fixture(scope="module")
def matrix(module_engine: Engine, module_people: Any) -> Matrix:
    return Matrix(module_engine, module_people)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_permission(matrix: Matrix, case: Case) -> None:
    actor = matrix.actor(case)
    itsm = matrix.itsm if case.in_scope else matrix.narrow
    key = None if case.tool in READ_TOOLS else f"matrix-{case.id}"
    result = itsm.call(case.tool, actor, matrix.args(case, actor), key)
    assert result.status == expected(case), result.message
    if result.status == "denied":
        assert result.message.strip(), "a denial must say why"
