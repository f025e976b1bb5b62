"""Signed session tokens (itsdangerous). A company's SSO (OIDC) replaces ``dev_login`` only.

Where SSO plugs in: an OIDC callback route verifies the ID token, maps its subject/email claim to
an employee id in the directory, and calls ``issue()`` exactly as the development login does.
Everything downstream sees the same ``Session``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Literal

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app.errors import Unauthenticated

Role = Literal["employee", "staff"]
COOKIE = "zd_session"
MAX_AGE_SECONDS = 12 * 3600


@dataclass(frozen=True)
class Session:
    employee_id: str
    role: Role
    csrf: str


def role_for(directory_role: str) -> Role:
    """IT staff in the directory get the console; everyone else is an employee."""
    return "staff" if directory_role == "it_staff" else "employee"


class Sessions:
    def __init__(self, secret: str) -> None:
        self._signer = URLSafeTimedSerializer(secret, salt="zerodesk-session")

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
        role = data.get("r")
        if role not in ("employee", "staff"):
            raise Unauthenticated("session token is invalid")
        return Session(str(data["e"]), role, str(data["c"]))
