"""An operator reading the database (or the media files) after erasure finds nothing of the person.

The person's whole footprint is built through the services; then every column of every
table is read with raw SQL, and every file under MEDIA_ROOT, looking for their e-mail
address, full name and phone number.
"""

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from revmentor.applications import services as applications
from revmentor.applications.models import Application
from revmentor.matching import engine
from revmentor.matching import services as matching
from revmentor.mentorships import services as mentorships
from revmentor.mentorships.models import Mentorship
from revmentor.privacy import services as privacy
from revmentor.privacy.models import ErasureRequest
from revmentor.programs import services as programs
from revmentor.programs.models import Program
from revmentor.reports import services as reports
from revmentor.surveys import services as surveys
from tests.applications.support import form_data, make_application
from tests.factories import make_joint_meeting, make_user
from tests.surveys.support import open_survey

pytestmark = pytest.mark.django_db

EMAIL = "participant@test.example"
NAME = "Pia Deltagare"
PHONE = "073-555 12 34"
MANAGER = "maja.chef@test.example"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _adept(cast, name: str, year: int) -> Application:
    user = make_user(f"{name.lower().replace(' ', '.')}@test.example", full_name=name)
    return make_application(
        cast.program,
        cast.org_b,
        status=Application.Status.SUBMITTED,
        applicant=user,
        profile_kind="adept",
        birth_year=year,
        manager_email="annan.chef@test.example",
    )


def build_footprint(cast, client_for, run_tasks, media: Path) -> Application:
    """Everything the participant leaves behind, from applying to the end survey."""
    program = cast.program
    make_application(program, cast.org_a, status="draft", applicant=cast.participant)
    client = client_for("participant")
    url = reverse("applications:edit", kwargs={"slug": program.slug})
    token = client.get(url).context["form"].initial["submission_token"]
    posted = client.post(
        url,
        form_data(
            cast,
            submission_token=str(token),
            phone=PHONE,
            topics_text=f"Jag heter {NAME} och når på {PHONE}.",
            accessibility_needs="Hörslinga",
        ),
    )
    assert posted.status_code == 302
    application = Application.objects.get(applicant=cast.participant)
    applications.answer_as_manager(application=application, confirmed=True)
    applications.decide(application=application, decision="nominated", decided_by=cast.hr_a)
    adam, bo = _adept(cast, "Adam Adept", 1965), _adept(cast, "Bo Adept", 1966)
    for adept in (adam, bo):
        applications.decide(application=adept, decision="nominated", decided_by=cast.hr_b)
    run_tasks()  # some e-mails sent (their tasks finished), the rest stay queued
    matching.add_exclusion(
        program=program,
        mentor=application,
        adept=bo,
        reason=f"{NAME} ({EMAIL}, {PHONE}) är Bo Adepts chef.",
        created_by=cast.coordinator,
    )
    programs.set_status(program=program, status="nominating", changed_by=cast.coordinator)
    programs.set_status(program=program, status="matching", changed_by=cast.coordinator)
    proposal = matching.run_matching(
        program=program, rules=engine.Rules(), weights=engine.Weights(), created_by=None
    )
    matching.publish(proposal=proposal, published_by=cast.coordinator)
    pair = Mentorship.objects.get(program=program, mentor=application)
    mentorships.set_goals(
        mentorship=pair, goals=f"{NAME} lär ut sociala medier.", changed_by=cast.participant
    )
    mentorships.log_meeting(
        mentorship=pair,
        logged_by=cast.participant,
        values={
            "status": "held",
            "date": timezone.localdate(),
            "start_time": None,
            "hours": Decimal("1.5"),
            "format": "digital",
            "topics": f"Kaffe med {NAME}",
            "notes": f"Ring {NAME} på {PHONE} eller skriv till {EMAIL}.",
        },
    )
    meeting = make_joint_meeting(program)
    mentorships.add_material(
        meeting=meeting,
        title="Bilder",
        upload=SimpleUploadedFile("bilder.pdf", PDF, "application/pdf"),
        uploaded_by=cast.coordinator,
    )
    survey = open_survey(program, "start")
    text = survey.questions.filter(kind="text").first()
    surveys.submit_answers(survey=survey, application=application, values={text.pk: "Bra!"})
    reports.add_travel_cost(
        application=application,
        amount=Decimal("640.00"),
        note=f"Tåg för {NAME}",
        registered_by=cast.hr_a,
    )
    privacy.produce_extract(person=cast.participant, requested_by=cast.coordinator, program=program)
    mentorships.end_mentorship(
        mentorship=pair,
        cause="left_organisation",
        leaver=pair.adept,
        reason=f"{NAME} bytte jobb.",
        ended_by=cast.coordinator,
    )
    privacy.report_accessibility_problem(
        program=program, page="/", description="Kontrasten", name=NAME, email=EMAIL
    )
    run_tasks()
    privacy.request_erasure(
        person=cast.participant, program=program, reason=f"Jag, {NAME}, vill bli glömd."
    )
    assert list(media.rglob("*")), "the footprint stores a file"
    return application


def found_in_database(needles: list[str]) -> list[tuple[str, str, str]]:
    """(table, column, needle) for every stored value containing a needle (case-insensitive)."""
    found = []
    lowered = [n.lower() for n in needles]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - names from introspection
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if value is None:
                        continue
                    if isinstance(value, bytes | memoryview):
                        text = bytes(value).decode("utf-8", "ignore").lower()
                    else:
                        text = str(value).lower()
                    found += [(table, column, n) for n in lowered if n in text]
    return sorted(set(found))


def found_in_files(root: Path, needles: list[str]) -> list[tuple[str, str]]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "ignore").lower()
            found += [(path.name, n) for n in needles if n.lower() in text]
    return found


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_the_footprint_is_found_before_erasure(cast, client_for, run_tasks, media):
    build_footprint(cast, client_for, run_tasks, media)
    tables = {table for table, _column, _needle in found_in_database([EMAIL, NAME, PHONE])}
    # Queued and finished e-mail tasks hold ids only, even while the person is there.
    assert DBTaskResult.objects.filter(task_path__endswith=".send_mail").count() > 10
    assert DBTaskResult._meta.db_table not in tables
    # The scan sees the person where the data lives: it would see leftovers too.
    assert {
        "applications_application",
        "core_user",
        "matching_exclusion",
        "mentorships_meetinglog",
        "mentorships_mentorship",
        "reports_travelcost",
        "privacy_erasurerequest",
        "core_auditentry",
    } <= tables


def test_after_the_decided_erasure_nothing_of_the_person_is_left(
    cast, client_for, run_tasks, media
):
    build_footprint(cast, client_for, run_tasks, media)
    erasure = ErasureRequest.objects.get(person=cast.participant)
    privacy.decide_erasure(
        erasure=erasure, approve=True, reason="Beviljad", decided_by=cast.coordinator
    )
    run_tasks()
    assert found_in_database([EMAIL, NAME, PHONE]) == []
    assert found_in_files(media, [EMAIL, NAME, PHONE]) == []
    # The manager's address went with the application.
    assert found_in_database([MANAGER]) == []


def test_after_retention_of_a_program_past_its_period_nothing_of_the_person_is_left(
    cast, client_for, run_tasks, media
):
    build_footprint(cast, client_for, run_tasks, media)
    ErasureRequest.objects.all().delete()  # no request: only the retention clock runs
    Program.objects.filter(pk=cast.program.pk).update(
        status=Program.Status.CLOSED,
        period_start=date(2020, 4, 1),
        period_end=date(2020, 11, 30),
    )
    later = timezone.now() + timedelta(days=1)
    privacy.run_retention(now=later)
    privacy.purge_mail(now=later + timedelta(days=8))
    assert found_in_database([EMAIL, NAME, PHONE]) == []
    assert found_in_files(media, [EMAIL, NAME, PHONE]) == []
