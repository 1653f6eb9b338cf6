"""The demo's staff log-ins work with the printed password and authenticator key."""

import pyotp
from django.core.management import call_command
from django.urls import reverse

from revmentor.programs.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET


def test_demo_coordinator_signs_in_with_the_printed_password_and_key(db, client, capsys):
    call_command("seed_demo")
    assert f"then TOTP key {DEMO_TOTP_SECRET}" in capsys.readouterr().out
    client.post(
        reverse("core:sign_in_password"),
        {"email": "samordnare@demo.test", "password": DEMO_PASSWORD},
    )
    response = client.post(
        reverse("core:sign_in_totp"), {"code": pyotp.TOTP(DEMO_TOTP_SECRET).now()}
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") is not None
