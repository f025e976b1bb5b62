"""Chunking of flat help articles and of long, nested, manual-style ones."""

from __future__ import annotations

import pytest

from knowledge.articles import parse_article
from knowledge.chunking import MAX_CHARS, Chunk, chunk_article, chunk_lines, plain_text

FRONT = """---
id: {id}
title: {title}
category: test
tags: [test]
audience: everyone
owner: Test team
last_reviewed: 2026-10-01
version: 1
---
"""

ROWS = "\n".join(f"| TW-{n:04d} | Error number {n} happened | Restart the client and try again |"
                 for n in range(40))
MANUAL = FRONT.format(id="M-1", title="Client User Guide") + f"""# Client User Guide

## 4 Operation

### 4.1 Points of presence
Short intro.

#### 4.1.1 Selecting a PoP manually
Manual selection is useful when the automatic choice is unstable, for example on a vessel that
switches between satellite beams. Open Settings and choose a point of presence from the list.

#### 4.1.2 Returning to automatic selection
Choose Automatic in the same list.

### 4.2 Always-on mode
On laptops in Finance the client connects before sign-in and cannot be disconnected by the
user. The Disconnect option is greyed out; this is expected behaviour, not a fault.

## 5 Troubleshooting

### 5.1 Error codes
| Code | Message | Resolution |
|---|---|---|
{ROWS}
"""


def test_heading_paths_and_merges_stay_within_a_section() -> None:
    chunks = chunk_article(parse_article(MANUAL, "m.md"))
    by_heading = {c.heading: c for c in chunks}
    # The short intro joins its own subsection, under the subsection's fuller path ...
    pop = by_heading["4 Operation > 4.1 Points of presence > 4.1.1 Selecting a PoP manually"]
    assert "Short intro." in pop.text
    # ... the short sibling after it is appended to it, and the unrelated next section is not.
    assert "Choose Automatic in the same list." in pop.text
    assert "Always-on" not in pop.text
    always = by_heading["4 Operation > 4.2 Always-on mode"]
    assert "greyed out" in always.text
    assert always.embed_text.startswith("Client User Guide > 4 Operation > 4.2 Always-on mode\n")
    assert len({c.id for c in chunks}) == len(chunks)


def test_long_table_is_cut_at_rows_with_its_header_repeated() -> None:
    chunks = [c for c in chunk_article(parse_article(MANUAL, "m.md"))
              if c.heading.endswith("5.1 Error codes")]
    assert len(chunks) > 1
    for chunk in chunks:
        assert len(chunk.text) <= MAX_CHARS
        assert "| Code | Message | Resolution |" in chunk.text
        assert all(line.endswith("|") for line in chunk.text.splitlines()
                   if line.startswith("| TW-"))  # no row is cut in half
    rows = [line for c in chunks for line in c.text.splitlines() if line.startswith("| TW-")]
    assert len(rows) == 40
    # Deep paths keep the deepest heading in the id, where it tells chunks apart.
    assert chunks[0].id.startswith("M-1#5-troubleshooting-5-1-error-codes")


def test_table_rows_are_spelt_out_for_the_embedding() -> None:
    text = "| Item | Entitlement |\n|---|---|\n| Monitor | Up to **two** |"
    assert plain_text(text) == "Item: Monitor; Entitlement: Up to two"


def test_flat_article_keeps_its_sections() -> None:
    article = parse_article(FRONT.format(id="F-1", title="Fix the VPN") + """# Fix the VPN

## Symptoms
The VPN drops every few minutes and internal sites stop loading while you work from home.

## Steps
1. Open GlobalConnect from the Start menu and wait until it shows Connected.
2. Choose your region's gateway instead of Best available; it changes less often.
3. Turn off power saving for the network adapter while plugged in.

## Contact IT
Contact IT when it keeps dropping.
""", "f.md")
    chunks = chunk_article(article)
    assert [c.heading for c in chunks] == ["Symptoms", "Steps"]
    assert "Contact IT when it keeps dropping." in chunks[1].text  # short sibling appended
    assert "GlobalConnect" not in chunks[0].text
    assert [c.id for c in chunks] == ["F-1#symptoms", "F-1#steps"]


FAQ = FRONT.format(id="Q-1", title="Misc IT questions") + """# Misc IT questions

Questions from the help channel that fit nowhere else.

**Q: The projector in the canteen shows nothing.**
A: Use the grey HDMI adapter and press SOURCE until HDMI 2 shows.

**How can I get a new emoji in Slack?**
Anybody can add one under Tools > Customize workspace.

**This page is archived, see the new one.**

Q: Is there a Wi-Fi for my private phone?
Use the guest network.

## Printing

### Where can I print A3?
Only in the copy room of building A.

### Which printers do colour?
All of them.
"""


@pytest.mark.parametrize(("heading", "holds", "lacks"), [
    ("The projector in the canteen shows nothing.", "grey HDMI adapter", "emoji"),
    # A bold line that asks nothing is text, not a question heading.
    ("How can I get a new emoji in Slack?", "archived", "guest network"),
    ("Is there a Wi-Fi for my private phone?", "guest network", "HDMI"),
    # Short neighbouring questions stay apart: on an FAQ page they are unrelated.
    ("Printing > Where can I print A3?", "building A", "All of them"),
    ("Printing > Which printers do colour?", "All of them", "building A"),
])
def test_faq_questions_open_their_own_sections(heading: str, holds: str, lacks: str) -> None:
    chunks = {c.heading: c for c in chunk_article(parse_article(FAQ, "faq.md"))}
    assert holds in chunks[heading].text
    assert lacks not in chunks[heading].text


@pytest.mark.parametrize(("text", "lines"), [
    ("Open Settings and choose Printers.\n\nOK.\n| Key | Value |\n|---|---|\n| Port | 10443 |",
     ["Setup: Open Settings and choose Printers.", "Setup: Key: Port; Value: 10443"]),
    ("## Setup\nShort.\n- Select **Save login** first", ["Setup: - Select Save login first"]),
])
def test_chunk_lines_are_statements_under_their_heading(text: str, lines: list[str]) -> None:
    chunk = Chunk(id="A#setup", article_id="A", title="A", heading="Setup", text=text, position=0)
    assert chunk_lines(chunk) == lines
