"""The FastAPI app factory. The runtime is built in the lifespan, once, never at import."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

from app.api import errors, routes_chat, routes_pages, routes_staff
from app.api.auth import Sessions
from app.api.routes_pages import STATIC
from app.runtime import Runtime, build_runtime
from app.settings import Settings


def security_headers(settings: Settings) -> dict[str, str]:
    return {
        "Content-Security-Policy": (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"connect-src 'self'; object-src 'none'; base-uri 'none'; "
            f"frame-ancestors {settings.frame_ancestors}"
        ),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
    }


def create_app(settings: Settings,
               runtime_factory: Callable[[Settings], Runtime] | None = None) -> FastAPI:
    factory = runtime_factory or build_runtime

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = factory(settings)
        app.state.runtime = runtime
        app.state.sessions = Sessions(settings.secret_key)
        try:
            yield
        finally:
            runtime.close()

    app = FastAPI(title="Zerodesk", version="0.1.0", lifespan=lifespan)
    errors.install(app)
    headers = security_headers(settings)

    @app.middleware("http")
    async def add_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for key, value in headers.items():
            response.headers.setdefault(key, value)
        return response

    @app.get("/healthz")
    def healthz(request: Request) -> dict[str, Any]:
        runtime: Runtime = request.app.state.runtime
        return {"status": "ok", "kb_chunks": runtime.retriever.size,
                "role_card": runtime.role_card.version}

    @app.get("/metrics", include_in_schema=False)
    def metrics(request: Request) -> Response:
        runtime: Runtime = request.app.state.runtime
        return Response(runtime.conversations.metrics.render(),
                        media_type="text/plain; version=0.0.4")

    app.include_router(routes_chat.router)
    app.include_router(routes_staff.router)
    app.include_router(routes_pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
