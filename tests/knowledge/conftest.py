"""A tiny knowledge base written per test, so ingest and retrieval are tested on known text."""

from __future__ import annotations

from pathlib import Path

import pytest

ARTICLE = """---
id: {id}
title: {title}
category: {category}
tags: [{tags}]
audience: {audience}
owner: Test team
last_reviewed: 2026-10-01
version: 1
---
# {title}

## Symptoms
{symptoms}

## Steps
{steps}

## Contact IT
Contact IT when the steps above do not help.
"""


def write_article(root: Path, name: str, **fields: str) -> Path:
    defaults = {"category": "network", "tags": "test", "audience": "everyone",
                "symptoms": "Something is wrong.", "steps": "1. Do the first thing."}
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE.format(**{**defaults, **fields}), encoding="utf-8")
    return path


@pytest.fixture
def small_kb(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    write_article(root, "net/vpn.md", id="T-VPN", title="Connect to the VPN",
                  symptoms="You cannot reach internal sites from home.",
                  steps="1. Open GlobalConnect from the Start menu.\n"
                        "2. Enter vpn.corp.example as the portal.\n"
                        "3. Approve the MFA prompt on your phone.")
    write_article(root, "print/printer.md", id="T-PRN", title="Add a network printer",
                  category="printing",
                  symptoms="Your printer is missing from the list.",
                  steps="1. Open Settings and choose Printers.\n"
                        "2. Select Add device and pick the printer by its floor code.")
    write_article(root, "staff/runbook.md", id="T-RUN",
                  title="Unlock accounts in the admin console",
                  audience="it_staff", category="identity",
                  symptoms="An employee is locked out and self-service failed.",
                  steps="1. Open the directory admin console.\n"
                        "2. Search the employee and choose Unlock account.")
    return root
