"""Behaviour of each tool and of the facade, on a freshly seeded copy per test."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from tools.context import ALL_TOOLS, Actor, ToolScope
from tools.db import read_session
from tools.errors import InvalidArguments, NotAllowed
from tools.models import Account, MfaDevice, Ticket
from tools.service import ITSM


def key(n: int | str) -> str:
    return f"test-key-{n}"


def agent(eid: str) -> Actor:
    return Actor("agent", eid, "thread-t")


def test_identity_is_never_a_model_argument(itsm: ITSM, people: Any) -> None:
    eid = people.take("employee")
    tools = itsm.tools_for(agent(eid))
    assert {t.name for t in tools} == ALL_TOOLS
    for tool in tools:
        props = tool.tool_call_schema.model_json_schema().get("properties", {})
        assert "idempotency_key" not in props
        assert not {"employee_id", "actor", "caller", "caller_id"} & set(props)
    with pytest.raises(InvalidArguments):
        itsm.call("reset_password", agent(eid), {"employee_id": "E000002"}, key(1))


def test_tools_for_binds_the_session_employee(itsm: ITSM, people: Any) -> None:
    eid = people.take("employee")
    create = {t.name: t for t in itsm.tools_for(agent(eid))}["create_incident"]
    result = create.invoke({"short_description": "Printer jams", "idempotency_key": key(2)})
    assert result.status == "completed"
    view = itsm.ticket(result.data["ticket"], agent(eid))
    assert view.caller_id == eid


def test_scope_hides_and_blocks_tools(engine: Any, clock: Any, people: Any) -> None:
    narrow = ITSM(engine, ToolScope(allowed_tools=frozenset({"get_my_tickets"})), clock)
    eid = people.take("employee")
    assert [t.name for t in narrow.tools_for(agent(eid))] == ["get_my_tickets"]
    result = narrow.call("reset_password", agent(eid), {}, key(3))
    assert (result.status, result.data["code"]) == ("denied", "not_in_scope")


def test_reset_password_never_reveals_a_secret(itsm: ITSM, engine: Any, people: Any) -> None:
    eid = people.take("employee")
    result = itsm.call("reset_password", agent(eid), {}, key(4))
    assert result.status == "completed"
    with read_session(engine) as session:
        account = session.get(Account, eid)
        assert account is not None and account.reset_token_sha256 is not None
        assert account.locked is False and account.password_changed_at == itsm.clock()
        digest = account.reset_token_sha256
    text = result.message + str(result.data)
    assert digest not in text and digest[:12] not in text
    assert "password" not in {k.lower() for k in result.data}
    entries = itsm.audit(actor=Actor("system", "test"), entity=f"account:{eid}")
    assert entries and all("reset_token_sha256" not in (e.after or {}) for e in entries)


def test_unlock_and_mfa_reset(itsm: ITSM, engine: Any, people: Any) -> None:
    with read_session(engine) as session:
        locked = session.scalars(select(Account.employee_id).where(Account.locked)).first()
    assert locked is not None
    people.set_status(locked, "active")
    first = itsm.call("unlock_account", Actor("employee", locked), {}, key(5))
    again = itsm.call("unlock_account", Actor("employee", locked), {}, key(6))
    assert first.data["was_locked"] is True and again.data["was_locked"] is False
    result = itsm.call("reset_mfa", Actor("employee", locked), {}, key(7))
    with read_session(engine) as session:
        active = session.scalar(select(func.count(MfaDevice.id)).where(
            MfaDevice.employee_id == locked, MfaDevice.active))
        account = session.get(Account, locked)
        assert active == 0 and account is not None and account.mfa_enrollment_pending
    assert result.status == "completed"


@pytest.mark.parametrize(("title", "status", "approver"), [
    ("vscode", "completed", None),
    ("Tableau", "pending_approval", "manager"),
    ("wireshark", "pending_approval", "staff"),
])
def test_software_policy(itsm: ITSM, people: Any, title: str, status: str,
                         approver: str | None) -> None:
    eid = people.take("employee", with_manager=True)
    result = itsm.call("request_software", agent(eid), {"software": title}, key(title))
    assert result.status == status
    assert result.data.get("approver_kind") == approver
    state = itsm.ticket(result.data["ticket"], agent(eid)).state
    assert state == ("resolved" if status == "completed" else "on_hold")
    repeat = itsm.call("request_software", agent(eid), {"software": title}, key(title + "2"))
    assert repeat.status == status  # no duplicate approval or grant
    if status == "completed":
        assert repeat.data["already_granted"] is True
    else:
        assert repeat.data["ticket"] == result.data["ticket"]


def test_restricted_software_denied_when_role_card_says_so(engine: Any, clock: Any,
                                                          people: Any) -> None:
    strict = ITSM(engine, ToolScope(restricted_software="deny"), clock)
    eid = people.take("employee")
    result = strict.call("request_software", agent(eid), {"software": "Wireshark"}, key(8))
    assert (result.status, result.data["code"]) == ("denied", "restricted_software")
    unknown = strict.call("request_software", agent(eid), {"software": "Fortnite"}, key(9))
    assert (unknown.status, unknown.data["code"]) == ("failed", "not_in_catalogue")


def test_self_service_cannot_declare_p1_but_staff_can(itsm: ITSM, people: Any) -> None:
    args = {"short_description": "Email down for everyone", "impact": 1, "urgency": 1,
            "category": "email"}
    mine = itsm.call("create_incident", agent(people.take("employee")), args, key(12))
    theirs = itsm.call("create_incident", Actor("staff", people.take("it_staff")), args, key(13))
    assert (mine.data["priority"], theirs.data["priority"]) == ("P2", "P1")
    assert mine.data["assignment_group"] == "Collaboration Services"


def test_open_ticket_cap_stops_floods(engine: Any, clock: Any, people: Any) -> None:
    capped = ITSM(engine, ToolScope(max_open_tickets=2), clock)
    eid = people.take("employee")
    with read_session(engine) as session:
        already = session.scalar(select(func.count(Ticket.id)).where(
            Ticket.caller_id == eid, Ticket.state.in_(("new", "in_progress", "on_hold"))))
    statuses = [capped.call("create_request", agent(eid), {"short_description": f"Thing {i}"},
                            key(f"cap{i}")).status for i in range(4)]
    allowed = max(0, 2 - int(already or 0))
    assert statuses == ["completed"] * allowed + ["failed"] * (4 - allowed)


def test_update_ticket_flow_and_ownership(itsm: ITSM, people: Any) -> None:
    eid, other = people.take("employee"), people.take("employee")
    staff = Actor("staff", people.take("it_staff"))
    number = itsm.call("create_incident", agent(eid), {"short_description": "Dock broken"},
                       key(14)).data["ticket"]
    stranger = itsm.call("update_ticket", agent(other),
                         {"ticket": number, "action": "comment", "comment": "me too"}, key(15))
    assert (stranger.status, stranger.data["code"]) == ("denied", "other_person_data")
    early = itsm.call("update_ticket", agent(eid), {"ticket": number, "action": "close"}, key(16))
    assert early.status == "failed"
    itsm.transition_ticket(number, staff, "resolved", resolution_code="fixed",
                           resolution_note="replaced dock", work_note="swapped unit #22")
    assert [c.body for c in itsm.ticket(number, agent(eid)).comments] == []
    assert len(itsm.ticket(number, staff).comments) == 1
    reopened = itsm.call("update_ticket", agent(eid),
                         {"ticket": number, "action": "reopen", "comment": "still broken"},
                         key(17))
    assert reopened.data["state"] == "in_progress"
    with pytest.raises(InvalidArguments):
        itsm.call("update_ticket", agent(eid), {"ticket": number, "action": "reopen"}, key(18))
    itsm.transition_ticket(number, staff, "resolved", resolution_code="fixed",
                           resolution_note="new dock")
    closed = itsm.call("update_ticket", agent(eid), {"ticket": number, "action": "close"},
                       key(19))
    assert closed.data["state"] == "closed"
    late = itsm.call("update_ticket", agent(eid),
                     {"ticket": number, "action": "comment", "comment": "thanks"}, key(20))
    assert late.status == "failed"
    with pytest.raises(NotAllowed):
        itsm.ticket(number, agent(other))


def test_get_my_tickets_only_lists_own(itsm: ITSM, people: Any) -> None:
    eid, other = people.take("employee"), people.take("employee")
    mine = itsm.call("create_request", agent(eid), {"short_description": "Headset"}, key(23))
    itsm.call("create_request", agent(other), {"short_description": "Mouse"}, key(24))
    listed = itsm.call("get_my_tickets", agent(eid), {"state": "all", "limit": 50})
    numbers = {t["ticket"] for t in listed.data["tickets"]}
    assert mine.data["ticket"] in numbers
    for number in numbers:
        assert itsm.ticket(number, agent(eid)).caller_id == eid
