"""Security headers as plain ASGI middleware (it leaves streamed responses alone).

The CSP allows no inline script or style anywhere. Only the embeddable widget page (``/embed``)
may be framed by the origins in ``ZERODESK_FRAME_ANCESTORS``; every other page only by itself.
"""

from __future__ import annotations

import re

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import ConfigError
from app.settings import Settings

EMBED_PATH = "/embed"
_SOURCE = re.compile(r"^(?:'self'|'none'|\*|(?:https?:)?(?://)?[A-Za-z0-9*.-]+(?::(?:\d+|\*))?"
                     r"|https?:)$")


def frame_ancestors(value: str) -> str:
    """Validate ``ZERODESK_FRAME_ANCESTORS``: CSP sources separated by spaces."""
    sources = value.split()
    if not sources or not all(_SOURCE.match(s) for s in sources):
        raise ConfigError(
            f"ZERODESK_FRAME_ANCESTORS: {value!r} is not a list of CSP sources "
            "(e.g. \"'self' https://intranet.example.com\")")
    if "'none'" in sources and len(sources) > 1:
        raise ConfigError("ZERODESK_FRAME_ANCESTORS: 'none' cannot be combined with sources")
    return " ".join(sources)


def csp(ancestors: str) -> str:
    return ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            f"frame-ancestors {ancestors}")


class SecurityHeaders:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        common = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}
        self.embed = {**common, "Content-Security-Policy": csp(
            frame_ancestors(settings.frame_ancestors))}
        self.other = {**common, "Content-Security-Policy": csp("'self'")}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        extra = dict(self.embed if path == EMBED_PATH else self.other)
        if path.startswith("/api/"):
            # Transcripts and tickets are personal: never kept by a shared cache.
            extra["Cache-Control"] = "no-store"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in extra.items():
                    if key not in headers:
                        headers[key] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
