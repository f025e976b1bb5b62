"""Parse markdown articles with YAML front matter into validated ``Article`` objects."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from knowledge.errors import ArticleInvalid

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n?(.*)\Z", re.DOTALL)
ARTICLE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class FrontMatter(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    category: str = Field(min_length=1)
    tags: list[str]
    audience: Literal["everyone", "it_staff"]
    owner: str = Field(min_length=1)
    last_reviewed: dt.date
    version: str

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not ARTICLE_ID.match(value):
            raise ValueError("must be letters, digits, '.', '_' or '-' (at most 64)")
        return value

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: object) -> str:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise ValueError("must be a number or a string like 1.2")
        return str(value)

    @field_validator("tags", mode="before")
    @classmethod
    def _tags_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [t.strip() for t in value.split(",") if t.strip()]
        return value


@dataclass(frozen=True)
class Article:
    meta: FrontMatter
    body: str
    path: str
    content_hash: str

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title


def parse_article(text: str, path: str) -> Article:
    match = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if match is None:
        raise ArticleInvalid(path, "front matter", "missing the opening and closing '---' lines")
    raw_meta, body = match.group(1), match.group(2)
    try:
        data = yaml.safe_load(raw_meta)
    except yaml.YAMLError as exc:
        raise ArticleInvalid(path, "front matter", f"not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise ArticleInvalid(path, "front matter", "must be a mapping of fields")
    try:
        meta = FrontMatter.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "front matter"
        raise ArticleInvalid(path, field, first["msg"]) from exc
    if not body.strip():
        raise ArticleInvalid(path, "body", "is empty")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return Article(meta=meta, body=body, path=path, content_hash=digest)


def read_article(path: Path, root: Path) -> Article:
    rel = str(path.relative_to(root))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleInvalid(rel, "file", f"is not UTF-8 text ({exc.reason})") from exc
    except OSError as exc:
        raise ArticleInvalid(rel, "file", f"cannot be read ({exc.strerror})") from exc
    return parse_article(text, rel)


@dataclass(frozen=True)
class LoadResult:
    articles: list[Article]
    errors: list[ArticleInvalid]


def load_articles(root: Path) -> LoadResult:
    """Every ``*.md`` under ``root`` (any depth, README files skipped), validated."""
    if not root.is_dir():
        raise ArticleInvalid(str(root), "kb", "is not a directory")
    articles: list[Article] = []
    errors: list[ArticleInvalid] = []
    seen: dict[str, str] = {}
    for path in sorted(root.rglob("*.md")):
        if path.name.lower() == "readme.md" or any(p.startswith(".") for p in path.parts):
            continue
        try:
            article = read_article(path, root)
        except ArticleInvalid as exc:
            errors.append(exc)
            continue
        if article.id in seen:
            errors.append(ArticleInvalid(article.path, "id", f"duplicates {seen[article.id]}"))
            continue
        seen[article.id] = article.path
        articles.append(article)
    return LoadResult(articles=articles, errors=errors)
