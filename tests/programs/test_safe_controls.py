"""Safe coordinator controls: a moved deadline warns first and tells everyone; status steps confirm."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from revmentor.core.models import AuditEntry
from tests.applications.support import make_application

pytestmark = pytest.mark.django_db


def _local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _move(client, program, new_deadline, **extra):
    return client.post(
        reverse("programs:deadline", kwargs={"slug": program.slug}),
        {"new_deadline": _local(new_deadline), "reason": "Ändrad planering.", **extra},
    )


def test_moving_the_deadline_earlier_asks_for_confirmation_first(client_for, cast):
    program = cast.program
    old = program.application_deadline
    make_application(program, cast.org_a, status="draft")
    client = client_for("coordinator")
    response = _move(client, program, old - timedelta(days=2))
    assert response.status_code == 200
    assert response.templates[0].name == "programs/manage/deadline_confirm.html"
    assert response.context["warnings"] == [
        "Sista ansökningsdag flyttas tidigare: de sökande får kortare tid än de har fått veta. "
        "Alla som berörs får e-post."
    ]
    assert response.context["audience"] == {"drafts": 1, "sent": 0, "organisations": 2}
    program.refresh_from_db()
    assert program.application_deadline == old
    assert program.deadline_changes.count() == 0

    response = _move(client, program, old - timedelta(days=2), confirmed="1")
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.application_deadline == (old - timedelta(days=2)).replace(second=0)
    entry = AuditEntry.objects.get(action="program.deadline_changed")
    assert entry.after["direction"] == "earlier"


def test_a_deadline_in_the_past_warns_that_the_program_closes_at_once(client_for, cast):
    program = cast.program
    response = _move(client_for("coordinator"), program, timezone.now() - timedelta(hours=1))
    assert response.status_code == 200
    assert response.context["warnings"][0].startswith(
        "Den nya sista ansökningsdagen har redan passerat"
    )
    assert program.deadline_changes.count() == 0


def test_a_postponement_into_the_future_needs_no_confirmation(client_for, cast):
    program = cast.program
    response = _move(
        client_for("coordinator"), program, program.application_deadline + timedelta(days=3)
    )
    assert response.status_code == 302
    assert program.deadline_changes.count() == 1


def test_a_moved_deadline_tells_drafts_sent_applications_and_hr_worded_by_direction(
    client_for, cast, run_tasks
):
    program = cast.program
    make_application(program, cast.org_a, status="draft", email="utkast@test.example")
    make_application(program, cast.org_a, email="skickad@test.example")
    make_application(program, cast.org_b, status="withdrawn", email="aterkallad@test.example")
    _move(
        client_for("coordinator"),
        program,
        program.application_deadline - timedelta(days=1),
        confirmed="1",
    )
    outbox = run_tasks()
    by_address = {m.to[0]: m for m in outbox}
    assert set(by_address) == {
        "utkast@test.example",
        "skickad@test.example",
        cast.org_a.hr_email_list[0],
        cast.org_b.hr_email_list[0],
        "hr.a@test.example",
        "hr.b@test.example",
    }
    assert {m.subject for m in outbox} == {
        f"Sista ansökningsdag för {program.title} har flyttats tidigare"
    }
    assert "Din ansökan är fortfarande ett utkast" in by_address["utkast@test.example"].body
    assert "Din ansökan är skickad" in by_address["skickad@test.example"].body
    assert "lokal HR" in by_address["hr.a@test.example"].body
    assert "Ändrad planering." in by_address["hr.b@test.example"].body


def test_a_postponement_is_worded_as_postponed(cast, run_tasks):
    from revmentor.programs import services

    make_application(cast.program, cast.org_a, email="skickad@test.example")
    services.change_deadline(
        program=cast.program,
        new_deadline=cast.program.application_deadline + timedelta(days=5),
        reason="Fler ansluter.",
        changed_by=cast.coordinator,
    )
    subjects = {m.to[0]: m.subject for m in run_tasks()}
    assert subjects["skickad@test.example"] == (
        f"Sista ansökningsdag för {cast.program.title} har skjutits upp"
    )


def test_the_overview_shows_the_current_status_and_only_next_steps(client_for, cast):
    response = client_for("coordinator").get(
        reverse("programs:manage", kwargs={"slug": cast.program.slug})
    )
    html = response.content.decode()
    assert "Programmet har nu status ”öppet för ansökningar”." in html
    assert [value for value, _label, _why in response.context["next_statuses"]] == [
        "draft",
        "nominating",
    ]
    assert "<select" not in html


def test_a_status_step_is_confirmed_before_it_happens(client_for, cast):
    client = client_for("coordinator")
    url = reverse("programs:status", kwargs={"slug": cast.program.slug})
    response = client.post(url, {"status": "nominating"})
    assert response.status_code == 200
    assert response.context["consequence"] == (
        "Inga nya ansökningar; lokal HR beslutar vilka varje organisation anmäler."
    )
    cast.program.refresh_from_db()
    assert cast.program.status == "open"
    assert client.post(url, {"status": "nominating", "confirmed": "1"}).status_code == 302
    cast.program.refresh_from_db()
    assert cast.program.status == "nominating"


def test_the_public_page_says_the_deadline_moved_earlier(client_for, cast):
    from revmentor.programs import services

    services.change_deadline(
        program=cast.program,
        new_deadline=cast.program.application_deadline - timedelta(days=1),
        reason="Tidigare start.",
        changed_by=cast.coordinator,
    )
    html = client_for("anonymous").get(cast.program.get_absolute_url()).content.decode()
    assert "Sista ansökningsdag har flyttats tidigare." in html
    assert "har skjutits upp" not in html
