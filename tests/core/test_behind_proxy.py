"""Behind deploy/'s nginx the sign-in lock-out counts the visitor's address, not the proxy's."""

import pytest
from django.test import Client
from django.urls import reverse

from revmentor.core.models import SignInFailure

pytestmark = pytest.mark.django_db


def fail_once(client: Client, email: str) -> None:
    client.post(reverse("core:sign_in_password"), {"email": email, "password": "wrong-password-1"})


def test_failures_are_counted_per_visitor_address_behind_one_proxy(settings, cast):
    settings.TRUSTED_PROXY_HOPS = 1
    # nginx connects from 10.0.0.10 and appends the visitor's address; a visitor's own
    # X-Forwarded-For entries (to the left) are not believed.
    fail_once(Client(REMOTE_ADDR="10.0.0.10", HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.7"), "a@x.se")
    fail_once(Client(REMOTE_ADDR="10.0.0.10", HTTP_X_FORWARDED_FOR="198.51.100.3"), "b@x.se")
    assert sorted(SignInFailure.objects.values_list("ip", flat=True)) == [
        "192.0.2.7",
        "198.51.100.3",
    ]


def test_without_a_proxy_the_header_is_ignored(settings, cast):
    settings.TRUSTED_PROXY_HOPS = 0
    fail_once(Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="192.0.2.7"), "a@x.se")
    assert list(SignInFailure.objects.values_list("ip", flat=True)) == ["203.0.113.5"]
