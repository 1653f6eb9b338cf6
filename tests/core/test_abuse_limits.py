"""Attacks on the anonymous doors: codes never in clear, no accounts or mail without limit,
and failed attempts slow the guesser down without locking a staff member out."""

import re
from datetime import timedelta

import time_machine
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from revmentor.core import throttle, views
from revmentor.core.models import RateLimitHit, SignInCode, SignInFailure, User
from tests.factories import make_user

PASSWORD = "a-long-staff-password-2026"


def _cells_containing(needle: str) -> list[tuple[str, str]]:
    """(table, cell) of every cell of every table in the database whose text holds ``needle``."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                found += [(table, str(cell)) for cell in row if needle in str(cell)]
    return found


def test_no_table_ever_holds_the_sign_in_code_in_clear(client, cast, run_tasks):
    client.post(reverse("core:sign_in"), {"email": cast.participant.email})
    [queued] = SignInCode.objects.all()
    outbox = run_tasks()
    [mail] = outbox
    code = re.search(r"\b(\d{6})\b", mail.body).group(1)
    assert code not in mail.subject
    assert mail.subject == "Din inloggningskod för revmentor"
    assert "Den gäller i 15 minuter." in mail.body
    assert mail.to == [cast.participant.email]
    assert _cells_containing(code) == []
    assert code not in str(SignInCode.objects.values().get(pk=queued.pk))
    response = client.post(reverse("core:sign_in_code"), {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(cast.participant.pk)


def test_the_queued_task_carries_only_the_codes_id(client, cast):
    from django_tasks_db.models import DBTaskResult

    client.post(reverse("core:sign_in"), {"email": cast.participant.email})
    [task] = DBTaskResult.objects.all()
    [code] = SignInCode.objects.all()
    assert task.task_path == "revmentor.core.signin.send_sign_in_code_email"
    assert task.args_kwargs == {"args": [], "kwargs": {"code_id": code.pk}}


def test_asking_for_a_code_creates_no_account_until_it_is_verified(client, db, run_tasks):
    before = User.objects.count()
    for n in range(3):
        client.post(reverse("core:sign_in"), {"email": f"stranger{n}@test.example"})
    assert User.objects.count() == before
    outbox = run_tasks()
    code = re.search(r"\b(\d{6})\b", outbox[-1].body).group(1)
    client.post(reverse("core:sign_in_code"), {"code": code})
    assert list(User.objects.filter(email__startswith="stranger").values_list("email", flat=True))
    assert User.objects.count() == before + 1
    assert client.session["_auth_user_id"] == str(
        User.objects.get(email="stranger2@test.example").pk
    )


def test_a_deactivated_account_gets_no_code_and_no_new_account(client, db, run_tasks):
    make_user("gone@test.example", is_active=False)
    response = client.post(reverse("core:sign_in"), {"email": "gone@test.example"})
    assert response.status_code == 302  # told nothing different
    assert run_tasks() == []


def test_codes_for_one_address_are_limited_with_429_from_any_ip(db):
    address = "target@test.example"
    statuses = [
        Client(REMOTE_ADDR=f"10.0.0.{n}").post(reverse("core:sign_in"), {"email": address})
        for n in range(6)
    ]
    assert [r.status_code for r in statuses] == [302] * 5 + [429]
    assert statuses[-1].context["form"].errors["email"] == [views.too_many_codes_message()]
    assert SignInCode.objects.filter(email=address).count() == 5


def test_codes_from_one_ip_are_limited_with_429_across_addresses(db):
    client = Client(REMOTE_ADDR="10.9.9.9")
    statuses = [
        client.post(reverse("core:sign_in"), {"email": f"p{n}@test.example"}).status_code
        for n in range(31)
    ]
    assert statuses == [302] * 30 + [429]
    assert SignInCode.objects.count() == 30
    other = Client(REMOTE_ADDR="10.9.9.10").post(
        reverse("core:sign_in"), {"email": "p99@test.example"}
    )
    assert other.status_code == 302
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        again = client.post(reverse("core:sign_in"), {"email": "p0@test.example"})
    assert again.status_code == 302


def test_the_rate_limit_table_holds_no_address_or_ip_in_clear(db):
    Client(REMOTE_ADDR="10.7.7.7").post(reverse("core:sign_in"), {"email": "who@test.example"})
    assert _cells_containing("who@test.example") == [("core_signincode", "who@test.example")]
    assert _cells_containing("10.7.7.7") == []


def _report(client, email=""):
    return client.post(
        reverse("privacy:accessibility_report"),
        {
            "page": "/apply/",
            "description": "Knappen går inte att nå med tangentbordet.",
            "email": email,
        },
    )


def test_accessibility_reports_from_one_ip_are_limited_with_429(db, run_tasks):
    client = Client(REMOTE_ADDR="10.5.5.5")
    statuses = [_report(client).status_code for _ in range(11)]
    assert statuses == [302] * 10 + [429]
    refused = _report(client)
    assert "Det har skickats för många rapporter härifrån." in refused.content.decode()
    assert len(run_tasks()) == 10


def test_accessibility_reports_from_one_address_are_limited_with_429(db):
    statuses = [
        _report(Client(REMOTE_ADDR=f"10.6.6.{n}"), "reporter@test.example").status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 302, 429]


def _wrong_password(email, ip):
    return Client(REMOTE_ADDR=ip).post(
        reverse("core:sign_in_password"), {"email": email, "password": "wrong-guess"}
    )


def test_failures_on_a_staff_account_cost_it_at_most_a_minute(cast):
    cast.coordinator.set_password(PASSWORD)
    cast.coordinator.save()
    start = timezone.now()
    # The attacker types wrong passwords from many addresses, as fast as the backoff allows.
    now = start
    for n in range(15):
        with time_machine.travel(now, tick=False):
            assert _wrong_password(cast.coordinator.email, f"10.1.0.{n}").status_code == 200
        now += timedelta(seconds=61)
    last = now - timedelta(seconds=61)
    with time_machine.travel(last + timedelta(seconds=30), tick=False):
        waiting = Client(REMOTE_ADDR="10.2.0.1").post(
            reverse("core:sign_in_password"),
            {"email": cast.coordinator.email, "password": PASSWORD},
        )
    assert waiting.status_code == 429
    assert waiting.context["form"].errors["__all__"] == [views._wait_message(30)]
    with time_machine.travel(last + timedelta(seconds=61), tick=False):
        response = Client(REMOTE_ADDR="10.2.0.1").post(
            reverse("core:sign_in_password"),
            {"email": cast.coordinator.email, "password": PASSWORD},
        )
    assert response["Location"] == reverse("core:totp_enrol")


def test_each_failure_beyond_five_doubles_the_accounts_wait(cast):
    email = cast.participant.email
    now = timezone.now()
    waits = []
    for n in range(9):
        with time_machine.travel(now, tick=False):
            assert _wrong_password(email, f"10.3.0.{n}").status_code == 200
            waits.append(throttle.retry_after(email=email))
        now += timedelta(seconds=20)
    assert waits == [0, 0, 0, 0, 1, 2, 4, 8, 16]
    with time_machine.travel(now - timedelta(seconds=20), tick=False):
        blocked = _wrong_password(email, "10.3.1.1")
    assert blocked.status_code == 429
    assert blocked.context["form"].errors["__all__"] == [views._wait_message(16)]
    # Attempts refused during a wait are not failures: they cannot stretch it.
    assert SignInFailure.objects.filter(email=email).count() == 9


def test_an_ip_that_keeps_failing_waits_up_to_fifteen_minutes_others_do_not(cast):
    cast.coordinator.set_password(PASSWORD)
    cast.coordinator.save()
    start = timezone.now()
    now = start
    for n in range(20):
        with time_machine.travel(now, tick=False):
            assert _wrong_password(f"guess{n}@test.example", "10.4.4.4").status_code == 200
        now += throttle.IP_BACKOFF.wait(n + 1) + timedelta(milliseconds=10)
    last = SignInFailure.objects.filter(ip="10.4.4.4").latest("at").at
    right = {"email": cast.coordinator.email, "password": PASSWORD}
    with time_machine.travel(last + timedelta(minutes=14), tick=False):
        from_guesser = Client(REMOTE_ADDR="10.4.4.4").post(reverse("core:sign_in_password"), right)
        from_elsewhere = Client(REMOTE_ADDR="10.4.4.5").post(
            reverse("core:sign_in_password"), right
        )
    assert from_guesser.status_code == 429
    assert from_elsewhere["Location"] == reverse("core:totp_enrol")
    with time_machine.travel(last + timedelta(minutes=15, seconds=1), tick=False):
        later = Client(REMOTE_ADDR="10.4.4.4").post(reverse("core:sign_in_password"), right)
    assert later["Location"] == reverse("core:totp_enrol")


def test_the_hourly_purge_drops_spent_codes_and_old_counts_only(db):
    Client(REMOTE_ADDR="10.8.8.8").post(reverse("core:sign_in"), {"email": "old@test.example"})
    _wrong_password("old@test.example", "10.8.8.8")
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        Client(REMOTE_ADDR="10.8.8.9").post(reverse("core:sign_in"), {"email": "new@test.example"})
        _wrong_password("new@test.example", "10.8.8.9")
        assert throttle.purge() == 3
    assert list(SignInCode.objects.values_list("email", flat=True)) == ["new@test.example"]
    assert list(SignInFailure.objects.values_list("email", flat=True)) == ["new@test.example"]
    assert RateLimitHit.objects.count() == 1


def test_a_failed_sign_in_logs_no_address(db, caplog):
    with caplog.at_level("WARNING", logger="revmentor.security"):
        _wrong_password("logged@test.example", "10.9.0.1")
    [line] = [r.getMessage() for r in caplog.records if r.name == "revmentor.security"]
    assert line == (
        f"sign-in failure step=password account={throttle.pseudonym('logged@test.example')} "
        "ip=10.9.0.1"
    )
    assert "logged@test.example" not in line


def test_behind_the_proxy_reports_are_counted_per_visitor_not_per_proxy(db, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    proxy = "127.0.0.1"

    def report_from(visitor):
        return Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=visitor).post(
            reverse("privacy:accessibility_report"),
            {"page": "/", "description": "Kontrasten är för låg."},
        )

    assert [report_from("192.0.2.1").status_code for _ in range(11)] == [302] * 10 + [429]
    assert report_from("192.0.2.2").status_code == 302
