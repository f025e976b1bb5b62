"""The role card is checked at startup, each new version is audited, and its thresholds rule."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select

from app.errors import ConfigError
from app.role_card import load_role_card
from app.runtime import open_itsm
from app.settings import Settings
from tests.conftest import make_settings
from tools.models import AuditEntry

CARD = Path(__file__).resolve().parents[2] / "app" / "role_card.yaml"


def _card(tmp_path: Path, change: Any) -> Path:
    raw = yaml.safe_load(CARD.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "role_card.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


def _set(*keys: str, value: Any) -> Any:
    def change(raw: dict[str, Any]) -> None:
        node = raw
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value
    return change


def _drop(*keys: str) -> Any:
    def change(raw: dict[str, Any]) -> None:
        node = raw
        for key in keys[:-1]:
            node = node[key]
        del node[keys[-1]]
    return change


BAD = [
    ("threshold above 1", _set("thresholds", "min_answer_confidence", value=2), "thresholds"),
    ("threshold not a number", _set("thresholds", "citation_support", value="high"),
     "thresholds.citation_support"),
    ("owner missing", _drop("owner"), "owner"),
    ("unknown top-level field", _set("surprise", value=1), "surprise"),
    ("approval SLA zero", _set("thresholds", "approval_sla_hours", value=0),
     "thresholds.approval_sla_hours"),
]


@pytest.mark.parametrize(("case", "change", "field"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_field_stops_the_start_and_is_named(tmp_path: Path, case: str, change: Any,
                                                   field: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_role_card(_card(tmp_path, change))
    assert "role card" in str(err.value) and field in str(err.value), case


def _settings(data_dir: Path, card: Path) -> Settings:
    return make_settings(data_dir).model_copy(update={"role_card": card})


def _clock() -> datetime:
    return datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def test_an_unknown_escalation_group_stops_the_start(tmp_path: Path, data_dir: Path) -> None:
    path = _card(tmp_path, _set("escalation", "default", value={"group": "Nobody Desk",
                                                                 "priority": 3}))
    with pytest.raises(ConfigError, match="Nobody Desk"):
        open_itsm(_settings(data_dir, path), load_role_card(path), _clock)


def test_each_new_version_is_audited_once(tmp_path: Path, data_dir: Path) -> None:
    def loaded(engine: Any) -> list[dict[str, Any]]:
        with engine.connect() as conn:
            rows = conn.execute(select(AuditEntry.after).where(
                AuditEntry.action == "config.loaded", AuditEntry.entity == "role_card")
                .order_by(AuditEntry.id)).all()
        return [r[0] for r in rows]

    first = load_role_card(CARD)
    engine, _ = open_itsm(_settings(data_dir, CARD), first, _clock)
    before = loaded(engine)
    engine.dispose()
    engine, _ = open_itsm(_settings(data_dir, CARD), first, _clock)  # same card: no new row
    assert loaded(engine) == before
    engine.dispose()
    changed = _card(tmp_path, _set("version", value="9.9.9-test"))
    engine, _ = open_itsm(_settings(data_dir, changed), load_role_card(changed), _clock)
    after = loaded(engine)
    engine.dispose()
    assert len(after) == len(before) + 1 and after[-1]["version"] == "9.9.9-test"


def test_the_approval_sla_comes_from_the_role_card(tmp_path: Path, data_dir: Path) -> None:
    path = _card(tmp_path, _set("thresholds", "approval_sla_hours", value=7))
    engine, itsm = open_itsm(_settings(data_dir, path), load_role_card(path), _clock)
    engine.dispose()
    assert itsm.sla.approval_hours == 7
