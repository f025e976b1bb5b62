"""A manager decides their report's request on /approvals; the paused conversation resumes.

Over real HTTP (the approver with a cookie session and CSRF, as a browser signs in), and once
in real Chromium: the widget page's header link, the page's Approve button.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from tests.conftest import LiveServer
from tests.web.conftest import Browsers, shot, sign_in
from tests.web.test_security import cookie_login


def with_manager(server: LiveServer, start: int) -> tuple[str, str]:
    """An employee whose manager is active, so a 'manager' request waits on that manager."""
    itsm = server.runtime.itsm
    for n in range(start, start + 200):
        employee = itsm.get_employee(itsm.pick_employee(n))
        manager = itsm.get_employee(employee.manager_id) if employee and employee.manager_id \
            else None
        if employee and manager and manager.status == "active" and manager.id != employee.id:
            return employee.id, manager.id
    raise AssertionError("no employee with an active manager in the seed")


def request_needing_approval(client: httpx.Client, item: str) -> tuple[str, int]:
    """Ask for catalogue software whose policy is manager approval, and confirm."""
    first = client.post("/api/chat", json={"message": f"I need {item} for my reports"}).json()
    assert first["outcome"] == "awaiting_confirmation", first
    second = client.post("/api/chat", json={"message": "yes",
                                            "thread_id": first["thread_id"]}).json()
    assert second["outcome"] == "awaiting_approval", second
    return first["thread_id"], int(second["actions"][0]["data"]["approval_id"])


def last_agent_text(client: httpx.Client, thread_id: str) -> str:
    messages = client.get(f"/api/threads/{thread_id}/messages").json()["messages"]
    agent = [m for m in messages if m["role"] == "agent"]
    return str(agent[-1]["text"])


def test_a_manager_approves_through_the_product(live_server: LiveServer) -> None:
    employee_id, manager_id = with_manager(live_server, 600)
    requester = live_server.client(employee_id)
    thread_id, approval_id = request_needing_approval(requester, "Tableau")

    manager = cookie_login(live_server, manager_id)
    waiting = manager.get("/api/my/approvals")
    assert waiting.status_code == 200, waiting.text
    mine = {a["id"]: a for a in waiting.json()["approvals"]}
    assert approval_id in mine, mine
    item: dict[str, Any] = mine[approval_id]
    assert (item["item_name"], item["approver_kind"], item["approver_id"]) == (
        "Tableau", "manager", manager_id)
    assert item["requester"]["id"] == employee_id and item["requester"]["name"]
    assert "email" not in item["requester"]
    detail = manager.get(f"/api/my/approvals/{approval_id}")
    assert detail.status_code == 200 and detail.json()["approval"]["status"] == "pending"

    # Nobody else decides it: not another employee, not the requester, not IT staff here.
    other_id, _ = with_manager(live_server, 900)
    for who in (other_id, employee_id):
        someone = live_server.client(who)
        for res in (someone.get(f"/api/my/approvals/{approval_id}"),
                    someone.post(f"/api/my/approvals/{approval_id}/decision",
                                 json={"approve": True, "note": "looks fine to me"})):
            assert res.status_code == 403, res.text
            assert f"does not wait on {who}" in res.json()["error"]["message"]
        assert approval_id not in {a["id"] for a in
                                   someone.get("/api/my/approvals").json()["approvals"]}
    # An id that does not exist looks the same as someone else's.
    missing = live_server.client(other_id).get("/api/my/approvals/99999999")
    assert missing.status_code == 403

    # A cookie session needs the CSRF header; a decision needs a comment.
    csrf = manager.get("/api/session").json()["csrf"]
    no_token = manager.post(f"/api/my/approvals/{approval_id}/decision",
                            json={"approve": True, "note": "ok"})
    assert no_token.status_code == 403 and "X-CSRF-Token" in no_token.text
    blank = manager.post(f"/api/my/approvals/{approval_id}/decision",
                         json={"approve": True, "note": "   "}, headers={"X-CSRF-Token": csrf})
    assert blank.status_code == 422 and "note" in blank.json()["error"]["message"]

    decided = manager.post(f"/api/my/approvals/{approval_id}/decision",
                           json={"approve": True, "note": "Fine for the quarterly reports."},
                           headers={"X-CSRF-Token": csrf})
    assert decided.status_code == 200, decided.text
    body = decided.json()
    assert body["approval"]["status"] == "approved"
    assert body["approval"]["decided_by"] == f"employee:{manager_id}"
    assert body["resumed"]["outcome"] == "action_completed", body["resumed"]

    said = last_agent_text(requester, thread_id)
    assert "approved" in said.lower() and "Fine for the quarterly reports." in said
    assert requester.get(f"/api/tickets/{item['ticket_number']}").json()["state"] == "resolved"
    assert approval_id not in {a["id"] for a in
                               manager.get("/api/my/approvals").json()["approvals"]}
    again = manager.post(f"/api/my/approvals/{approval_id}/decision",
                         json={"approve": False, "note": "changed my mind"},
                         headers={"X-CSRF-Token": csrf})
    assert again.status_code == 409, again.text


def test_a_rejection_resumes_the_conversation_too(live_server: LiveServer) -> None:
    employee_id, manager_id = with_manager(live_server, 700)
    requester = live_server.client(employee_id)
    thread_id, approval_id = request_needing_approval(requester, "Power BI Desktop")
    manager = live_server.client(manager_id)  # a bearer client: no CSRF needed
    res = manager.post(f"/api/my/approvals/{approval_id}/decision",
                       json={"approve": False, "note": "Use the shared dashboards instead."})
    assert res.status_code == 200, res.text
    assert res.json()["approval"]["status"] == "rejected"
    said = last_agent_text(requester, thread_id)
    assert "not approved" in said and "Use the shared dashboards instead." in said


@pytest.mark.browser
def test_the_approvals_page_in_a_browser(live_server: LiveServer, browsers: Browsers) -> None:
    employee_id, manager_id = with_manager(live_server, 800)
    requester = live_server.client(employee_id)
    thread_id, approval_id = request_needing_approval(requester, "Figma")

    page = browsers.page("manager")
    sign_in(page, live_server.url, manager_id)
    link = page.locator("#zd-approvals-link")
    expect(link).to_be_visible()
    expect(link).to_have_text(re.compile(r"approvals? waits? for you"))
    link.click()
    page.wait_for_url(re.compile(r"/approvals$"))
    card = page.locator(f"section[data-approval='{approval_id}']")
    expect(card).to_contain_text("Figma")
    card.get_by_role("button", name="Approve").click()
    expect(page.locator("#console-status")).to_contain_text("Write a short comment")
    card.get_by_label(re.compile(r"^Comment for ")).fill("Yes, for the design review.")
    card.get_by_role("button", name="Approve").click()
    expect(card).to_have_attribute("data-status", "approved")
    expect(page.locator("#console-status")).to_contain_text("approved")
    shot(page, "approver-approved")
    said = last_agent_text(requester, thread_id)
    assert "approved" in said.lower() and "design review" in said
    assert not browsers.csp_violations(), browsers.csp_violations()
    assert not [e for e in browsers.errors if "Uncaught" in e], browsers.errors


def test_the_approvals_page_needs_a_session(live_server: LiveServer) -> None:
    res = live_server.client().get("/approvals")
    assert res.status_code == 303 and res.headers["location"] == "/login?next=/approvals"
