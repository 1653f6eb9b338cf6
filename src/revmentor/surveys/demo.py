"""Demo surveys: a start and an end survey on the 2022 program, with anonymous answers, the
Workplace Intergenerational Climate Scale as a start and end survey on the same program, and
an open mid-way pulse on the program in progress (half answered; its demo log-in has not).

The participants in the program's pairs answer (a few do not). The demo agencies send
three or four people each, so every organisation group, e.g. one of 4, reads "too few
answers to show", while the mentor and adept groups are large enough to show. Idempotent.
"""

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
from django.utils import timezone

from revmentor.surveys import services
from revmentor.surveys.instruments import WICS
from revmentor.surveys.models import Answer, Question, Respondent, Response, Survey

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# (organisation index in ctx.organisations, mentors, adepts)
GROUPS = [(1, 4, 4), (2, 4, 3), (3, 3, 3), (0, 2, 2)]
TEXTS = [
    "Att yngre kollegor ser flexibilitet som en självklarhet, inte en förmån.",
    "Hur mycket snabbare det går att lösa saker med rätt digitala verktyg.",
    "Att erfarenhet av förändringsarbete är värdefull även när tekniken är ny.",
    "Att vi har fler gemensamma värderingar än jag trodde.",
    "Att våga fråga i stället för att anta.",
    "Feedback kan ges oftare och mer informellt.",
    "Hur min adept tänker kring ledarskap och ansvar.",
    "Att meningsfullhet i arbetet är viktigt för alla generationer.",
]


def _answer(rng: random.Random, question: Question, shift: int):
    if question.kind == Question.Kind.SCALE:
        return {"scale_value": max(1, min(5, rng.choice([2, 3, 3, 4]) + shift))}
    if question.kind == Question.Kind.SINGLE:
        return {"choices": [rng.randrange(len(question.options))]}
    if question.kind == Question.Kind.MULTIPLE:
        return {"choices": sorted(rng.sample(range(len(question.options)), 2))}
    return {"text": rng.choice(TEXTS)}


def _respond(survey: Survey, questions, rng, shift: int, profile: str, organisation) -> None:
    response = Response.objects.create(
        survey=survey, profile_kind=profile, organisation=organisation
    )
    Answer.objects.bulk_create(
        [Answer(response=response, question=q, **_answer(rng, q, shift)) for q in questions]
    )


def _fill(survey: Survey, ctx, shift: int, seed: int, skip_every: int) -> None:
    """Answers by the program's participants (all but every ``skip_every``-th); without any
    participants in the demo, by the anonymous groups of ``GROUPS`` instead."""
    if survey.responses.exists():
        return
    # Reproducible fictional demo answers, nothing to do with security.
    rng = random.Random(seed)  # nosec B311
    questions = list(survey.questions.all())
    people = list(services.queries.recipients(survey.program).select_related("organisation"))
    if people:
        for index, person in enumerate(people):
            if index % skip_every == skip_every - 1:
                continue
            Respondent.objects.create(survey=survey, application=person)
            _respond(survey, questions, rng, shift, person.profile_kind, person.organisation)
        return
    for org_index, mentors, adepts in GROUPS:
        for profile, count in (("mentor", mentors), ("adept", adepts)):
            for _ in range(count):
                _respond(survey, questions, rng, shift, profile, ctx.organisations[org_index])


def seed(ctx) -> None:
    program = ctx.closed
    for kind, sent, shift, seed_value in (
        ("start", datetime(2022, 4, 20, 9, tzinfo=STOCKHOLM), 0, 1),
        ("end", datetime(2022, 11, 21, 9, tzinfo=STOCKHOLM), 1, 2),
    ):
        survey = Survey.objects.filter(program=program, kind=kind).first()
        if survey is None:
            survey = services.create_survey(program=program, template=kind, created_by=None)
            survey.status = Survey.Status.CLOSED
            survey.sent_at = sent
            survey.closes_on = sent.date() + timedelta(days=7)
            survey.save()
        _fill(survey, ctx, shift, seed_value, skip_every=9 if kind == "start" else 7)
        # As closing does: the answers are stored in one random order, unlinkable to respondents.
        services.seal_answers(survey=survey)
    seed_instrument(program)
    _seed_running(ctx)


# The change planted in the demo's instrument answers, in scale points: contact between
# generations grows by half a point over the program, retention does not change, and the
# other subscales change a little. tests/surveys/test_instrument_demo.py recovers it.
PLANTED = {
    "inclusiveness": 0.2,
    "stereotypes": 0.3,
    "affect": 0.2,
    "contact": 0.5,
    "retention": 0.0,
}
BASELINE = {
    "inclusiveness": 3.4,
    "stereotypes": 3.0,
    "affect": 3.6,
    "contact": 2.8,
    "retention": 3.0,
}


def _likert(rng: np.random.Generator, level: float, points: int) -> int:
    return int(np.clip(np.rint(level + rng.normal(0, 0.6)), 1, points))


def seed_instrument(program) -> None:
    """WICS start and end answers by the 2022 participants: a person-level trait per subscale,
    item noise, a few skipped items and people, and the ``PLANTED`` change. Idempotent."""
    if Survey.objects.filter(program=program, instrument=WICS.key).exists():
        return
    people = list(services.queries.recipients(program).order_by("id"))
    if not people:
        return
    start, end = services.create_instrument_surveys(
        program=program, instrument=WICS.key, created_by=None
    )
    rng = np.random.default_rng(2022)
    points = WICS.scale.points
    traits = {p.pk: {s.key: rng.normal(0, 0.6) for s in WICS.subscales} for p in people}
    for survey, shift, skip_every in ((start, 0.0, 10), (end, 1.0, 8)):
        Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.OPEN)
        survey.refresh_from_db()
        questions = {q.key: q.pk for q in survey.questions.all()}
        for index, person in enumerate(people):
            if index % skip_every == skip_every - 1:
                continue
            values = {}
            for item in WICS.items:
                if rng.random() < 0.04:
                    continue  # a skipped statement
                level = (
                    BASELINE[item.subscale]
                    + traits[person.pk][item.subscale]
                    + shift * PLANTED[item.subscale]
                )
                value = _likert(rng, level, points)
                values[questions[WICS.question_key(item)]] = (
                    points + 1 - value if item.reverse else value
                )
            services.submit_answers(survey=survey, application=person, values=values)
        services.close_survey(survey=survey, closed_by=None)
    for survey, sent in (
        (start, datetime(2022, 4, 20, 9, tzinfo=STOCKHOLM)),
        (end, datetime(2022, 11, 21, 9, tzinfo=STOCKHOLM)),
    ):
        Survey.objects.filter(pk=survey.pk).update(
            sent_at=sent, closes_on=sent.date() + timedelta(days=7)
        )


def _seed_running(ctx) -> None:
    program = getattr(ctx, "running", None)
    if program is None or Survey.objects.filter(program=program, kind="mid").exists():
        return
    people = list(services.queries.recipients(program).select_related("organisation"))
    if not people:
        return
    survey = services.create_survey(program=program, template="mid", created_by=None)
    survey.status = Survey.Status.OPEN
    survey.sent_at = timezone.now() - timedelta(days=2)
    survey.closes_on = timezone.localdate() + timedelta(days=12)
    survey.save()
    rng = random.Random(3)  # nosec B311  # reproducible fictional answers
    questions = list(survey.questions.all())
    for index, person in enumerate(people):
        if index % 2 == 1:
            Respondent.objects.create(survey=survey, application=person)
            _respond(survey, questions, rng, 0, person.profile_kind, person.organisation)
    # Stored in one random order, as batches of answers are: unlinkable to the respondents.
    services.seal_answers(survey=survey)
