"""Anonymous answers cannot be linked to respondents by order, id or time; results wait for close."""

import uuid

import pytest
from django.db import connection, models, transaction
from django.urls import reverse

from revmentor.surveys import services
from revmentor.surveys.models import Answer, PendingResponse, Question, Response, Survey
from tests.surveys.support import nominated, open_survey

pytestmark = pytest.mark.django_db

PHYSICAL_ORDER = {"sqlite": "rowid", "postgresql": "ctid"}


def _stored_order(question) -> list[int]:
    """The scale values in the order the database holds the rows (what a dump shows)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT scale_value FROM {Answer._meta.db_table} WHERE question_id = %s "  # noqa: S608
            f"ORDER BY {PHYSICAL_ORDER[connection.vendor]}",
            [question.pk],
        )
        return [row[0] for row in cursor.fetchall()]


def _answer_in_one_transaction(cast, survey, values: list[int]) -> Question:
    question = survey.questions.filter(kind=Question.Kind.SCALE).first()
    people = nominated(cast.program, cast.org_a, count=len(values))
    with transaction.atomic():
        for person, value in zip(people, values, strict=True):
            services.submit_answers(survey=survey, application=person, values={question.pk: value})
    return question


def test_answer_rows_carry_no_person_no_time_and_random_ids(cast):
    for model in (Response, Answer, PendingResponse):
        fields = model._meta.get_fields()
        assert [f.name for f in fields if isinstance(f, models.DateField)] == []
        assert [
            f.name
            for f in fields
            if f.is_relation and f.related_model and f.related_model._meta.model_name == "user"
        ] == []
        assert [f.name for f in fields if f.name in ("application", "respondent")] == []
        assert isinstance(model._meta.pk, models.UUIDField)
    survey = open_survey(cast.program, "start")
    _answer_in_one_transaction(cast, survey, [1, 2, 3, 4, 5])
    ids = list(Response.objects.values_list("id", flat=True)) + list(
        Answer.objects.values_list("id", flat=True)
    )
    assert {(type(pk), pk.version) for pk in ids} == {(uuid.UUID, 4)}


def test_answers_wait_unwritten_until_five_have_come_in(cast):
    survey = open_survey(cast.program, "start")
    question = _answer_in_one_transaction(cast, survey, [1, 2, 3, 4])
    assert (PendingResponse.objects.count(), Response.objects.count()) == (4, 0)
    more = nominated(cast.program, cast.org_b, count=1)
    services.submit_answers(survey=survey, application=more[0], values={question.pk: 5})
    assert (PendingResponse.objects.count(), Response.objects.count()) == (0, 5)
    assert sorted(_stored_order(question)) == [1, 2, 3, 4, 5]


def test_answers_given_in_one_transaction_are_not_stored_in_the_respondents_order(cast):
    # Each respondent gives a distinct value; stored in their order, the dump would pair them.
    # A random order equals theirs with probability 1/120 per batch: three batches all in
    # order (a chance of 1 in 1.7 million) means the order was not shuffled.
    in_order = []
    for _round in range(3):
        survey = open_survey(cast.program, "start")
        question = _answer_in_one_transaction(cast, survey, [1, 2, 3, 4, 5])
        in_order.append(_stored_order(question) == [1, 2, 3, 4, 5])
    assert in_order != [True, True, True]


def test_closing_writes_the_rest_and_rewrites_all_answers_in_one_new_order(cast):
    survey = open_survey(cast.program, "start")
    question = _answer_in_one_transaction(cast, survey, [1, 2, 3, 4, 5, 1, 2])
    first_ids = set(Response.objects.values_list("id", flat=True))
    assert (len(first_ids), PendingResponse.objects.count()) == (5, 2)
    services.close_survey(survey=survey, closed_by=cast.coordinator)
    assert PendingResponse.objects.count() == 0
    after = set(Response.objects.values_list("id", flat=True))
    assert (len(after), after & first_ids) == (7, set())
    assert sorted(_stored_order(question)) == [1, 1, 2, 2, 3, 4, 5]


def _results(client, survey):
    return client.get(
        reverse(
            "surveys:results", kwargs={"slug": survey.program.slug, "public_id": survey.public_id}
        )
    )


def test_results_of_an_open_survey_are_not_shown_only_explained(cast, client_for):
    survey = open_survey(cast.program, "start")
    text = survey.questions.filter(kind=Question.Kind.TEXT).first()
    scale = survey.questions.filter(kind=Question.Kind.SCALE).first()
    for person in nominated(cast.program, cast.org_a, count=6):
        services.submit_answers(
            survey=survey,
            application=person,
            values={scale.pk: 4, text.pk: "Ett hemligt fritextsvar."},
        )
    client = client_for("coordinator")
    page = _results(client, survey)
    assert page.status_code == 200
    assert "Resultaten visas när enkäten har stängts." in page.text
    assert ("Ett hemligt fritextsvar." in page.text, "<svg" in page.text) == (False, False)
    assert "results" not in page.context
    services.close_survey(survey=survey, closed_by=cast.coordinator)
    page = _results(client, survey)
    assert page.text.count("Ett hemligt fritextsvar.") == 6
    assert "Resultaten visas när enkäten har stängts." not in page.text


def test_an_open_survey_past_its_last_day_still_waits_for_closing(cast, client_for):
    survey = open_survey(cast.program, "start")
    Survey.objects.filter(pk=survey.pk).update(closes_on="2020-01-01")
    page = _results(client_for("coordinator"), survey)
    assert "Resultaten visas när enkäten har stängts." in page.text
