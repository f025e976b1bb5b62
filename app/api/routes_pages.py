"""Pages: the widget, the console, the dev login and rendered KB articles."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import nh3
from fastapi import APIRouter, Form
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from markdown_it import MarkdownIt

from app.api.auth import COOKIE, MAX_AGE_SECONDS, role_for
from app.api.deps import RuntimeDep, SessionsDep
from app.errors import BadInput, NotFound
from knowledge.articles import ARTICLE_ID

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
router = APIRouter()
_md = MarkdownIt("commonmark", {"html": False})


@router.get("/", include_in_schema=False)
def widget_page() -> FileResponse:
    return FileResponse(STATIC / "index.html")


@router.get("/console", include_in_schema=False)
def console_page() -> FileResponse:
    return FileResponse(STATIC / "console.html")


@router.get("/login", include_in_schema=False)
def login_page() -> FileResponse:
    return FileResponse(STATIC / "login.html")


@router.post("/login", include_in_schema=False)
def login(employee_id: Annotated[str, Form()], runtime: RuntimeDep,
          sessions: SessionsDep) -> RedirectResponse:
    employee = runtime.itsm.get_employee(employee_id.strip().upper())
    if employee is None:
        raise BadInput(f"unknown employee id {employee_id!r}")
    role = role_for(employee.role)
    token, _ = sessions.issue(employee.id, role)
    target = "/console" if role == "staff" else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, token, max_age=MAX_AGE_SECONDS, httponly=True,
                        samesite="lax", secure=False)
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
    html = nh3.clean(_md.render(body))
    page = (STATIC / "article.html").read_text(encoding="utf-8")
    return HTMLResponse(page.replace("{{title}}", nh3.clean_text(title))
                        .replace("{{id}}", nh3.clean_text(article_id)).replace("{{body}}", html))
