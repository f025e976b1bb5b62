"""The one place typed errors become HTTP responses: {"error": {"type", "message"}}."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError

from app.api.ratelimit import RateLimited
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
    (RateLimited, 429), (BadInput, 400), (InvalidArguments, 400), (Unauthenticated, 401),
    (Forbidden, 403), (NotAllowed, 403), (NotFound, 404), (ToolNotFound, 404), (Conflict, 409),
    (ToolConflict, 409), (Unavailable, 503), (KnowledgeError, 503), (OperationalError, 503),
    (ConfigError, 500),
)
BUSY_RETRY_SECONDS = 2


def _body(kind: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"type": kind, "message": message}}


def error_body(exc: Exception) -> dict[str, dict[str, str]]:
    """The JSON body for ``exc``; unexpected errors keep their details in the log only."""
    if isinstance(exc, OperationalError):
        return _body("Unavailable", "the database is busy or unreachable; try again shortly")
    if status_for(exc) >= 500 and not isinstance(exc, ZerodeskError | ToolError | KnowledgeError):
        return _body("InternalError", "something went wrong on our side; it has been logged")
    message = exc.reason if isinstance(exc, ToolError) else str(exc)
    return _body(type(exc).__name__, message)


def status_for(exc: Exception) -> int:
    return next((code for cls, code in STATUS if isinstance(exc, cls)), 500)


def install(app: FastAPI) -> None:
    async def typed(request: Request, exc: Exception) -> JSONResponse:
        code = status_for(exc)
        if code >= 500:
            log.error("request %s failed", request.url.path, exc_info=exc)
        return JSONResponse(error_body(exc), status_code=code)

    async def limited(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RateLimited)
        body: dict[str, Any] = error_body(exc)
        body["error"]["retry_after"] = exc.retry_after
        return JSONResponse(body, status_code=429,
                            headers={"Retry-After": str(exc.retry_after)})

    async def database(request: Request, exc: Exception) -> JSONResponse:
        # A locked or unreachable database is a dependency outage: say so and when to retry.
        log.error("request %s hit a database error", request.url.path, exc_info=exc)
        return JSONResponse(error_body(exc), status_code=503,
                            headers={"Retry-After": str(BUSY_RETRY_SECONDS)})

    async def invalid(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
            problems.append(f"{where}: {err.get('msg')}")
        message = "; ".join(problems) or "request body is not valid"
        return JSONResponse(_body("BadInput", message), status_code=422)

    app.add_exception_handler(RateLimited, limited)
    app.add_exception_handler(ZerodeskError, typed)
    app.add_exception_handler(ToolError, typed)
    app.add_exception_handler(KnowledgeError, typed)
    app.add_exception_handler(OperationalError, database)
    app.add_exception_handler(RequestValidationError, invalid)
