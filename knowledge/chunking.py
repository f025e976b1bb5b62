"""Split an article into heading-aligned chunks with ids that survive re-ingest."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.articles import Article

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
# MiniLM truncates at 256 word pieces; about 1,000 characters of English stay inside that.
MAX_CHARS = 1000
MIN_CHARS = 160


@dataclass(frozen=True)
class Chunk:
    id: str
    article_id: str
    title: str
    heading: str
    text: str
    position: int

    @property
    def embed_text(self) -> str:
        # The title and heading give short sections the context their own words lack.
        heading = f" > {self.heading}" if self.heading and self.heading != self.title else ""
        return f"{self.title}{heading}\n{self.text}"


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:48] or "section"


def _sections(body: str, title: str) -> list[tuple[str, str]]:
    """(heading path, text) pairs; the text keeps its heading line."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    trail: dict[int, str] = {}
    in_fence = False
    for line in body.splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if match and len(match.group(1)) >= 2:
            level = len(match.group(1))
            trail = {k: v for k, v in trail.items() if k < level}
            trail[level] = match.group(2).strip()
            sections.append((" > ".join(trail[k] for k in sorted(trail)), [line]))
        elif match:  # the article's own "# Title" line opens the intro
            sections[0][1].append(line)
        else:
            sections[-1][1].append(line)
    out = [(h, "\n".join(lines).strip()) for h, lines in sections]
    return [(h or title, t) for h, t in out if _has_words(t, h)]


def _has_words(text: str, heading: str) -> bool:
    stripped = "\n".join(
        line for line in text.splitlines() if not _HEADING.match(line)
    ).strip()
    return bool(stripped)


def _windows(text: str) -> list[str]:
    if len(text) <= MAX_CHARS:
        return [text]
    parts: list[str] = []
    current = ""
    for para in re.split(r"\n\s*\n", text):
        while len(para) > MAX_CHARS:
            cut = para.rfind(". ", 0, MAX_CHARS)
            cut = cut + 1 if cut > MAX_CHARS // 2 else MAX_CHARS
            head, para = para[:cut].strip(), para[cut:].strip()
            if current:
                parts.append(current)
                current = ""
            parts.append(head)
        if current and len(current) + len(para) + 2 > MAX_CHARS:
            parts.append(current)
            current = para
        else:
            current = f"{current}\n\n{para}" if current else para
    if current:
        parts.append(current)
    return parts


def chunk_article(article: Article) -> list[Chunk]:
    merged: list[tuple[str, str]] = []
    for heading, text in _sections(article.body, article.title):
        if merged and len(merged[-1][1]) < MIN_CHARS and len(merged[-1][1]) + len(text) < MAX_CHARS:
            prev_heading, prev_text = merged[-1]
            merged[-1] = (prev_heading, f"{prev_text}\n\n{text}")
        else:
            merged.append((heading, text))
    chunks: list[Chunk] = []
    used: dict[str, int] = {}
    for heading, text in merged:
        for window in _windows(text):
            base = slugify(heading)
            used[base] = used.get(base, 0) + 1
            suffix = "" if used[base] == 1 else f"-{used[base]}"
            chunks.append(
                Chunk(
                    id=f"{article.id}#{base}{suffix}",
                    article_id=article.id,
                    title=article.title,
                    heading=heading,
                    text=window,
                    position=len(chunks),
                )
            )
    return chunks
