"""The FastAPI app factory. The runtime is built in the lifespan, once, never at import."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

from app.api import (
    errors,
    routes_approver,
    routes_chat,
    routes_console,
    routes_itsm,
    routes_pages,
    routes_staff,
    routes_stream,
)
from app.api.auth import Sessions
from app.api.ratelimit import RateLimiter
from app.api.routes_pages import STATIC
from app.api.security import (
    DEFAULT_SECRET_KEY,
    DefaultKeyGuard,
    SecurityHeaders,
    check_signing_key,
    frame_ancestors,
)
from app.background import BackgroundJobs
from app.runtime import Runtime, build_runtime
from app.settings import Settings

# Streamed turns run on their own bounded pool so a burst of them cannot starve other requests.
TURN_WORKERS = 32


def create_app(settings: Settings,
               runtime_factory: Callable[[Settings], Runtime] | None = None) -> FastAPI:
    factory = runtime_factory or build_runtime
    frame_ancestors(settings.frame_ancestors)  # a bad value fails at startup, not per request
    check_signing_key(settings)  # before anything is built: a forgeable key never serves

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = factory(settings)
        app.state.runtime = runtime
        app.state.sessions = Sessions(settings.secret_key)
        app.state.limiter = RateLimiter(settings.rate_limit_per_minute)
        app.state.turns = ThreadPoolExecutor(TURN_WORKERS, thread_name_prefix="zd-turn")
        app.state.jobs = BackgroundJobs.for_runtime(runtime)
        app.state.jobs.start()
        try:
            yield
        finally:
            app.state.jobs.stop()  # before the runtime closes the engine they write through
            app.state.turns.shutdown(wait=True)
            runtime.close()

    app = FastAPI(title="Zerodesk", version="0.1.0", lifespan=lifespan, docs_url=None,
                  redoc_url=None, openapi_url="/api/openapi.json")
    errors.install(app)
    app.add_middleware(SecurityHeaders, settings=settings)
    if settings.secret_key == DEFAULT_SECRET_KEY:
        app.add_middleware(DefaultKeyGuard)  # outermost: nothing runs for a refused request

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

    for module in (routes_chat, routes_stream, routes_staff, routes_approver, routes_console,
                   routes_itsm, routes_pages):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
