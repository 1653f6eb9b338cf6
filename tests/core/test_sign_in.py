"""Sign-in: e-mailed codes, staff passwords with a second factor (TOTP), lock-out, sessions."""

import re
from datetime import timedelta

import pyotp
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from revmentor.core import services, views
from revmentor.core.models import SignInFailure, TOTPDevice
from tests.factories import make_user

PASSWORD = "a-long-staff-password-2026"


def _code_from(outbox) -> str:
    return re.search(r"\b(\d{6})\b", outbox[-1].body).group(1)


def _ask_for_code(client, email, run_tasks) -> str:
    client.post(reverse("core:sign_in"), {"email": email})
    return _code_from(run_tasks())


def _signed_in_id(client):
    return client.session.get("_auth_user_id")


def _confirmed_device(user) -> pyotp.TOTP:
    secret = pyotp.random_base32()
    TOTPDevice.objects.create(user=user, secret=secret, confirmed_at=timezone.now())
    return pyotp.TOTP(secret)


def test_participant_signs_in_with_the_emailed_code(client, cast, run_tasks):
    code = _ask_for_code(client, "Participant@Test.example", run_tasks)
    response = client.post(reverse("core:sign_in_code") + "?next=/privacy/", {"code": code})
    assert (response.status_code, response["Location"]) == (302, "/privacy/")
    assert _signed_in_id(client) == str(cast.participant.pk)


def test_a_tampered_code_is_refused_and_counted(client, cast, run_tasks):
    code = _ask_for_code(client, cast.participant.email, run_tasks)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    response = client.post(reverse("core:sign_in_code"), {"code": wrong})
    assert response.status_code == 200
    assert _signed_in_id(client) is None
    assert list(SignInFailure.objects.values_list("email", "step")) == [
        (cast.participant.email, "code")
    ]


def test_an_expired_code_is_refused(client, cast, run_tasks):
    code = _ask_for_code(client, cast.participant.email, run_tasks)
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        client.post(reverse("core:sign_in_code"), {"code": code})
    assert _signed_in_id(client) is None


def test_a_new_code_voids_the_older_one(client, cast, run_tasks):
    first = _ask_for_code(client, cast.participant.email, run_tasks)
    second = _ask_for_code(client, cast.participant.email, run_tasks)
    if first == second:
        pytest.skip("the two random codes happen to be equal")
    client.post(reverse("core:sign_in_code"), {"code": first})
    assert _signed_in_id(client) is None
    client.post(reverse("core:sign_in_code"), {"code": second})
    assert _signed_in_id(client) == str(cast.participant.pk)


def test_the_right_code_waits_out_the_backoff_after_five_failures(client, cast, run_tasks):
    code = _ask_for_code(client, cast.participant.email, run_tasks)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for attempt in range(5):
            client.post(
                reverse("core:sign_in_password"),
                {"email": cast.participant.email, "password": f"x{attempt}"},
            )
        response = client.post(reverse("core:sign_in_code"), {"code": code})
    assert response.status_code == 429
    assert response.context["form"].errors["code"] == [views._wait_message(1)]
    assert _signed_in_id(client) is None
    with time_machine.travel(start + timedelta(seconds=2), tick=False):
        client.post(reverse("core:sign_in_code"), {"code": code})
    assert _signed_in_id(client) == str(cast.participant.pk)


def test_staff_get_no_session_from_an_emailed_code_alone(client, cast, run_tasks):
    code = _ask_for_code(client, cast.hr_a.email, run_tasks)
    response = client.post(reverse("core:sign_in_code"), {"code": code})
    assert response["Location"] == reverse("core:totp_enrol")
    assert _signed_in_id(client) is None
    assert client.get(reverse("core:home")).status_code == 302


def test_staff_with_an_app_are_asked_for_its_code_after_the_emailed_code(client, cast, run_tasks):
    totp = _confirmed_device(cast.hr_a)
    code = _ask_for_code(client, cast.hr_a.email, run_tasks)
    response = client.post(reverse("core:sign_in_code"), {"code": code})
    assert response["Location"] == reverse("core:sign_in_totp")
    response = client.post(reverse("core:sign_in_totp"), {"code": totp.now()})
    assert response.status_code == 302
    assert _signed_in_id(client) == str(cast.hr_a.pk)


def test_new_staff_connect_an_app_and_are_signed_in(client, cast):
    cast.coordinator.set_password(PASSWORD)
    cast.coordinator.save()
    client.post(
        reverse("core:sign_in_password") + "?next=/manage/omvant-test/",
        {"email": cast.coordinator.email, "password": PASSWORD},
    )
    page = client.get(reverse("core:totp_enrol"))
    secret = page.context["secret"]
    assert page.context["uri"].startswith("otpauth://totp/revmentor:coordinator%40test.example?")
    assert secret in page.text
    response = client.post(reverse("core:totp_enrol"), {"code": pyotp.TOTP(secret).now()})
    assert response["Location"] == "/manage/omvant-test/"
    assert _signed_in_id(client) == str(cast.coordinator.pk)
    assert TOTPDevice.objects.get(user=cast.coordinator).confirmed_at is not None


def test_a_totp_code_cannot_be_used_twice(client, cast):
    cast.coordinator.set_password(PASSWORD)
    cast.coordinator.save()
    totp = _confirmed_device(cast.coordinator)
    credentials = {"email": cast.coordinator.email, "password": PASSWORD}
    code = totp.now()
    client.post(reverse("core:sign_in_password"), credentials)
    client.post(reverse("core:sign_in_totp"), {"code": code})
    assert _signed_in_id(client) == str(cast.coordinator.pk)

    again = client.__class__()
    again.post(reverse("core:sign_in_password"), credentials)
    response = again.post(reverse("core:sign_in_totp"), {"code": code})
    assert response.status_code == 200
    assert again.session.get("_auth_user_id") is None
    assert list(SignInFailure.objects.values_list("step", flat=True)) == ["totp"]


def test_a_wrong_totp_code_is_refused(cast):
    totp = _confirmed_device(cast.coordinator)
    wrong = f"{(int(totp.now()) + 1) % 1_000_000:06d}"
    assert services.verify_totp(user=cast.coordinator, code=wrong) is False


def test_the_second_step_expires_after_ten_minutes(client, cast):
    cast.coordinator.set_password(PASSWORD)
    cast.coordinator.save()
    totp = _confirmed_device(cast.coordinator)
    client.post(
        reverse("core:sign_in_password"), {"email": cast.coordinator.email, "password": PASSWORD}
    )
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        response = client.post(reverse("core:sign_in_totp"), {"code": totp.now()})
    assert response["Location"] == reverse("core:sign_in")
    assert _signed_in_id(client) is None


def test_participant_signs_in_with_a_code_without_a_second_factor(client, run_tasks):
    person = make_user("new.person@test.example")
    code = _ask_for_code(client, person.email, run_tasks)
    client.post(reverse("core:sign_in_code"), {"code": code})
    assert _signed_in_id(client) == str(person.pk)


def test_a_foreign_next_address_is_ignored(client, cast, run_tasks):
    code = _ask_for_code(client, cast.participant.email, run_tasks)
    response = client.post(
        reverse("core:sign_in_code") + "?next=https://evil.test.example/", {"code": code}
    )
    assert response["Location"] == reverse("core:home")


def test_a_session_expires_after_an_hour_without_activity(client_for):
    client = client_for("participant")
    start = timezone.now()
    with time_machine.travel(start + timedelta(minutes=50)):
        assert client.get(reverse("core:home")).status_code == 200
    with time_machine.travel(start + timedelta(minutes=100)):
        # Fifty minutes after the last request: still signed in, as every request renews it.
        assert client.get(reverse("core:home")).status_code == 200
    with time_machine.travel(start + timedelta(minutes=161)):
        assert client.get(reverse("core:home")).status_code == 302


def test_a_program_creator_without_a_role_still_needs_the_second_factor(client, db):
    creator = make_user("creator@test.example", can_create_programs=True)
    creator.set_password(PASSWORD)
    creator.save()
    response = client.post(
        reverse("core:sign_in_password"), {"email": creator.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("core:totp_enrol")
    assert _signed_in_id(client) is None
    assert client.get(reverse("programs:create")).status_code == 302
