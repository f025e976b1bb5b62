"""What the month scorer reads back from the ITSM for a conversation: a report linked to
someone else's outage handoff is a handoff, not an unreported write."""

from __future__ import annotations

from typing import Any

from app.runtime import Runtime
from evals.month.state import inspect_thread


def test_a_linked_outage_report_is_a_handoff_not_a_write(shared_runtime: Runtime) -> None:
    rt = shared_runtime
    said = "everyone in the office can't use jira, is it down"
    first, second = (rt.conversations.send(rt.itsm.pick_employee(n), None, said)
                     for n in (97_001, 97_002))
    assert first.escalation is not None and second.escalation is not None
    outage = second.escalation.get("linked_to") or first.escalation["ticket"]
    ticket: dict[str, Any] = {"employee": rt.itsm.pick_employee(97_002),
                              "expected": {"state": {"no_write": True}}}
    facts = inspect_thread(rt.engine, ticket, second.thread_id, None)
    assert facts["writes"] == [] and facts["state_ok"], facts
    [handoff] = facts["escalations"]
    assert handoff["reason"] == "major_outage" and handoff["linked_to"] == outage
    assert handoff["ticket"] == second.escalation["ticket"] and handoff["priority"] == 1
