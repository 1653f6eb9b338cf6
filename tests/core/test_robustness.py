"""Bad requests get a clear 4xx page and store nothing; a missing database gets a 503 page."""

from unittest import mock

import pytest
from django.db.utils import OperationalError
from django.test import Client
from django.urls import reverse

from revmentor.programs.models import Program

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_when_the_database_is_up(client):
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"database": "ok"})


def test_healthz_answers_503_when_the_database_is_down(client):
    with mock.patch(
        "revmentor.core.health.connection.cursor", side_effect=OperationalError("down")
    ):
        response = client.get("/healthz")
    assert (response.status_code, response.json()) == (503, {"database": "unavailable"})


def test_database_unavailable_gives_a_try_again_page_not_a_trace(client_for, cast):
    client = client_for("coordinator")
    with mock.patch(
        "revmentor.programs.views.services.change_deadline", side_effect=OperationalError("gone")
    ):
        response = client.post(
            reverse("programs:deadline", kwargs={"slug": cast.program.slug}),
            {"new_deadline": cast.program.period_start.strftime("%Y-%m-%dT10:00"), "reason": "r"},
        )
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "Försök igen om en stund" in response.content.decode()
    assert cast.program.deadline_changes.count() == 0


def test_missing_csrf_token_gets_a_clear_403_page(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.coordinator)
    response = client.post(reverse("programs:copy", kwargs={"slug": cast.program.slug}))
    assert response.status_code == 403
    assert "Formuläret har gått ut" in response.content.decode()
    assert Program.objects.count() == 2


def test_ten_megabyte_field_is_refused_with_400_and_nothing_stored(client_for, cast):
    client = client_for("coordinator")
    response = client.post(reverse("programs:create"), {"title": "x" * 10_000_000, "slug": "stor"})
    assert response.status_code == 400
    assert not Program.objects.filter(slug="stor").exists()


def test_invalid_utf8_and_truncated_bodies_never_give_500(client_for, cast):
    client = client_for("coordinator")
    url = reverse("programs:create")
    for body, content_type in [
        (b"title=\xff\xfe\xfa&slug=%ff", "application/x-www-form-urlencoded"),
        (
            b'--boundary\r\nContent-Disposition: form-data; name="title"\r\n\r\ntrunc',
            "multipart/form-data; boundary=boundary",
        ),
        (b"\x00\x01\x02garbage", "application/octet-stream"),
    ]:
        response = client.generic("POST", url, body, content_type=content_type)
        assert 200 <= response.status_code < 500, (body, response.status_code)
    assert Program.objects.count() == 2


def test_database_lost_while_saving_the_session_also_gives_the_503_page(client_for, cast):
    client = client_for("participant")
    client.raise_request_exception = False
    # The session is saved after the view, outside DatabaseUnavailableMiddleware's reach;
    # refreshing its expiry on this request makes it be saved.
    with (
        mock.patch(
            "django.contrib.sessions.backends.db.SessionStore.save",
            side_effect=OperationalError("server closed the connection unexpectedly"),
        ),
        mock.patch("revmentor.core.middleware.SessionRefreshMiddleware.REFRESH_AFTER", -1),
    ):
        response = client.get(reverse("core:home"))
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "Försök igen om en stund" in response.content.decode()
