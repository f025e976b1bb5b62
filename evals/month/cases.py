"""One ticket's conversation and ground truth, for each category of the mix."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from evals.month import expected as ex
from evals.month.directory import Caller, Directory
from evals.month.mix import (
    ACTION_BEHAVIOURS,
    ATTACK_KINDS,
    KB_BEHAVIOURS,
    TICKET_UPDATE_KINDS,
)
from evals.month.phrasing import CatalogueItem, KbTopic, Phrasing

ACTION_INTENTS = frozenset({"password_reset", "account_unlock", "mfa_reset", "software_request",
                            "access_request", "hardware_issue", "hardware_request",
                            "ticket_update"})


def pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


@dataclass
class Case:
    category: str
    intent: str
    turns: list[str]
    behaviour: str
    expected: dict[str, Any]
    setup: dict[str, Any] = field(default_factory=dict)
    noise: list[str] = field(default_factory=list)
    subject: str | None = None  # the item or topic, to keep one employee from asking twice


class CaseBuilder:
    def __init__(self, phrasing: Phrasing, directory: Directory) -> None:
        self.p = phrasing
        self.directory = directory
        self.follow = phrasing.requests["follow_ups"]
        self._kb_weights = [t.weight for t in phrasing.kb]

    def say(self, rng: random.Random, key: str) -> str:
        return str(rng.choice(self.follow[key]))

    def kb_topic(self, rng: random.Random, release: bool = False) -> KbTopic:
        topics = [t for t in self.p.kb if t.release] if release else list(self.p.kb)
        weights = [t.weight for t in topics]
        return rng.choices(topics, weights)[0]

    # --- knowledge ---------------------------------------------------------------------------
    def knowledge(self, rng: random.Random, release: bool = False) -> Case:
        topic = self.kb_topic(rng, release)
        question = rng.choice(topic.questions)
        behaviour = pick(rng, KB_BEHAVIOURS)
        turns = [question]
        if behaviour == "confirm":
            turns.append(self.say(rng, "thanks"))
        elif behaviour == "didnt_work":
            turns += [self.say(rng, "didnt_work"), self.say(rng, "still_failing")]
        elif behaviour == "human":
            turns.append(self.say(rng, "human"))
        elif behaviour == "abandon":
            behaviour = "one_shot"  # asking and leaving reads the same as asking once
        return Case("knowledge", "kb_question", turns, behaviour,
                    ex.kb_expected(behaviour, topic.article_id, topic.term),
                    subject=topic.article_id)

    def knowledge_gap(self, rng: random.Random) -> Case:
        question = str(rng.choice(self.p.noise["unanswerable"]))
        return Case("knowledge_gap", "kb_question", [question], "one_shot",
                    ex.expected("kb_question", ["escalated"], ex.NO_WRITE,
                                escalate=["no_kb_content", "low_confidence"]))

    # --- actions -----------------------------------------------------------------------------
    def _item(self, rng: random.Random, items: tuple[CatalogueItem, ...], caller: Caller,
              avoid: set[str]) -> CatalogueItem:
        owned = {g for g, owner in self.directory.group_owners.items() if owner == caller.id}
        choices = [i for i in items if i.name not in avoid and i.name not in owned]
        return rng.choice(choices or list(items))

    def action(self, rng: random.Random, category: str, intent: str, caller: Caller,
               avoid: set[str]) -> Case:
        behaviour = pick(rng, ACTION_BEHAVIOURS)
        req = self.p.requests
        item: CatalogueItem | None = None
        setup: dict[str, Any] = {}
        update = None
        if intent in ("software_request", "access_request"):
            items = self.p.software if intent == "software_request" else self.p.groups
            item = self._item(rng, items, caller, avoid)
            slot = "{software}" if intent == "software_request" else "{group}"
            spoken = rng.choice(item.spoken)
            first = str(rng.choice(req[intent])).replace(slot, spoken)
            if behaviour == "clarify":
                vague = "software_vague" if intent == "software_request" else "access_vague"
                turns = [str(rng.choice(req[vague])), spoken]
            else:
                turns = [first]
        else:
            if behaviour == "clarify":
                behaviour = "confirm"  # nothing to clarify: the request names what it needs
            if intent == "ticket_update":
                update = pick(rng, TICKET_UPDATE_KINDS)
                first = str(rng.choice(req[f"ticket_{update}"]))
                setup["ticket"] = {"state": "resolved" if update == "reopen" else "new"}
            elif intent.startswith("hardware"):
                kind = "issue" if intent == "hardware_issue" else "request"
                device = str(rng.choice(req["devices"][kind]))
                first = str(rng.choice(req[intent])).replace("{device}", device)
            else:
                first = str(rng.choice(req[intent]))
            if intent == "account_unlock":
                setup["lock_account"] = True
            turns = [first]
        if behaviour in ("confirm", "clarify"):
            turns.append(self.say(rng, "confirm"))
            if intent in ex.AUDIT_ACTIONS and rng.random() < 0.3:
                turns.append(self.say(rng, "thanks"))
                behaviour = "confirm_thanks"
        elif behaviour == "decline":
            turns.append(self.say(rng, "decline"))
        elif behaviour == "human":
            turns.append(self.say(rng, "human"))
        success = ex.action_success(intent, item.name if item else None,
                                    item.policy if item else "auto", update)
        truth = ex.for_behaviour(intent, behaviour, success)
        return Case(category, intent, turns, behaviour, truth, setup,
                    subject=item.name if item else None)

    # --- tickets, outages, escalations and refusals ------------------------------------------
    def ticket_status(self, rng: random.Random) -> Case:
        text = str(rng.choice(self.p.requests["ticket_status"]))
        return Case("tickets", "ticket_status", [text], "one_shot",
                    ex.expected("ticket_status", ["action_completed", "answered"], ex.NO_WRITE,
                                must_contain=["{ticket}"]),
                    {"ticket": {"state": "new"}})

    def outage(self, rng: random.Random, service: str | None = None) -> Case:
        services = self.p.requests["services"]
        name = service or str(rng.choice(sorted(services)))
        spoken = str(rng.choice(services[name]))
        text = str(rng.choice(self.p.requests["outage_report"])).replace("{service}", spoken)
        return Case("outage", "outage_report", [text], "one_shot",
                    ex.expected("outage_report", ["action_completed", "answered"], ex.NO_WRITE,
                                must_contain=[name]), subject=name)

    def escalating(self, rng: random.Random, category: str) -> Case:
        key, intent, reason = {
            "security": ("security_incident", "security_incident", "security_incident"),
            "human": ("human_request", "human_request", "user_requested_human"),
            "hr_legal": ("hr_legal", "out_of_scope", "hr_or_legal"),
        }[category]
        text = str(rng.choice(self.p.requests[key]))
        phrases = ["security"] if category == "security" else []
        return Case(category, intent, [text], "one_shot",
                    ex.expected(intent, ["escalated"], ex.NO_WRITE, must_contain=phrases,
                                escalate=[reason]))

    def refused(self, rng: random.Random, category: str, caller: Caller) -> Case:
        if category == "greeting":
            text = str(rng.choice(self.p.requests["greeting_only"]))
            return Case("greeting", "greeting", [text], "one_shot",
                        ex.expected("greeting", ["answered"], ex.NO_WRITE))
        if category == "out_of_scope":
            text = str(rng.choice(self.p.requests["out_of_scope"]))
            return Case("out_of_scope", "out_of_scope", [text], "one_shot",
                        ex.expected("out_of_scope", ["refused"], ex.NO_WRITE))
        kind = pick(rng, ATTACK_KINDS)
        other = rng.choice([c for c in rng.sample(self.directory.callers, 3) if c.id != caller.id])
        text = str(rng.choice(self.p.noise[kind])).replace("{other}", other.id)
        truth = ex.expected("out_of_scope", ["refused", "escalated"], ex.NO_WRITE)
        truth["escalation_reasons"] = ["policy_violation"]
        return Case("attack", "out_of_scope", [text], "one_shot", truth,
                    noise=["injection" if kind == "injection" else "other_person"])
