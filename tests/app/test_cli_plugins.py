"""`zerodesk month ...` reaches the evals' month tool through the command entry point."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import cli


def test_month_is_a_zerodesk_subcommand(tmp_path: Path) -> None:
    assert "month" in cli._plugins()
    out = tmp_path / "month.jsonl"
    code = cli.main(["month", "generate", "--tickets", "30", "--employees", "500",
                     "--out", str(out)])
    assert code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 30


def test_month_errors_are_one_line_and_exit_2(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["month", "replay", str(tmp_path / "missing.jsonl")])
    assert code == 2
    err = capsys.readouterr().err
    assert "no such month file" in err and "Traceback" not in err


def test_help_lists_the_plugin(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "month" in capsys.readouterr().out


def test_serve_host_flag_is_checked_against_the_default_key(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("ZERODESK_SECRET_KEY", raising=False)
    assert cli.main(["serve", "--host", "0.0.0.0"]) == 2  # refused before uvicorn starts
    assert "ZERODESK_SECRET_KEY" in capsys.readouterr().err
