"""The accessibility statement's evidence: the file the browser tests write (axe-core results per
page, the keyboard and 320 px journeys), read and summed up for the statement page."""

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

RESULTS_FILE = Path(__file__).resolve().parent / "accessibility-results.json"
JOURNEYS = ("keyboard", "320px")
IMPACTS = {
    "critical": _("critical"),
    "serious": _("serious"),
    "moderate": _("moderate"),
    "minor": _("minor"),
}
JOURNEY_NAMES = {
    "keyboard": _("keyboard alone"),
    "320px": _("a 320 pixel wide screen"),
}


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    count: int

    @property
    def impact_label(self) -> str:
        return str(IMPACTS.get(self.impact, self.impact))


@dataclass(frozen=True)
class PageResult:
    url: str
    language: str
    visits: int
    violations: list[Violation]


@dataclass(frozen=True)
class Journey:
    kind: str
    passed: bool
    tests: int
    failed_tests: list[str]

    @property
    def name(self) -> str:
        return str(JOURNEY_NAMES.get(self.kind, self.kind))


@dataclass(frozen=True)
class Evidence:
    """The last assessment: when, with what, and what it found."""

    assessed_on: date
    axe_version: str
    browser: str
    standard: str
    pages: list[PageResult]
    journeys: list[Journey] = field(default_factory=list)

    @property
    def problems(self) -> list[tuple[PageResult, Violation]]:
        return [(page, v) for page in self.pages for v in page.violations]

    @property
    def failed_journeys(self) -> list[Journey]:
        return [journey for journey in self.journeys if not journey.passed]

    @property
    def languages(self) -> list[str]:
        return sorted({page.language for page in self.pages})

    def journey(self, kind: str) -> Journey | None:
        return next((j for j in self.journeys if j.kind == kind), None)

    @property
    def fully_compliant(self) -> bool:
        """No axe violation on any page and every journey passed."""
        return bool(self.pages) and not self.problems and not self.failed_journeys


def results_path() -> Path:
    return Path(getattr(settings, "REVMENTOR_ACCESSIBILITY_RESULTS", "") or RESULTS_FILE)


def load_evidence(path: Path | None = None) -> Evidence | None:
    """The evidence in the results file, or None when there is no (readable) file."""
    path = path or results_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Evidence(
            assessed_on=date.fromisoformat(data["date"]),
            axe_version=data["axe_core"],
            browser=data["browser"],
            standard=data["standard"],
            pages=[
                PageResult(
                    url=page["url"],
                    language=page["language"],
                    visits=page["visits"],
                    violations=[
                        Violation(v["id"], v["impact"] or "", v["help"], v["count"])
                        for v in page["violations"]
                    ],
                )
                for page in data["pages"]
            ],
            journeys=[
                Journey(
                    kind=kind,
                    passed=journey["passed"],
                    tests=len(journey["tests"]),
                    failed_tests=[t["test"] for t in journey["tests"] if t["outcome"] != "passed"],
                )
                for kind, journey in sorted(data["journeys"].items())
                if kind in JOURNEYS
            ],
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
