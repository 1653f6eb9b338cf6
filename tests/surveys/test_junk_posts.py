"""Junk posted to every survey form, as every role, never gives a server error or a stray answer."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revmentor.surveys.models import Answer, Question, Respondent
from tests.auth import sign_in
from tests.junk import assert_no_server_error
from tests.surveys import matrix

FORM_URLS = [
    "surveys:manage_list",
    "surveys:edit",
    "surveys:question_create",
    "surveys:question_edit",
    "surveys:send",
    "surveys:answer",
    "surveys:instruments",
]
FIELDS = [
    "template",
    "title_sv",
    "title_en",
    "intro_sv",
    "kind",
    "text_sv",
    "text_en",
    "options_sv",
    "options_en",
    "low_label_sv",
    "high_label_en",
    "required",
    "key",
    "closes_on",
    "remind_after_days",
    "instrument",
]
values = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(str),
    st.lists(st.text(max_size=10), max_size=3),
)
junk = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), values, max_size=8)
HYPOTHESIS = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("name", FORM_URLS)
@HYPOTHESIS
@given(data=junk)
def test_junk_post_never_gives_a_server_error(name, data, cast):
    assert_no_server_error(matrix.MATRIX[name].url(cast), data, cast, name=name)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(answers=st.lists(values, min_size=6, max_size=6))
def test_junk_answers_are_saved_only_when_every_value_is_possible(answers, cast):
    url = matrix.answer_url(cast)
    Respondent.objects.all().delete()
    questions = list(Question.objects.filter(survey__program=cast.program, survey__status="open"))
    data = {f"q{q.pk}": value for q, value in zip(questions, answers, strict=False)}
    client = Client(raise_request_exception=False)
    sign_in(client, cast.participant)
    response = client.post(url, data)
    assert response.status_code in (200, 302)
    for answer in Answer.objects.all():
        assert answer.scale_value is None or 1 <= answer.scale_value <= 5
        options = len(answer.question.options)
        assert all(0 <= index < options for index in answer.choices)
