"""The whole story in real Chromium against real uvicorn: an employee and an IT staff member.

Screenshots of every step land in test-artifacts/web/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import select

from tests.conftest import LiveServer
from tests.web.conftest import Browsers, send, shot, sign_in
from tools.models import Employee

pytestmark = pytest.mark.browser

RECORD_STATUS = """() => {
  window.zdStatus = [];
  const box = document.querySelector('#zerodesk-widget .zd-status');
  // Every text the status line was given, from the mutation records: two progress events
  // parsed from one network chunk reach the observer in a single callback.
  new MutationObserver(records => records.forEach(r => r.addedNodes.forEach(
    n => window.zdStatus.push(n.textContent))))
    .observe(box, {childList: true, characterData: true, subtree: true});
}"""


def staff_id(server: LiveServer) -> str:
    with server.runtime.engine.connect() as conn:
        sid = conn.execute(select(Employee.id).where(Employee.role == "it_staff")
                           .order_by(Employee.id).limit(1)).scalar_one()
    return str(sid)


def last_agent(page: Page) -> Locator:
    return page.locator("#zerodesk-widget .zd-msg.zd-agent").last


def test_employee_and_staff_walkthrough(live_server: LiveServer, browsers: Browsers) -> None:
    employee = live_server.runtime.itsm.pick_employee(301)
    emp = browsers.page("employee")
    sign_in(emp, live_server.url, employee)
    assert emp.url.rstrip("/") == live_server.url
    expect(emp.get_by_label("Your message")).to_be_enabled()

    # 1. A knowledge-base question gets a cited answer, with progress on the way.
    emp.evaluate(RECORD_STATUS)
    send(emp, "how do I connect to the VPN from home")
    answer = emp.locator("#zerodesk-widget .zd-msg.zd-agent").last
    cite = answer.locator("a.zd-cite").first
    expect(cite).to_have_attribute("href", re.compile(r"/kb/KB-\d+$"))
    progress = emp.evaluate("window.zdStatus")
    assert "Searching the knowledge base…" in progress, progress
    href = cite.get_attribute("href")
    assert href is not None
    assert live_server.client().get(href).status_code == 200
    answer.get_by_role("button", name="Yes").click()
    expect(answer.get_by_text("Thanks, glad that worked.")).to_be_visible()
    metrics = live_server.client().get("/metrics").text
    assert re.search(r'zerodesk_confirmed_resolutions_total\{source="employee_feedback"\} [1-9]',
                     metrics)
    shot(emp, "01-kb-answer-with-citation")

    # 2. Auto-approved software: confirm, then a ticket card with its number and state.
    send(emp, "I need Zoom")
    ask = emp.locator("#zerodesk-widget .zd-msg.zd-agent").last
    expect(ask).to_contain_text("Zoom")
    ask.get_by_role("button", name="Confirm").click()
    card = emp.locator(".zd-card", has_text="REQ").last
    expect(card).to_contain_text(re.compile(r"REQ\d{7}"))
    expect(card.locator(".zd-card-state")).to_have_text("Resolved")
    shot(emp, "02-zoom-ticket-card")

    # 3. Software that needs approval waits, and shows up in the staff console.
    send(emp, "I need Tableau for my reports")
    emp.locator("#zerodesk-widget .zd-msg.zd-agent").last.get_by_role(
        "button", name="Confirm").click()
    waiting = emp.locator(".zd-card[data-state=on_hold]").last
    expect(waiting.locator(".zd-card-state")).to_have_text("Waiting for approval")
    number = waiting.get_attribute("data-ticket")
    assert number and number.startswith("REQ")

    staff = browsers.page("staff")
    sign_in(staff, live_server.url, staff_id(live_server), "/console")
    assert staff.url.endswith("/console")
    row = staff.locator("#queue tr[data-kind=approval]", has_text=number)
    expect(row).to_be_visible()
    expect(row).to_contain_text("approval_required")
    shot(staff, "03-console-queue-with-approval")

    # 4. Staff approve it with a note; the graph resumes.
    row.get_by_role("link").click()
    staff.wait_for_url(re.compile(r"/console/approval/\d+$"))
    expect(staff.locator("#detail-title")).to_contain_text("Tableau")
    expect(staff.locator("#transcript")).to_contain_text("I need Tableau")
    staff.get_by_label("Decision note (required)").fill("Approved for reporting work.")
    staff.get_by_role("button", name="Approve").click()
    expect(staff.locator("#summary")).to_contain_text("approved")
    shot(staff, "04-console-approved")

    # 5. The employee's open widget hears about it without a reload.
    expect(last_agent(emp)).to_contain_text("approved")
    expect(emp.locator(f".zd-card[data-ticket={number}] .zd-card-state").first).to_have_text(
        "Resolved")
    shot(emp, "05-widget-sees-approval")

    # 6. A human takes over; the reply reaches the employee live; the bot stays silent.
    send(emp, "I want to talk to a person")
    expect(last_agent(emp)).to_contain_text("INC")
    staff.goto(f"{live_server.url}/console")
    handoff = staff.locator("#queue tr[data-kind=escalation]", has_text=employee)
    expect(handoff).to_contain_text("user_requested_human")
    handoff.get_by_role("link").click()
    staff.wait_for_url(re.compile(r"/console/thread/"))
    expect(staff.locator("#packet")).to_contain_text("human_request")
    staff.get_by_role("button", name="Take over").click()
    reply = staff.get_by_label("Reply to the employee")
    expect(reply).to_be_enabled()
    reply.fill("Hi, this is the service desk. I'm looking at your request now.")
    staff.get_by_role("button", name="Send reply").click()
    staff_bubble = emp.locator("#zerodesk-widget .zd-msg.zd-staff").last
    expect(staff_bubble).to_contain_text("looking at your request now")
    expect(emp.locator(".zd-banner")).to_be_visible()
    agents_before = emp.locator("#zerodesk-widget .zd-msg.zd-agent").count()
    send(emp, "thanks, I'll wait")
    expect(emp.locator("#zerodesk-widget .zd-msg.zd-employee").last).to_have_text(
        re.compile("thanks, I'll wait"))
    expect(emp.locator(".zd-status")).to_contain_text("IT team")
    assert emp.locator("#zerodesk-widget .zd-msg.zd-agent").count() == agents_before
    expect(staff.locator("#transcript")).to_contain_text("thanks, I'll wait")
    shot(emp, "06-takeover-reply-live")
    shot(staff, "06-console-takeover")

    assert not browsers.csp_violations(), browsers.csp_violations()
    assert not [e for e in browsers.errors if "pageerror" in e or "Uncaught" in e], browsers.errors
