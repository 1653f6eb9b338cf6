"""The Django admin at /ops/admin/: operators only, and only after the app's second factor."""

from urllib.parse import urlencode

import pyotp
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from revmentor.core.models import TOTPDevice
from tests.auth import sign_in
from tests.factories import make_user

PASSWORD = "a-long-operator-password-2026"


@pytest.fixture
def operator(db):
    # An operator with every model permission (the admin still checks them per model).
    user = make_user(
        "operator@test.example", full_name="Ottilia Drift", is_staff=True, is_superuser=True
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def _to(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def test_the_admin_login_form_does_not_take_a_password_alone(operator):
    client = Client()
    login = reverse("admin:login")
    response = client.post(login, {"username": operator.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == _to("core:sign_in", reverse("admin:index"))
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index"))["Location"] == _to(
        "core:sign_in", reverse("admin:index")
    )


def test_the_admin_login_page_shows_no_password_form(operator):
    response = Client().get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:sign_in"))


def test_an_anonymous_visitor_is_sent_to_the_apps_sign_in(db):
    url = reverse("admin:core_user_changelist")
    response = Client().get(url)
    assert response["Location"] == _to("core:sign_in", url)


def test_an_operator_without_the_second_factor_is_sent_to_the_step_up(operator):
    client = sign_in(Client(), operator, second_factor=False)
    url = reverse("admin:core_user_changelist")
    assert client.get(url)["Location"] == _to("core:step_up", url)
    assert client.get(reverse("admin:login"))["Location"] == _to(
        "core:step_up", reverse("admin:index")
    )


@pytest.mark.parametrize("role", ["participant", "coordinator", "hr_a"])
def test_anyone_else_signed_in_gets_404(cast, client_for, role):
    client = client_for(role)
    assert client.get(reverse("admin:index")).status_code == 404
    assert client.get(reverse("admin:core_user_changelist")).status_code == 404
    assert client.get(reverse("admin:login")).status_code == 404


def test_a_superuser_flag_without_operator_is_not_enough(db):
    user = make_user("super@test.example", is_superuser=True)
    client = sign_in(Client(), user)
    assert client.get(reverse("admin:index")).status_code == 404


def test_an_operator_with_the_second_factor_uses_the_admin(operator):
    client = sign_in(Client(), operator)
    assert client.get(reverse("admin:index")).status_code == 200
    response = client.get(reverse("admin:core_user_changelist"))
    assert response.status_code == 200
    assert operator.email in response.text
    assert client.get(reverse("admin:login"))["Location"] == reverse("admin:index")


def test_an_operator_reaches_the_admin_through_the_apps_sign_in_and_authenticator(operator):
    secret = pyotp.random_base32()
    TOTPDevice.objects.create(user=operator, secret=secret, confirmed_at=timezone.now())
    client = Client()
    start = client.get(reverse("admin:index"))
    sign_in_url = start["Location"]
    response = client.post(
        sign_in_url.replace(reverse("core:sign_in"), reverse("core:sign_in_password")),
        {"email": operator.email, "password": PASSWORD},
    )
    assert response["Location"] == reverse("core:sign_in_totp")
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("core:sign_in"))
    response = client.post(reverse("core:sign_in_totp"), {"code": pyotp.TOTP(secret).now()})
    assert response["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_an_identity_provider_saved_in_the_admin_is_audited_where_its_programs_see_it(cast):
    from revmentor.core.models import AuditEntry, OIDCConfiguration

    operator = cast.operator
    operator.is_superuser = True  # every model permission, as the fixture's operator has
    operator.save()
    client = sign_in(Client(), operator)
    response = client.post(
        reverse("admin:core_oidcconfiguration_add"),
        {
            "organisation": cast.org_a.pk,
            "issuer": "https://login.org-a.test.example",
            "client_id": "revmentor",
            "client_secret": "s3cret-value-never-audited",
            "email_domains": "org-a.test.example",
            "enabled": "on",
        },
    )
    assert response.status_code == 302
    config = OIDCConfiguration.objects.get(organisation=cast.org_a)
    entries = AuditEntry.objects.filter(action="organisation.identity_provider_saved")
    # Once on the site and once in each of the two programs that share organisation A.
    assert sorted(e.program_id or 0 for e in entries) == sorted(
        [0, cast.program.pk, cast.other_program.pk]
    )
    assert {e.actor_id for e in entries} == {operator.pk}
    assert entries[0].after == {
        "issuer": "https://login.org-a.test.example",
        "client_id": "revmentor",
        "email_domains": "org-a.test.example",
        "enabled": True,
        "client_secret_changed": True,
    }
    assert "s3cret" not in str([(e.summary, e.before, e.after) for e in entries])

    response = client.post(
        reverse("admin:core_oidcconfiguration_delete", args=[config.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not OIDCConfiguration.objects.exists()
    assert AuditEntry.objects.filter(action="organisation.identity_provider_deleted").count() == 3
