"""Aggregates of a replayed month: resolution, correctness, routing, escalations, safety."""

from __future__ import annotations

from collections import Counter
from typing import Any

from app.role_card import RoleCard

ROUTING_SKIP = frozenset({"attack", "hr_legal"})  # guardrails decide these before routing


def rate(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _failure_kind(fail: str) -> str:
    """Group failure messages into kinds (drop ticket numbers, items and reasons' details)."""
    head = fail.split(" not in ")[0].split(" (got")[0]
    for prefix in ("reply lacks", "cited", "state: no ", "state: expected no change",
                   "unneeded handoff", "no handoff for", "echoed", "unsafe"):
        if head.startswith(prefix):
            return head if prefix in ("no handoff for", "unneeded handoff") else prefix
    return head


def outcomes(records: list[dict[str, Any]]) -> dict[str, Any]:
    scored = [r for r in records if r.get("score")]
    n = len(scored)
    auto = [r for r in scored if r["score"]["autonomous"]]
    confirmed = [r for r in auto if r["score"]["confirmed"]]
    correct = [r for r in scored if r["score"]["correct"]]
    by_cat: dict[str, Counter[str]] = {}
    fails: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for r in scored:
        c = by_cat.setdefault(r["category"], Counter())
        c["n"] += 1
        c["correct"] += r["score"]["correct"]
        c["autonomous"] += r["score"]["autonomous"]
        c["escalated"] += r["score"]["escalated"]
        for f in r["score"]["fails"]:
            key = f"{r['category']}/{r['intent']}: {_failure_kind(f)}"
            fails[key] += 1
            examples.setdefault(key, [])
            if len(examples[key]) < 3:
                examples[key].append(f"{r['id']} ({f})")
    routed = [r for r in scored if r["category"] not in ROUTING_SKIP]
    confusion = Counter((r["intent"], str(r["score"]["routed_intent"])) for r in routed
                        if not r["score"]["intent_ok"])
    return {
        "tickets": len(records), "scored": n, "replay_errors": len(records) - n,
        "autonomous": len(auto), "autonomous_rate": rate(len(auto), n),
        "confirmed": len(confirmed), "confirmed_rate": rate(len(confirmed), n),
        "inferred": len(auto) - len(confirmed),
        "inferred_rate": rate(len(auto) - len(confirmed), n),
        "correct": len(correct), "correct_rate": rate(len(correct), n),
        "autonomous_correct_rate": rate(sum(r["score"]["correct"] for r in auto), n),
        "by_category": {k: {**dict(v), "correct_rate": rate(v["correct"], v["n"]),
                            "autonomous_rate": rate(v["autonomous"], v["n"])}
                        for k, v in sorted(by_cat.items())},
        "top_failures": [{"kind": k, "count": v, "examples": examples[k]}
                         for k, v in fails.most_common(25)],
        "routing_accuracy": rate(sum(r["score"]["intent_ok"] for r in routed), len(routed)),
        "routing_confusion": [{"expected": e, "got": g, "count": c}
                              for (e, g), c in confusion.most_common(15)],
        "final_outcomes": dict(Counter(r["score"]["final_outcome"] for r in scored)),
    }


def safety(records: list[dict[str, Any]]) -> dict[str, Any]:
    scored = [r for r in records if r.get("score")]
    unsafe = [(r["id"], u) for r in scored for u in r["score"]["unsafe"]]
    kinds = Counter(u.split(" in turn")[0].split(":")[0] for _, u in unsafe)
    attacks = [r for r in scored if r["category"] == "attack"]
    attack_success = [r for r in attacks if r["score"]["unsafe"]]
    guard = Counter(f"{g['check']}:{g['code']}" for r in scored for t in r["turns"]
                    for g in t.get("guardrails", []))
    return {
        "unsafe_actions": len(unsafe), "unsafe_by_kind": dict(kinds),
        "unsafe_examples": [f"{i}: {u}" for i, u in unsafe[:20]],
        "attack_tickets": len(attacks), "attack_success": len(attack_success),
        "attacks_refused_or_escalated": sum(r["score"]["final_outcome"] in ("refused",
                                                                          "escalated")
                                            for r in attacks),
        "pii_echoed": sum(r["score"]["leaked"] for r in scored),
        "pii_echoed_examples": [r["id"] for r in scored if r["score"]["leaked"]][:10],
        "wrong_writes": sum(bool(r["score"].get("wrong_write")) for r in scored),
        "wrong_write_examples": [f"{r['id']} ({r['intent']}: {r['score']['fails'][0]})"
                                 for r in scored if r["score"].get("wrong_write")][:10],
        "guardrail_triggers": dict(guard.most_common()),
    }


def escalations(records: list[dict[str, Any]]) -> dict[str, Any]:
    scored = [r for r in records if r.get("score")]
    handoffs = [e for r in scored for e in r["facts"]["escalations"]]
    return {
        "handoffs": len(handoffs),
        "tickets_escalated": sum(r["score"]["escalated"] for r in scored),
        "escalation_rate": rate(sum(r["score"]["escalated"] for r in scored), len(scored)),
        "by_reason": dict(Counter(e["reason"] for e in handoffs).most_common()),
        "by_group": dict(Counter(e["group"] for e in handoffs).most_common()),
        "by_priority": dict(sorted(Counter(f"P{e['priority']}" for e in handoffs).items())),
    }


def escalation_recall(records: list[dict[str, Any]]) -> dict[str, Any]:
    scored = [r for r in records if r.get("score")]
    must = [r for r in scored if r["expected"]["must_escalate"]]
    hit = [r for r in must if not any(f.startswith("no handoff") for f in r["score"]["fails"])]
    unneeded = [r for r in scored if any(f.startswith("unneeded handoff")
                                         for f in r["score"]["fails"])]
    return {"must_escalate": len(must), "escalated_as_required": len(hit),
            "escalation_recall": rate(len(hit), len(must)),
            "unneeded_handoffs": len(unneeded),
            "unneeded_handoff_rate": rate(len(unneeded), len(scored))}


def kpis(card: RoleCard | None, values: dict[str, float | None]) -> list[dict[str, Any]]:
    if card is None:
        return []
    return [{"name": k.name, "description": k.description, "baseline": k.baseline,
             "target": k.target, "value": values.get(k.name)} for k in card.kpis]
