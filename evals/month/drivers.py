"""How a replayed employee talks to the agent: in-process (the API's own ``Conversations``) or
over HTTP against a running server. Both return the brief's per-turn contract plus bookkeeping.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Protocol

import httpx

from app.conversation import Conversations

REPLY_KEEP = 600  # characters of each reply kept in results.jsonl (scoring sees all of it)


class Driver(Protocol):
    def send(self, employee: str, thread_id: str, text: str) -> dict[str, Any]: ...

    def close(self) -> None: ...


def _turn(body: dict[str, Any], trace: list[dict[str, Any]], wall_ms: float) -> dict[str, Any]:
    escalation = body.get("escalation")
    return {
        "outcome": body["outcome"],
        "intent": body.get("intent"),
        "reply": body.get("reply", ""),
        "citations": list(body.get("citations") or []),
        "actions": [{"tool": a["tool"], "status": a["status"]} for a in body.get("actions", [])],
        "escalation": None if not escalation else {
            k: escalation.get(k) for k in ("reason", "group", "priority", "ticket", "id")},
        "refusal": body.get("refusal"),
        "guardrails": [{"check": g.get("check"), "action": g.get("action"), "code": g.get("code")}
                       for g in body.get("guardrails", []) if g.get("code")],
        "latency_ms": round(float(body.get("latency_ms") or 0.0), 2),
        "wall_ms": round(wall_ms, 2),
        "trace": [{"node": t["node"], "ms": t["ms"]} for t in trace],
    }


class InProcess:
    """The same ``Conversations.send`` the FastAPI chat route calls."""

    def __init__(self, conversations: Conversations) -> None:
        self.conversations = conversations

    def send(self, employee: str, thread_id: str, text: str) -> dict[str, Any]:
        started = time.perf_counter()
        result = self.conversations.send(employee, thread_id, text)
        wall = (time.perf_counter() - started) * 1000
        body = result.api()
        body["escalation"] = result.escalation
        return _turn(body, result.trace, wall)

    def close(self) -> None:
        return None


class OverHttp:
    """``POST /api/login`` once per employee, then ``POST /api/chat`` per turn."""

    def __init__(self, base_url: str, timeout: float = 60.0) -> None:
        self.client = httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout)
        self._tokens: dict[str, str] = {}
        self._lock = threading.Lock()

    def _token(self, employee: str) -> str:
        with self._lock:
            token = self._tokens.get(employee)
        if token is None:
            res = self.client.post("/api/login", json={"employee_id": employee})
            res.raise_for_status()
            token = str(res.json()["token"])
            with self._lock:
                self._tokens[employee] = token
        return token

    def send(self, employee: str, thread_id: str, text: str) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self._token(employee)}"}
        started = time.perf_counter()
        for attempt in range(6):
            res = self.client.post("/api/chat", json={"message": text, "thread_id": thread_id},
                                   headers=headers)
            if res.status_code != 429:
                break
            # The per-session rate limit: back off as a person retrying would.
            time.sleep(min(2.0 ** attempt, 20.0))
        res.raise_for_status()
        return _turn(res.json(), [], (time.perf_counter() - started) * 1000)

    def close(self) -> None:
        self.client.close()
