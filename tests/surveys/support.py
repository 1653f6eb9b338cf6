"""Participants and surveys for survey tests."""

from revmentor.applications.models import Application
from revmentor.programs.models import Participation
from revmentor.surveys import services
from revmentor.surveys.models import Answer, Question, Response, Survey
from tests.applications.support import make_application


def nominated(program, organisation, count: int = 1, *, profile_kind="mentor", **fields):
    """``count`` nominated applications; the organisation gets the places they need."""
    participation, _ = Participation.objects.get_or_create(
        program=program, organisation=organisation
    )
    Participation.objects.filter(pk=participation.pk).update(
        places=participation.nominated + count + 100
    )
    return [
        make_application(
            program,
            organisation,
            status=Application.Status.NOMINATED,
            profile_kind=profile_kind,
            **fields,
        )
        for _ in range(count)
    ]


def open_survey(program, template="start", **fields) -> Survey:
    survey = services.create_survey(program=program, template=template, created_by=None)
    Survey.objects.filter(pk=survey.pk).update(**{"status": Survey.Status.OPEN, **fields})
    survey.refresh_from_db()
    return survey


def instrument_pair(program, instrument="wics", status=Survey.Status.CLOSED):
    """The program's start and end surveys of an instrument, created once, in ``status``."""
    start = Survey.objects.filter(program=program, instrument=instrument, kind="start").first()
    if start is None:
        start, _end = services.create_instrument_surveys(
            program=program, instrument=instrument, created_by=None
        )
    Survey.objects.filter(program=program, instrument=instrument).update(status=status)
    end = Survey.objects.get(start_survey=start)
    start.refresh_from_db()
    return start, end


def add_responses(survey, organisation, profile_kind, values: list[int], question=None):
    """Anonymous responses with ``values`` on one scale question (the first by default)."""
    question = question or survey.questions.filter(kind=Question.Kind.SCALE).first()
    for value in values:
        response = Response.objects.create(
            survey=survey, profile_kind=profile_kind, organisation=organisation
        )
        Answer.objects.create(response=response, question=question, scale_value=value)
    return question


def answer_instrument(survey, answers: list[tuple[object, dict[str, int]]], closed_by=None):
    """Open the survey, let each (application, {item key: value}) answer, then close it."""
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.OPEN)
    survey.refresh_from_db()
    questions = {q.key: q.pk for q in survey.questions.all()}
    for application, values in answers:
        services.submit_answers(
            survey=survey,
            application=application,
            values={
                questions[f"{survey.instrument}-{key}"]: value for key, value in values.items()
            },
        )
    services.close_survey(survey=survey, closed_by=closed_by)
