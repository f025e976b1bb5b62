"""The month's phrasing material (``evals/datasets/month/``), loaded and checked once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tools import catalogue_data as cd

DATA = Path(__file__).resolve().parent.parent / "datasets" / "month"
ARTICLES = Path(__file__).resolve().parent.parent.parent / "knowledge" / "articles"
# Aliases too generic to be what an employee types on its own ("code", "idea", "office").
VAGUE_ALIASES = frozenset({"code", "idea", "office", "word", "cad", "burp", "sap", "crm", "wiki",
                           "acrobat", "visual studio", "teams", "chat app", "team chat"})


@dataclass(frozen=True)
class KbTopic:
    article_id: str
    title: str
    weight: float
    term: str
    release: bool
    questions: tuple[str, ...]


@dataclass(frozen=True)
class CatalogueItem:
    name: str
    policy: str  # auto | manager | owner | restricted
    spoken: tuple[str, ...]  # how employees name it: the title and its specific aliases


@dataclass(frozen=True)
class Phrasing:
    kb: tuple[KbTopic, ...]
    requests: dict[str, Any]
    noise: dict[str, Any]
    software: tuple[CatalogueItem, ...]
    groups: tuple[CatalogueItem, ...]


def _yaml(name: str) -> Any:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def article_titles(root: Path = ARTICLES) -> dict[str, tuple[str, str]]:
    """article id -> (title, audience), read from each article's front matter."""
    out: dict[str, tuple[str, str]] = {}
    for path in sorted(root.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        match = re.match(r"^---\n(.*?)\n---", text, re.DOTALL)
        if not match:
            continue
        meta = yaml.safe_load(match.group(1))
        out[str(meta["id"])] = (str(meta["title"]), str(meta.get("audience", "everyone")))
    return out


def _spoken(title: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    return (title, *(a for a in aliases if a.lower() not in VAGUE_ALIASES and len(a) >= 4))


@cache
def load_phrasing() -> Phrasing:
    titles = article_titles()
    topics = []
    for article_id, block in _yaml("kb.yaml").items():
        if article_id not in titles:
            raise ValueError(f"kb.yaml names {article_id}, which is not in knowledge/articles")
        title, audience = titles[article_id]
        if audience != "everyone":
            raise ValueError(f"kb.yaml: {article_id} is for IT staff, not employees")
        topics.append(KbTopic(article_id, title, float(block["w"]), str(block["term"]),
                              bool(block.get("release", False)),
                              tuple(str(q) for q in block["q"])))
    software = tuple(CatalogueItem(t, policy, _spoken(t, aliases))
                     for t, _, _, policy, aliases in cd.SOFTWARE)
    groups = tuple(CatalogueItem(n, policy, _spoken(n, aliases))
                   for n, _, policy, _, aliases in cd.ACCESS_GROUPS)
    return Phrasing(tuple(topics), _yaml("requests.yaml"), _yaml("noise.yaml"), software, groups)


def all_templates(phrasing: Phrasing) -> list[str]:
    """Every first-message template and follow-up, for the exemplar-overlap check."""
    out = [q for t in phrasing.kb for q in t.questions]
    for key, value in phrasing.requests.items():
        if isinstance(value, list):
            out.extend(str(v) for v in value)
        elif key == "follow_ups":
            out.extend(str(v) for vs in value.values() for v in vs)
    out.extend(phrasing.noise["unanswerable"])
    return out
