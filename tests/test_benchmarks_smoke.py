"""benchmarks/pages.py runs end to end in its quick form and prints complete JSON lines.

A smoke run on SQLite with tiny sizes (about two minutes): every line has its keys and every
figure is a number. Nothing here asserts on time: the figures vary with the machine.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE_KEYS = {
    "app_rps", "floor_rps", "ratio", "p50_s", "p95_s", "p99_s", "floor_p99_s", "queries",
    "bytes", "bytes_uncompressed", "alone_s", "clients", "pairs",
}  # fmt: skip
EXPORT_KEYS = {
    "rows", "bytes", "first_byte_s", "time_s", "peak_rss_mib", "rss_before_mib", "rss_growth_mib",
}  # fmt: skip
MATCHING_KEYS = {
    "post_s", "window_s", "idle_p99_s", "idle_rps", "during_p99_s", "during_p99_worst_slice_s",
    "during_p99_median_slice_s", "during_rps", "p99_ratio", "worst_slice_ratio",
}  # fmt: skip


def numbers(line: dict, keys: set[str]) -> dict:
    """The line's figures for the keys; each must be present and a number."""
    missing = keys - line.keys()
    assert not missing, (line, missing)
    not_numbers = {k: line[k] for k in keys if not isinstance(line[k], int | float)}
    assert not not_numbers, (line, not_numbers)
    return {k: line[k] for k in keys}


@pytest.fixture(scope="module")
def lines(tmp_path_factory) -> list[dict]:
    if not shutil.which("wrk") and os.geteuid() != 0:
        pytest.skip("wrk is missing (apt-get install -y wrk)")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REVMENTOR_TESTING")}
    result = subprocess.run(
        [sys.executable, "benchmarks/pages.py", "--quick", "--databases", "sqlite"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_one_line_per_page_with_every_figure(lines):
    pages = [line for line in lines if line["kind"] == "page"]
    assert [(p["page"], p.get("applications")) for p in pages] == [
        ("program_page", None),
        ("program_list", None),
        ("calendar_ics", None),
        ("hr_list", 40),
        ("nominations", 40),
    ]
    for page in pages:
        figures = numbers(page, PAGE_KEYS)
        assert page["database"] == "sqlite"
        assert figures["pairs"] == 3
        assert figures["app_rps"] > 0 and figures["floor_rps"] > 0
        assert figures["bytes_uncompressed"] > 0
        assert page["app_errors"] == 0 and page["floor_errors"] == 0
    # A warm public page comes from the process copy; the staff lists' queries are constant.
    assert [p["queries"] for p in pages] == [0, 0, 0, 6, 9]
    assert {p["clients"] for p in pages if p["page"] in ("hr_list", "nominations")} == {4}


def test_exports_count_every_row(lines):
    exports = {line["format"]: line for line in lines if line["kind"] == "export"}
    assert set(exports) == {"csv", "xlsx"}
    for export in exports.values():
        figures = numbers(export, EXPORT_KEYS)
        assert export["status"] == 200
        # Every application of the program is a row: the 40 bulk-created ones are all sent.
        assert figures["rows"] == 40
        assert figures["peak_rss_mib"] > 0


def test_matching_run_is_posted_and_finishes(lines):
    (matching,) = [line for line in lines if line["kind"] == "matching"]
    numbers(matching, MATCHING_KEYS)
    assert matching["size_a_side"] == 10
    # Accepted: answered by a redirect (to the proposal, or to the workspace while queued).
    assert matching["post_status"] == 302
    assert matching["run_finished"] is True
    assert isinstance(matching["run_s"], int | float)


def test_pooled_percentile_weighs_each_run_by_its_requests():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _common import pooled_percentile

    # Run a: 900 requests, each 0.1 % of them at its grid value 0.001 s .. 0.999 s.
    fast = {"requests": 900, "quantiles_s": [i / 1000 for i in range(1, 1000)]}
    # Run b: 100 requests, all at 5 s.
    slow = {"requests": 100, "quantiles_s": [5.0] * 999}
    # 90 % of all requests are a's; the 99th percentile of the pool is deep in b's 5 s.
    assert pooled_percentile([fast, slow], 99) == 5.0
    assert pooled_percentile([fast, slow], 45) == 0.5
    assert pooled_percentile([fast], 99) == 0.99
    assert pooled_percentile([{"requests": 0, "quantiles_s": []}], 99) is None
