"""Security headers as plain ASGI middleware (it leaves streamed responses alone).

The CSP allows no inline script or style anywhere. Only the embeddable widget page (``/embed``)
may be framed by the origins in ``ZERODESK_FRAME_ANCESTORS``; every other page only by itself.
"""

from __future__ import annotations

import ipaddress
import logging
import re

from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.errors import error_body, status_for
from app.errors import ConfigError
from app.settings import Settings

log = logging.getLogger("zerodesk.security")
EMBED_PATH = "/embed"
# The published default: anyone who has read the source can sign a session with it.
DEFAULT_SECRET_KEY = str(Settings.model_fields["secret_key"].default)
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


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a name or a wildcard ("0.0.0.0", "::") reaches other machines


def check_signing_key(settings: Settings, host: str | None = None) -> None:
    """Refuse to serve with the published default key where it matters.

    Anyone can forge a session (any employee, IT staff included) signed with the default key.
    That is tolerable only for development: on a loopback address with the development
    sign-in on (which signs anyone in anyway). Anything else needs a real key.
    """
    if settings.secret_key != DEFAULT_SECRET_KEY:
        return
    bound = settings.host if host is None else host
    hint = ("set ZERODESK_SECRET_KEY to a long random value, e.g. "
            "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`")
    if not is_loopback(bound):
        raise ConfigError(f"ZERODESK_SECRET_KEY is the published default and the server binds "
                          f"{bound!r}, which other machines can reach: {hint}")
    if not settings.dev_login:
        raise ConfigError("ZERODESK_SECRET_KEY is the published default while the development "
                          f"sign-in is off (real sign-in is configured): {hint}")
    log.warning("ZERODESK_SECRET_KEY is the published development default; fine on %s for "
                "development only", bound)


class DefaultKeyGuard:
    """Installed only while the default key is in use (development on loopback, the one case
    ``check_signing_key`` lets through). ``zerodesk serve --host`` hands its host to uvicorn,
    not to the settings, so a bind to a reachable address can get past the startup check: a
    request arriving on a non-loopback address is then refused, never served."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        server = scope.get("server") if scope["type"] in ("http", "websocket") else None
        if server and not is_loopback(str(server[0])):
            exc = ConfigError(f"ZERODESK_SECRET_KEY is the published default and this request "
                              f"arrived on {server[0]}, which other machines can reach; "
                              "set a real key and restart")
            log.error("%s", exc)
            response = JSONResponse(error_body(exc), status_code=status_for(exc))
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


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
