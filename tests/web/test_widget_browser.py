"""The widget in Chromium: phone width, keyboard only, reload, another site's page, rate
limits and a server that goes away and comes back."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from knowledge.embedder import Embedder
from tests.conftest import make_settings
from tests.web.conftest import Browsers, send, shot, sign_in
from tests.web.servers import RestartableServer

pytestmark = pytest.mark.browser
LIMIT = 4


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, template_dir: Path,
           embedder: Embedder) -> Iterator[RestartableServer]:
    target = tmp_path_factory.mktemp("widget") / "var"
    shutil.copytree(template_dir, target)
    settings = make_settings(target, rate_limit_per_minute=LIMIT,
                             frame_ancestors="'self' http://127.0.0.1:*")
    live = RestartableServer(settings, embedder)
    live.start()
    try:
        yield live
    finally:
        live.stop()


def employee(server: RestartableServer, n: int) -> str:
    return server.live.runtime.itsm.pick_employee(n)


def agent_bubbles(page: Page) -> Locator:
    return page.locator("#zerodesk-widget .zd-msg.zd-agent")


def test_phone_width_keyboard_only_and_reload(server: RestartableServer,
                                              browsers: Browsers) -> None:
    page = browsers.page("phone", width=375, height=740)
    sign_in(page, server.url, employee(server, 701))
    box = page.get_by_label("Your message")
    expect(box).to_be_enabled()
    page.locator("body").focus()
    for _ in range(8):  # Tab from the top of the page to the message box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "zd-input":
            break
    assert page.evaluate("document.activeElement.id") == "zd-input"
    page.keyboard.type("I need Zoom")
    page.keyboard.press("Enter")
    confirm = page.get_by_role("button", name="Confirm")
    expect(confirm).to_be_focused()  # the pending decision takes the focus
    page.keyboard.press("Enter")
    card = page.locator(".zd-card").last
    expect(card.locator(".zd-card-state")).to_have_text("Resolved")
    expect(box).to_be_focused()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for locator in (box, page.get_by_role("button", name="Send"), card):
        bounds = locator.bounding_box()
        assert bounds and bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= 375, bounds
    shot(page, "10-phone-375px-keyboard")

    bubbles = page.locator("#zerodesk-widget .zd-msg").count()
    page.reload()
    expect(page.locator("#zerodesk-widget .zd-msg")).to_have_count(bubbles)
    expect(page.locator("#zerodesk-widget .zd-msg.zd-employee").first).to_have_text(
        re.compile("I need Zoom"))
    expect(agent_bubbles(page).last).to_contain_text("REQ")
    shot(page, "11-phone-after-reload")
    assert not browsers.csp_violations(), browsers.csp_violations()


def test_only_the_newest_proposal_can_be_confirmed(server: RestartableServer,
                                                   browsers: Browsers) -> None:
    """A proposal the employee moved on from loses its buttons: its Confirm would answer the
    question pending now (another action), not the one it sits under."""
    page = browsers.page("superseded")
    sign_in(page, server.url, employee(server, 704))
    send(page, "I need Zoom")
    expect(agent_bubbles(page).last.get_by_role("button", name="Confirm")).to_be_visible()
    send(page, "actually I need Miro instead")
    expect(agent_bubbles(page)).to_have_count(2)
    expect(agent_bubbles(page).last).to_contain_text("Miro")
    expect(page.locator("#zerodesk-widget .zd-confirm")).to_have_count(1)
    expect(agent_bubbles(page).first.locator(".zd-confirm")).to_have_count(0)
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".zd-card").last).to_contain_text("Miro")
    expect(page.locator("#zerodesk-widget .zd-confirm")).to_have_count(0)


class IntranetPage(BaseHTTPRequestHandler):
    """Somebody else's intranet page on another origin, embedding the widget with one tag."""

    widget = ""

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        body = ('<!doctype html><html lang="en"><head><title>Intranet</title></head><body>'
                '<h1>Northwind intranet</h1><p>Welcome back.</p>'
                f'<script src="{self.widget}" defer></script></body></html>').encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def intranet(server: RestartableServer) -> Iterator[str]:
    handler = type("Handler", (IntranetPage,), {"widget": f"{server.url}/static/widget.js"})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


def test_one_script_tag_embeds_it_on_another_site(server: RestartableServer, intranet: str,
                                                  browsers: Browsers) -> None:
    page = browsers.page("intranet")
    sign_in(page, server.url, employee(server, 702))
    page.goto(f"{intranet}/home")  # another origin (port) on the same site
    launcher = page.get_by_role("button", name="IT help")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    launcher.click()
    expect(page.get_by_role("button", name="Close IT help")).to_have_attribute(
        "aria-expanded", "true")
    frame = page.frame_locator("iframe.zd-frame")
    message = frame.get_by_label("Your message")
    expect(message).to_be_enabled()
    message.fill("hi")
    message.press("Enter")
    expect(frame.locator(".zd-msg.zd-agent").last).to_contain_text("IT help agent")
    shot(page, "12-embedded-on-intranet")
    page.keyboard.press("Escape")  # from inside the frame: the host page's panel closes
    expect(page.locator("#zd-frame-panel")).to_be_hidden()
    expect(launcher).to_be_focused()


def test_rate_limit_shows_when_to_retry(server: RestartableServer, browsers: Browsers) -> None:
    page = browsers.page("hasty")
    sign_in(page, server.url, employee(server, 703))
    for n in range(LIMIT):
        send(page, f"hello {n}")
        expect(agent_bubbles(page)).to_have_count(n + 1)
    send(page, "one more")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("the limit is 4 a minute")
    retry = alert.get_by_role("button", name=re.compile(r"Retry in \d+ s"))
    expect(retry).to_be_disabled()
    expect(page.locator(".zd-msg.zd-failed")).to_have_text(re.compile("one more"))
    shot(page, "13-rate-limited")


def test_server_down_then_retry(server: RestartableServer, browsers: Browsers) -> None:
    page = browsers.page("offline")
    sign_in(page, server.url, employee(server, 704))
    send(page, "hi")
    expect(agent_bubbles(page)).to_have_count(1)
    server.kill()
    send(page, "how do I connect to the VPN")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("not reachable")
    failed = page.locator(".zd-msg.zd-failed")
    expect(failed).to_have_count(1)
    shot(page, "14-server-down")
    server.start()
    alert.get_by_role("button", name="Retry").click()
    expect(agent_bubbles(page)).to_have_count(2)
    expect(agent_bubbles(page).last.locator("a.zd-cite").first).to_be_visible()
    expect(page.locator(".zd-msg.zd-failed")).to_have_count(0)
    expect(alert).to_be_hidden()
    shot(page, "15-server-back-after-retry")
    page.reload()  # the restarted server kept the conversation
    expect(page.locator("#zerodesk-widget .zd-msg")).to_have_count(4)
