"""The register extract shows which surveys someone answered, never what; erasure removes that."""

import pytest

from revmentor.privacy import registry
from revmentor.surveys import services
from revmentor.surveys.models import Answer, Respondent, Response
from tests.surveys.support import nominated, open_survey

pytestmark = pytest.mark.django_db


def test_extract_lists_surveys_answered_and_erasure_keeps_the_anonymous_answers(cast):
    [application] = nominated(cast.program, cast.org_a, applicant=cast.participant)
    survey = open_survey(cast.program, "start")
    question = survey.questions.first()
    services.submit_answers(survey=survey, application=application, values={question.pk: 5})
    provider = registry.provider("surveys")
    assert provider.extract(cast.participant)["surveys_answered"] == [
        {"program": cast.program.title, "survey": "Startenkät"}
    ]
    assert provider.programs_of(cast.participant) == {cast.program.pk}
    assert provider.erase(user=cast.participant, program=cast.program) == 1
    assert Respondent.objects.count() == 0
    services.seal_answers(survey=survey)
    assert (Response.objects.count(), Answer.objects.get().scale_value) == (1, 5)
