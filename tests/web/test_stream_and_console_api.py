"""Server-sent events for turns and threads, and the console's API, over real HTTP."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from app.errors import Conflict
from tests.conftest import LiveServer
from tools.models import Employee

API_KEYS = {"outcome", "intent", "reply", "citations", "actions", "escalation", "refusal",
            "guardrails", "latency_ms", "thread_id", "turn", "handled_by"}


def frames(res: httpx.Response) -> Iterator[tuple[str, Any, str | None]]:
    """(event, data, id) for each server-sent event; comments and retry hints are skipped."""
    event, data, event_id = "message", "", None
    for line in res.iter_lines():
        if not line:
            if data:
                yield event, json.loads(data), event_id
            event, data, event_id = "message", "", None
        elif line.startswith("event: "):
            event = line[7:]
        elif line.startswith("data: "):
            data += line[6:]
        elif line.startswith("id: "):
            event_id = line[4:]


def stream_turn(client: httpx.Client, message: str,
                thread_id: str | None = None) -> list[tuple[str, Any]]:
    with client.stream("POST", "/api/chat/stream",
                       json={"message": message, "thread_id": thread_id}) as res:
        assert res.status_code == 200, res.read()
        assert res.headers["content-type"].startswith("text/event-stream")
        return [(event, data) for event, data, _ in frames(res)]


def staff_ids(server: LiveServer) -> list[str]:
    with server.runtime.engine.connect() as conn:
        return [str(i) for i in conn.scalars(select(Employee.id).where(
            Employee.role == "it_staff", Employee.status == "active").order_by(Employee.id))]


def second_staff(server: LiveServer) -> str:
    return staff_ids(server)[1]


@pytest.fixture(scope="module")
def staff(live_server: LiveServer) -> httpx.Client:
    return live_server.client(staff_ids(live_server)[0])


def test_a_streamed_turn_reports_progress_then_the_result(live_server: LiveServer) -> None:
    client = live_server.client(live_server.runtime.itsm.pick_employee(601))
    got = stream_turn(client, "how do I connect to the VPN from home")
    kinds = [event for event, _ in got]
    assert kinds[0] == "progress" and kinds[-2:] == ["messages", "result"], kinds
    progress = [data["text"] for event, data in got if event == "progress"]
    assert "Searching the knowledge base…" in progress
    result = got[-1][1]
    assert set(result) == API_KEYS
    assert result["outcome"] == "answered" and result["citations"]
    stored = client.get(f"/api/threads/{result['thread_id']}/messages").json()["messages"]
    assert [m["id"] for m in stored] == got[-2][1]["ids"]
    assert [m["role"] for m in stored] == ["employee", "agent"]


def test_errors_during_a_streamed_turn_arrive_as_error_events(
        live_server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> None:
    client = live_server.client(live_server.runtime.itsm.pick_employee(602))

    def conflict(*args: object, **kwargs: object) -> None:
        raise Conflict("nothing is waiting for a decision in this conversation")

    monkeypatch.setattr(live_server.runtime.conversations, "send", conflict)
    event, data = stream_turn(client, "yes")[-1]
    assert event == "error" and data["status"] == 409
    assert data["error"] == {"type": "Conflict",
                             "message": "nothing is waiting for a decision in this conversation"}

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(live_server.runtime.conversations, "send", broken)
    event, data = stream_turn(client, "hello")[-1]
    assert event == "error" and data["status"] == 500
    assert "secret" not in json.dumps(data)

    def locked(*args: object, **kwargs: object) -> None:
        raise OperationalError("INSERT ...", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(live_server.runtime.conversations, "send", locked)
    event, data = stream_turn(client, "hello")[-1]
    assert event == "error" and data["status"] == 503
    plain = client.post("/api/chat", json={"message": "hello"})
    assert plain.status_code == 503 and plain.headers["retry-after"] == "2"
    assert plain.json()["error"]["type"] == "Unavailable"


def test_a_takeover_reply_reaches_the_employee_live(live_server: LiveServer,
                                                    staff: httpx.Client) -> None:
    client = live_server.client(live_server.runtime.itsm.pick_employee(603))
    first = client.post("/api/chat", json={"message": "I want to talk to a person"}).json()
    thread = first["thread_id"]
    with client.stream("GET", f"/api/threads/{thread}/events") as res:
        events = frames(res)
        assert next(events)[:2] == ("state", {"held": False})
        backlog = [next(events) for _ in range(2)]
        assert [d["role"] for _, d, _ in backlog] == ["employee", "agent"]
        assert staff.post(f"/api/threads/{thread}/takeover").status_code == 200
        assert next(events)[:2] == ("state", {"held": True})
        colleague = live_server.client(second_staff(live_server))
        clash = colleague.post(f"/api/threads/{thread}/takeover")
        assert clash.status_code == 409 and "hand it back" in clash.json()["error"]["message"]
        quiet = client.post("/api/chat", json={"message": "hello?", "thread_id": thread}).json()
        assert quiet["handled_by"] == "human" and quiet["reply"] == ""
        assert next(events)[1]["text"] == "hello?"
        sent = staff.post(f"/api/threads/{thread}/reply", json={"text": "Hi, I'm on it."})
        event, data, event_id = next(events)
        assert (event, data["role"], data["text"]) == ("message", "staff", "Hi, I'm on it.")
        assert event_id == str(sent.json()["message_id"])
    resumed = client.stream("GET", f"/api/threads/{thread}/events",
                            headers={"Last-Event-ID": str(event_id)})
    with resumed as res:
        assert next(frames(res))[:2] == ("state", {"held": True})  # nothing older is replayed
    transcript = client.get(f"/api/threads/{thread}/messages").json()["messages"]
    assert [m["role"] for m in transcript] == ["employee", "agent", "employee", "staff"]


def test_the_queue_is_ordered_by_sla_due_and_filterable(live_server: LiveServer,
                                                        staff: httpx.Client) -> None:
    client = live_server.client(live_server.runtime.itsm.pick_employee(604))
    client.post("/api/chat", json={"message": "I want to talk to a person"})
    first = client.post("/api/chat", json={"message": "I need Figma"}).json()
    client.post("/api/chat", json={"message": "yes", "thread_id": first["thread_id"]})
    queue = staff.get("/api/queue").json()
    items = queue["items"]
    assert {"escalation", "approval"} <= {i["kind"] for i in items}
    assert [i["due"] for i in items] == sorted(i["due"] for i in items)
    for key, value in (("group", items[0]["group"]), ("reason", "approval_required"),
                       ("priority", items[-1]["priority"])):
        assert value in queue["filters"][key]
        chosen = staff.get("/api/queue", params={key: value}).json()["items"]
        assert chosen and all(i[key] == value for i in chosen), (key, value)
    assert staff.get("/api/queue", params={"group": "Nobody"}).json()["items"] == []


def test_the_queue_counts_linked_outage_reports(live_server: LiveServer,
                                                staff: httpx.Client) -> None:
    said = "everyone in the office can't use the printers, is it down"
    replies = [live_server.client(live_server.runtime.itsm.pick_employee(n))
               .post("/api/chat", json={"message": said}).json() for n in (606, 607, 608)]
    assert [r["escalation"]["reason"] for r in replies] == ["major_outage"] * 3
    outage = replies[0]["escalation"]["ticket"]
    assert [r["escalation"].get("linked_to") for r in replies[1:]] == [outage, outage]
    [row] = [i for i in staff.get("/api/queue").json()["items"] if i["ticket"] == outage]
    assert row["reports"] == 2 and row["summary"].endswith("(+2 linked reports)")


def test_detail_resolve_and_reassign(live_server: LiveServer, staff: httpx.Client) -> None:
    client = live_server.client(live_server.runtime.itsm.pick_employee(605))
    asked = client.post("/api/chat", json={"message": "how do I connect to the VPN"}).json()
    thread = asked["thread_id"]
    client.post("/api/chat", json={"message": "I want to talk to a person", "thread_id": thread})
    detail = staff.get(f"/api/console/threads/{thread}").json()
    packet = detail["escalation"]["packet"]
    assert packet["intent"] == "human_request" and packet["guardrails"]
    assert [m["role"] for m in detail["transcript"]] == ["employee", "agent"] * 2
    assert detail["traces"][0]["nodes"] and detail["ticket"]["state"] == "new"
    assert "fixed" in detail["resolution_codes"] and "Service Desk L2" in detail["groups"]

    bad = staff.post(f"/api/threads/{thread}/reassign", json={"group": "Nowhere"})
    assert bad.status_code == 400 and "unknown group" in bad.json()["error"]["message"]
    same = staff.post(f"/api/threads/{thread}/reassign",
                      json={"group": detail["escalation"]["group"]})
    assert same.status_code == 409
    moved = staff.post(f"/api/threads/{thread}/reassign",
                       json={"group": "Network Operations", "note": "VPN gateway issue"}).json()
    number = detail["ticket"]["number"]
    assert moved["escalation"]["group"] == "Network Operations"
    assert moved["escalation"]["ticket_number"] == number  # one ticket, moved, not copied
    assert (moved["ticket"]["assignment_group"], moved["ticket"]["state"]) == (
        "Network Operations", "new")
    assert moved["ticket"]["sla_due"] == detail["ticket"]["sla_due"]
    notes = staff.get(f"/api/tickets/{number}").json()["comments"]
    assert any("VPN gateway issue" in n["body"] and n["work_note"] for n in notes)
    queue = staff.get("/api/queue", params={"group": "Network Operations"}).json()["items"]
    assert thread in [i["thread_id"] for i in queue]
    own_view = client.get(f"/api/tickets/{number}").json()
    assert not any(c["work_note"] for c in own_view["comments"])  # no work notes for callers

    staff.post(f"/api/threads/{thread}/takeover")
    wrong = staff.post(f"/api/threads/{thread}/resolve",
                       json={"resolution_code": "magic", "note": "x"})
    assert wrong.status_code == 400
    done = staff.post(f"/api/threads/{thread}/resolve",
                      json={"resolution_code": "fixed", "note": "Gateway failed over."}).json()
    assert done["escalation"]["status"] == "resolved" and done["ticket"]["state"] == "resolved"
    assert live_server.runtime.conversations.store.held_by(thread) is None
    again = staff.post(f"/api/threads/{thread}/resolve",
                       json={"resolution_code": "fixed", "note": "again"})
    assert again.status_code == 409


def test_staff_get_the_whole_role_card(live_server: LiveServer, staff: httpx.Client) -> None:
    card = staff.get("/api/role-card").json()
    assert card["thresholds"]["min_answer_confidence"] > 0
    assert card["escalation"]["reasons"]["security_incident"]["priority"] == 1
    assert card["digest"]
    employee = live_server.client(live_server.runtime.itsm.pick_employee(606))
    assert "thresholds" not in employee.get("/api/role-card").json()
