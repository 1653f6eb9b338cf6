"""A person's start and end answers pair by a keyed pseudonym that a copy of the database
cannot link to them: only the answer set holds it, and it needs a secret kept outside."""

import hashlib

import pytest
from django.db import connection
from django.test import override_settings

from revmentor.privacy.services import erase_person
from revmentor.surveys import measurement, services
from revmentor.surveys.models import PendingResponse, Respondent, Response, Survey
from revmentor.surveys.pseudonyms import pseudonym
from tests.surveys.support import answer_instrument, nominated, open_survey

pytestmark = pytest.mark.django_db

CONTACT = ("contact-1", "contact-2", "contact-3")


def _contact(score: int) -> dict[str, int]:
    # contact-3 is reverse-scored: answering 6 − score gives the score on every item.
    return {"contact-1": score, "contact-2": score, "contact-3": 6 - score}


def test_answers_of_one_person_pair_across_start_and_end(cast):
    people = nominated(cast.program, cast.org_a, count=6)
    start, end = services.create_instrument_surveys(
        program=cast.program, instrument="wics", created_by=None
    )
    # Each person changes by their own amount; a pairing by any other rule would differ.
    before = [1, 2, 3, 4, 5, 2]
    after = [2, 2, 5, 4, 5, 5]
    answer_instrument(start, [(p, _contact(v)) for p, v in zip(people, before, strict=True)])
    answer_instrument(end, [(p, _contact(v)) for p, v in zip(people, after, strict=True)])
    expected = {pseudonym(program=cast.program, application=p) for p in people}
    for survey in (start, end):
        assert (
            set(Response.objects.filter(survey=survey).values_list("pseudonym", flat=True))
            == expected
        )
    contact = next(
        s for s in measurement.instrument_results(end).everyone.subscales if s.key == "contact"
    )
    # Differences 1, 0, 2, 0, 0, 3: mean 1, variance 8/5. The mean would be the same under any
    # pairing; the spread, and so d_z and the interval, only under the right one.
    assert (contact.change.n, contact.change.mean) == (6, pytest.approx(1.0))
    assert contact.change.d_z == pytest.approx(1 / (8 / 5) ** 0.5)


def test_the_answer_rows_hold_no_person_only_a_keyed_hash(cast):
    people = nominated(cast.program, cast.org_a, count=3)
    start, _end = services.create_instrument_surveys(
        program=cast.program, instrument="wics", created_by=None
    )
    Survey.objects.filter(pk=start.pk).update(status="open")
    start.refresh_from_db()
    question = start.questions.first()
    for person in people:
        services.submit_answers(survey=start, application=person, values={question.pk: 3})
    # Fewer than five: still waiting as pending rows, which hold the pseudonym too.
    identifiers = set()
    for person in people:
        # Small integer ids are left out: an organisation or survey id may equal them.
        identifiers |= {
            str(person.public_id),
            person.public_id.hex,
            person.applicant.email,
            hashlib.sha256(str(person.public_id).encode()).hexdigest(),
            hashlib.sha256(str(person.pk).encode()).hexdigest(),
        }
    with connection.cursor() as cursor:
        for model in (PendingResponse, Response):
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")  # noqa: S608
            cells = {str(cell) for row in cursor.fetchall() for cell in row}
            assert cells & identifiers == set()
    stored = set(PendingResponse.objects.values_list("pseudonym", flat=True))
    assert {len(p) for p in stored} == {64}
    assert len(stored) == 3
    # The same person under another secret, or in another program, gets another pseudonym.
    person = people[0]
    mine = pseudonym(program=cast.program, application=person)
    assert mine in stored
    with override_settings(SECRET_KEY="another secret kept elsewhere, not the same one"):
        assert pseudonym(program=cast.program, application=person) != mine
    assert pseudonym(program=cast.other_program, application=person) != mine
    with override_settings(REVMENTOR_SURVEY_PSEUDONYM_KEY="a separate key for pseudonyms only"):
        assert pseudonym(program=cast.program, application=person) != mine


def test_surveys_without_an_instrument_keep_no_pseudonym(cast):
    survey = open_survey(cast.program, "start")
    question = survey.questions.filter(kind="scale").first()
    for person in nominated(cast.program, cast.org_a, count=5):
        services.submit_answers(survey=survey, application=person, values={question.pk: 3})
    assert set(Response.objects.values_list("pseudonym", flat=True)) == {""}


def test_erasure_blanks_the_persons_pseudonym_so_their_answers_no_longer_pair(cast):
    people = nominated(cast.program, cast.org_a, count=6)
    start, end = services.create_instrument_surveys(
        program=cast.program, instrument="wics", created_by=None
    )
    answer_instrument(start, [(p, _contact(3)) for p in people])
    answer_instrument(end, [(p, _contact(4)) for p in people])
    gone = people[0]
    erase_person(person=gone.applicant, program=cast.program)
    theirs = pseudonym(program=cast.program, application=gone)
    assert Response.objects.filter(pseudonym=theirs).count() == 0
    assert Response.objects.filter(pseudonym="").count() == 2  # their start and end answers stay
    assert Respondent.objects.filter(application=gone).count() == 0
    contact = next(
        s for s in measurement.instrument_results(end).everyone.subscales if s.key == "contact"
    )
    # Their answers still count in the statistics, but no longer pair; with one unpaired on
    # each side, the means beside the change are over the five pairs.
    assert (contact.change.n, contact.start.n, contact.end.n, contact.pairs_only) == (5, 5, 5, True)
    assert measurement.instrument_results(end).everyone.start_n == 6
