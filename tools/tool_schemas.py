"""Pydantic argument schemas of the tools, as the model sees them (minus injected fields).

The acting employee is never a field: it is bound from the session. ``for_employee`` names the
*target* and is honoured only for verified IT staff; ``idempotency_key`` is injected by the
caller and hidden from the model's tool-call schema.
"""

from __future__ import annotations

from typing import Annotated, Literal

from langchain_core.tools import InjectedToolArg
from pydantic import BaseModel, ConfigDict, Field, model_validator

EMPLOYEE_ID = r"^E\d{6}$"
TICKET_NUMBER = r"^(INC|REQ)\d{7}$"
Category = Literal[
    "account", "access", "software", "hardware", "network", "email", "collaboration",
    "security", "application", "other",
]
IdempotencyKey = Annotated[str | None, InjectedToolArg]
ForEmployee = Annotated[
    str | None,
    Field(
        default=None,
        pattern=EMPLOYEE_ID,
        description="IT staff only: the employee to act for. Leave empty to act for yourself.",
    ),
]


class _Args(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    idempotency_key: IdempotencyKey = None


class ResetPasswordArgs(_Args):
    for_employee: ForEmployee = None


class UnlockAccountArgs(_Args):
    for_employee: ForEmployee = None


class ResetMfaArgs(_Args):
    for_employee: ForEmployee = None


class RequestSoftwareArgs(_Args):
    software: str = Field(min_length=1, max_length=80, description="Catalogue title or alias")
    justification: str | None = Field(default=None, max_length=500)
    for_employee: ForEmployee = None


class RequestAccessArgs(_Args):
    group: str = Field(min_length=1, max_length=80, description="Access group name or alias")
    justification: str | None = Field(default=None, max_length=500)
    for_employee: ForEmployee = None


class CreateIncidentArgs(_Args):
    short_description: str = Field(min_length=3, max_length=160)
    description: str = Field(default="", max_length=4000)
    category: Category = "other"
    impact: int = Field(default=3, ge=1, le=3, description="1 = many people .. 3 = one person")
    urgency: int = Field(default=3, ge=1, le=3, description="1 = work stopped .. 3 = can wait")
    for_employee: ForEmployee = None


class CreateRequestArgs(_Args):
    short_description: str = Field(min_length=3, max_length=160)
    description: str = Field(default="", max_length=4000)
    category: Category = "other"
    urgency: int = Field(default=2, ge=1, le=3)
    for_employee: ForEmployee = None


class GetMyTicketsArgs(_Args):
    state: Literal["open", "closed", "all"] = "open"
    limit: int = Field(default=10, ge=1, le=50)
    for_employee: ForEmployee = None


class UpdateTicketArgs(_Args):
    ticket: str = Field(pattern=TICKET_NUMBER)
    action: Literal["comment", "close", "reopen", "cancel"]
    comment: str | None = Field(default=None, max_length=4000)

    @model_validator(mode="after")
    def _comment_when_needed(self) -> UpdateTicketArgs:
        if self.action in ("comment", "reopen") and not (self.comment or "").strip():
            raise ValueError(f"'{self.action}' needs a comment saying why")
        return self


class CheckServiceStatusArgs(_Args):
    service: str | None = Field(default=None, max_length=60)
