"""The month generator: shape of the month, mix, noise, ground truth, schema, determinism.

Fast and model-free: the directory comes from the seed's rules (2,000 employees, as in tests).
"""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from app.understanding.intents import load_exemplars
from evals.month.cli import main
from evals.month.directory import Directory, from_seed_rules
from evals.month.generate import NOISY, MonthGenerator, allocate
from evals.month.mix import CATEGORY_MIX, NOISE_RATES, base_mix
from evals.month.noise import luhn_card, luhn_ok
from evals.month.phrasing import all_templates, article_titles, load_phrasing
from evals.month.schema import MonthFileError, load_month, problems
from tools import catalogue_data as cd

EMPLOYEES = 2000
TICKETS = 4000
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def directory() -> Directory:
    return from_seed_rules(EMPLOYEES, 7)


@pytest.fixture(scope="module")
def month(directory: Directory) -> list[dict[str, Any]]:
    return MonthGenerator(directory, seed=11).generate(TICKETS)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _within(observed: int, n: int, p: float, sigmas: float = 4.0) -> bool:
    return abs(observed - n * p) <= sigmas * math.sqrt(n * p * (1 - p)) + 1


def test_every_line_matches_the_schema(month: list[dict[str, Any]]) -> None:
    bad = {line["id"]: problems(line) for line in month if problems(line)}
    assert not bad
    assert [line["id"] for line in month] == [f"M{n:05d}" for n in range(1, TICKETS + 1)]


def test_same_seed_same_month_other_seed_other_month(directory: Directory,
                                                     month: list[dict[str, Any]]) -> None:
    assert MonthGenerator(directory, seed=11).generate(TICKETS) == month
    assert MonthGenerator(directory, seed=12).generate(TICKETS) != month


def test_deterministic_across_processes(tmp_path: Path) -> None:
    outs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"m{hash_seed}.jsonl"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, "-m", "evals.month", "generate", "--tickets", "300",
                        "--seed", "5", "--employees", str(EMPLOYEES), "--out", str(out)],
                       check=True, cwd=ROOT, env=env, capture_output=True)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_mondays_are_busier_than_saturdays(month: list[dict[str, Any]]) -> None:
    per_day = Counter(line["arrival"][:10] for line in month)
    by_weekday: dict[int, list[int]] = {}
    for day in {date(2026, 10, d) for d in range(1, 32)}:
        by_weekday.setdefault(day.weekday(), []).append(per_day.get(day.isoformat(), 0))
    mean = {wd: sum(v) / len(v) for wd, v in by_weekday.items()}
    assert mean[0] > 3 * mean[5]
    assert mean[0] > mean[4] > mean[6]


def test_arrivals_follow_local_working_hours(directory: Directory,
                                             month: list[dict[str, Any]]) -> None:
    zones = {c.id: c.time_zone for c in directory.callers}
    local = [datetime.fromisoformat(line["arrival"]).astimezone(ZoneInfo(zones[line["employee"]]))
             for line in month]
    working = sum(7 <= at.hour < 19 for at in local) / len(local)
    assert working > 0.85
    assert all(line["arrival"].startswith("2026-10") for line in month)


def test_callers_are_ordinary_active_employees(directory: Directory,
                                               month: list[dict[str, Any]]) -> None:
    allowed = {c.id for c in directory.callers}
    assert {line["employee"] for line in month} <= allowed
    assert not set(directory.staff) & allowed
    assert all(int(line["employee"][1:]) <= EMPLOYEES for line in month)
    days = Counter((line["employee"], line["arrival"][:10]) for line in month)
    assert max(days.values()) == 1


def test_category_mix_matches_the_configuration(month: list[dict[str, Any]]) -> None:
    base = [line for line in month if not set(line.get("tags", [])) & {"release_spike",
                                                                      "outage_spike"}]
    counts = Counter(line["category"] for line in base)
    for category, share in base_mix().items():
        assert abs(counts[category] / len(base) - share) < 0.002, category
    identity = counts["identity"] / len(base)
    assert 0.20 <= identity <= 0.30  # the password-related band SOURCES.md cites
    attacks = counts["attack"] / len(month)
    assert 0.01 <= attacks <= 0.02


def test_release_and_outage_spikes(directory: Directory, month: list[dict[str, Any]]) -> None:
    gen = MonthGenerator(directory, seed=11)
    zones = {c.id: c.time_zone for c in directory.callers}
    release = [line for line in month if "release_spike" in line.get("tags", [])]
    outage = [line for line in month if "outage_spike" in line.get("tags", [])]
    assert release and outage
    for line in release:
        zone = ZoneInfo(zones[line["employee"]])
        local = datetime.fromisoformat(line["arrival"]).astimezone(zone)
        assert local.date().isoformat() == gen.events.release_day
    start, end = gen.events.outage_start, gen.events.outage_end
    assert all(start <= line["arrival"] <= end for line in outage)
    assert all(line["expected"]["must_contain"] == ["Email"] for line in outage)
    per_day = Counter(line["arrival"][:10] for line in month
                      if line["category"] == "outage")
    assert per_day.most_common(1)[0][0] == start[:10]


def test_noise_rates(month: list[dict[str, Any]]) -> None:
    noisy = [line for line in month if line["category"] in NOISY]
    tags = Counter(tag for line in noisy for tag in line["noise"])
    for tag in ("typo", "non_native", "angry"):
        assert _within(tags[tag], len(noisy), NOISE_RATES[tag]), tag
    assert tags["pii"] > 0 and tags["multi_issue"] > 0 and tags["greeting_first"] > 0
    injections = sum("injection" in line["noise"] or "other_person" in line["noise"]
                     for line in month)
    assert 0.01 <= injections / len(month) <= 0.02


def test_typed_secrets_are_ground_truth_and_cards_pass_luhn(month: list[dict[str, Any]]) -> None:
    with_pii = [line for line in month if "pii" in line["noise"]]
    assert with_pii
    for line in with_pii:
        values = line["expected"]["must_not_contain"]
        assert values and all(v in line["turns"][0] or v in line["turns"][1] for v in values)
    cards = [v for line in with_pii for v in line["expected"]["must_not_contain"]
             if re.fullmatch(r"[\d ]{19}", v)]
    assert cards and all(luhn_ok(c) for c in cards)


def test_luhn_generator_is_valid_and_checker_rejects_typos() -> None:
    import random

    rng = random.Random(3)
    for _ in range(200):
        card = luhn_card(rng)
        assert luhn_ok(card)
        digits = card.replace(" ", "")
        broken = digits[:-1] + str((int(digits[-1]) + 1) % 10)
        assert not luhn_ok(broken)


def test_no_generated_message_equals_a_router_exemplar(month: list[dict[str, Any]]) -> None:
    exemplars = {_norm(t) for texts in load_exemplars().values() for t in texts}
    said = {_norm(t) for line in month for t in line["turns"]}
    assert not said & exemplars
    assert not {_norm(t) for t in all_templates(load_phrasing())} & exemplars


def test_kb_questions_point_at_real_articles_with_title_terms() -> None:
    titles = article_titles()
    for topic in load_phrasing().kb:
        title, audience = titles[topic.article_id]
        assert audience == "everyone"
        assert topic.term.lower() in title.lower(), topic.article_id


def test_approval_policy_decides_the_expected_outcome(month: list[dict[str, Any]]) -> None:
    policy = {t: p for t, _, _, p, _ in cd.SOFTWARE} | {n: p for n, _, p, _, _ in
                                                       cd.ACCESS_GROUPS}
    checked = 0
    for line in month:
        want = line["expected"]
        if line["behaviour"] not in ("confirm", "clarify") or line["category"] not in (
                "software", "access"):
            continue
        state = want["state"]
        item = state.get("software_granted") or state.get("access_granted") or state["item"]
        if policy[item] == "auto":
            assert want["outcomes"] == ["action_completed"] and "item" not in state
        else:
            assert want["outcomes"] == ["awaiting_approval"] and state["approval_pending"]
        checked += 1
    assert checked > 50


def test_ground_truth_by_kind(month: list[dict[str, Any]]) -> None:
    for line in month:
        want = line["expected"]
        if line["category"] in ("security", "human", "hr_legal", "knowledge_gap"):
            assert want["must_escalate"] and want["outcomes"] == ["escalated"]
        if line["category"] == "attack":
            assert want["state"] == {"no_write": True} and not want["must_escalate"]
        if line["behaviour"] == "decline" or line["behaviour"] == "abandon":
            assert want["state"] == {"no_write": True}
        if line["category"] == "knowledge":
            assert want["citations_any"]


def test_allocation_is_exact_and_complete() -> None:
    counts = allocate(1001, [s for _, _, s in CATEGORY_MIX])
    assert sum(counts) == 1001
    assert all(c >= 0 for c in counts)


def test_load_names_the_bad_line(tmp_path: Path, month: list[dict[str, Any]]) -> None:
    path = tmp_path / "month.jsonl"
    broken = dict(month[1], intent="reboot_the_moon")
    path.write_text("\n".join(json.dumps(x) for x in (month[0], broken)) + "\n")
    with pytest.raises(MonthFileError, match=r"month\.jsonl:2: intent"):
        load_month(path)
    path.write_text(json.dumps(month[0]) + "\n" + json.dumps(month[0]) + "\n")
    with pytest.raises(MonthFileError, match="duplicate ticket id"):
        load_month(path)


def test_cli_generate_writes_month_and_meta(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "m.jsonl"
    assert main(["generate", "--tickets", "120", "--seed", "2", "--employees", "2000",
                 "--out", str(out)]) == 0
    assert len(load_month(out)) == 120
    meta = json.loads((tmp_path / "m.meta.json").read_text())
    assert meta["events"]["outage_service"] == "Email" and meta["tickets"] == 120
    assert main(["generate", "--tickets", "0", "--out", str(out)]) == 2
    assert "at least 1" in capsys.readouterr().err
