"""Outcomes, scored τ-bench style: the ITSM's final state, the last outcome, required statements.

A case passes only when every check passes. ``run_case`` is also what pass^k repeats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from app.runtime import Runtime
from app.turns import TurnResult
from evals.outcome_world import prepare
from evals.perturb import perturb
from tools.models import AuditEntry, Escalation

TOOL_AUDIT = {
    "reset_password": "account.reset_password", "unlock_account": "account.unlock",
    "reset_mfa": "account.reset_mfa", "request_software": "software.grant",
    "request_access": "access.grant", "create_incident": "ticket.open.incident",
    "create_request": "ticket.open.request",
}
# Both mean "the KB had nothing good enough"; labellers cannot tell which one fires.
SAME_REASON = {"low_confidence": "no_kb_content"}


@dataclass
class CaseRun:
    id: str
    employee: str
    results: list[TurnResult]
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def run_case(rt: Runtime, case: dict[str, Any], employee: str, seed: int = 0) -> CaseRun:
    results: list[TurnResult] = []
    thread = None
    prepare(rt, case, employee)
    for n, text in enumerate(case["turns"]):
        # Seed 0 is the case as written; every other seed perturbs each turn differently.
        said = perturb(text, seed * 100 + n) if seed else text
        result = rt.conversations.send(employee, thread, said)
        thread = result.thread_id
        results.append(result)
    run = CaseRun(case["id"], employee, results)
    run.failures = check(rt, case["label"], employee, results)
    return run


def itsm_effects(rt: Runtime, employee: str, told: frozenset[str] = frozenset()) -> set[str]:
    """Audit actions the agent took for this employee, minus tickets that are handoffs.

    A state change of a ticket that was opened during the conversation (a software request's
    REQ moving to awaiting approval) is part of that request, not an update of a ticket; it
    is reported as ``ticket.own_lifecycle`` so it does not count as ``update_ticket``.
    ``told`` are the handoff tickets the replies named: a report that joins an outage someone
    else reported first gets its own incident linked to theirs, and that is its handoff.
    """
    with rt.engine.connect() as conn:
        handoff = {f"ticket:{t}" for t in conn.execute(
            select(Escalation.ticket_number).where(Escalation.employee_id == employee)
        ).scalars()} | {f"ticket:{t}" for t in told}
        rows = conn.execute(select(AuditEntry.action, AuditEntry.entity).where(
            (AuditEntry.on_behalf_of == employee) | (AuditEntry.actor_id == employee))).all()
    opened = {entity for action, entity in rows if action.startswith("ticket.open.")}
    return {"ticket.own_lifecycle" if entity in opened and not action.startswith("ticket.open.")
            else action for action, entity in rows if entity not in handoff}


def writes_done(effects: set[str]) -> set[str]:
    done = {tool for tool, action in TOOL_AUDIT.items() if action in effects}
    # A software or access request opens its REQ ticket itself: that is not create_request.
    if effects & {"software.grant", "access.grant", "approval.open"}:
        done.discard("create_request")
    if "ticket.comment" in effects or any(a.startswith("ticket.") and "->" in a
                                          for a in effects):
        done.add("update_ticket")
    return done


def _norm(reason: str | None) -> str | None:
    return SAME_REASON.get(reason or "", reason)


def check(rt: Runtime, label: dict[str, Any], employee: str,
          results: list[TurnResult]) -> list[str]:
    fails: list[str] = []
    last = results[-1]
    if last.outcome != label["final_outcome"]:
        fails.append(f"outcome: want {label['final_outcome']}, got {last.outcome}")
    escalations = [r.escalation for r in results if r.escalation]
    if bool(escalations) != label["must_escalate"]:
        fails.append(f"escalation: want {label['must_escalate']}, got {bool(escalations)}")
    elif escalations and label["escalation_reason"] and (
            _norm(escalations[-1].get("reason")) != _norm(label["escalation_reason"])):
        fails.append(f"reason: want {label['escalation_reason']}, "
                     f"got {escalations[-1].get('reason')}")
    if (last.refusal or None) != label["refusal"]:
        fails.append(f"refusal: want {label['refusal']}, got {last.refusal}")
    told = frozenset(str(r.escalation["ticket"]) for r in results
                     if r.escalation and r.escalation.get("ticket"))
    effects = itsm_effects(rt, employee, told)
    state = label["expected_state"]
    done = writes_done(effects)
    want_tool = state["tool_completed"]
    if want_tool and want_tool not in done:
        fails.append(f"state: {want_tool} did not take effect")
    if done - {want_tool}:
        fails.append(f"state: unexpected effects {sorted(done - {want_tool})}")
    if state["approval_pending"] != ("approval.open" in effects):
        fails.append(f"state: approval pending should be {state['approval_pending']}")
    opened = ({"incident"} if "ticket.open.incident" in effects else set()) | (
        {"request"} if "ticket.open.request" in effects else set())
    if state["ticket_opened"] and state["ticket_opened"] not in opened:
        fails.append(f"state: no {state['ticket_opened']} ticket was opened")
    reply = last.reply.lower()
    fails += [f"missing statement {s!r}" for s in label.get("must_contain", [])
              if s.lower() not in reply]
    fails += [f"forbidden statement {s!r}" for r in results for s in
              label.get("must_not_contain", []) if s and s.lower() in r.reply.lower()]
    for r in results:
        if r.outcome == "answered" and r.citations:
            verdict = next((g for g in r.guardrails if g["check"] == "citations"), None)
            if verdict is None or verdict["action"] != "allow":
                fails.append("citations: an answer was shown without a verified citation")
    return fails


def evaluate(rt: Runtime, cases: list[dict[str, Any]]) -> dict[str, Any]:
    runs = [run_case(rt, c, rt.itsm.pick_employee(20_000 + n)) for n, c in enumerate(cases)]
    must = [c for c in cases if c["label"]["must_escalate"]]
    labels = {c["id"]: c["label"] for c in cases}
    escalated = {r.id for r in runs if any(x.escalation for x in r.results)}
    caught = sum(c["id"] in escalated for c in must)
    precise = sum(bool(labels[i]["must_escalate"]) for i in escalated)
    return {
        "cases": len(runs),
        "pass_rate": round(sum(r.passed for r in runs) / max(len(runs), 1), 4),
        "escalation_recall": round(caught / len(must), 4) if must else None,
        "escalation_precision": round(precise / len(escalated), 4) if escalated else None,
        "must_escalate": len(must),
        "failures": [{"id": r.id, "why": r.failures} for r in runs if not r.passed],
    }
