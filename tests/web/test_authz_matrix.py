"""Who may call what: every route of the app × anonymous, the owner, another employee, staff.

The matrix is generated from ``app.routes``: a route added without an expectation here fails the
test, so nobody ships an endpoint whose access rule was never written down and checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from tests.conftest import LiveServer
from tools.models import Employee

ANON, OWNER, OTHER, STAFF = "anonymous", "owner", "other employee", "staff"
ORDER = (ANON, OTHER, OWNER, STAFF)  # staff last: their calls change state for later rows


@dataclass(frozen=True)
class Expect:
    method: str
    path: str
    status: tuple[int, int, int, int]  # anonymous, owner, other employee, staff
    json: dict[str, Any] | None = None
    form: dict[str, str] | None = None
    concrete: str = ""  # the path to call, when it is not just the template filled in

    def code_for(self, caller: str) -> int:
        return self.status[(ANON, OWNER, OTHER, STAFF).index(caller)]


PUBLIC = (200, 200, 200, 200)
SIGNED_IN = (401, 200, 200, 200)
OWNER_OR_STAFF = (401, 200, 403, 200)
OWNER_ONLY = (401, 200, 403, 403)
STAFF_ONLY = (401, 403, 403, 200)
STAFF_PAGE = (303, 303, 303, 200)
SIGNED_IN_PAGE = (303, 200, 200, 200)
# Only the person an approval waits on (here the owner's manager, none of the four callers)
# may see or decide it on the approver routes; staff included, since there they act as
# themselves, not as the console. tests/web/test_approver.py covers the approver's 200s.
APPROVER_ONLY = (401, 403, 403, 403)

MATRIX = (
    Expect("GET", "/", PUBLIC),
    Expect("GET", "/embed", PUBLIC),
    Expect("GET", "/login", PUBLIC),
    Expect("POST", "/login", (403, 403, 403, 403), form={"employee_id": "E000001"}),
    Expect("POST", "/logout", (303, 303, 303, 303), form={}),
    Expect("GET", "/healthz", PUBLIC),
    Expect("GET", "/metrics", PUBLIC),
    Expect("GET", "/api/openapi.json", PUBLIC),
    Expect("GET", "/static", PUBLIC, concrete="/static/widget.js"),
    Expect("GET", "/kb/{article_id}", PUBLIC),
    Expect("GET", "/api/role-card", PUBLIC),
    Expect("POST", "/api/login", PUBLIC, json={"employee_id": "{owner_id}"}),
    Expect("GET", "/api/session", SIGNED_IN),
    Expect("GET", "/console", STAFF_PAGE),
    Expect("GET", "/console/thread/{thread_id}", STAFF_PAGE),
    Expect("GET", "/console/approval/{approval_id}", STAFF_PAGE),
    Expect("GET", "/console/role-card", STAFF_PAGE),
    Expect("GET", "/api/threads/{thread_id}/messages", OWNER_OR_STAFF),
    Expect("GET", "/api/threads/{thread_id}/events", OWNER_OR_STAFF),
    Expect("GET", "/api/tickets/{number}", OWNER_OR_STAFF),
    Expect("GET", "/api/escalations", STAFF_ONLY),
    Expect("GET", "/api/approvals", STAFF_ONLY),
    Expect("GET", "/api/queue", STAFF_ONLY),
    Expect("GET", "/api/traces/{thread_id}", STAFF_ONLY),
    Expect("GET", "/api/console/threads/{thread_id}", STAFF_ONLY),
    Expect("GET", "/api/console/approvals/{approval_id}", STAFF_ONLY),
    Expect("POST", "/api/chat", OWNER_ONLY,
           json={"message": "is there any news?", "thread_id": "{thread_id}"}),
    Expect("POST", "/api/chat/stream", OWNER_ONLY,
           json={"message": "still there?", "thread_id": "{thread_id}"}),
    Expect("POST", "/api/threads/{thread_id}/feedback", OWNER_ONLY, json={"solved": False}),
    Expect("GET", "/approvals", SIGNED_IN_PAGE),
    Expect("GET", "/api/my/approvals", SIGNED_IN),
    Expect("GET", "/api/my/approvals/{approval_id}", APPROVER_ONLY),
    Expect("POST", "/api/my/approvals/{approval_id}/decision", APPROVER_ONLY,
           json={"approve": True, "note": "fine for reporting"}),
    Expect("POST", "/api/approvals/{approval_id}/decision", STAFF_ONLY,
           json={"approve": True, "note": "fine for reporting"}),
    Expect("POST", "/api/threads/{thread_id}/takeover", STAFF_ONLY, json={}),
    Expect("POST", "/api/threads/{thread_id}/reply", STAFF_ONLY, json={"text": "On it."}),
    Expect("POST", "/api/threads/{thread_id}/handback", STAFF_ONLY, json={}),
    Expect("POST", "/api/threads/{thread_id}/reassign", STAFF_ONLY,
           json={"group": "Service Desk L2", "note": "needs L2"}),
    Expect("POST", "/api/threads/{thread_id}/resolve", STAFF_ONLY,
           json={"resolution_code": "fixed", "note": "sorted on the phone"}),
    # The ITSM's staff REST. By now the decision above has resolved {number}, so staff can
    # note, reopen and then reassign it; employees never get here, not even for their own.
    Expect("GET", "/api/itsm/tickets", STAFF_ONLY),
    Expect("GET", "/api/itsm/tickets/{number}", STAFF_ONLY),
    Expect("POST", "/api/itsm/tickets/{number}/work-notes", STAFF_ONLY,
           json={"text": "checked the licence pool"}),
    Expect("POST", "/api/itsm/tickets/{number}/transition", STAFF_ONLY,
           json={"state": "in_progress", "work_note": "reopened to check the install"}),
    Expect("POST", "/api/itsm/tickets/{number}/reassign", STAFF_ONLY,
           json={"group": "Service Desk L2", "note": "install needs L2"}),
    Expect("GET", "/api/itsm/approvals", STAFF_ONLY),
    Expect("GET", "/api/itsm/approvals/{approval_id}", STAFF_ONLY),
    Expect("GET", "/api/itsm/audit", STAFF_ONLY),
)


def declared_routes(app: FastAPI) -> set[tuple[str, str]]:
    """Every (method, path) the app answers, with included routers flattened."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # FastAPI before included routers were kept as branches
        routes: list[Any] = list(app.routes)
    else:
        routes = list(iter_route_contexts(app.routes))
    found: set[tuple[str, str]] = set()
    for route in routes:
        path, methods = getattr(route, "path", None), getattr(route, "methods", None)
        assert path, f"a route without a path: {route!r}"
        if methods is None:  # a mount (static files): only GET is served
            found.add(("GET", path))
        else:
            found.update((m, path) for m in set(methods) - {"HEAD"})
    return found


def fill(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**names)
    if isinstance(value, dict):
        return {k: fill(v, names) for k, v in value.items()}
    return value


def call(client: httpx.Client, row: Expect, names: dict[str, str]) -> int:
    path = fill(row.concrete or row.path, names)
    if row.path.endswith("/events"):  # an endless stream: the status line is the answer
        with client.stream(row.method, path) as res:
            return res.status_code
    if row.form is not None:
        return client.request(row.method, path, data=fill(row.form, names)).status_code
    return client.request(row.method, path, json=fill(row.json, names)).status_code


@pytest.fixture(scope="module")
def world(live_server: LiveServer) -> dict[str, Any]:
    owner_id = live_server.runtime.itsm.pick_employee(401)
    other_id = live_server.runtime.itsm.pick_employee(402)
    with live_server.runtime.engine.connect() as conn:
        staff_id = str(conn.execute(select(Employee.id).where(Employee.role == "it_staff")
                                    .order_by(Employee.id).limit(1)).scalar_one())
    owner = live_server.client(owner_id)
    asked = owner.post("/api/chat", json={"message": "how do I connect to the VPN"}).json()
    thread = asked["thread_id"]
    human = owner.post("/api/chat", json={"message": "I want to talk to a person",
                                          "thread_id": thread}).json()
    assert human["outcome"] == "escalated", human
    first = owner.post("/api/chat", json={"message": "I need Tableau for my reports"}).json()
    pending = owner.post("/api/chat", json={"message": "yes",
                                            "thread_id": first["thread_id"]}).json()
    assert pending["outcome"] == "awaiting_approval", pending
    data = pending["actions"][0]["data"]
    names = {"thread_id": thread, "approval_id": str(data["approval_id"]),
             "number": data["ticket"], "article_id": asked["citations"][0], "owner_id": owner_id}
    clients = {ANON: live_server.client(), OWNER: owner, OTHER: live_server.client(other_id),
               STAFF: live_server.client(staff_id)}
    return {"names": names, "clients": clients}


def test_every_route_has_an_expectation(live_server: LiveServer) -> None:
    declared = declared_routes(live_server.app)
    expected = {(row.method, row.path) for row in MATRIX}
    missing = sorted(declared - expected)
    assert not missing, f"routes without an authorization expectation in MATRIX: {missing}"
    stale = sorted(expected - declared)
    assert not stale, f"MATRIX rows for routes that no longer exist: {stale}"
    assert len(MATRIX) == len(expected), "a route appears twice in MATRIX"


def test_authorization_matrix(world: dict[str, Any]) -> None:
    failures = []
    for row in MATRIX:
        for caller in ORDER:
            got = call(world["clients"][caller], row, world["names"])
            if got != row.code_for(caller):
                failures.append(f"{row.method} {row.path} as {caller}: "
                                f"expected {row.code_for(caller)}, got {got}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("path", ["/api/threads/{x}/messages", "/api/threads/{x}/events",
                                  "/api/tickets/REQ9999999"])
def test_unknown_ids_look_like_someone_elses(world: dict[str, Any], path: str) -> None:
    """Employees cannot tell "does not exist" from "not yours"; staff are told it is missing."""
    target = path.format(x="0123456789abcdef")
    with world["clients"][OTHER].stream("GET", target) as res:
        assert res.status_code == 403
    with world["clients"][STAFF].stream("GET", target) as res:
        assert res.status_code == 404
