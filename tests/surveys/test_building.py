"""Coordinators build surveys from templates, edit questions, send them and remind."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from revmentor.applications.models import Application
from revmentor.core.models import AuditEntry
from revmentor.surveys import catalog, services
from revmentor.surveys.models import Question, Respondent, Survey
from revmentor.surveys.tasks import remind_survey
from tests.surveys.support import nominated, open_survey

pytestmark = pytest.mark.django_db


def detail(survey):
    return reverse(
        "surveys:manage_detail", kwargs={"slug": survey.program.slug, "public_id": survey.public_id}
    )


def test_start_and_end_templates_share_keys_for_the_questions_compared():
    start_keys = {q.key for q in catalog.START.questions if q.kind == "scale"}
    end_keys = {q.key for q in catalog.END.questions if q.kind == "scale"}
    assert start_keys & end_keys == {
        "understand-other-generation",
        "values-discussed",
        "prejudices",
        "attract-young",
    }


def test_coordinator_creates_a_start_survey_with_the_template_questions_in_both_languages(
    cast, client_for
):
    response = client_for("coordinator").post(
        reverse("surveys:manage_list", kwargs={"slug": cast.program.slug}), {"template": "start"}
    )
    survey = Survey.objects.get(program=cast.program)
    assert response.status_code == 302
    assert response["Location"] == detail(survey)
    assert (survey.kind, survey.status, survey.title_sv, survey.title_en) == (
        "start",
        "draft",
        "Startenkät",
        "Start survey",
    )
    first = survey.questions.first()
    assert (first.key, first.kind, first.text_sv, first.text_en) == (
        "understand-other-generation",
        "scale",
        "Jag förstår hur den andra generationen ser på sitt arbetsliv.",
        "I understand how the other generation sees its working life.",
    )
    assert [q.kind for q in survey.questions.all()] == [
        "scale",
        "scale",
        "scale",
        "scale",
        "multiple",
        "text",
    ]
    assert AuditEntry.objects.filter(action="survey.created", object_id=str(survey.pk)).count() == 1


def test_coordinator_adds_a_single_choice_question_with_choices_in_both_languages(cast, client_for):
    survey = services.create_survey(program=cast.program, template="", created_by=None)
    response = client_for("coordinator").post(
        reverse(
            "surveys:question_create",
            kwargs={"slug": cast.program.slug, "public_id": survey.public_id},
        ),
        {
            "kind": "single",
            "text_sv": "Hur ofta möts ni?",
            "text_en": "How often do you meet?",
            "options_sv": "Varje vecka\nVarje månad\n",
            "options_en": "Every week\nEvery month",
            "key": "how-often",
        },
    )
    assert response.status_code == 302
    question = survey.questions.get()
    assert question.options == [
        {"sv": "Varje vecka", "en": "Every week"},
        {"sv": "Varje månad", "en": "Every month"},
    ]
    assert question.option_labels("en") == ["Every week", "Every month"]


def test_a_choice_question_needs_two_choices_and_as_many_in_english(cast, client_for):
    survey = services.create_survey(program=cast.program, template="", created_by=None)
    url = reverse(
        "surveys:question_create", kwargs={"slug": cast.program.slug, "public_id": survey.public_id}
    )
    client = client_for("coordinator")
    one = client.post(
        url, {"kind": "multiple", "text_sv": "Fråga", "text_en": "Q", "options_sv": "A"}
    )
    uneven = client.post(
        url,
        {
            "kind": "single",
            "text_sv": "Fråga",
            "text_en": "Q",
            "options_sv": "A\nB",
            "options_en": "A",
        },
    )
    assert one.context["form"].errors == {"options_sv": ["Ange minst två val, ett per rad."]}
    assert uneven.context["form"].errors == {
        "options_en": ["Ange lika många engelska val som svenska, eller inga."]
    }
    assert survey.questions.count() == 0


def test_a_survey_with_no_questions_cannot_be_sent(cast, client_for):
    nominated(cast.program, cast.org_a)
    survey = services.create_survey(program=cast.program, template="", created_by=None)
    response = client_for("coordinator").post(
        reverse("surveys:send", kwargs={"slug": cast.program.slug, "public_id": survey.public_id}),
        {"remind_after_days": "7"},
    )
    survey.refresh_from_db()
    assert survey.status == "draft"
    assert [str(m) for m in response.context["messages"]] == [
        "Lägg till minst en fråga innan du skickar enkäten."
    ]


def test_sending_mails_nominated_participants_in_their_language_and_defers_a_reminder(
    cast, client_for, run_tasks
):
    [swede] = nominated(cast.program, cast.org_a, email="anna@test.example")
    [english] = nominated(cast.program, cast.org_b, email="ben@test.example", language="en")
    withdrawn = nominated(cast.program, cast.org_a, email="gone@test.example")[0]
    Application.objects.filter(pk=withdrawn.pk).update(status=Application.Status.WITHDRAWN)
    survey = services.create_survey(program=cast.program, template="start", created_by=None)
    closes = timezone.localdate() + timedelta(days=14)
    response = client_for("coordinator").post(
        reverse("surveys:send", kwargs={"slug": cast.program.slug, "public_id": survey.public_id}),
        {"closes_on": closes.isoformat(), "remind_after_days": "5"},
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.status, survey.closes_on) == ("open", closes)
    outbox = run_tasks()
    assert sorted((m.to[0], m.subject) for m in outbox) == [
        ("anna@test.example", "Enkät: Startenkät"),
        ("ben@test.example", "Survey: Start survey"),
    ]
    link = f"/program/{cast.program.slug}/surveys/{survey.public_id}/"
    assert all(link in m.body for m in outbox)
    reminder = DBTaskResult.objects.get(task_path="revmentor.surveys.tasks.remind_survey")
    assert reminder.status == "READY"
    assert timedelta(days=4, hours=23) < reminder.run_after - timezone.now() <= timedelta(days=5)
    assert swede.pk != english.pk


def test_the_reminder_goes_only_to_those_who_have_not_answered(cast, run_tasks):
    answered, waiting = nominated(cast.program, cast.org_a, 2)
    survey = open_survey(cast.program)
    Respondent.objects.create(survey=survey, application=answered)
    sent = remind_survey.call(survey_id=survey.pk)
    outbox = run_tasks()
    assert sent == 1
    assert [(m.to, m.subject) for m in outbox] == [([waiting.email], "Påminnelse: Startenkät")]


def test_the_reminder_of_a_closed_survey_sends_nothing(cast, run_tasks):
    nominated(cast.program, cast.org_a, 2)
    survey = open_survey(cast.program, status=Survey.Status.CLOSED)
    assert remind_survey.call(survey_id=survey.pk) == 0
    assert run_tasks() == []


def test_once_pairs_exist_the_survey_goes_to_the_people_in_them(cast):
    from tests.reports.support import pair

    mentor, other = nominated(cast.program, cast.org_a, 2)
    [adept] = nominated(cast.program, cast.org_b, profile_kind="adept")
    pair(cast.program, mentor, adept)
    from revmentor.surveys.queries import recipients

    assert set(recipients(cast.program)) == {mentor, adept}
    assert other not in set(recipients(cast.program))


def test_a_sent_survey_cannot_be_changed(cast, client_for):
    survey = open_survey(cast.program)
    question = survey.questions.first()
    client = client_for("coordinator")
    kwargs = {
        "slug": cast.program.slug,
        "public_id": survey.public_id,
        "question_id": question.public_id,
    }
    client.post(reverse("surveys:question_delete", kwargs=kwargs))
    edit = client.post(
        reverse("surveys:question_edit", kwargs=kwargs),
        {"kind": "text", "text_sv": "Ny", "text_en": "New"},
    )
    assert edit.status_code == 302
    assert Question.objects.get(pk=question.pk).text_sv == question.text_sv


def test_coordinator_closes_an_open_survey(cast, client_for):
    survey = open_survey(cast.program)
    client_for("coordinator").post(
        reverse("surveys:close", kwargs={"slug": cast.program.slug, "public_id": survey.public_id})
    )
    survey.refresh_from_db()
    assert survey.status == "closed"


def test_coordinator_renames_a_draft_survey_in_both_languages(cast, client_for):
    survey = services.create_survey(program=cast.program, template="", created_by=None)
    response = client_for("coordinator").post(
        reverse("surveys:edit", kwargs={"slug": cast.program.slug, "public_id": survey.public_id}),
        {
            "title_sv": "Digitala vanor",
            "title_en": "Digital habits",
            "intro_sv": "Hej!",
            "intro_en": "Hi!",
        },
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.title_sv, survey.title_en, survey.intro("en")) == (
        "Digitala vanor",
        "Digital habits",
        "Hi!",
    )


def test_coordinator_reminds_those_who_have_not_answered_now(cast, client_for, run_tasks):
    answered, waiting = nominated(cast.program, cast.org_a, 2)
    survey = open_survey(cast.program)
    Respondent.objects.create(survey=survey, application=answered)
    response = client_for("coordinator").post(
        reverse("surveys:remind", kwargs={"slug": cast.program.slug, "public_id": survey.public_id})
    )
    assert response.status_code == 302
    assert [m.to for m in run_tasks()] == [[waiting.email]]
    assert AuditEntry.objects.get(action="survey.reminded").after == {"recipients": 1}
