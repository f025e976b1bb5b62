"""Sessions, CSRF (API and forms), security headers, inline-free pages and rate limits."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from app.api.ratelimit import RateLimited, RateLimiter
from app.api.routes_pages import STATIC
from app.errors import ConfigError
from app.settings import Settings
from knowledge.embedder import Embedder
from tests.conftest import LiveServer, free_port, make_settings

ANCESTORS = "'self' https://intranet.example.com http://127.0.0.1:*"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, template_dir: Path,
           embedder: Embedder) -> Iterator[LiveServer]:
    target = tmp_path_factory.mktemp("security") / "var"
    shutil.copytree(template_dir, target)
    settings = make_settings(target, rate_limit_per_minute=3, frame_ancestors=ANCESTORS)
    with LiveServer(settings, embedder) as live:
        yield live


def form_token(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the sign-in form carries a csrf_token field"
    return found.group(1)


def cookie_login(server: LiveServer, employee_id: str) -> httpx.Client:
    """Sign in through the HTML form, as a browser does; the client then holds the cookie."""
    client = server.client()
    token = form_token(client.get("/login").text)
    res = client.post("/login", data={"employee_id": employee_id, "csrf_token": token})
    assert res.status_code == 303, res.text
    assert "zd_session" in client.cookies
    return client


def test_cookie_sessions_need_the_csrf_header_for_unsafe_methods(server: LiveServer) -> None:
    client = cookie_login(server, server.runtime.itsm.pick_employee(501))
    for path in ("/api/chat", "/api/chat/stream"):
        for headers in ({}, {"X-CSRF-Token": "not-the-token"}):
            res = client.post(path, json={"message": "hi"}, headers=headers)
            assert res.status_code == 403, (path, headers, res.text)
            assert "X-CSRF-Token" in res.json()["error"]["message"]
    session = client.get("/api/session")  # safe methods need no token
    assert session.status_code == 200
    ok = client.post("/api/chat", json={"message": "hi"},
                     headers={"X-CSRF-Token": session.json()["csrf"]})
    assert ok.status_code == 200, ok.text
    feedback = client.post(f"/api/threads/{ok.json()['thread_id']}/feedback",
                           json={"solved": True})
    assert feedback.status_code == 403


def test_the_sign_in_form_is_protected_against_login_csrf(server: LiveServer) -> None:
    who = server.runtime.itsm.pick_employee(502)
    stranger = server.client()  # never loaded the form: no cookie
    assert stranger.post("/login", data={"employee_id": who}).status_code == 403
    other_form = form_token(server.client().get("/login").text)
    assert stranger.post("/login", data={"employee_id": who,
                                         "csrf_token": other_form}).status_code == 403
    visitor = server.client()
    token = form_token(visitor.get("/login").text)
    assert visitor.post("/login", data={"employee_id": who}).status_code == 403
    assert visitor.post("/login", data={"employee_id": who,
                                        "csrf_token": token + "x"}).status_code == 403
    res = visitor.post("/login", data={"employee_id": who, "csrf_token": token,
                                       "next": "//evil.example/phish"})
    assert res.status_code == 303 and res.headers["location"] == "/"
    assert "httponly" in res.headers["set-cookie"].lower()
    assert "samesite=lax" in res.headers["set-cookie"].lower()


def test_unknown_people_and_employees_at_the_console_get_a_clear_form(
        server: LiveServer) -> None:
    visitor = server.client()
    token = form_token(visitor.get("/login?next=/console").text)
    res = visitor.post("/login", data={"employee_id": "E999999", "csrf_token": token})
    assert res.status_code == 400 and "no employee" in res.text.lower()
    token = form_token(res.text)
    res = visitor.post("/login", data={"employee_id": server.runtime.itsm.pick_employee(503),
                                       "csrf_token": token, "next": "/console"})
    assert res.status_code == 403 and "not IT staff" in res.text
    assert "zd_session" not in visitor.cookies


def test_console_pages_send_non_staff_to_sign_in(server: LiveServer) -> None:
    for client in (server.client(), cookie_login(server, server.runtime.itsm.pick_employee(504))):
        res = client.get("/console/role-card")
        assert res.status_code == 303
        assert res.headers["location"] == "/login?next=/console/role-card&staff=1"
    page = server.client().get("/login?next=/console&staff=1")
    assert "for IT staff" in page.text


def test_sign_out_form_needs_the_session_token(server: LiveServer) -> None:
    client = cookie_login(server, server.runtime.itsm.pick_employee(505))
    assert client.post("/logout", data={}).status_code == 403
    csrf = client.get("/api/session").json()["csrf"]
    res = client.post("/logout", data={"csrf_token": csrf})
    assert res.status_code == 303 and res.headers["location"] == "/login"
    assert "zd_session" not in client.cookies
    assert client.get("/api/session").status_code == 401


@pytest.mark.parametrize("path", ["/", "/login", "/embed", "/console", "/kb/KB-1101",
                                  "/static/widget.js", "/api/role-card", "/healthz"])
def test_security_headers(server: LiveServer, path: str) -> None:
    res = server.client().get(path)
    policy = res.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "style-src 'self';" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "object-src 'none'" in policy
    assert res.headers["x-content-type-options"] == "nosniff"
    expected = ANCESTORS if path == "/embed" else "'self'"
    assert policy.endswith(f"frame-ancestors {expected}"), policy
    if path.startswith("/api/"):
        assert res.headers["cache-control"] == "no-store"


def test_frame_ancestors_comes_from_the_environment_and_is_validated(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZERODESK_FRAME_ANCESTORS", "https://intranet.example.com")
    assert Settings().frame_ancestors == "https://intranet.example.com"
    for bad in ("'self'\r\nSet-Cookie: x=1", "", "'self'; script-src *", "'none' 'self'"):
        with pytest.raises(ConfigError, match="ZERODESK_FRAME_ANCESTORS"):
            create_app(Settings(frame_ancestors=bad))


REAL_KEY = "k7Qz-not-the-default-" + "x" * 40


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.1.2.3", "help.example.com"])
def test_the_default_key_is_refused_on_a_reachable_host(
        host: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZERODESK_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="ZERODESK_SECRET_KEY .*binds"):
        create_app(Settings(host=host))
    create_app(Settings(host=host, secret_key=REAL_KEY))  # a real key serves anywhere


def test_the_default_key_is_refused_without_the_dev_login(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZERODESK_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="ZERODESK_SECRET_KEY .*sign-in is off"):
        create_app(Settings(dev_login=False))
    create_app(Settings(dev_login=False, secret_key=REAL_KEY))


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.1.1"])
def test_the_default_key_only_warns_on_loopback(host: str, caplog: pytest.LogCaptureFixture,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZERODESK_SECRET_KEY", raising=False)
    create_app(Settings(host=host))
    assert "ZERODESK_SECRET_KEY is the published development default" in caplog.text
    caplog.clear()
    create_app(Settings(host=host, secret_key=REAL_KEY))
    assert "ZERODESK_SECRET_KEY" not in caplog.text


def test_serve_refuses_to_start_with_the_default_key_on_a_reachable_host(
        tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZERODESK_")}
    env.update(ZERODESK_DATA_DIR=str(tmp_path), ZERODESK_HOST="0.0.0.0",
               ZERODESK_PORT=str(free_port()))
    zerodesk = Path(sys.executable).with_name("zerodesk")
    done = subprocess.run([str(zerodesk), "serve"], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "zerodesk serve: error: ZERODESK_SECRET_KEY is the published default" in done.stderr
    assert not (tmp_path / "itsm.db").exists()  # refused before anything was built


def test_a_request_on_a_reachable_address_is_refused_with_the_default_key(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``zerodesk serve --host 0.0.0.0`` gives uvicorn the host, not the settings; a request
    that arrives on a non-loopback address is refused instead of served."""
    monkeypatch.delenv("ZERODESK_SECRET_KEY", raising=False)
    # No lifespan (no ``with``): a static file needs no runtime, and nothing is built.
    app = create_app(Settings())
    res = TestClient(app, base_url="http://10.1.2.3").get("/static/widget.js")  # server addr
    assert res.status_code == 500
    assert "ZERODESK_SECRET_KEY" in res.json()["error"]["message"]
    assert TestClient(app, base_url="http://127.0.0.1").get("/static/widget.js").status_code \
        == 200
    real = create_app(Settings(secret_key=REAL_KEY))
    assert TestClient(real, base_url="http://10.1.2.3").get("/static/widget.js").status_code \
        == 200


class InlineFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {k.lower(): v or "" for k, v in attrs}
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script":
            self._in_script = True
            if not names.get("src"):
                self.problems.append("<script> without src")
        for key, value in names.items():
            if key == "style" or key.startswith("on"):
                self.problems.append(f"<{tag} {key}=...>")
            if value.strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {key}=javascript:...>")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.problems.append("inline script text")


@pytest.mark.parametrize("page", sorted(p.name for p in STATIC.glob("*.html")))
def test_pages_have_no_inline_script_or_style(page: str) -> None:
    finder = InlineFinder()
    finder.feed((STATIC / page).read_text(encoding="utf-8"))
    assert not finder.problems, finder.problems


@pytest.mark.parametrize("script", sorted(p.name for p in STATIC.glob("*.js")))
def test_scripts_build_dom_without_html_strings_or_inline_style(script: str) -> None:
    source = (STATIC / script).read_text(encoding="utf-8")
    for risky in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                  "new Function", ".style.", '"style"', "setTimeout(\"", "javascript:"):
        assert risky not in source, f"{script} uses {risky}"


def test_turns_are_rate_limited_per_employee(server: LiveServer) -> None:
    busy = server.client(server.runtime.itsm.pick_employee(506))
    for _ in range(3):
        assert busy.post("/api/chat", json={"message": "hi"}).status_code == 200
    for path in ("/api/chat", "/api/chat/stream"):
        res = busy.post(path, json={"message": "hi"})
        assert res.status_code == 429, res.text
        wait = int(res.headers["retry-after"])
        assert 1 <= wait <= 60
        error = res.json()["error"]
        assert error["type"] == "RateLimited" and error["retry_after"] == wait
        assert "the limit is 3 a minute" in error["message"]
    calm = server.client(server.runtime.itsm.pick_employee(507))
    assert calm.post("/api/chat", json={"message": "hi"}).status_code == 200
    assert busy.get("/api/session").status_code == 200  # reading is never limited


def test_rate_limiter_window_slides() -> None:
    now = [1000.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    limiter.hit("a")
    now[0] += 10
    limiter.hit("a")
    limiter.hit("b")
    with pytest.raises(RateLimited) as denied:
        limiter.hit("a")
    assert denied.value.retry_after == 50
    now[0] += 50
    limiter.hit("a")  # the first hit left the window
    with pytest.raises(RateLimited):
        limiter.hit("a")
