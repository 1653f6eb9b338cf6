"""The accessibility statement from evidence: compliance level, date, method and the known
problems come from the results file the browser tests write."""

import json
from datetime import date

import pytest
from django.urls import reverse

from revmentor.privacy.accessibility import load_evidence
from tests.browser import evidence

RESULTS = {
    "format": 1,
    "date": "2026-11-27",
    "standard": "WCAG 2.1 AA",
    "axe_core": "4.12.1",
    "browser": "Chromium 142.0.7444.0",
    "pages": [
        {"url": "/", "language": "en", "visits": 1, "violations": []},
        {"url": "/", "language": "sv", "visits": 3, "violations": []},
        {"url": "/manage/<slug:slug>/dashboard/", "language": "sv", "visits": 2, "violations": []},
    ],
    "journeys": {
        "320px": {
            "passed": True,
            "tests": [{"test": "tests/x.py::test_on_a_320_px_phone", "outcome": "passed"}],
        },
        "keyboard": {
            "passed": True,
            "tests": [
                {"test": "tests/x.py::test_by_keyboard", "outcome": "passed"},
                {"test": "tests/y.py::test_keyboard_only", "outcome": "passed"},
            ],
        },
    },
    "tests": {"browser": 3, "failed": 0},
}


def with_problems() -> dict:
    results = json.loads(json.dumps(RESULTS))
    results["pages"][2]["violations"] = [
        {
            "id": "color-contrast",
            "impact": "serious",
            "help": "Elements must meet minimum color contrast ratio thresholds",
            "count": 4,
        }
    ]
    results["journeys"]["keyboard"]["passed"] = False
    results["journeys"]["keyboard"]["tests"][1]["outcome"] = "failed"
    return results


@pytest.fixture
def results_file(settings, tmp_path):
    def write(results: dict):
        path = tmp_path / "results.json"
        path.write_text(json.dumps(results), encoding="utf-8")
        settings.REVMENTOR_ACCESSIBILITY_RESULTS = str(path)
        return path

    return write


def statement(client) -> str:
    return client.get(reverse("privacy:accessibility")).content.decode()


def test_no_problems_means_the_service_fully_complies(client, db, results_file):
    results_file(RESULTS)
    page = statement(client)
    assert "revmentor uppfyller helt kraven" in page
    assert "uppfyller delvis" not in page
    assert "Den senaste bedömningen gjordes 2026-11-27." in page
    assert "axe-core 4.12.1" in page
    assert "Chromium 142.0.7444.0" in page
    assert "på 3 sidor" in page
    assert "Resor genom tjänsten med enbart tangentbord: 2 tester. Godkänd." in page
    assert "Resor genom tjänsten med en 320 pixlar bred skärm: 1 test. Godkänd." in page
    assert "Det senaste testet hittade inga brister." in page
    assert 'href="https://www.digg.se/tdosanmalan"' in page
    assert 'href="/accessibility/report/"' in page


def test_problems_make_it_partial_and_are_listed(client, db, results_file):
    results_file(with_problems())
    page = statement(client)
    assert "revmentor uppfyller delvis kraven" in page
    assert "uppfyller helt" not in page
    assert (
        "<td><code>/manage/&lt;slug:slug&gt;/dashboard/</code></td><td>sv</td>\n"
        '<td><span lang="en">Elements must meet minimum color contrast ratio thresholds</span>'
        " (<code>color-contrast</code>)</td>\n<td>allvarlig</td><td>4</td>"
    ) in page
    assert "Resan med enbart tangentbord misslyckades i 1 test:" in page
    assert "<li><code>tests/y.py::test_keyboard_only</code></li>" in page
    assert "Det senaste testet hittade inga brister." not in page


def test_a_failed_journey_alone_makes_it_partial(db, results_file):
    results = json.loads(json.dumps(RESULTS))
    results["journeys"]["320px"]["passed"] = False
    results["journeys"]["320px"]["tests"][0]["outcome"] = "failed"
    loaded = load_evidence(results_file(results))
    assert (loaded.fully_compliant, loaded.problems) == (False, [])


def test_without_a_results_file_the_statement_says_there_is_no_assessment(
    client, db, settings, tmp_path
):
    settings.REVMENTOR_ACCESSIBILITY_RESULTS = str(tmp_path / "missing.json")
    page = statement(client)
    assert "Det finns ännu ingen dokumenterad bedömning av den här versionen." in page
    assert "uppfyller helt" not in page and "uppfyller delvis" not in page
    assert 'href="https://www.digg.se/tdosanmalan"' in page


def test_the_committed_results_file_is_read(db):
    loaded = load_evidence()
    assert loaded is not None
    assert loaded.pages and loaded.axe_version and loaded.browser.startswith("Chromium")


def test_the_evidence_is_written_in_a_fixed_order_without_ids(db):
    data = evidence.Collected()
    data.pages[("/sign-in/", "sv")] = {
        "visits": 1,
        "violations": {"region": {"impact": "moderate", "help": "b", "count": 1}},
    }
    data.pages[("/", "sv")] = {
        "visits": 2,
        "violations": {
            "list": {"impact": "serious", "help": "c", "count": 2},
            "image-alt": {"impact": "critical", "help": "a", "count": 1},
        },
    }
    data.journeys["keyboard"] = {"t::b_keyboard": "passed", "t::a_keyboard": "failed"}
    data.browser_tests = {"t::b_keyboard": "passed", "t::a_keyboard": "failed"}
    data.axe_version, data.browser = "4.12.1", "Chromium 1"
    written = evidence.as_json(data, date(2026, 11, 30))
    assert [(p["url"], [v["id"] for v in p["violations"]]) for p in written["pages"]] == [
        ("/", ["image-alt", "list"]),
        ("/sign-in/", ["region"]),
    ]
    assert written["journeys"] == {
        "keyboard": {
            "passed": False,
            "tests": [
                {"test": "t::a_keyboard", "outcome": "failed"},
                {"test": "t::b_keyboard", "outcome": "passed"},
            ],
        }
    }
    assert written["date"] == "2026-11-30"
    assert written["tests"] == {"browser": 2, "failed": 1}
    assert (
        evidence.url_pattern(
            "http://127.0.0.1:8000/manage/omvant-2027/privacy/erasure/"
            "0b7c6a47-8a77-4c39-9b5e-1b2b7d5a1c11/?x=1"
        )
        == "/manage/<slug:slug>/privacy/erasure/<uuid:public_id>/"
    )
