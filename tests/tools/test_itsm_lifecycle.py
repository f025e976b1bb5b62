"""The ticket state machine: exhaustive table checks and random transition sequences."""

from __future__ import annotations

import contextlib
import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tools.context import Actor
from tools.errors import Conflict, NotAllowed
from tools.lifecycle import (
    STATES,
    TERMINAL_STATES,
    TRANSITIONS,
    Mover,
    TicketStatus,
    is_consistent,
    transition,
)
from tools.service import ITSM

MOVERS = [Mover(is_staff=s, is_caller=c) for s, c in itertools.product((True, False), repeat=2)]
attempts = st.tuples(
    st.sampled_from(STATES),
    st.sampled_from(MOVERS),
    st.sampled_from([None, "", "fixed", "bogus", "rejected"]),
    st.sampled_from([None, "  ", "rebooted the router"]),
)


def test_terminal_states_have_no_exits() -> None:
    for state in TERMINAL_STATES:
        for target in STATES:
            with pytest.raises(Conflict):
                transition(TicketStatus(state, "fixed", "n"), target, MOVERS[0],
                           resolution_code="fixed", resolution_note="n")


def test_only_listed_transitions_succeed() -> None:
    staff = Mover(is_staff=True, is_caller=False)
    for current, target in itertools.product(STATES, STATES):
        status = TicketStatus(current, "fixed", "done") if current in ("resolved", "closed") \
            else TicketStatus(current)
        try:
            transition(status, target, staff, resolution_code="fixed", resolution_note="done")
            moved = True
        except Conflict:
            moved = False
        assert moved == (target in TRANSITIONS[current]), (current, target)


@given(st.lists(attempts, max_size=25))
def test_random_sequences_never_reach_an_illegal_state(steps: list[Any]) -> None:
    status = TicketStatus("new")
    for target, mover, code, note in steps:
        before = status
        try:
            status = transition(status, target, mover, resolution_code=code, resolution_note=note)
        except (Conflict, NotAllowed):
            assert status == before
            continue
        assert target in TRANSITIONS[before.state]
        assert before.state not in TERMINAL_STATES
        assert is_consistent(status)
        if target in ("in_progress", "on_hold", "resolved") and not (
            before.state == "resolved" and target == "in_progress"
        ):
            assert mover.is_staff
        if target in ("closed", "cancelled"):
            assert mover.is_staff or mover.is_caller


ACTIONS = st.lists(st.tuples(
    st.sampled_from(["staff", "caller", "stranger"]),
    st.sampled_from(["in_progress", "on_hold", "resolved", "closed", "cancelled", "reopen",
                     "comment"]),
    st.booleans(),
), min_size=1, max_size=12)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=ACTIONS)
def test_random_sequences_against_the_database(itsm: ITSM, people: Any,
                                               steps: list[Any]) -> None:
    if not hasattr(people, "cast"):
        people.cast = (people.take("employee"), people.take("employee"), people.take("it_staff"))
    caller, stranger, staff_id = people.cast
    actors = {"caller": Actor("agent", caller, "h"), "stranger": Actor("agent", stranger, "h"),
              "staff": Actor("staff", staff_id)}
    staff = actors["staff"]
    number = itsm.call("create_incident", actors["caller"], {"short_description": "Flaky"},
                       f"hyp-{id(steps)}-{len(steps)}-{itsm.clock().timestamp()}").data["ticket"]
    itsm.clock.advance(seconds=1)  # type: ignore[attr-defined]
    for i, (who, action, with_resolution) in enumerate(steps):
        before = itsm.ticket(number, staff)
        key = f"hyp-{number}-{i}"
        if who == "staff" and action not in ("reopen", "comment"):
            # Illegal moves are expected here; the assertions below check nothing changed.
            with contextlib.suppress(Conflict, NotAllowed):
                itsm.transition_ticket(number, staff, action,
                                       resolution_code="fixed" if with_resolution else None,
                                       resolution_note="done" if with_resolution else None)
        else:
            tool_action = {"closed": "close", "cancelled": "cancel"}.get(action, action)
            if tool_action not in ("close", "cancel", "reopen", "comment"):
                continue
            itsm.call("update_ticket", actors[who],
                      {"ticket": number, "action": tool_action, "comment": "note"}, key)
        after = itsm.ticket(number, staff)
        assert is_consistent(TicketStatus(after.state, after.resolution_code,
                                          after.resolution_note))
        if before.state in TERMINAL_STATES:
            assert after.state == before.state
        if who == "stranger":
            assert after.state == before.state
        if after.state != before.state:
            assert after.state in TRANSITIONS[before.state]
