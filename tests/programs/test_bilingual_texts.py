"""Coordinators' texts in e-mails and on pages: the reader's language, falling back to Swedish.

E-mails go out in the recipient's language where it is known (the application's language),
with the program's English title; a coordinator's own Swedish wording without an English one
reaches English readers as written (as English pages show Swedish text). Contact persons,
cancellation reasons and deadline reasons have optional English versions.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from revmentor.applications import services as application_services
from revmentor.applications.models import EmailTemplate
from revmentor.programs import services as program_services
from revmentor.programs.models import ContactPerson, JointMeeting
from tests.applications.support import make_application

pytestmark = pytest.mark.django_db


def english_title(program, title="Reverse mentoring in English"):
    program.title_en = title
    program.save(update_fields=["title_en"])
    return program


def submit_as(cast, language, email):
    application = make_application(
        cast.program, cast.org_a, status="draft", language=language, email=email
    )
    application_services.submit(application=application, topics=[])
    return application


def test_a_standard_e_mail_in_english_names_the_programs_english_title(cast, run_tasks):
    english_title(cast.program)
    submit_as(cast, "en", "en@test.example")
    submit_as(cast, "sv", "sv@test.example")
    sent = run_tasks()
    [english] = [m.subject for m in sent if "en@test.example" in m.to]
    [swedish] = [m.subject for m in sent if "sv@test.example" in m.to]
    assert english == "Your application to Reverse mentoring in English has been received"
    assert cast.program.title in swedish and "in English" not in swedish


def test_an_english_reader_gets_the_coordinators_swedish_wording_until_an_english_one_exists(
    cast, run_tasks
):
    english_title(cast.program)
    EmailTemplate.objects.create(
        program=cast.program,
        kind="receipt",
        language="sv",
        subject="Tack för din ansökan till {program}",
        body="Hej {name}! Status: {status}. Ta med datorn till första träffen.",
    )
    submit_as(cast, "en", "en@test.example")
    [receipt] = [m for m in run_tasks() if "en@test.example" in m.to]
    # The whole e-mail is the coordinator's Swedish text, with its values in Swedish too.
    assert receipt.subject == f"Tack för din ansökan till {cast.program.title}"
    assert "Status: skickad. Ta med datorn" in receipt.body
    EmailTemplate.objects.create(
        program=cast.program,
        kind="receipt",
        language="en",
        subject="Thank you for applying to {program}",
        body="Hello {name}! Status: {status}. Bring your laptop.",
    )
    submit_as(cast, "en", "en2@test.example")
    [receipt] = [m for m in run_tasks() if "en2@test.example" in m.to]
    assert receipt.subject == "Thank you for applying to Reverse mentoring in English"
    assert "Status: submitted. Bring your laptop." in receipt.body


def test_the_e_mail_texts_page_says_which_english_texts_fall_back_to_swedish(cast, client_for):
    EmailTemplate.objects.create(
        program=cast.program, kind="receipt", language="sv", subject="S", body="B"
    )
    page = client_for("coordinator").get(
        reverse("applications:email_templates", kwargs={"slug": cast.program.slug})
    )
    row = next(states for kind, states in page.context["rows"] if kind.value == "receipt")
    assert [state for _code, _name, state in row] == ["own", "swedish"]
    assert "din svenska text (skriv en engelsk)" in page.text


def test_a_contact_persons_organisation_has_an_english_version(cast, client_for):
    ContactPerson.objects.create(
        program=cast.program,
        name="Sara Samordnare",
        organisation="Naturvårdsverket",
        organisation_en="Swedish Environmental Protection Agency",
        email="sara@test.example",
    )
    ContactPerson.objects.create(
        program=cast.program,
        name="Olle Ordförande",
        organisation="Skatteverket",
        email="olle@test.example",
        position=1,
    )
    client = client_for("anonymous")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(cast.program.get_absolute_url()).text
    assert "Sara Samordnare, Swedish Environmental Protection Agency," in html
    assert 'Olle Ordförande, <span lang="sv">Skatteverket</span>,' in html
    form = client_for("coordinator").get(
        reverse("programs:contacts", kwargs={"slug": cast.program.slug})
    )
    assert "organisation_en" in form.context["formset"].forms[0].fields


def test_a_cancelled_joint_meetings_reason_reaches_english_readers_in_english(
    cast, client_for, run_tasks
):
    from tests.mentorships.support import make_running, meeting_in, participant_pair

    make_running(cast.program)
    pair = participant_pair(cast)
    pair.adept.language = "en"
    pair.adept.save(update_fields=["language"])
    meeting = meeting_in(cast.program, 10, title="Myter om generationer")
    meeting.title_en = "Myths about generations"
    meeting.save(update_fields=["title_en"])
    url = reverse(
        "mentorships:meeting_cancel", kwargs={"slug": cast.program.slug, "uid": meeting.uid}
    )
    client_for("coordinator").post(
        url, {"reason": "Föreläsaren är sjuk.", "reason_en": "The lecturer is ill."}
    )
    sent = {m.to[0]: m for m in run_tasks() if m.attachments}
    english, swedish = sent[pair.adept.email], sent[pair.mentor.email]
    assert "The lecturer is ill." in english.body and "Myths about generations" in english.body
    assert "Föreläsaren är sjuk." in swedish.body and "Myter om generationer" in swedish.body


def test_a_deadline_reason_has_an_english_version_for_english_readers(cast, client_for):
    english_title(cast.program)
    new = timezone.localtime(cast.program.application_deadline + timedelta(days=7))
    client = client_for("coordinator")
    client.post(
        reverse("programs:deadline", kwargs={"slug": cast.program.slug}),
        {
            "new_deadline": new.strftime("%Y-%m-%dT%H:%M"),
            "reason": "Fler ska hinna söka.",
            "reason_en": "More people should have time to apply.",
            "confirmed": "1",
        },
    )
    change = cast.program.deadline_changes.get()
    assert (change.reason, change.reason_en) == (
        "Fler ska hinna söka.",
        "More people should have time to apply.",
    )
    reader = client_for("anonymous")
    assert "Fler ska hinna söka." in reader.get(cast.program.get_absolute_url()).text
    reader.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = reader.get(cast.program.get_absolute_url()).text
    assert "More people should have time to apply." in html


def test_a_copied_program_keeps_its_english_versions(cast):
    program = english_title(cast.program, f"Reverse mentoring {cast.program.period_start.year}")
    ContactPerson.objects.create(
        program=program,
        name="Sara Samordnare",
        organisation="Naturvårdsverket",
        organisation_en="Swedish Environmental Protection Agency",
        email="sara@test.example",
    )
    copy = program_services.copy_program(program=program, copied_by=cast.coordinator)
    assert copy.title_en == f"Reverse mentoring {program.period_start.year + 1}"
    assert copy.contact_persons.get(name="Sara Samordnare").organisation_en == (
        "Swedish Environmental Protection Agency"
    )


def test_an_english_readers_meeting_reminder_and_calendar_are_in_english(cast, run_tasks):
    from revmentor.mentorships.services import send_due_reminders
    from tests.mentorships.support import make_running, meeting_in, participant_pair

    make_running(cast.program)
    english_title(cast.program)
    pair = participant_pair(cast)
    pair.adept.language = "en"
    pair.adept.save(update_fields=["language"])
    meeting = meeting_in(cast.program, 0, title="Myter om generationer", topics="Fördomar")
    JointMeeting.objects.filter(pk=meeting.pk).update(
        title_en="Myths about generations",
        starts_at=timezone.now() + timedelta(hours=20),
        ends_at=timezone.now() + timedelta(hours=22),
    )
    send_due_reminders()
    sent = {m.to[0]: m for m in run_tasks() if m.attachments}
    english = sent[pair.adept.email]
    [(_name, calendar, _type)] = english.attachments
    assert "Myths about generations" in english.body
    # No English topics written: the Swedish ones, in the English reader's calendar entry.
    assert "SUMMARY:Reverse mentoring in English: Myths about generations" in calendar
    assert "Fördomar" in calendar
    swedish = sent[pair.mentor.email]
    assert f"SUMMARY:{cast.program.title}: Myter om generationer" in swedish.attachments[0][1]


def test_a_pair_meeting_invitation_is_in_each_partners_language(cast, run_tasks):
    from revmentor.mentorships.services import log_meeting
    from tests.mentorships.support import make_running, participant_pair

    make_running(cast.program)
    english_title(cast.program)
    pair = participant_pair(cast)
    pair.adept.language = "en"
    pair.adept.save(update_fields=["language"])
    log_meeting(
        mentorship=pair,
        logged_by=cast.participant,
        values={
            "status": "planned",
            "date": timezone.localdate() + timedelta(days=5),
            "hours": 1,
            "format": "digital",
        },
    )
    sent = {m.to[0]: m for m in run_tasks() if m.attachments}
    english, swedish = sent[pair.adept.email], sent[pair.mentor.email]
    assert "SUMMARY:Mentoring meeting: Pia Deltagare and Adam Adept" in english.attachments[0][1]
    assert "Reverse mentoring in English" in english.body
    assert "SUMMARY:Mentorsmöte: Pia Deltagare och Adam Adept" in swedish.attachments[0][1]
