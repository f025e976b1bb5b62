"""One ticket's replay: set its world up, play its turns at simulated times, score the result."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

from evals.month import world
from evals.month.drivers import REPLY_KEEP, Driver
from evals.month.phrasing import Phrasing
from evals.month.score import score_ticket
from evals.month.simclock import SimClock, parse_utc
from evals.month.state import inspect_thread
from tools.service import ITSM

log = logging.getLogger("zerodesk.month")
TURN_GAP = timedelta(minutes=1)  # an employee reads the reply and types the next message


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


@dataclass
class TicketRunner:
    itsm: ITSM
    driver: Driver
    clock: SimClock
    phrasing: Phrasing
    attempt: int = 0

    @cached_property
    def confirm_phrases(self) -> frozenset[str]:
        return frozenset(_norm(p) for p in self.phrasing.requests["follow_ups"]["confirm"])

    @cached_property
    def thanks_phrases(self) -> frozenset[str]:
        return frozenset(_norm(p) for p in self.phrasing.requests["follow_ups"]["thanks"])

    def thread_id(self, ticket: dict[str, Any]) -> str:
        # Deterministic per ticket; a resumed run starts interrupted tickets on a fresh thread.
        return f"{ticket['id']}-{self.attempt}"

    def run(self, ticket: dict[str, Any]) -> dict[str, Any]:
        started = time.perf_counter()
        arrival = parse_utc(ticket["arrival"])
        thread = self.thread_id(ticket)
        record: dict[str, Any] = {
            k: ticket[k] for k in ("id", "arrival", "employee", "category", "intent",
                                   "behaviour", "noise")}
        record["thread_id"] = thread
        record["expected"] = ticket["expected"]
        try:
            with self.clock.at(arrival):
                setup = world.prepare(self.itsm, ticket, arrival)
            texts = [world.fill(t, setup) for t in ticket["turns"]]
            turns = []
            for k, text in enumerate(texts):
                with self.clock.at(arrival + k * TURN_GAP):
                    turns.append(self.driver.send(ticket["employee"], thread, text))
            with self.clock.at(arrival + len(texts) * TURN_GAP):
                facts = inspect_thread(self.itsm.engine, ticket, thread, setup.get("ticket"))
            score = score_ticket(ticket, texts, turns, facts, setup, self.confirm_phrases,
                                 self.thanks_phrases)
        except Exception as exc:  # noqa: BLE001 - one broken ticket must not stop the month
            log.exception("ticket %s failed to replay", ticket["id"])
            record.update(error=f"{type(exc).__name__}: {exc}"[:500], turns=[], facts=None,
                          score=None, wall_ms=round((time.perf_counter() - started) * 1000, 2))
            return record
        for turn in turns:
            turn["reply"] = turn["reply"][:REPLY_KEEP]
        record.update(setup=setup, turns=turns, facts=facts, score=score,
                      opened=_opened(facts), approvals=_approvals(facts, thread),
                      wall_ms=round((time.perf_counter() - started) * 1000, 2))
        return record


def _opened(facts: dict[str, Any]) -> list[dict[str, Any]]:
    """Tickets the agent opened for a team to fulfil (not handoff tickets)."""
    return [{"ticket": w["ticket"], "kind": w["action"].rsplit(".", 1)[1], "group": w["group"],
             "priority": int(w["priority"]), "at": w["at"]}
            for w in facts["writes"] if w["action"].startswith("ticket.open.")
            and w.get("category") not in ("software", "access")]


def _approvals(facts: dict[str, Any], thread: str) -> list[dict[str, Any]]:
    return [{"approval_id": int(w["approval_id"]), "approver_kind": w["approver_kind"],
             "at": w["at"], "thread_id": thread}
            for w in facts["writes"] if w["action"] == "approval.open"]


def when(record: dict[str, Any]) -> datetime:
    return parse_utc(record["arrival"])
