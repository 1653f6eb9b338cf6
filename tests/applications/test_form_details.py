"""Wording and form details: labels, hours with a comma, required fields up front, one refusal."""

import pytest
from django.urls import reverse
from django.utils import timezone

from revmentor.applications import services
from revmentor.applications.models import Application
from revmentor.core.models import User
from revmentor.mentorships.models import MeetingLog
from tests.applications.support import make_application
from tests.mentorships.support import make_running, participant_pair

pytestmark = pytest.mark.django_db


def test_program_and_meeting_labels_start_with_a_capital(client_for, cast):
    client = client_for("coordinator")
    edit = client.get(reverse("programs:edit", kwargs={"slug": cast.program.slug})).content
    meeting = client.get(
        reverse("programs:meeting_create", kwargs={"slug": cast.program.slug})
    ).content.decode()
    assert "Sista ansökningsdag:" in edit.decode()
    assert ">Börjar:" in meeting and ">Slutar:" in meeting


def test_the_hours_field_accepts_a_decimal_comma_and_says_so(client_for, cast):
    make_running(cast.program)
    pair = participant_pair(cast)
    url = reverse(
        "mentorships:log_create", kwargs={"slug": cast.program.slug, "pair": pair.public_id}
    )
    client = client_for("participant")
    page = client.get(url).content.decode()
    assert "Till exempel 1,5 för en och en halv timme." in page
    day = timezone.localdate() - timezone.timedelta(days=2)
    response = client.post(
        url, {"status": "held", "date": day.isoformat(), "hours": "1,5", "format": "digital"}
    )
    assert response.status_code == 302
    assert str(MeetingLog.objects.get().hours) == "1.50"


def test_the_manager_e_mail_names_the_program_once(cast, run_tasks):
    application = make_application(cast.program, cast.org_a, status="draft")
    services.submit(application=application, topics=[])
    manager_mail = next(m for m in run_tasks() if m.to == [application.manager_email])
    assert "omvänt mentorskap Omvänt" not in manager_mail.body
    assert f"har ansökt till {cast.program.title} som junior mentor och" in manager_mail.body


def test_the_first_sent_application_gives_a_nameless_account_its_name(cast):
    applicant = User.objects.create(email="emma.junior@test.example")
    application = make_application(
        cast.program, cast.org_a, status="draft", applicant=applicant, full_name="Emma Junior"
    )
    services.submit(application=application, topics=[])
    applicant.refresh_from_db()
    assert applicant.get_full_name() == "Emma Junior"


def test_step_two_marks_the_fields_needed_to_send_before_sending(client_for, cast):
    client = client_for("participant")
    client.post(
        reverse("applications:apply", kwargs={"slug": cast.program.slug}),
        {"employment_type": "permanent", "profile_kind": "mentor", "birth_year": "1996"},
    )
    page = client.get(reverse("applications:edit", kwargs={"slug": cast.program.slug}))
    html = page.content.decode()
    assert '<label for="id_phone">Telefon: <span class="required">(obligatoriskt)</span>' in html
    assert '<label for="id_topics_text">' in html
    assert Application.objects.get().status == "draft"


def test_the_eligibility_refusal_is_said_once(client_for, cast):
    response = client_for("participant").post(
        reverse("applications:apply", kwargs={"slug": cast.program.slug}),
        {"employment_type": "fixed_term", "profile_kind": "mentor", "birth_year": "1996"},
    )
    html = response.content.decode()
    assert html.count("Bara tillsvidareanställda kan delta") == 1
    assert html.count("Du kan inte ansöka den här gången") == 1
    assert "Med det svaret kan du inte ansöka den här gången (se ovan)." in html
