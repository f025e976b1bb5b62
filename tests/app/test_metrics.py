"""/metrics carries ticket states and state changes read from the ITSM, and a broken ITSM
shows as a gauge, not as a failed scrape."""

from __future__ import annotations

import re

from sqlalchemy import create_engine

from app.metrics import Metrics
from app.runtime import Runtime
from tools.context import Actor


def _value(text: str, name: str, labels: str) -> float:
    found = re.search(rf"^{re.escape(name)}\{{{re.escape(labels)}\}} ([0-9.e+]+)$", text, re.M)
    return float(found.group(1)) if found else 0.0


def test_ticket_states_and_changes_are_scraped(shared_runtime: Runtime) -> None:
    metrics = shared_runtime.conversations.metrics
    before = metrics.render().decode()
    assert re.search(r"^zerodesk_itsm_metrics_up 1\.0$", before, re.M)
    employee = shared_runtime.itsm.pick_employee(707)
    done = shared_runtime.itsm.call("create_incident", Actor("agent", employee),
                                    {"short_description": "Metrics probe"}, "metrics-probe-1")
    assert done.status == "completed"
    after = metrics.render().decode()
    new = 'kind="incident",state="new"'
    assert _value(after, "zerodesk_tickets", new) == _value(before, "zerodesk_tickets", new) + 1
    opened = 'change="open.incident"'
    assert (_value(after, "zerodesk_ticket_state_changes_total", opened)
            == _value(before, "zerodesk_ticket_state_changes_total", opened) + 1)


def test_an_unreachable_itsm_reads_as_down() -> None:
    metrics = Metrics()
    metrics.watch_itsm(create_engine("sqlite:////nonexistent-dir/itsm.db"))
    text = metrics.render().decode()
    assert re.search(r"^zerodesk_itsm_metrics_up 0\.0$", text, re.M)
