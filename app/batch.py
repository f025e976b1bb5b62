"""Reading and validating the brief's JSONL batch files, naming the line of any problem."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import BadInput


@dataclass(frozen=True)
class AskCase:
    id: Any
    employee: str
    turns: list[str]
    line: int


@dataclass(frozen=True)
class SearchCase:
    id: Any
    query: str
    line: int


def read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise BadInput(f"{path}: file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: cannot be read ({exc})") from exc
    rows = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadInput(f"{path}:{n}: not valid JSON ({exc.msg})") from exc
        if not isinstance(obj, dict):
            raise BadInput(f"{path}:{n}: each line must be a JSON object")
        rows.append((n, obj))
    if not rows:
        raise BadInput(f"{path}: no cases in the file")
    return rows


def read_ask_cases(path: Path) -> list[AskCase]:
    cases = []
    for n, obj in read_jsonl(path):
        if "id" not in obj:
            raise BadInput(f"{path}:{n}: missing field 'id'")
        employee = obj.get("employee", "auto")
        if not isinstance(employee, str) or not employee.strip():
            raise BadInput(f"{path}:{n}: 'employee' must be an employee id or 'auto'")
        turns = obj.get("turns")
        if (not isinstance(turns, list) or not turns
                or not all(isinstance(t, str) and t.strip() for t in turns)):
            raise BadInput(f"{path}:{n}: 'turns' must be a non-empty list of non-empty strings")
        cases.append(AskCase(obj["id"], employee.strip(), turns, n))
    return cases


def read_search_cases(path: Path) -> list[SearchCase]:
    cases = []
    for n, obj in read_jsonl(path):
        if "id" not in obj:
            raise BadInput(f"{path}:{n}: missing field 'id'")
        query = obj.get("query")
        if not isinstance(query, str) or not query.strip():
            raise BadInput(f"{path}:{n}: 'query' must be a non-empty string")
        cases.append(SearchCase(obj["id"], query, n))
    return cases
