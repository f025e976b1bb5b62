"""A plain yes runs the pending action; a yes that brings a new problem or request does not.

"ok but my monitor is flickering now" answers nothing: it is a new message, the way a no
followed by a request already is. Offers are still taken up with "yes, the Zoom too please".
"""

from __future__ import annotations

import pytest

from app.runtime import Runtime
from app.understanding.confirm import read_answer, starts_with_yes
from app.understanding.dialogue import accepts

PLAIN_YES = ["yes", "yes please", "ok go ahead", "sure, do it", "yep thanks", "Yes. Thanks!",
             "yes please do", "ok, that's fine", "yes no problem", "sure no worries",
             "yes, reset it please", "go for it, cheers", "ok fine, yes"]
YES_AND_MORE = ["ok but my monitor is also flickering now", "yes, my printer is jammed",
                "ok, and can you also install zoom?", "yes but first tell me how long it takes",
                "yes. I also need Visio", "sure, my screen is broken too",
                "ok and my laptop keeps crashing", "yes, can I also get Jira?",
                "ok, the dock isn't charging either"]


@pytest.mark.parametrize("text", PLAIN_YES)
def test_plain_yes(text: str) -> None:
    assert read_answer(text) == "yes"


@pytest.mark.parametrize("text", YES_AND_MORE)
def test_a_yes_with_a_new_problem_or_request_is_not_an_answer(text: str) -> None:
    assert read_answer(text) == "other"
    assert starts_with_yes(text)  # the screen still sees a yes that asks for more


@pytest.mark.parametrize(("text", "want"), [
    ("no", "no"), ("nope, cancel", "no"), ("no, get me a person", "other"),
])
def test_no_is_unchanged(text: str, want: str) -> None:
    assert read_answer(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("yes, the Zoom too please", True), ("yes please", True), ("sure, sort the drive too", True),
    ("ok but my mouse is broken now", False), ("ok got it", False), ("no thanks", False),
])
def test_accepting_an_offer(text: str, want: bool) -> None:
    assert accepts(text) is want


@pytest.mark.parametrize(("reply", "unlocked"), [
    ("sure, do it", True),
    ("ok but my laptop screen has a crack in it now", False),
])
def test_only_a_plain_yes_runs_the_action(shared_runtime: Runtime, reply: str,
                                          unlocked: bool) -> None:
    employee = shared_runtime.itsm.pick_employee(7300 + len(reply))
    first = shared_runtime.conversations.send(employee, None, "my account is locked, unlock it")
    assert [a["status"] for a in first.actions] == ["pending_confirmation"]
    second = shared_runtime.conversations.send(employee, first.thread_id, reply)
    ran = [a["tool"] for a in second.actions if a["status"] == "completed"]
    assert (ran == ["unlock_account"]) is unlocked, (second.outcome, second.actions)
    if not unlocked:
        assert second.intent == "hardware_issue"
