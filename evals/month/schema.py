"""The month line format (``schema.json``): validated when written and when loaded."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator

SCHEMA_PATH = Path(__file__).with_name("schema.json")


class MonthFileError(ValueError):
    """A month file that cannot be replayed; the message names the file and line."""


@cache
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def _fast_check() -> Any:
    """The schema compiled to Python: a month is 25,000 lines, and the generic validator spent
    ~13 s on them. It only answers valid or not; ``problems`` explains a failure. The schema
    uses no keyword newer than draft 7, so compiling it as draft 7 checks the same rules."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    return fastjsonschema.compile(schema)


def problems(line: dict[str, Any]) -> list[str]:
    try:
        _fast_check()(line)
        return []
    except fastjsonschema.JsonSchemaException:
        pass  # the full validator below names every problem
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(line)'}: {e.message}"
            for e in sorted(validator().iter_errors(line), key=lambda e: list(e.path))]


def validate_line(line: dict[str, Any]) -> None:
    found = problems(line)
    if found:
        raise MonthFileError(f"ticket {line.get('id', '?')}: {found[0]}")


def load_month(path: Path) -> list[dict[str, Any]]:
    """Every ticket of a month file, validated; the first bad line stops the load."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise MonthFileError(f"{path}: cannot be read ({exc})") from exc
    lines: list[dict[str, Any]] = []
    seen: set[str] = set()
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise MonthFileError(f"{path}:{n}: not valid JSON ({exc.msg})") from exc
        if not isinstance(line, dict):
            raise MonthFileError(f"{path}:{n}: each line must be a JSON object")
        found = problems(line)
        if found:
            raise MonthFileError(f"{path}:{n}: {found[0]}")
        if line["id"] in seen:
            raise MonthFileError(f"{path}:{n}: duplicate ticket id {line['id']}")
        seen.add(line["id"])
        lines.append(line)
    if not lines:
        raise MonthFileError(f"{path}: no tickets in the file")
    return lines
