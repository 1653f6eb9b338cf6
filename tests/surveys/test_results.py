"""Results per question: groups under five are never shown, charts come with their numbers."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from revmentor.surveys import results
from revmentor.surveys.models import Answer, Question, Response, Survey
from tests.factories import make_organisation
from tests.querycount import assert_constant_queries
from tests.surveys.support import add_responses, open_survey

pytestmark = pytest.mark.django_db


def results_url(survey):
    return reverse(
        "surveys:results", kwargs={"slug": survey.program.slug, "public_id": survey.public_id}
    )


def group(label, n):
    return results.Group(label=label, n=n, state="shown" if n >= 5 else "too_few")


def test_a_group_of_four_is_too_few_and_the_smallest_shown_group_is_hidden_with_it():
    groups = results.protect([group("A", 8), group("B", 7), group("C", 6), group("D", 4)])
    assert [(g.label, g.state) for g in groups] == [
        ("A", "shown"),
        ("B", "shown"),
        ("C", "protected"),
        ("D", "too_few"),
    ]


def test_two_small_groups_together_five_or_more_need_no_further_hiding():
    groups = results.protect([group("A", 8), group("B", 3), group("C", 2)])
    assert [g.state for g in groups] == ["shown", "too_few", "too_few"]


def test_a_split_in_two_with_one_small_side_hides_both():
    groups = results.protect([group("mentor", 9), group("adept", 3)])
    assert [g.state for g in groups] == ["protected", "too_few"]


def test_results_show_each_profile_and_organisation_of_five_or_more_with_exact_numbers(cast):
    survey = open_survey(cast.program, "start")
    big = make_organisation("Stora verket")
    question = add_responses(survey, big, "mentor", [1, 2, 3, 4, 5])
    add_responses(survey, cast.org_a, "adept", [4, 4, 5, 5, 5])
    add_responses(survey, cast.org_b, "adept", [2, 2, 3, 3])
    result = results.survey_results(survey)[0]
    assert result.question == question
    assert (result.overall.n, result.overall.counts, result.overall.mean) == (
        14,
        [1, 3, 3, 3, 4],
        Decimal("3.4"),
    )
    assert [(g.label, g.state, g.counts) for g in result.by_profile] == [
        ("junior mentor", "shown", [1, 1, 1, 1, 1]),
        ("senior adept", "shown", [0, 2, 2, 2, 3]),
    ]
    assert [(g.label, g.state, g.counts) for g in result.by_organisation] == [
        ("Organisation A", "protected", []),
        ("Organisation B", "too_few", []),
        ("Stora verket", "shown", [1, 1, 1, 1, 1]),
    ]


def test_a_question_with_four_answers_shows_nothing_but_too_few(cast, client_for):
    survey = open_survey(cast.program, "start", status=Survey.Status.CLOSED)
    add_responses(survey, cast.org_a, "mentor", [5, 5, 5, 5])
    result = results.survey_results(survey)[0]
    assert (result.overall.state, result.overall.counts, result.chart) == ("too_few", [], None)
    page = client_for("coordinator").get(results_url(survey)).text
    assert "För få svar för att visas." in page
    assert "<svg" not in page


def test_the_results_page_draws_an_svg_chart_with_the_same_numbers_in_a_table(cast, client_for):
    survey = open_survey(cast.program, "start", status=Survey.Status.CLOSED)
    question = add_responses(survey, cast.org_a, "mentor", [1, 2, 2, 5, 5, 5])
    page = client_for("coordinator").get(results_url(survey)).text
    svg = re.search(
        rf'<svg[^>]*aria-labelledby="q-{question.public_id}-title q-{question.public_id}-desc"'
        r"[^>]*>.*?</svg>",
        page,
        re.S,
    ).group(0)
    assert 'role="img"' in svg
    assert f'<title id="q-{question.public_id}-title">{question.text_sv}</title>' in svg
    assert "style=" not in page.split("<main", 1)[1]
    assert re.findall(r'class="chart-value" fill="#1b1b1b">(\d+)</text>', svg) == [
        "1",
        "2",
        "0",
        "0",
        "3",
    ]
    assert (
        '<th scope="row">Alla</th>\n<td class="num">6</td><td class="num">3,3</td>'
        '<td class="num">1</td><td class="num">2</td><td class="num">0</td><td class="num">0</td>'
        '<td class="num">3</td>' in page
    )


def test_free_text_answers_are_listed_in_alphabetical_order_without_names(cast):
    survey = open_survey(cast.program, "end")
    question = survey.questions.filter(kind=Question.Kind.TEXT).first()
    for text in ["Öppenhet", "Att lyssna", "Nya verktyg", "Feedback", "Mod"]:
        response = Response.objects.create(
            survey=survey, profile_kind="adept", organisation=cast.org_a
        )
        Answer.objects.create(response=response, question=question, text=text)
    result = next(r for r in results.survey_results(survey) if r.question == question)
    assert result.texts == ["Att lyssna", "Feedback", "Mod", "Nya verktyg", "Öppenhet"]


def test_the_end_survey_shows_the_change_from_the_start_for_questions_with_the_same_key(
    cast, client_for
):
    start = open_survey(cast.program, "start", status=Survey.Status.CLOSED)
    end = open_survey(cast.program, "end", status=Survey.Status.CLOSED)
    add_responses(start, cast.org_a, "mentor", [2, 2, 3, 3, 3])
    add_responses(end, cast.org_a, "mentor", [4, 4, 4, 5, 5])
    changes, chart = results.start_end_change(end)
    first = changes[0]
    assert (first.start.mean, first.end.mean, first.difference) == (
        Decimal("2.6"),
        Decimal("4.4"),
        Decimal("1.8"),
    )
    assert [c.difference for c in changes[1:]] == [None, None, None]
    assert 'aria-labelledby="change-' in chart
    page = client_for("coordinator").get(results_url(end)).text
    assert '<td class="num">+1,8</td>' in page


def test_results_page_runs_the_same_queries_for_1_and_30_answers(cast, client_for):
    survey = open_survey(cast.program, "start", status=Survey.Status.CLOSED)
    organisations = [make_organisation() for _ in range(3)]

    def add(i):
        add_responses(survey, organisations[i % 3], "mentor" if i % 2 else "adept", [1 + i % 5])

    assert_constant_queries(client_for("coordinator"), results_url(survey), add)


def test_survey_list_and_detail_run_the_same_queries_for_1_and_30_rows(cast, client_for):
    client = client_for("coordinator")
    list_url = reverse("surveys:manage_list", kwargs={"slug": cast.program.slug})
    assert_constant_queries(client, list_url, lambda i: open_survey(cast.program, "mid"))
    survey = open_survey(cast.program, "")
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.DRAFT)

    def add_question(i):
        Question.objects.create(
            survey=survey, kind="scale", text_sv=f"F{i}", text_en=f"Q{i}", position=i
        )

    detail = reverse(
        "surveys:manage_detail", kwargs={"slug": cast.program.slug, "public_id": survey.public_id}
    )
    assert_constant_queries(client, detail, add_question)


def test_the_answer_page_runs_the_same_queries_for_1_and_30_questions(cast, client_for):
    from tests.surveys.support import nominated

    nominated(cast.program, cast.org_a, applicant=cast.participant)
    survey = open_survey(cast.program, "")

    def add_question(i):
        kind = ["scale", "single", "multiple", "text"][i % 4]
        options = (
            [{"sv": "Ja", "en": "Yes"}, {"sv": "Nej", "en": "No"}]
            if kind in ("single", "multiple")
            else []
        )
        Question.objects.create(
            survey=survey, kind=kind, text_sv=f"F{i}", text_en=f"Q{i}", position=i, options=options
        )

    url = reverse(
        "surveys:answer", kwargs={"slug": cast.program.slug, "public_id": survey.public_id}
    )
    assert_constant_queries(client_for("participant"), url, add_question)
