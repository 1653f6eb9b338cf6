"""Links from the address the app runs on: `make run PORT=8102` sets the site address that
e-mailed links and the overview's public page link use; a set REVMENTOR_SITE_URL wins (issue 15)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.applications.support import form_data

ROOT = Path(__file__).resolve().parent.parent.parent


def _make_run_line(**env) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "REVMENTOR_SITE_URL"} | env
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8102"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    (line,) = [row for row in result.stdout.splitlines() if "links in e-mails" in row]
    return line


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_on_another_port_sets_the_site_address_unless_one_is_set():
    assert "links in e-mails: http://127.0.0.1:8102;" in _make_run_line()
    line = _make_run_line(REVMENTOR_SITE_URL="https://mentorskap.example.se")
    assert "links in e-mails: https://mentorskap.example.se;" in line


def test_the_setting_follows_the_variable():
    code = "from django.conf import settings; print(settings.SITE_URL)"
    environment = os.environ | {
        "REVMENTOR_SITE_URL": "http://127.0.0.1:8102/",
        "REVMENTOR_TESTING": "1",
        "PYTHONPATH": str(ROOT / "src"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "http://127.0.0.1:8102"


def test_e_mailed_links_and_the_public_page_link_use_the_site_address(
    cast, client_for, run_tasks, settings
):
    settings.SITE_URL = "http://127.0.0.1:8102"
    client = client_for("participant")
    client.post(
        reverse("applications:apply", kwargs={"slug": cast.program.slug}),
        {"employment_type": "permanent", "profile_kind": "mentor", "birth_year": "1996"},
    )
    client.post(reverse("applications:edit", kwargs={"slug": cast.program.slug}), form_data(cast))
    (receipt,) = [m for m in run_tasks() if m.to == ["participant@test.example"]]
    status = f"http://127.0.0.1:8102/program/{cast.program.slug}/application/status/"
    assert status in receipt.body and "127.0.0.1:8000" not in receipt.body
    assert client.get(status.removeprefix(settings.SITE_URL)).status_code == 200
    overview = client_for("coordinator").get(
        reverse("programs:manage", kwargs={"slug": cast.program.slug})
    )
    assert f"http://127.0.0.1:8102/program/{cast.program.slug}/" in overview.content.decode()
