"""The accessibility evidence the browser tests leave behind for the accessibility statement.

Every axe-core scan (``axe_check``) is noted with the page's URL pattern (never its ids), its
language and its violations; every browser test whose name says "keyboard" or "320" counts as
a keyboard or 320 px journey. At the end of a session in which browser tests ran, the whole
is written as JSON in a fixed order: into the committed file that the statement page reads
(``src/revmentor/privacy/accessibility-results.json``) when the session ran the whole suite
(no paths, no -k), else only into test-artifacts/.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent.parent
COMMITTED = ROOT / "src" / "revmentor" / "privacy" / "accessibility-results.json"
ARTIFACT = ROOT / "test-artifacts" / "accessibility-results.json"
STANDARD = "WCAG 2.1 AA"
JOURNEY_WORDS = {"keyboard": "keyboard", "320": "320px"}


@dataclass
class Collected:
    pages: dict[tuple[str, str], dict] = field(default_factory=dict)
    journeys: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    browser_tests: dict[str, str] = field(default_factory=dict)
    axe_version: str = ""
    browser: str = ""


collected = Collected()


def url_pattern(url: str) -> str:
    """The route that serves ``url`` ("/manage/<slug:slug>/..."), so no id is written down."""
    path = urlsplit(url).path
    try:
        return "/" + resolve(path).route
    except Resolver404:
        return "(not found)"


def note_scan(page, response: dict) -> None:
    """Add one axe-core scan of ``page`` (axe's raw response) to the evidence."""
    language = page.locator("html").get_attribute("lang") or ""
    key = (url_pattern(page.url), language)
    entry = collected.pages.setdefault(key, {"visits": 0, "violations": defaultdict(dict)})
    entry["visits"] += 1
    for violation in response.get("violations", []):
        seen = entry["violations"][violation["id"]]
        seen["impact"] = violation.get("impact") or ""
        seen["help"] = violation.get("help", "")
        seen["count"] = max(seen.get("count", 0), len(violation.get("nodes", [])))
    collected.axe_version = response.get("testEngine", {}).get("version", collected.axe_version)
    browser = page.context.browser
    if browser is not None:
        collected.browser = f"Chromium {browser.version}"


def note_test(nodeid: str, outcome: str, is_browser: bool) -> None:
    if not is_browser:
        return
    collected.browser_tests[nodeid] = outcome
    name = nodeid.rsplit("::", 1)[-1]
    for word, kind in JOURNEY_WORDS.items():
        if word in name:
            collected.journeys[kind][nodeid] = outcome


def as_json(data: Collected, today) -> dict:
    """The evidence in a fixed order: pages by URL and language, rules by id, tests by name."""
    return {
        "format": 1,
        "date": today.isoformat(),
        "standard": STANDARD,
        "axe_core": data.axe_version,
        "browser": data.browser,
        "pages": [
            {
                "url": url,
                "language": language,
                "visits": entry["visits"],
                "violations": [
                    {"id": rule, **entry["violations"][rule]}
                    for rule in sorted(entry["violations"])
                ],
            }
            for (url, language), entry in sorted(data.pages.items())
        ],
        "journeys": {
            kind: {
                "passed": all(outcome == "passed" for outcome in tests.values()),
                "tests": [{"test": test, "outcome": tests[test]} for test in sorted(tests)],
            }
            for kind, tests in sorted(data.journeys.items())
        },
        "tests": {
            "browser": len(data.browser_tests),
            "failed": sum(1 for outcome in data.browser_tests.values() if outcome != "passed"),
        },
    }


def whole_suite(config) -> bool:
    """Whether the session ran every test file (no paths given, no -k)."""
    return config.args_source.name != "ARGS" and not config.getoption("keyword")


def write(config) -> Path | None:
    """Write the evidence if browser tests ran; the file written."""
    if not collected.pages:
        return None
    content = json.dumps(as_json(collected, timezone.localdate()), indent=2, ensure_ascii=False)
    targets = [ARTIFACT] + ([COMMITTED] if whole_suite(config) else [])
    for target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content + "\n", encoding="utf-8")
    return targets[-1]
