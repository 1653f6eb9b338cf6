"""Instrument results per subscale: reverse scoring, the group floor, the complementary-group
rule, the page with its chart and table, and the XLSX file."""

import io
import math

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from revmentor.core.models import AuditEntry
from revmentor.surveys import measurement, services
from revmentor.surveys.models import Survey
from tests.surveys.support import answer_instrument, nominated

pytestmark = pytest.mark.django_db

T_975_DF5 = 2.5705818366147395
QUERIES = 9  # the results page, the same for 5 and 30 pairs


def _contact(score: int) -> dict[str, int]:
    return {"contact-1": score, "contact-2": score, "contact-3": 6 - score}


def _subscale(found, key, group=0):
    return next(s for s in found.groups[group].subscales if s.key == key)


def _pair(cast):
    return services.create_instrument_surveys(
        program=cast.program, instrument="wics", created_by=None
    )


def test_reverse_scored_items_are_turned_round_before_the_mean(cast):
    people = nominated(cast.program, cast.org_a, count=5)
    start, _end = _pair(cast)
    # Everyone answers 4, 4 and 2 on the reverse-scored third: a score of 4, not 10/3.
    answer_instrument(
        start, [(p, {"contact-1": 4, "contact-2": 4, "contact-3": 2}) for p in people]
    )
    contact = _subscale(measurement.instrument_results(start), "contact")
    assert contact.start == measurement.measures.Estimate(n=5, mean=4.0, low=4.0, high=4.0)
    assert (contact.end, contact.change) == (None, None)


def test_start_and_end_means_intervals_change_and_alpha_by_hand(cast):
    people = nominated(cast.program, cast.org_a, count=6)
    start, end = _pair(cast)
    before, after = [2, 3, 3, 4, 2, 3], [3, 3, 4, 5, 3, 3]
    answer_instrument(start, [(p, _contact(v)) for p, v in zip(people, before, strict=True)])
    answer_instrument(end, [(p, _contact(v)) for p, v in zip(people, after, strict=True)])
    contact = _subscale(measurement.instrument_results(end), "contact")
    # Start: mean 17/6, the interval from the sample variance of 2, 3, 3, 4, 2, 3.
    assert (contact.start.n, contact.start.mean) == (6, pytest.approx(17 / 6))
    start_sem = math.sqrt((sum((v - 17 / 6) ** 2 for v in before) / 5) / 6)
    assert contact.start.low == pytest.approx(17 / 6 - T_975_DF5 * start_sem)
    assert (contact.end.n, contact.end.mean) == (6, pytest.approx(21 / 6))
    # Differences 1, 0, 1, 1, 1, 0: mean 2/3, variance 4/15.
    assert (contact.change.n, contact.change.mean) == (6, pytest.approx(2 / 3))
    half = T_975_DF5 * math.sqrt(4 / 15) / math.sqrt(6)
    assert (contact.change.low, contact.change.high) == (
        pytest.approx(2 / 3 - half),
        pytest.approx(2 / 3 + half),
    )
    assert contact.change.d_z == pytest.approx((2 / 3) / math.sqrt(4 / 15))
    # Every item moves with the score, so the items agree perfectly: alpha 1.
    assert (contact.alpha_start, contact.alpha_end) == (pytest.approx(1.0), pytest.approx(1.0))
    # Subscales nobody answered show nothing.
    assert _subscale(measurement.instrument_results(end), "affect").start is None


def test_fewer_than_five_answers_show_nothing(cast):
    people = nominated(cast.program, cast.org_a, count=4)
    start, end = _pair(cast)
    answer_instrument(start, [(p, _contact(3)) for p in people])
    answer_instrument(end, [(p, _contact(4)) for p in people])
    found = measurement.instrument_results(end)
    everyone = found.everyone
    assert (everyone.start_state, everyone.end_state, everyone.paired_state) == ("too_few",) * 3
    contact = _subscale(found, "contact")
    assert (contact.start, contact.end, contact.change, contact.alpha_start) == (None,) * 4
    assert found.chart is None


def test_a_profile_group_is_hidden_when_its_complement_is_under_five(cast):
    mentors = nominated(cast.program, cast.org_a, count=6, profile_kind="mentor")
    adepts = nominated(cast.program, cast.org_b, count=3, profile_kind="adept")
    start, _end = _pair(cast)
    answer_instrument(start, [(p, _contact(3)) for p in [*mentors, *adepts]])
    found = measurement.instrument_results(start)
    states = {g.label: g.start_state for g in found.groups}
    assert states == {"Alla": "shown", "junior mentor": "protected", "senior adept": "too_few"}
    assert _subscale(found, "contact", group=0).start.n == 9
    assert _subscale(found, "contact", group=1).start is None
    assert _subscale(found, "contact", group=2).start is None


def test_both_profile_groups_show_when_each_has_five(cast):
    mentors = nominated(cast.program, cast.org_a, count=5, profile_kind="mentor")
    adepts = nominated(cast.program, cast.org_b, count=5, profile_kind="adept")
    start, _end = _pair(cast)
    answer_instrument(
        start, [(p, _contact(2)) for p in mentors] + [(p, _contact(4)) for p in adepts]
    )
    found = measurement.instrument_results(start)
    means = [_subscale(found, "contact", group=i).start.mean for i in range(3)]
    assert [g.label for g in found.groups] == ["Alla", "junior mentor", "senior adept"]
    assert means == [3.0, 2.0, 4.0]


def test_an_open_end_survey_shows_only_the_start(cast, client_for):
    people = nominated(cast.program, cast.org_a, count=5)
    start, end = _pair(cast)
    answer_instrument(start, [(p, _contact(3)) for p in people])
    Survey.objects.filter(pk=end.pk).update(status="open")
    end.refresh_from_db()
    question = end.questions.get(key="wics-contact-1")
    for person in people:
        services.submit_answers(survey=end, application=person, values={question.pk: 5})
    found = measurement.instrument_results(end)
    assert (found.everyone.end_state, found.everyone.paired_state) == ("not_closed", "not_closed")
    contact = _subscale(found, "contact")
    assert (contact.start.mean, contact.end, contact.change) == (3.0, None, None)
    page = client_for("coordinator").get(
        reverse(
            "surveys:instrument_results",
            kwargs={"slug": cast.program.slug, "public_id": end.public_id},
        )
    )
    assert "visas när enkäten har stängts" in page.text


def _closed_pair_with_answers(cast):
    people = nominated(cast.program, cast.org_a, count=6)
    start, end = _pair(cast)
    answer_instrument(
        start, [(p, _contact(v)) for p, v in zip(people, [2, 3, 3, 4, 2, 3], strict=True)]
    )
    answer_instrument(
        end, [(p, _contact(v)) for p, v in zip(people, [3, 3, 4, 5, 3, 3], strict=True)]
    )
    return start, end


def test_the_results_page_has_a_chart_its_table_and_the_translation_note(cast, client_for):
    start, end = _closed_pair_with_answers(cast)
    page = client_for("coordinator").get(
        reverse(
            "surveys:instrument_results",
            kwargs={"slug": cast.program.slug, "public_id": start.public_id},
        )
    )
    text = page.text
    assert page.status_code == 200
    assert text.count('role="img"') == 1
    assert "De svenska texterna är programmets egen översättning" in text
    assert "Kontakt mellan generationer" in text
    # 17/6 = 2,83 and 21/6 = 3,50 at the start and end; the change +0,67.
    assert "2,83 (" in text and "3,50 (" in text and "+0,67 (" in text
    assert "Skrivet efter delskalans beskrivning" in text
    assert '<th scope="col">Delskala</th>' in text


def test_the_results_download_as_xlsx_with_the_same_numbers(cast, client_for):
    _start, end = _closed_pair_with_answers(cast)
    response = client_for("coordinator").get(
        reverse(
            "surveys:instrument_export",
            kwargs={"slug": cast.program.slug, "public_id": end.public_id},
        )
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(r for r in rows if r[0] == "Grupp")
    assert header[:4] == ["Grupp", "Delskala", "Start: svar", "Start: medelvärde"]
    contact = next(r for r in rows if r[:2] == ["Alla", "Kontakt mellan generationer"])
    assert contact[2:4] == [6, 2.83]
    assert contact[6:8] == [6, 3.5]
    assert contact[10:12] == [6, 0.67]
    assert ["Svenska texter", "Programmets egen översättning."] in [r[:2] for r in rows]
    affect = next(r for r in rows if r[:2] == ["Alla", "Positiva känslor mellan generationer"])
    assert affect[2:] == [None] * 15
    assert (
        AuditEntry.objects.filter(action="reports.exported", summary="instrument-wics.xlsx").count()
        == 1
    )


def test_another_programs_instrument_survey_is_404(cast, client_for):
    start, _end = _closed_pair_with_answers(cast)
    client = client_for("other_coordinator")
    for name in ("surveys:instrument_results", "surveys:instrument_export"):
        for slug in (cast.program.slug, cast.other_program.slug):
            url = reverse(name, kwargs={"slug": slug, "public_id": start.public_id})
            assert client.get(url).status_code == 404


def test_a_survey_without_an_instrument_has_no_instrument_results(cast, client_for):
    survey = services.create_survey(program=cast.program, template="start", created_by=None)
    url = reverse(
        "surveys:instrument_results",
        kwargs={"slug": cast.program.slug, "public_id": survey.public_id},
    )
    assert client_for("coordinator").get(url).status_code == 404


def test_with_one_to_four_unpaired_the_means_beside_the_change_are_over_the_pairs(cast):
    # Six answer both, a seventh only the end survey. Means over all seven beside the change
    # over six would give the seventh's score: 7 × end mean − 6 × (start mean + change).
    people = nominated(cast.program, cast.org_a, count=7)
    start, end = _pair(cast)
    answer_instrument(
        start, [(p, _contact(v)) for p, v in zip(people[:6], [2, 3, 3, 4, 2, 3], strict=True)]
    )
    answer_instrument(
        end, [(p, _contact(v)) for p, v in zip(people, [3, 3, 4, 5, 3, 3, 1], strict=True)]
    )
    found = measurement.instrument_results(end)
    contact = _subscale(found, "contact")
    assert (contact.pairs_only, found.pairs_only) == (True, True)
    assert (contact.start.n, contact.end.n, contact.change.n) == (6, 6, 6)
    assert (contact.start.mean, contact.end.mean) == (pytest.approx(17 / 6), pytest.approx(21 / 6))
    assert found.everyone.end_n == 7


def test_with_five_unpaired_the_means_are_over_everyone(cast):
    people = nominated(cast.program, cast.org_a, count=11)
    start, end = _pair(cast)
    answer_instrument(start, [(p, _contact(3)) for p in people[:6]])
    answer_instrument(end, [(p, _contact(4)) for p in people])
    contact = _subscale(measurement.instrument_results(end), "contact")
    assert (contact.pairs_only, contact.start.n, contact.end.n, contact.change.n) == (
        False,
        6,
        11,
        6,
    )


@pytest.mark.parametrize("count", [5, 30])
def test_the_results_page_runs_the_same_queries_for_few_and_many(
    count, cast, client_for, django_assert_num_queries
):
    people = nominated(cast.program, cast.org_a, count=count)
    start, end = _pair(cast)
    answer_instrument(start, [(p, _contact(3)) for p in people])
    answer_instrument(end, [(p, _contact(4)) for p in people])
    client = client_for("coordinator")
    url = reverse(
        "surveys:instrument_results", kwargs={"slug": cast.program.slug, "public_id": end.public_id}
    )
    client.get(url)  # sessions, caches
    with django_assert_num_queries(QUERIES):
        assert client.get(url).status_code == 200
