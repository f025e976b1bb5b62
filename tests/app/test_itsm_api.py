"""``/api/itsm`` over real uvicorn: ticket lists and work, approvals, the audit trail, retried
writes, and a staff token that outlived its owner's staff role. (Who may call each route at all
is checked by the generated matrix in ``tests/web/test_authz_matrix.py``.)"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from tests.conftest import LiveServer
from tools.context import Actor
from tools.db import write_session
from tools.models import Employee


@pytest.fixture(scope="module")
def staff_ids(live_server: LiveServer) -> list[str]:
    with live_server.runtime.engine.connect() as conn:
        return [str(i) for i in conn.scalars(select(Employee.id).where(
            Employee.role == "it_staff", Employee.status == "active").order_by(Employee.id))]


@pytest.fixture(scope="module")
def staff(live_server: LiveServer, staff_ids: list[str]) -> httpx.Client:
    return live_server.client(staff_ids[0])


def open_incident(server: LiveServer, n: int, key: str) -> tuple[str, str]:
    eid = server.runtime.itsm.pick_employee(900 + n)
    result = server.runtime.itsm.call(
        "create_incident", Actor("agent", eid, f"itsm-api-{n}"),
        {"short_description": "Docking station shows no picture", "category": "hardware",
         "impact": 3, "urgency": 2}, key)
    assert result.status == "completed", result
    return eid, str(result.data["ticket"])


def error(res: httpx.Response, status: int) -> dict[str, Any]:
    assert res.status_code == status, res.text
    body: dict[str, Any] = res.json()["error"]
    return body


def test_ticket_list_filters_pages_and_refuses_bad_filters(live_server: LiveServer,
                                                           staff: httpx.Client) -> None:
    caller, number = open_incident(live_server, 1, "itsm-api-key-01")
    mine = staff.get("/api/itsm/tickets", params={"caller": caller, "state": "open"}).json()
    assert number in [t["number"] for t in mine["tickets"]]
    assert all(t["caller_id"] == caller for t in mine["tickets"])
    group = staff.get("/api/itsm/tickets", params={"group": "Hardware Logistics", "limit": 5,
                                                   "kind": "incident"}).json()
    assert len(group["tickets"]) == 5 and group["total"] >= 5
    assert {(t["assignment_group"], t["kind"]) for t in group["tickets"]} == {
        ("Hardware Logistics", "incident")}
    second = staff.get("/api/itsm/tickets", params={"group": "Hardware Logistics", "limit": 5,
                                                    "offset": 5, "kind": "incident"}).json()
    assert not {t["number"] for t in group["tickets"]} & {t["number"] for t in second["tickets"]}
    assert "frozen" in error(staff.get("/api/itsm/tickets", params={"state": "frozen"}), 400)[
        "message"]
    assert error(staff.get("/api/itsm/tickets", params={"group": "Nowhere"}), 400)["type"] == (
        "InvalidArguments")
    error(staff.get("/api/itsm/tickets", params={"limit": 0}), 422)
    error(staff.get("/api/itsm/tickets/INC12"), 422)
    error(staff.get("/api/itsm/tickets/INC9999999"), 404)


def test_working_a_ticket_notes_moves_and_retries(live_server: LiveServer,
                                                  staff: httpx.Client) -> None:
    caller, number = open_incident(live_server, 2, "itsm-api-key-02")
    base = f"/api/itsm/tickets/{number}"
    retry = {"Idempotency-Key": "note-retry-0001"}
    for _ in range(2):  # a client that lost the first reply sends it again
        res = staff.post(f"{base}/work-notes", json={"text": "dock firmware outdated"},
                         headers=retry)
        assert res.status_code == 200, res.text
    notes = [c["body"] for c in staff.get(base).json()["comments"] if c["work_note"]]
    assert notes == ["dock firmware outdated"]
    caller_view = live_server.client(caller).get(f"/api/tickets/{number}").json()
    assert not [c for c in caller_view["comments"] if c["work_note"]]  # staff-only
    assert "different call" in error(staff.post(
        f"{base}/work-notes", json={"text": "another note"}, headers=retry), 400)["message"]
    error(staff.post(f"{base}/work-notes", json={"text": "x"},
                     headers={"Idempotency-Key": "short"}), 422)
    assert "cannot move from new to closed" in error(
        staff.post(f"{base}/transition", json={"state": "closed"}), 409)["message"]
    assert "resolution code" in error(
        staff.post(f"{base}/transition", json={"state": "resolved"}), 409)["message"]
    error(staff.post(f"{base}/transition", json={"state": "resolved", "oops": 1}), 422)
    done = staff.post(f"{base}/transition", json={
        "state": "resolved", "resolution_code": "fixed", "resolution_note": "firmware 2.1",
        "work_note": "updated on site"}).json()
    assert (done["state"], done["resolution_code"]) == ("resolved", "fixed")
    assert "only open tickets" in error(staff.post(f"{base}/reassign",
                                                   json={"group": "Service Desk"}), 409)["message"]


def test_reassign_moves_the_ticket_and_its_queue_item(live_server: LiveServer,
                                                      staff: httpx.Client,
                                                      staff_ids: list[str]) -> None:
    eid = live_server.runtime.itsm.pick_employee(903)
    handoff = live_server.runtime.itsm.create_escalation(
        thread_id="itsm-api-th-3", employee_id=eid, reason="low_confidence",
        group="Service Desk", priority="P3", summary="Printer jams", packet={},
        idempotency_key="itsm-api-esc-03")
    base = f"/api/itsm/tickets/{handoff.ticket_number}"
    before = staff.get(base).json()
    moved = staff.post(f"{base}/reassign", json={"group": "Hardware Logistics",
                                                 "note": "hardware fault"}).json()
    assert moved["assignment_group"] == "Hardware Logistics"
    assert moved["sla_due"] == before["sla_due"]
    assert moved["comments"][-1]["body"] == (
        f"Reassigned from Service Desk to Hardware Logistics by {staff_ids[0]}: hardware fault")
    queue = staff.get("/api/escalations", params={"group": "Hardware Logistics"}).json()
    assert handoff.id in [e["id"] for e in queue["escalations"]]
    assert "already with" in error(staff.post(f"{base}/reassign",
                                              json={"group": "Hardware Logistics"}), 409)["message"]
    error(staff.post(f"{base}/reassign", json={"group": "Nowhere"}), 400)
    trail = staff.get("/api/itsm/audit", params={"entity": f"ticket:{handoff.ticket_number}",
                                                 "action": "ticket."}).json()["entries"]
    assert [e["action"] for e in trail][:2] == ["ticket.work_note", "ticket.reassign"]
    assert trail[1]["actor_id"] == staff_ids[0]


def test_approvals_list_and_one(live_server: LiveServer, staff: httpx.Client) -> None:
    eid = live_server.runtime.itsm.pick_employee(904)
    result = live_server.runtime.itsm.call("request_software", Actor("agent", eid, "t-904"),
                                           {"software": "Figma"}, "itsm-api-key-04")
    assert result.status == "pending_approval", result
    approval_id = result.data["approval_id"]
    listed = staff.get("/api/itsm/approvals", params={"limit": 200}).json()["approvals"]
    assert approval_id in [a["id"] for a in listed]
    assert {a["status"] for a in listed} == {"pending"}
    one = staff.get(f"/api/itsm/approvals/{approval_id}").json()
    assert (one["employee_id"], one["item_name"], one["status"]) == (eid, "Figma", "pending")
    every = staff.get("/api/itsm/approvals", params={"status": "all", "limit": 200}).json()
    assert len(every["approvals"]) >= len(listed)
    assert "maybe" in error(staff.get("/api/itsm/approvals", params={"status": "maybe"}),
                            400)["message"]
    error(staff.get("/api/itsm/approvals/999999999"), 404)
    error(staff.get("/api/itsm/approvals/0"), 422)


def test_audit_pages_back_without_gaps(staff: httpx.Client) -> None:
    first = staff.get("/api/itsm/audit", params={"limit": 3}).json()
    assert len(first["entries"]) == 3 and first["next_before_id"] == first["entries"][-1]["id"]
    rest = staff.get("/api/itsm/audit", params={"limit": 3,
                                                "before_id": first["next_before_id"]}).json()
    both = staff.get("/api/itsm/audit", params={"limit": 6}).json()
    assert [e["id"] for e in first["entries"] + rest["entries"]] == [
        e["id"] for e in both["entries"]]
    error(staff.get("/api/itsm/audit", params={"limit": 500}), 422)


def test_a_staff_token_stops_working_when_the_role_goes(live_server: LiveServer,
                                                        staff_ids: list[str]) -> None:
    who = staff_ids[2]
    client = live_server.client(who)
    assert client.get("/api/itsm/tickets", params={"limit": 1}).status_code == 200
    with write_session(live_server.runtime.engine) as session:
        session.execute(update(Employee).where(Employee.id == who).values(role="employee"))
    try:
        assert "not IT staff" in error(client.get("/api/itsm/audit"), 403)["message"]
        error(client.post("/api/itsm/tickets/INC0010000/work-notes", json={"text": "x"}), 403)
    finally:
        with write_session(live_server.runtime.engine) as session:
            session.execute(update(Employee).where(Employee.id == who).values(role="it_staff"))
