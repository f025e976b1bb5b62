"""Browser fixtures: Debian's Chromium driven by Playwright, one fresh profile per person."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright, expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
TIMEOUT_MS = 45_000  # the first turn of a test session also warms the embedding model up


class Browsers:
    """Opens one Chromium per person (a fresh user-data dir each), closes them all at the end,
    and collects what each page logged as an error (CSP violations show up there)."""

    def __init__(self, playwright: Playwright, root: Path) -> None:
        self._pw = playwright
        self._root = root
        self._contexts: list[BrowserContext] = []
        self.errors: list[str] = []

    def page(self, name: str, width: int = 1280, height: int = 900) -> Page:
        context = self._pw.chromium.launch_persistent_context(
            str(self._root / name), executable_path=str(CHROMIUM), headless=True, args=ARGS,
            viewport={"width": width, "height": height})
        self._contexts.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.pages[0] if context.pages else context.new_page()
        page.on("console", lambda msg: self._console(name, msg.type, msg.text))
        page.on("pageerror", lambda exc: self.errors.append(f"{name}: {exc}"))
        return page

    def _console(self, name: str, kind: str, text: str) -> None:
        if kind == "error":
            self.errors.append(f"{name}: {text}")

    def csp_violations(self) -> list[str]:
        return [e for e in self.errors if "Content Security Policy" in e]

    def close(self) -> None:
        for context in self._contexts:
            context.close()
        self._contexts.clear()


@pytest.fixture
def browsers(tmp_path: Path) -> Iterator[Browsers]:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (`make browser` installs Debian's "
                    "chromium; `make test` does that first)")
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        opened = Browsers(playwright, tmp_path)
        try:
            yield opened
        finally:
            opened.close()


def shot(page: Page, name: str) -> Path:
    """A screenshot kept as a test artifact under test-artifacts/web/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page: Page, base_url: str, employee_id: str, next_path: str = "") -> None:
    """Through the real development sign-in page, as a person would."""
    page.goto(f"{base_url}/login" + (f"?next={next_path}" if next_path else ""))
    page.get_by_label("Employee id").fill(employee_id)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def send(page: Page, text: str) -> None:
    """Type into the widget and press Enter (the keyboard path, not a click)."""
    box = page.get_by_label("Your message")
    expect(box).to_be_enabled()
    box.fill(text)
    box.press("Enter")
