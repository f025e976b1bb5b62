"""The outcome of one tool call, as the graph and the ledger see it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal, cast

ResultStatus = Literal["completed", "pending_approval", "denied", "failed"]
RESULT_STATUSES: tuple[ResultStatus, ...] = ("completed", "pending_approval", "denied", "failed")


@dataclass(frozen=True)
class ToolResult:
    tool: str
    status: ResultStatus
    message: str  # safe to show the employee: no secrets, no other person's data
    data: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "tool": self.tool, "status": self.status, "message": self.message, "data": self.data
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ToolResult:
        status = raw["status"]
        if status not in RESULT_STATUSES:
            raise ValueError(f"stored result has unknown status {status!r}")
        return cls(
            tool=str(raw["tool"]),
            status=cast(ResultStatus, status),
            message=str(raw["message"]),
            data=dict(raw["data"]),
        )

    def __str__(self) -> str:
        # A langchain ToolMessage stringifies the tool's return value; give the model JSON.
        return json.dumps(self.to_json(), sort_keys=True, default=str)
