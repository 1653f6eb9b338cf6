"""The demo's 2022 program measures the Workplace Intergenerational Climate Scale at the start
and the end; the results recover the change planted in its generated answers."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from revmentor.core.models import User
from revmentor.programs.models import Program
from revmentor.surveys import demo, measurement
from revmentor.surveys.models import Answer, Respondent, Response, Survey
from tests.auth import sign_in


@pytest.fixture
def end_survey(db):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent: nothing doubles
    program = Program.objects.get(slug="omvant-mentorskap-2022")
    return Survey.objects.get(program=program, instrument="wics", kind="end")


def test_the_demo_recovers_the_planted_change_and_alpha_is_sensible(end_survey):
    found = measurement.instrument_results(end_survey)
    subscales = {s.key: s for s in found.everyone.subscales}
    contact, retention = subscales["contact"], subscales["retention"]
    assert demo.PLANTED["contact"] == 0.5 and demo.PLANTED["retention"] == 0.0
    assert contact.change.low <= 0.5 <= contact.change.high
    assert contact.change.low > 0  # the change is found, not only allowed
    assert retention.change.low <= 0.0 <= retention.change.high
    assert contact.change.n >= 20
    for s in subscales.values():
        assert s.change.low <= demo.PLANTED[s.key] <= s.change.high
        assert 0.5 <= s.alpha_start <= 0.95
        assert 0.5 <= s.alpha_end <= 0.95
        assert 1 <= s.start.low < s.start.mean < s.start.high <= 5


def test_the_demo_answers_are_realistic_and_paired_only_by_pseudonym(end_survey):
    start = end_survey.start_survey
    for survey in (start, end_survey):
        assert survey.status == "closed"
        responses = Response.objects.filter(survey=survey)
        assert responses.count() == Respondent.objects.filter(survey=survey).count() >= 20
        assert "" not in set(responses.values_list("pseudonym", flat=True))
        values = survey.questions.values_list("answers__scale_value", flat=True)
        assert set(values) - {None} == {1, 2, 3, 4, 5}
    # Some skipped statements, some people who answered only one of the two surveys.
    answered = Response.objects.filter(survey=end_survey).count()
    stored = Answer.objects.filter(response__survey=end_survey).count()
    assert answered * 15 * 0.9 < stored < answered * 15
    starts = set(Response.objects.filter(survey=start).values_list("pseudonym", flat=True))
    ends = set(Response.objects.filter(survey=end_survey).values_list("pseudonym", flat=True))
    assert starts - ends and ends - starts
    assert start.sent_at.year == end_survey.sent_at.year == 2022


@pytest.mark.django_db
def test_the_demo_coordinator_sees_the_instrument_results(end_survey):
    client = Client()
    sign_in(client, User.objects.get(email="samordnare@demo.test"))
    page = client.get(
        reverse(
            "surveys:instrument_results",
            kwargs={"slug": end_survey.program.slug, "public_id": end_survey.public_id},
        )
    )
    assert page.status_code == 200
    assert "Kontakt mellan generationer" in page.text
    assert page.text.count('role="img"') == 1
