"""Start-up configuration: clear one-line refusals, and safe defaults (no debug, no dev key,
no media served directly)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


UNSET = (
    "DATABASE_URL",
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "REVMENTOR_TESTING",
    "DJANGO_PRODUCTION",
)


def run_check(*, command=("manage.py", "check"), **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in UNSET}
    # The checkout under test, not whatever revmentor the environment has installed.
    environment |= {"REVMENTOR_TESTING": "1", "PYTHONPATH": str(ROOT / "src")} | env
    return subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_malformed_database_url_names_the_variable_in_one_line():
    result = run_check(DATABASE_URL="this is not a url")
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("django.core.exceptions.ImproperlyConfigured: DATABASE_URL is malformed")


def test_production_mode_without_a_secret_key_refuses_to_start():
    result = run_check(DJANGO_PRODUCTION="1", DJANGO_SECRET_KEY="")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: DJANGO_SECRET_KEY must be set when DJANGO_PRODUCTION=1."
    )


def last_line(result: subprocess.CompletedProcess) -> str:
    return result.stderr.strip().splitlines()[-1]


def test_without_a_secret_key_or_debug_the_development_key_is_refused():
    result = run_check(REVMENTOR_TESTING="")
    assert result.returncode == 1
    assert last_line(result) == (
        "django.core.exceptions.ImproperlyConfigured: DJANGO_SECRET_KEY must be set to a secret "
        "value; the development key is used only with DJANGO_DEBUG=1 (as `make run` sets) or "
        "REVMENTOR_TESTING=1."
    )


def test_the_development_key_given_explicitly_is_refused_outside_debug():
    from revmentor.settings import DEVELOPMENT_SECRET_KEY

    result = run_check(REVMENTOR_TESTING="", DJANGO_SECRET_KEY=DEVELOPMENT_SECRET_KEY)
    assert result.returncode == 1
    assert "DJANGO_SECRET_KEY must be set to a secret value" in last_line(result)


def test_debug_cannot_be_on_in_production_mode():
    result = run_check(
        REVMENTOR_TESTING="", DJANGO_PRODUCTION="1", DJANGO_DEBUG="1", DJANGO_SECRET_KEY="x" * 50
    )
    assert result.returncode == 1
    assert last_line(result) == (
        "django.core.exceptions.ImproperlyConfigured: "
        "DJANGO_DEBUG=1 cannot be combined with DJANGO_PRODUCTION=1."
    )


PRINT_DEBUG = (
    "-c",
    "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'revmentor.settings'); "
    "django.setup(); from django.conf import settings; print(settings.DEBUG)",
)


def test_debug_is_off_unless_asked_for():
    secret = {"REVMENTOR_TESTING": "", "DJANGO_SECRET_KEY": "a-real-secret-" + "k" * 40}
    assert run_check(command=PRINT_DEBUG, **secret).stdout.strip() == "False"
    asked = run_check(command=PRINT_DEBUG, REVMENTOR_TESTING="", DJANGO_DEBUG="1")
    assert asked.stdout.strip() == "True"


def test_make_run_turns_debug_on():
    result = subprocess.run(
        ["make", "-pn", "run"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert "run: DJANGO_DEBUG = 1" in result.stdout.splitlines()


def test_media_files_are_never_served_directly_even_with_debug():
    resolve_media = (
        "-c",
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'revmentor.settings'); "
        "django.setup(); from django.conf import settings; from django.urls import resolve, "
        "Resolver404\n"
        "try:\n    resolve(settings.MEDIA_URL + 'materials/x.pdf'); print('served')\n"
        "except Resolver404:\n    print('not found')",
    )
    result = run_check(command=resolve_media, REVMENTOR_TESTING="", DJANGO_DEBUG="1")
    assert result.stdout.strip() == "not found"


@pytest.mark.django_db
def test_sqlite_overwrites_deleted_content():
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1
