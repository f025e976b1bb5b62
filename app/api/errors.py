"""The one place typed errors become HTTP responses: {"error": {"type", "message"}}."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from app.errors import (
    BadInput,
    ConfigError,
    Conflict,
    Forbidden,
    NotFound,
    Unauthenticated,
    ZerodeskError,
)
from knowledge.errors import KnowledgeError
from tools.errors import Conflict as ToolConflict
from tools.errors import InvalidArguments, NotAllowed, ToolError, Unavailable
from tools.errors import NotFound as ToolNotFound

log = logging.getLogger("zerodesk.api")

STATUS: tuple[tuple[type[Exception], int], ...] = (
    (BadInput, 400), (InvalidArguments, 400), (Unauthenticated, 401), (Forbidden, 403),
    (NotAllowed, 403), (NotFound, 404), (ToolNotFound, 404), (Conflict, 409),
    (ToolConflict, 409), (Unavailable, 503), (KnowledgeError, 503), (ConfigError, 500),
)


def _body(kind: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"type": kind, "message": message}}


def status_for(exc: Exception) -> int:
    return next((code for cls, code in STATUS if isinstance(exc, cls)), 500)


def install(app: FastAPI) -> None:
    async def typed(request: Request, exc: Exception) -> JSONResponse:
        code = status_for(exc)
        if code >= 500:
            log.error("request %s failed", request.url.path, exc_info=exc)
        message = exc.reason if isinstance(exc, ToolError) else str(exc)
        return JSONResponse(_body(type(exc).__name__, message), status_code=code)

    async def invalid(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
            problems.append(f"{where}: {err.get('msg')}")
        message = "; ".join(problems) or "request body is not valid"
        return JSONResponse(_body("BadInput", message), status_code=422)

    app.add_exception_handler(ZerodeskError, typed)
    app.add_exception_handler(ToolError, typed)
    app.add_exception_handler(KnowledgeError, typed)
    app.add_exception_handler(RequestValidationError, invalid)
