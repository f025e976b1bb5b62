"""Approval flow over real HTTP: request, confirm, pause for approval, staff decide, resume."""

from __future__ import annotations

from sqlalchemy import select

from tests.conftest import LiveServer
from tools.models import Employee


def staff_id(server: LiveServer) -> str:
    with server.runtime.engine.connect() as conn:
        sid = conn.execute(select(Employee.id).where(Employee.role == "it_staff")
                           .order_by(Employee.id).limit(1)).scalar_one()
    return str(sid)


def test_software_needing_approval_pauses_then_resumes(live_server: LiveServer) -> None:
    employee = live_server.runtime.itsm.pick_employee(7)
    client = live_server.client(employee)
    first = client.post("/api/chat", json={"message": "I need Tableau for my reports"}).json()
    assert first["outcome"] == "awaiting_confirmation", first
    second = client.post("/api/chat", json={"message": "go ahead",
                                            "thread_id": first["thread_id"]}).json()
    assert second["outcome"] == "awaiting_approval", second
    action = second["actions"][0]
    assert action["status"] == "pending_approval" and action["data"]["approval_id"]

    staff = live_server.client(staff_id(live_server))
    pending = staff.get("/api/approvals").json()["approvals"]
    assert any(a["id"] == action["data"]["approval_id"] for a in pending)

    # While the approval is pending the employee can still talk to the agent.
    between = client.post("/api/chat", json={"message": "how do I connect to the VPN",
                                             "thread_id": first["thread_id"]}).json()
    assert between["outcome"] in ("answered", "escalated"), between

    decided = staff.post(f"/api/approvals/{action['data']['approval_id']}/decision",
                         json={"approve": True, "note": "ok for reporting work"})
    assert decided.status_code == 200, decided.text
    body = decided.json()
    assert body["approval"]["status"] == "approved"
    assert body["resumed"]["outcome"] == "action_completed", body
    transcript = client.get(f"/api/threads/{first['thread_id']}/messages").json()["messages"]
    assert transcript[-1]["role"] == "agent"
    assert "approved" in transcript[-1]["text"].lower()


def test_employee_cannot_decide_approvals(live_server: LiveServer) -> None:
    client = live_server.client(live_server.runtime.itsm.pick_employee(8))
    res = client.post("/api/approvals/1/decision", json={"approve": True})
    assert res.status_code == 403


def test_role_card_is_served(live_server: LiveServer) -> None:
    card = live_server.client().get("/api/role-card").json()
    assert card["owner"]["name"] and card["responsibilities"] and card["version"]
    assert "thresholds" not in card  # only the public part without a staff session
