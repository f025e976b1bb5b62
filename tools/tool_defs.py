"""The langchain-core tools: one spec per tool, bound to an actor by closure.

Binding by closure means the acting employee is never part of any schema the model sees; the
idempotency key is an ``InjectedToolArg`` the graph adds when it invokes the tool.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from langchain_core.tools import BaseTool, StructuredTool
from pydantic import BaseModel

from tools import actions_account, actions_requests, actions_tickets
from tools.context import READ_TOOLS, Actor
from tools.results import ToolResult
from tools.runner import Handler, ToolRunner
from tools.tool_schemas import (
    CheckServiceStatusArgs,
    CreateIncidentArgs,
    CreateRequestArgs,
    GetMyTicketsArgs,
    RequestAccessArgs,
    RequestSoftwareArgs,
    ResetMfaArgs,
    ResetPasswordArgs,
    UnlockAccountArgs,
    UpdateTicketArgs,
)


@dataclass(frozen=True)
class ToolSpec:
    name: str
    description: str
    schema: type[BaseModel]
    handler: Handler

    @property
    def mutating(self) -> bool:
        return self.name not in READ_TOOLS


SPECS: dict[str, ToolSpec] = {
    spec.name: spec
    for spec in (
        ToolSpec("reset_password", "Send the employee a one-time password reset link to their "
                 "registered device and clear any lockout.", ResetPasswordArgs,
                 actions_account.reset_password),
        ToolSpec("unlock_account", "Unlock the employee's locked directory account.",
                 UnlockAccountArgs, actions_account.unlock_account),
        ToolSpec("reset_mfa", "Remove the employee's MFA devices so they can enrol a new one.",
                 ResetMfaArgs, actions_account.reset_mfa),
        ToolSpec("request_software", "Request a title from the software catalogue; grants it "
                 "or opens an approval per catalogue policy.", RequestSoftwareArgs,
                 actions_requests.request_software),
        ToolSpec("request_access", "Request membership of an access group (shared drive, app, "
                 "distribution list).", RequestAccessArgs, actions_requests.request_access),
        ToolSpec("create_incident", "Open an incident ticket for something broken.",
                 CreateIncidentArgs, actions_tickets.create_incident),
        ToolSpec("create_request", "Open a service request ticket for something needed.",
                 CreateRequestArgs, actions_tickets.create_request),
        ToolSpec("get_my_tickets", "List the employee's own tickets.", GetMyTicketsArgs,
                 actions_tickets.get_my_tickets),
        ToolSpec("update_ticket", "Comment on, close, reopen or cancel one of the employee's "
                 "own tickets.", UpdateTicketArgs, actions_tickets.update_ticket),
        ToolSpec("check_service_status", "Show service status and known outages.",
                 CheckServiceStatusArgs, actions_tickets.check_service_status),
    )
}


def bind_tool(runner: ToolRunner, spec: ToolSpec, actor: Actor) -> BaseTool:
    def run(**kwargs: Any) -> ToolResult:
        key = kwargs.pop("idempotency_key", None)
        args = spec.schema.model_validate(kwargs)
        return runner.run(spec.name, spec.handler, actor, args, key)

    return StructuredTool.from_function(
        func=run, name=spec.name, description=spec.description, args_schema=spec.schema
    )
