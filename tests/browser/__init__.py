"""Browser tests in Debian's Chromium through Playwright, with an axe-core scan of every page.

Where Chromium is missing the browser tests are skipped with a loud notice, unless
REQUIRE_BROWSER=1 (as in CI), where a missing browser fails them.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.browser import evidence

CHROMIUM = os.environ.get("REVMENTOR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"
_skipped: list[str] = []


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


@pytest.fixture(scope="session")
def browser():
    if not chromium_available():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but Chromium is missing at {CHROMIUM}")
        _skipped.append("chromium missing")
        pytest.skip(f"Chromium not found at {CHROMIUM}: browser tests skipped")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh page whose relative URLs point at the live server, in Swedish."""
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


@pytest.fixture
def axe_check():
    """Scan the page with axe-core (WCAG 2.1 A and AA) and fail on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, name: str | None = None) -> None:
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        evidence.note_scan(page, results.response)
        if name:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
        csp = [e for e in page.console_errors if "Content Security Policy" in e]
        assert csp == [], csp

    return check


def pytest_runtest_logreport(report):
    """Note each browser test's outcome for the accessibility evidence (journeys by name)."""
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        evidence.note_test(report.nodeid, report.outcome, "browser" in report.keywords)


def pytest_sessionfinish(session):
    """Write the accessibility evidence when browser tests ran (see tests/browser/evidence.py)."""
    evidence.write(session.config)


def pytest_terminal_summary(terminalreporter):
    if _skipped:
        terminalreporter.write_sep(
            "!",
            "BROWSER TESTS SKIPPED: Chromium is missing (CI sets REQUIRE_BROWSER=1)",
            red=True,
            bold=True,
        )
