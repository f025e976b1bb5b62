"""Pages: the widget, its embeddable frame, the console, the dev sign-in and KB articles.

No page carries inline script or style (the CSP forbids both); the few server-filled values
(the sign-in form's token, article text) are escaped into static templates.
"""

from __future__ import annotations

import hmac
import html
import re
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

import nh3
from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from markdown_it import MarkdownIt
from sqlalchemy import select

from app.api.auth import COOKIE, LOGIN_COOKIE, LOGIN_FORM_SECONDS, MAX_AGE_SECONDS, role_for
from app.api.auth import safe_next as local_path
from app.api.deps import RuntimeDep, SessionsDep, read_session
from app.api.routes_chat import ThreadId
from app.errors import BadInput, Forbidden, NotFound, ZerodeskError
from app.runtime import Runtime
from knowledge.articles import ARTICLE_ID
from tools.models import Employee

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
router = APIRouter()
_md = MarkdownIt("commonmark", {"html": False})
_SLOT = re.compile(r"\{\{(\w+)\}\}")


def fill(template: str, values: dict[str, str]) -> str:
    """One pass over the template, so a filled value is never filled again."""
    return _SLOT.sub(lambda m: values.get(m.group(1), ""), template)


@router.get("/", include_in_schema=False)
def widget_page() -> FileResponse:
    return FileResponse(STATIC / "index.html")


@router.get("/embed", include_in_schema=False)
def embed_page() -> FileResponse:
    """What ``widget.js`` frames on another origin (``ZERODESK_FRAME_ANCESTORS``)."""
    return FileResponse(STATIC / "embed.html")


def _console(request: Request, sessions: SessionsDep, page: str) -> Response:
    try:
        session = read_session(request, sessions)
    except ZerodeskError:
        session = None
    if session is None or not session.is_staff:
        target = quote(request.url.path, safe="/")
        return RedirectResponse(f"/login?next={target}&staff=1", status_code=303)
    return FileResponse(STATIC / page)


@router.get("/console", include_in_schema=False)
def console_page(request: Request, sessions: SessionsDep) -> Response:
    return _console(request, sessions, "console.html")


@router.get("/console/thread/{thread_id}", include_in_schema=False)
def console_thread_page(thread_id: ThreadId, request: Request, sessions: SessionsDep) -> Response:
    return _console(request, sessions, "console-detail.html")


@router.get("/console/approval/{approval_id}", include_in_schema=False)
def console_approval_page(approval_id: int, request: Request,
                          sessions: SessionsDep) -> Response:
    return _console(request, sessions, "console-detail.html")


@router.get("/console/role-card", include_in_schema=False)
def role_card_page(request: Request, sessions: SessionsDep) -> Response:
    return _console(request, sessions, "role-card.html")


def _samples(runtime: Runtime) -> list[tuple[str, str]]:
    """A few seeded people to pick from: ordinary employees, then IT staff."""
    ids = [runtime.itsm.pick_employee(n) for n in (1, 2, 3)]
    with runtime.engine.connect() as conn:
        ids += [str(r) for r in conn.scalars(
            select(Employee.id).where(Employee.role == "it_staff", Employee.status == "active")
            .order_by(Employee.id).limit(2))]
    out = []
    for employee_id in dict.fromkeys(ids):
        view = runtime.itsm.get_employee(employee_id)
        if view is not None:
            kind = "IT staff" if role_for(view.role) == "staff" else "employee"
            out.append((view.id, f"{view.name} ({kind}, {view.department})"))
    return out


def _login_page(runtime: Runtime, sessions: SessionsDep, next_path: str, error: str = "",
                status: int = 200) -> HTMLResponse:
    if not runtime.settings.dev_login:
        raise NotFound("development sign-in is disabled; sign in through your company's SSO")
    token = sessions.login_form_token()
    options = "\n".join(f'<option value="{html.escape(i)}">{html.escape(label)}</option>'
                        for i, label in _samples(runtime))
    page = fill((STATIC / "login.html").read_text(encoding="utf-8"), {
        "csrf": html.escape(token), "next": html.escape(next_path), "options": options,
        "error": html.escape(error), "error_hidden": "" if error else "hidden"})
    response = HTMLResponse(page, status_code=status)
    response.set_cookie(LOGIN_COOKIE, token, max_age=LOGIN_FORM_SECONDS, httponly=True,
                        samesite="strict", path="/login")
    return response


@router.get("/login", include_in_schema=False)
def login_page(runtime: RuntimeDep, sessions: SessionsDep, next: str = "/",
               staff: int = 0) -> HTMLResponse:
    error = "The console is for IT staff: sign in with an IT staff account." if staff else ""
    return _login_page(runtime, sessions, local_path(next, "/"), error)


@router.post("/login", include_in_schema=False)
def login(request: Request, runtime: RuntimeDep, sessions: SessionsDep,
          employee_id: Annotated[str, Form(max_length=16)] = "",
          csrf_token: Annotated[str, Form(max_length=200)] = "",
          next: Annotated[str, Form(max_length=300)] = "/") -> Response:
    if not runtime.settings.dev_login:
        raise NotFound("development sign-in is disabled; sign in through your company's SSO")
    sessions.check_login_form(request.cookies.get(LOGIN_COOKIE), csrf_token)
    target = local_path(next, "/")
    employee = runtime.itsm.get_employee(employee_id.strip().upper())
    if employee is None:
        return _login_page(runtime, sessions, target,
                           f"There is no employee {employee_id.strip()!r}.", 400)
    role = role_for(employee.role)
    if target.startswith("/console") and role != "staff":
        return _login_page(runtime, sessions, target,
                           f"{employee.id} is not IT staff; the console needs IT staff.", 403)
    token, _ = sessions.issue(employee.id, role)
    default = "/console" if role == "staff" else "/"
    response = RedirectResponse(target if target != "/" else default, status_code=303)
    response.set_cookie(COOKIE, token, max_age=MAX_AGE_SECONDS, httponly=True,
                        samesite="lax", secure=request.url.scheme == "https")
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request, sessions: SessionsDep,
           csrf_token: Annotated[str, Form(max_length=200)] = "") -> RedirectResponse:
    cookie = request.cookies.get(COOKIE)
    if cookie:
        try:
            session = sessions.read(cookie)
        except ZerodeskError:
            session = None  # an expired session signs out without a token
        if session is not None and not hmac.compare_digest(csrf_token, session.csrf):
            raise Forbidden("sign-out needs the form's csrf_token")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response


@router.get("/kb/{article_id}", response_class=HTMLResponse)
def kb_article(article_id: str, runtime: RuntimeDep) -> HTMLResponse:
    if not ARTICLE_ID.match(article_id):
        raise BadInput("not an article id")
    chunks = runtime.retriever.chunks_of(article_id)
    if not chunks or chunks[0].audience != "everyone":
        raise NotFound(f"no article {article_id}")
    # Rendered from the indexed chunks, so the page shows exactly what answers cite.
    body = "\n\n".join(c.text for c in chunks)
    title = chunks[0].title
    article = nh3.clean(_md.render(body))
    page = (STATIC / "article.html").read_text(encoding="utf-8")
    return HTMLResponse(fill(page, {"title": html.escape(title), "id": html.escape(article_id),
                                    "body": article}))
