"""``generate``: a synthetic month of tickets, deterministic for (tickets, seed, month, directory).
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict
from pathlib import Path
from typing import Any

from evals.month import arrivals
from evals.month.cases import ACTION_INTENTS, Case, CaseBuilder, pick
from evals.month.directory import Caller, Directory
from evals.month.mix import (
    CATEGORY_MIX,
    NOISE_RATES,
    OUTAGE_SPIKE_SHARE,
    PII_KINDS,
    RELEASE_SPIKE_SHARE,
    MonthEvents,
)
from evals.month.noise import apply_noise
from evals.month.phrasing import Phrasing, load_phrasing

DEFAULT_MONTH = "2026-10"
# Noise lands on ordinary requests; attacks, greetings and refusals are already what they are.
NOISY = frozenset({"identity", "knowledge", "knowledge_gap", "software", "access", "hardware",
                   "tickets", "outage", "security", "human"})
PII_OK = frozenset({"identity", "knowledge", "software", "access", "hardware"})


def allocate(total: int, shares: list[float]) -> list[int]:
    """Largest-remainder split of ``total`` by ``shares``: the month hits the mix exactly."""
    raw = [total * s / sum(shares) for s in shares]
    counts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (counts[i] - raw[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def plan(total: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(category, intent, tag) for every ticket, shuffled; tag is "", "release" or "outage"."""
    release = round(total * RELEASE_SPIKE_SHARE)
    outage = round(total * OUTAGE_SPIKE_SHARE)
    base = total - release - outage
    counts = allocate(base, [s for _, _, s in CATEGORY_MIX])
    slots = [(c, i, "") for (c, i, _), n in zip(CATEGORY_MIX, counts, strict=True)
             for _ in range(n)]
    slots += [("knowledge", "kb_question", "release")] * release
    slots += [("outage", "outage_report", "outage")] * outage
    rng.shuffle(slots)
    return slots


class MonthGenerator:
    def __init__(self, directory: Directory, seed: int, month: str = DEFAULT_MONTH,
                 phrasing: Phrasing | None = None) -> None:
        self.directory = directory
        self.seed = seed
        self.month = month
        self.phrasing = phrasing or load_phrasing()
        self.builder = CaseBuilder(self.phrasing, directory)
        self.events = arrivals.month_events(month, random.Random(f"{seed}:events"))
        self._busy: set[tuple[str, str]] = set()  # (employee, day): one ticket a day each
        self._asked: dict[str, set[str]] = {}  # employee -> items: never asked for twice

    def _caller(self, rng: random.Random, tag: str) -> tuple[Caller, str]:
        for _ in range(200):
            caller = rng.choice(self.directory.callers)
            if tag == "release":
                at = arrivals.release_arrival(self.month, self.events, caller.time_zone, rng)
            elif tag == "outage":
                at = arrivals.window_arrival(self.events.outage_start, self.events.outage_end,
                                             rng)
            else:
                at = arrivals.local_arrival(self.month, caller.time_zone, rng)
            if (caller.id, at[:10]) not in self._busy:
                self._busy.add((caller.id, at[:10]))
                return caller, at
        raise ValueError("the directory is too small for this many tickets")

    def _case(self, rng: random.Random, category: str, intent: str, tag: str,
              caller: Caller) -> Case:
        b = self.builder
        if category == "knowledge":
            return b.knowledge(rng, release=tag == "release")
        if category == "knowledge_gap":
            return b.knowledge_gap(rng)
        if intent in ACTION_INTENTS:
            avoid = self._asked.setdefault(caller.id, set())
            case = b.action(rng, category, intent, caller, avoid)
            if case.subject:
                avoid.add(case.subject)
            return case
        if intent == "ticket_status":
            return b.ticket_status(rng)
        if category == "outage":
            return b.outage(rng, self.events.outage_service if tag == "outage" else None)
        if category in ("security", "human", "hr_legal"):
            return b.escalating(rng, category)
        return b.refused(rng, category, caller)

    def _noise(self, rng: random.Random, case: Case) -> list[str]:
        if case.category not in NOISY:
            return []
        spec = self.phrasing.noise
        noisy = apply_noise(case.turns[0], rng, NOISE_RATES, spec, case.category in PII_OK,
                            pick(rng, PII_KINDS))
        case.turns[0] = noisy.text
        if noisy.must_not_contain:
            case.expected["must_not_contain"] = noisy.must_not_contain
        tags = list(noisy.tags)
        # An unanswerable question plus an answerable one has no single right outcome.
        if (case.behaviour in ("one_shot", "confirm") and "{ticket}" not in case.turns[0]
                and case.category != "knowledge_gap"
                and rng.random() < NOISE_RATES["multi_issue"]):
            second = self.builder.kb_topic(rng)
            if second.article_id != case.subject:
                joiner = str(rng.choice(spec["joiners"]))
                case.turns[0] = case.turns[0].rstrip("?.! ") + joiner + rng.choice(
                    second.questions)
                tags.append("multi_issue")
        if rng.random() < NOISE_RATES["greeting_first"]:
            greeting = str(rng.choice(self.phrasing.requests["greeting_only"]))
            case.turns.insert(0, greeting)
            case.expected["intent_turn"] = 1
            tags.append("greeting_first")
        return tags

    def ticket(self, index: int, category: str, intent: str, tag: str) -> dict[str, Any]:
        rng = random.Random(f"{self.seed}:{index}")
        caller, at = self._caller(rng, tag)
        case = self._case(rng, category, intent, tag, caller)
        noise = case.noise + self._noise(rng, case)
        line: dict[str, Any] = {
            "id": "", "arrival": at, "employee": caller.id, "category": case.category,
            "intent": case.intent, "turns": case.turns, "behaviour": case.behaviour,
            "noise": noise, "expected": case.expected,
        }
        if case.setup:
            line["setup"] = case.setup
        if tag:
            line["tags"] = [f"{tag}_spike"]
        if caller.vip:
            line.setdefault("tags", []).append("vip")
        return line

    def generate(self, total: int) -> list[dict[str, Any]]:
        if total < 1:
            raise ValueError("--tickets must be at least 1")
        slots = plan(total, random.Random(f"{self.seed}:plan"))
        lines = [self.ticket(i, c, intent, tag) for i, (c, intent, tag) in enumerate(slots)]
        lines.sort(key=lambda r: (r["arrival"], r["employee"]))
        width = max(5, len(str(total)))
        for n, line in enumerate(lines, start=1):
            line["id"] = f"M{n:0{width}d}"
        return lines

    def meta(self, total: int, employees: int) -> dict[str, Any]:
        from evals.month.mix import base_mix

        return {"month": self.month, "seed": self.seed, "tickets": total,
                "employees": employees, "events": asdict(self.events), "mix": base_mix()}


def meta_path(out: Path) -> Path:
    return out.with_name(out.stem + ".meta.json")


def write_month(lines: list[dict[str, Any]], meta: dict[str, Any], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        # Not validated here (the generator tests do that): loading validates every line.
        for line in lines:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    meta_path(out).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def events_of(meta: dict[str, Any]) -> MonthEvents | None:
    raw = meta.get("events")
    return MonthEvents(**raw) if raw else None
