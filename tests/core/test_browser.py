"""Staff sign-in in a real browser: password, connecting an authenticator app, axe-clean."""

import pyotp
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-staff-password-2026"


def test_new_staff_member_connects_an_app_and_signs_in(page, axe_check, cast):
    cast.coordinator.set_password(PASSWORD)
    cast.coordinator.save()
    page.goto("/sign-in/password/")
    axe_check(page, "sign-in-password")
    page.locator("input[name=email]").fill(cast.coordinator.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.stack button[type=submit]").click()
    page.wait_for_url("**/sign-in/authenticator/new/")
    axe_check(page, "totp-enrol")
    secret = page.locator("#totp-secret").inner_text()
    page.locator("input[name=code]").fill(pyotp.TOTP(secret).now())
    page.locator("form.stack button[type=submit]").click()
    page.wait_for_url("**/me/")
    assert "Cecilia Samordnare" in page.content()
