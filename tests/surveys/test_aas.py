"""The Ambivalent Ageism Scale (Cary, Chasteen & Remedios 2017) in the instrument library:
declared as data, answered on its seven points, scored per subscale with exact values."""

import math
from fractions import Fraction

import numpy as np
import pytest
from django.urls import reverse
from django.utils import translation

from revmentor.surveys import measurement, measures, services
from revmentor.surveys.instruments import AAS, CONSTRUCT, INSTRUMENTS
from revmentor.surveys.models import Survey
from tests.surveys.support import answer_instrument, nominated

pytestmark = pytest.mark.django_db

T_975_DF5 = 2.5705818366147395
BENEVOLENT = [f"benevolent-{n}" for n in range(1, 10)]
HOSTILE = [f"hostile-{n}" for n in range(1, 5)]


def _answers(benevolent: int, hostile: list[int]) -> dict[str, int]:
    return dict.fromkeys(BENEVOLENT, benevolent) | dict(zip(HOSTILE, hostile, strict=True))


def _subscale(found, key):
    return next(s for s in found.everyone.subscales if s.key == key)


def _pair(cast):
    return services.create_instrument_surveys(
        program=cast.program, instrument="aas", created_by=None
    )


def test_the_aas_is_declared_with_its_published_structure_and_its_limits():
    assert INSTRUMENTS["aas"] is AAS
    assert [(s.key, s.name_en, s.name_sv) for s in AAS.subscales] == [
        ("benevolent", "Benevolent ageism", "Välvillig ålderism"),
        ("hostile", "Hostile ageism", "Fientlig ålderism"),
    ]
    assert [i.key for i in AAS.items] == BENEVOLENT + HOSTILE
    assert (len(AAS.items_of("benevolent")), len(AAS.items_of("hostile"))) == (9, 4)
    # Every published item is an ageist statement: nothing is reverse-scored.
    assert [i.key for i in AAS.items if i.reverse] == []
    assert AAS.scale.points == 7
    assert (AAS.scale.labels_sv[0], AAS.scale.labels_sv[-1]) == (
        "Instämmer inte alls",
        "Instämmer helt",
    )
    assert AAS.scale.labels_en[3] == "Neither agree nor disagree"
    assert "https://doi.org/10.1093/geront/gnw118" in AAS.citation
    # The published wording was not found: the data and the page say so.
    assert {i.wording for i in AAS.items} == {CONSTRUCT}
    assert AAS.unchecked[0] == "item wording"


def test_seven_points_are_answered_and_an_eighth_is_refused(cast, client_for):
    start, _end = _pair(cast)
    Survey.objects.filter(pk=start.pk).update(status="open")
    start.refresh_from_db()
    assert {q.scale_points for q in start.questions.all()} == {7}
    [person] = nominated(cast.program, cast.org_a, applicant=cast.participant)
    page = client_for("participant").get(
        reverse("surveys:answer", kwargs={"slug": cast.program.slug, "public_id": start.public_id})
    )
    assert "7 – Instämmer helt" in page.text
    assert "1 – Instämmer inte alls" in page.text
    question = start.questions.get(key="aas-hostile-1")
    with (
        translation.override("sv"),
        pytest.raises(services.SurveyError, match="Ett svar måste vara mellan 1 och 7."),
    ):
        services.submit_answers(survey=start, application=person, values={question.pk: 8})
    services.submit_answers(survey=start, application=person, values={question.pk: 7})


def test_a_coordinators_own_scale_question_still_stops_at_five(cast):
    from tests.surveys.support import open_survey

    survey = open_survey(cast.program)
    question = survey.questions.filter(kind="scale").first()
    [person] = nominated(cast.program, cast.org_a)
    with pytest.raises(services.SurveyError):
        services.submit_answers(survey=survey, application=person, values={question.pk: 6})


def test_no_item_is_turned_round_and_seven_points_turn_round_about_four():
    # The scale's own rule on seven points, had it a reverse-scored item: 1↔7, 2↔6, 4 stays.
    turned = measures.reverse_scored(
        np.array([[1.0, 2.0, 4.0, 7.0]]), np.array([True, True, True, False]), 7
    )
    assert turned.tolist() == [[7.0, 6.0, 4.0, 7.0]]


def test_no_aas_answer_is_turned_round_before_the_mean(cast):
    people = nominated(cast.program, cast.org_a, count=5)
    start, _end = _pair(cast)
    answer_instrument(start, [(p, _answers(4, [7, 1, 1, 1])) for p in people])
    found = measurement.instrument_results(start)
    # (7 + 1 + 1 + 1) / 4, where turning the first round would give 1.
    assert _subscale(found, "hostile").start == measures.Estimate(n=5, mean=2.5, low=2.5, high=2.5)
    assert _subscale(found, "benevolent").start.mean == 4.0


START = [[1, 2, 1, 2], [2, 2, 3, 3], [3, 4, 3, 4], [4, 4, 5, 5], [5, 6, 5, 6], [7, 6, 7, 7]]
# Every statement of a person moves by the same step: 0, -1, 0, -2, -1, -1.
END = [[1, 2, 1, 2], [1, 1, 2, 2], [3, 4, 3, 4], [2, 2, 3, 3], [4, 5, 4, 5], [6, 5, 6, 6]]
BENEVOLENT_LEVELS = [2, 3, 4, 5, 6, 7]


def test_subscale_means_intervals_paired_change_and_alpha_by_hand(cast):
    people = nominated(cast.program, cast.org_a, count=6)
    start, end = _pair(cast)
    answer_instrument(
        start,
        [(p, _answers(b, h)) for p, b, h in zip(people, BENEVOLENT_LEVELS, START, strict=True)],
    )
    answer_instrument(
        end,
        [(p, _answers(b, h)) for p, b, h in zip(people, BENEVOLENT_LEVELS, END, strict=True)],
    )
    found = measurement.instrument_results(end)
    hostile = _subscale(found, "hostile")
    # Scores at the start 3/2, 5/2, 7/2, 9/2, 11/2, 27/4: mean 97/24.
    assert (hostile.start.n, hostile.start.mean) == (6, pytest.approx(97 / 24))
    scores = [sum(row) / 4 for row in START]
    sem = math.sqrt(sum((s - 97 / 24) ** 2 for s in scores) / 5 / 6)
    assert (hostile.start.low, hostile.start.high) == (
        pytest.approx(97 / 24 - T_975_DF5 * sem),
        pytest.approx(97 / 24 + T_975_DF5 * sem),
    )
    # At the end 3/2, 3/2, 7/2, 5/2, 9/2, 23/4: mean 77/24.
    assert (hostile.end.n, hostile.end.mean) == (6, pytest.approx(77 / 24))
    # Differences 0, -1, 0, -2, -1, -1: mean -5/6, sample variance 17/30.
    half = T_975_DF5 * math.sqrt(17 / 30) / math.sqrt(6)
    assert (hostile.change.n, hostile.change.mean) == (6, pytest.approx(-5 / 6))
    assert (hostile.change.low, hostile.change.high) == (
        pytest.approx(-5 / 6 - half),
        pytest.approx(-5 / 6 + half),
    )
    assert hostile.change.d_z == pytest.approx((-5 / 6) / math.sqrt(17 / 30))
    # Alpha = 4/3 · (1 − Σ item variances / variance of the sums), worked in fractions:
    # at the start the item variances are 14/3, 16/5, 22/5, 7/2 and the sums' 361/6.
    start_alpha = Fraction(4, 3) * (
        1
        - (Fraction(14, 3) + Fraction(16, 5) + Fraction(22, 5) + Fraction(7, 2)) / Fraction(361, 6)
    )
    assert start_alpha == Fraction(1776, 1805)
    assert hostile.alpha_start == pytest.approx(1776 / 1805)
    assert hostile.alpha_end == pytest.approx(1368 / 1397)
    # Benevolent: every statement the same per person, no change, perfect agreement.
    benevolent = _subscale(found, "benevolent")
    assert (benevolent.start.mean, benevolent.end.mean) == (4.5, 4.5)
    assert (benevolent.change.mean, benevolent.change.low, benevolent.change.high) == (0, 0, 0)
    assert benevolent.change.d_z is None
    assert benevolent.alpha_start == pytest.approx(1.0)


def test_the_instrument_page_offers_the_aas_with_what_was_checked(cast, client_for):
    page = client_for("coordinator").get(
        reverse("surveys:instruments", kwargs={"slug": cast.program.slug})
    )
    assert "Skala för ambivalent ålderism (AAS)" in page.text
    assert "Välvillig ålderism, Fientlig ålderism" in page.text
    assert "Kontrollerat" in page.text
    assert "against the article&#x27;s abstract (Cary, Chasteen &amp; Remedios 2017)" in page.text
    assert "Inte kontrollerat mot publikationen" in page.text
