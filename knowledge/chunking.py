"""Split an article into heading-aligned chunks with ids that survive re-ingest.

Works for short help articles (a few `##` sections) and for long manual-style ones (numbered
`###`/`####` trees, tables, long procedures): every chunk carries its full heading path into
the embedded text, a short section joins its own subsection or its preceding sibling (never
an unrelated section), and a long section is cut at line boundaries with a table's header rows
repeated, so a chunk from the middle of a long table still says what its columns mean.

FAQ exports (Confluence and the like) often have no headings inside a page: each question is a
bold line or a "Q:" line. Those questions open sections of their own, and a question is never
merged into the one before it, because neighbouring questions on such a page are unrelated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.articles import Article

# Bump when chunking changes: ingest re-chunks every article whose stored version differs.
CHUNKER_VERSION = 5
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
# A whole line in bold that asks something, or a "Q:" line: a question heading in an FAQ page.
_QUESTION = re.compile(r"^\s*(?:\*\*|__)(?:Q:\s*)?(?P<b>[^*_]+\?)\s*(?:\*\*|__)\s*$"
                       r"|^\s*(?:\*\*|__)?Q:(?:\*\*|__)?\s*(?P<q>.+?)\s*(?:\*\*|__)?\s*$")
_TABLE_ROW = re.compile(r"^\s*\|")
_TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|[\s:|-]*$")
# MiniLM truncates at 256 word pieces; about 1,000 characters of English stay inside that.
MAX_CHARS = 1000
MIN_CHARS = 160
MAX_ID_SLUG = 48
MIN_LINE_WORDS = 3
_WORDS = re.compile(r"[A-Za-z0-9]{2,}")
SEP = " > "


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
        # The title and heading path give a section the context its own words lack
        # ("4.2.1 Selecting a PoP manually" means little without "Tidewater ... User Guide").
        heading = f"{SEP}{self.heading}" if self.heading and self.heading != self.title else ""
        return f"{self.title}{heading}\n{plain_text(self.text)}"


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


def table_rows(text: str) -> list[tuple[str, list[str] | None]]:
    """Each line with its cells when it is a table row: [] for header and rule rows (they
    name columns, they say nothing), None for a line outside any table."""
    lines = text.splitlines()
    out: list[tuple[str, list[str] | None]] = []
    for i, line in enumerate(lines):
        if not _TABLE_ROW.match(line):
            out.append((line, None))
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        header = _TABLE_RULE.match(line) or _TABLE_RULE.match(nxt)
        out.append((line, [] if header else _cells(line)))
    return out


def plain_text(text: str) -> str:
    """Markdown as a sentence model reads it best: each table row spelt out against its column
    names ("Item: Monitor; Entitlement: up to two"), emphasis and code marks dropped."""
    out: list[str] = []
    header: list[str] = []
    for line, cells in table_rows(text):
        if cells is None:
            header = header if line.strip() else []
        elif not cells:
            if not _TABLE_RULE.match(line):
                header = _cells(line)
            continue
        elif header and len(header) == len(cells):
            line = "; ".join(f"{h}: {c}" if h else c for h, c in zip(header, cells, strict=True))
        else:
            line = "; ".join(cells)
        out.append(line.replace("**", "").replace("`", "").lstrip("> "))
    return "\n".join(out)


def chunk_lines(chunk: Chunk) -> list[str]:
    """The chunk's statements one by one, each under its heading, for line-level matching: a
    section's vector averages everything it says, so a question about one thing it says (or
    about something next to it) is judged by the closest single statement instead."""
    out = []
    for line in plain_text(chunk.text).splitlines():
        text = line.strip().lstrip("#").strip()
        if len(_WORDS.findall(text)) >= MIN_LINE_WORDS:
            out.append(f"{chunk.heading}: {text}")
    return out


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:MAX_ID_SLUG] or "section"


def _id_slug(heading: str) -> str:
    """The full path when it fits, else its deepest heading: the part that tells chunks apart."""
    full = slugify(heading)
    if len(re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")) <= MAX_ID_SLUG:
        return full
    return slugify(heading.split(SEP)[-1])


def _sections(body: str, title: str) -> list[tuple[str, str]]:
    """(heading path, text) pairs; the text keeps its heading line."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    trail: dict[int, str] = {}
    in_fence = False
    for line in body.splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        question = None if in_fence or match else _QUESTION.match(line)
        if question:
            # One level below the heading it stands under; the next real heading ends it.
            level = max(trail, default=1) + 1
            trail = {k: v for k, v in trail.items() if k < level}
            trail[level] = (question.group("b") or question.group("q")).strip()
            sections.append((SEP.join(trail[k] for k in sorted(trail)), [line]))
            trail.pop(level)
        elif match and len(match.group(1)) >= 2:
            level = len(match.group(1))
            trail = {k: v for k, v in trail.items() if k < level}
            trail[level] = match.group(2).strip()
            sections.append((SEP.join(trail[k] for k in sorted(trail)), [line]))
        elif match:  # the article's own "# Title" line opens the intro
            sections[0][1].append(line)
        else:
            sections[-1][1].append(line)
    out = [(h, "\n".join(lines).strip()) for h, lines in sections]
    return [(h or title, t) for h, t in out if _has_words(t)]


def _has_words(text: str) -> bool:
    return any(line.strip() and not _HEADING.match(line) for line in text.splitlines())


def _is_question(heading: str, text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0]
    return heading.split(SEP)[-1].rstrip().endswith("?") or bool(_QUESTION.match(first))


def _parent(heading: str) -> str:
    return heading.rsplit(SEP, 1)[0] if SEP in heading else ""


def _merge(sections: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Join short sections to their closest relative so no chunk is a lone sentence."""
    merged: list[tuple[str, str]] = []
    for heading, text in sections:
        if merged:
            prev_heading, prev_text = merged[-1]
            fits = len(prev_text) + len(text) + 2 <= MAX_CHARS
            if fits and len(prev_text) < MIN_CHARS and heading.startswith(prev_heading + SEP):
                # A short intro joins its first subsection, under the subsection's fuller path.
                merged[-1] = (heading, f"{prev_text}\n\n{text}")
                continue
            related = _parent(heading) == _parent(prev_heading) or heading.startswith(
                prev_heading + SEP)
            if fits and len(text) < MIN_CHARS and related and not _is_question(heading, text):
                # A short sibling or subsection is appended to the section before it.
                merged[-1] = (prev_heading, f"{prev_text}\n\n{text}")
                continue
        merged.append((heading, text))
    return merged


def _lines_windows(block: str) -> list[str]:
    """Cut an over-long block at line ends; a table's header rows are repeated in each part."""
    lines = block.splitlines()
    header: list[str] = []
    starts = [i for i in range(len(lines) - 1)
              if _TABLE_ROW.match(lines[i]) and _TABLE_RULE.match(lines[i + 1])]
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for n, line in enumerate(lines):
        if starts and n == starts[0] + 2:  # past the table's header: repeat it from now on
            header = lines[starts[0]:starts[0] + 2]
        while len(line) > MAX_CHARS:  # one enormous line: cut at a sentence end or a space
            cut = line.rfind(". ", 0, MAX_CHARS)
            cut = cut + 1 if cut > MAX_CHARS // 2 else (line.rfind(" ", 0, MAX_CHARS) + 1
                                                         or MAX_CHARS)
            if current:
                parts.append("\n".join(current))
                current, size = [], 0
            parts.append(line[:cut].strip())
            line = line[cut:].strip()
        if len(current) > len(header) and size + len(line) + 1 > MAX_CHARS:
            parts.append("\n".join(current))
            current = list(header)
            size = sum(len(x) + 1 for x in current)
        current.append(line)
        size += len(line) + 1
    if current:
        parts.append("\n".join(current))
    return [p for p in parts if p.strip()]


def _windows(text: str) -> list[str]:
    if len(text) <= MAX_CHARS:
        return [text]
    parts: list[str] = []
    current = ""
    for para in re.split(r"\n\s*\n", text):
        pieces = _lines_windows(para) if len(para) > MAX_CHARS else [para]
        for piece in pieces:
            if current and len(current) + len(piece) + 2 > MAX_CHARS:
                parts.append(current)
                current = piece
            else:
                current = f"{current}\n\n{piece}" if current else piece
    if current:
        parts.append(current)
    return parts


def chunk_article(article: Article) -> list[Chunk]:
    chunks: list[Chunk] = []
    used: dict[str, int] = {}
    for heading, text in _merge(_sections(article.body, article.title)):
        for window in _windows(text):
            base = _id_slug(heading)
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
