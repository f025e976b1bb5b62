"""Signed session tokens (itsdangerous). A company's SSO (OIDC) replaces the dev login only.

Where SSO plugs in (see ``docs/auth.md``): an OIDC callback route verifies the ID token, maps
its subject or email claim to an employee id in the directory, and calls ``Sessions.issue()``
exactly as the development login does. Everything downstream sees the same ``Session``.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import Literal

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app.errors import Forbidden, Unauthenticated

Role = Literal["employee", "staff"]
COOKIE = "zd_session"
LOGIN_COOKIE = "zd_login"  # double-submit token for the sign-in form (login CSRF)
MAX_AGE_SECONDS = 12 * 3600
LOGIN_FORM_SECONDS = 3600


@dataclass(frozen=True)
class Session:
    employee_id: str
    role: Role
    csrf: str

    @property
    def is_staff(self) -> bool:
        return self.role == "staff"


def role_for(directory_role: str) -> Role:
    """IT staff in the directory get the console; everyone else is an employee."""
    return "staff" if directory_role == "it_staff" else "employee"


def safe_next(target: str | None, default: str) -> str:
    """Only local paths after sign-in: never an open redirect to another site."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


class Sessions:
    def __init__(self, secret: str) -> None:
        self._signer = URLSafeTimedSerializer(secret, salt="zerodesk-session")
        self._forms = URLSafeTimedSerializer(secret, salt="zerodesk-login-form")

    def issue(self, employee_id: str, role: Role) -> tuple[str, Session]:
        session = Session(employee_id, role, secrets.token_urlsafe(16))
        token = self._signer.dumps({"e": employee_id, "r": role, "c": session.csrf})
        return token, session

    def read(self, token: str) -> Session:
        try:
            data = self._signer.loads(token, max_age=MAX_AGE_SECONDS)
        except SignatureExpired as exc:
            raise Unauthenticated("session expired; sign in again") from exc
        except BadSignature as exc:
            raise Unauthenticated("session token is invalid") from exc
        role = data.get("r") if isinstance(data, dict) else None
        if role not in ("employee", "staff"):
            raise Unauthenticated("session token is invalid")
        return Session(str(data["e"]), role, str(data["c"]))

    def login_form_token(self) -> str:
        """A fresh token for the sign-in form; the same value goes in a cookie."""
        return str(self._forms.dumps(secrets.token_urlsafe(16)))

    def check_login_form(self, cookie: str | None, field: str | None) -> None:
        if not cookie or not field or not hmac.compare_digest(cookie, field):
            raise Forbidden("the sign-in form expired or was not sent from this site; reload "
                            "the sign-in page and try again")
        try:
            self._forms.loads(field, max_age=LOGIN_FORM_SECONDS)
        except BadSignature as exc:
            raise Forbidden("the sign-in form token is invalid; reload the page") from exc
