"""Sessions are written when they change; an hour of inactivity still ends them."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from revmentor.core.middleware import SessionRefreshMiddleware

pytestmark = pytest.mark.django_db


def expiry(client):
    return Session.objects.get(session_key=client.cookies["sessionid"].value).expire_date


def test_requests_within_five_minutes_do_not_write_the_session(client_for, time_machine):
    time_machine.move_to("2026-03-02 09:00:00+00:00", tick=False)
    client = client_for("participant")
    client.get(reverse("core:home"))  # the first request marks the session
    before = expiry(client)
    time_machine.shift(timedelta(minutes=4))
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert expiry(client) == before


def test_a_request_after_five_minutes_pushes_the_expiry_on(client_for, time_machine):
    time_machine.move_to("2026-03-02 09:00:00+00:00", tick=False)
    client = client_for("participant")
    client.get(reverse("core:home"))
    before = expiry(client)
    time_machine.shift(timedelta(seconds=SessionRefreshMiddleware.REFRESH_AFTER + 60))
    response = client.get(reverse("core:home"))
    assert "sessionid" in response.cookies
    assert expiry(client) == before + timedelta(seconds=SessionRefreshMiddleware.REFRESH_AFTER + 60)


def test_active_person_stays_signed_in_past_the_hour(client_for, time_machine):
    time_machine.move_to("2026-03-02 09:00:00+00:00", tick=False)
    client = client_for("participant")
    for _ in range(12):  # two hours, a page every ten minutes
        assert client.get(reverse("core:home")).status_code == 200
        time_machine.shift(timedelta(minutes=10))
    assert client.get(reverse("core:home")).status_code == 200


def test_an_hour_of_inactivity_still_signs_out(client_for, time_machine):
    time_machine.move_to("2026-03-02 09:00:00+00:00", tick=False)
    client = client_for("participant")
    client.get(reverse("core:home"))
    time_machine.shift(timedelta(minutes=4))
    client.get(reverse("core:home"))
    # An hour after the last request (the expiry counts from the last write, at most then).
    time_machine.shift(timedelta(minutes=60, seconds=1))
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:sign_in"))


def test_anonymous_visitor_gets_no_session(client, cast):
    response = client.get(reverse("core:sign_in"))
    assert "sessionid" not in response.cookies
    assert Session.objects.count() == 0
