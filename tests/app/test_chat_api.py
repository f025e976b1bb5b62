"""The walking skeleton end to end: real uvicorn, real graph, real Chroma, real ITSM."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import LiveServer
from tools.context import Actor
from tools.models import Employee


def staff_id(server: LiveServer) -> str:
    with server.runtime.engine.connect() as conn:
        row = conn.execute(select(Employee.id).where(Employee.role == "it_staff")
                           .order_by(Employee.id)).first()
    assert row is not None
    return str(row[0])


def employee(server: LiveServer, n: int) -> str:
    return server.runtime.itsm.pick_employee(n)


def test_healthz(live_server: LiveServer) -> None:
    res = live_server.client().get("/healthz")
    assert res.status_code == 200
    assert res.json()["status"] == "ok" and res.json()["kb_chunks"] > 0


def test_kb_question_is_answered_with_a_citation(live_server: LiveServer) -> None:
    client = live_server.client(employee(live_server, 1))
    res = client.post("/api/chat", json={"message": "how do I connect to the VPN from home"})
    assert res.status_code == 200, res.text
    body = res.json()
    assert body["outcome"] == "answered", body
    assert body["intent"] == "kb_question"
    assert body["citations"], body
    cited = body["citations"][0]
    assert f"/kb/{cited}" in body["reply"]
    article = client.get(f"/kb/{cited}")
    assert article.status_code == 200 and "vpn" in article.text.lower()


def test_password_reset_confirms_then_completes(live_server: LiveServer) -> None:
    who = employee(live_server, 2)
    client = live_server.client(who)
    first = client.post("/api/chat", json={"message": "I forgot my password"}).json()
    assert first["outcome"] == "awaiting_confirmation", first
    assert first["actions"][0]["tool"] == "reset_password"
    assert first["actions"][0]["status"] == "pending_confirmation"
    second = client.post("/api/chat", json={"message": "yes",
                                            "thread_id": first["thread_id"]}).json()
    assert second["outcome"] == "action_completed", second
    assert second["actions"][0]["status"] == "completed"
    audit = live_server.runtime.itsm.audit(actor=Actor("staff", staff_id(live_server)),
                                           limit=50)
    assert any(a.action == "account.reset_password" and who in (a.actor_id, a.on_behalf_of or "")
               for a in audit)


def test_a_failing_node_ends_in_a_recorded_escalation(live_server: LiveServer,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("retriever exploded")

    monkeypatch.setattr(live_server.runtime.retriever, "search_vector", broken)
    client = live_server.client(employee(live_server, 3))
    body = client.post("/api/chat", json={"message": "outlook keeps crashing on start"}).json()
    assert body["outcome"] == "escalated", body
    assert body["escalation"]["reason"] == "unexpected_error"
    assert body["escalation"]["ticket"]
    staff = Actor("staff", staff_id(live_server))
    queue = live_server.runtime.itsm.list_escalations(actor=staff, status="open")
    assert any(e.thread_id == body["thread_id"] for e in queue)


@pytest.mark.parametrize(
    ("payload", "status", "needle"),
    [
        pytest.param(b'{"message": "hi"', 422, "JSON", id="malformed-json"),
        pytest.param(b'{"message": "   "}', 400, "empty", id="empty-message"),
        pytest.param(('{"message": "' + "a" * 5000 + '"}').encode(), 400, "limit",
                     id="over-long-message"),
        pytest.param(b'{"text": "hi"}', 422, "message", id="missing-field"),
    ],
)
def test_bad_input_gets_a_clear_4xx(live_server: LiveServer, payload: bytes, status: int,
                                    needle: str) -> None:
    client = live_server.client(employee(live_server, 4))
    res = client.post("/api/chat", content=payload,
                      headers={"Content-Type": "application/json"})
    assert res.status_code == status, res.text
    assert needle.lower() in res.json()["error"]["message"].lower()


def test_chat_needs_a_session(live_server: LiveServer) -> None:
    res = live_server.client().post("/api/chat", json={"message": "hi"})
    assert res.status_code == 401
    assert "sign in" in res.json()["error"]["message"]
