"""Fixtures shared by the whole suite: the cast, signed-in clients, the task queue."""

import os
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from tests.auth import sign_in
from tests.factories import Cast, make_cast

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Servers and workers the tests start as subprocesses run in testing mode too (the
# development secret key is refused outside debug and testing).
os.environ.setdefault("REVMENTOR_TESTING", "1")

from tests.browser import (  # noqa: E402,F401
    axe_check,
    browser,
    page,
    pytest_runtest_logreport,
    pytest_sessionfinish,
    pytest_terminal_summary,
)


@pytest.fixture
def cast(db) -> Cast:
    return make_cast()


@pytest.fixture
def client_for(cast):
    """A test client signed in as the named persona ("anonymous" stays signed out)."""

    def make(role: str) -> Client:
        client = Client()
        user = cast.user(role)
        if user is not None:
            sign_in(client, user)
        return client

    return make


@pytest.fixture
def run_tasks(db):
    """Run every queued background task once, as `manage.py db_worker` would; returns the outbox."""

    def run() -> list:
        # The worker's close_old_connections() would close the test's connection on
        # PostgreSQL (it sees the test transaction as "autocommit changed"), as Django's
        # test client avoids for request_finished; the test database is never stale here.
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command("db_worker", batch=True, no_startup_delay=True, interval=0, verbosity=0)
        return mail.outbox

    return run


@pytest.fixture(autouse=True)
def _no_local_page_copies():
    """Each test starts without the public pages an earlier test left in this process."""
    from revmentor.core import pagecache

    pagecache.LOCAL.clear()
    yield
    pagecache.LOCAL.clear()


@pytest.fixture(autouse=True)
def _swedish(settings):
    settings.LANGUAGE_CODE = "sv"
