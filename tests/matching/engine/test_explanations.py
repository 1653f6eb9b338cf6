"""Scores split into named parts that add up, and read as Swedish or English sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revmentor.matching.engine import (
    PART_NAMES,
    Explanation,
    Rules,
    ScoreParts,
    UnmatchedReason,
    Weights,
    describe,
    describe_unmatched,
    solve,
)

from .support import TOPIC_NAMES, person_table, random_program


def hand_built_pair():
    mentors = person_table(
        organisation=[1],
        birth_year=[1999],
        topics=[[True, True, False, False]],
        format=[0],
        city=[0],
        languages=[[True, False]],
        availability=[[True, True, False, False]],
    )
    adepts = person_table(
        organisation=[2],
        birth_year=[1975],
        email=[50],
        topics=[[True, True, True, False]],
        format=[2],
        city=[0],
        languages=[[False, True]],
        availability=[[False, False, True, False]],
    )
    return mentors, adepts


def test_hand_built_pair_has_exact_parts_score_and_explanation():
    mentors, adepts = hand_built_pair()
    (pair,) = solve(mentors, adepts).pairs
    # 2 of 3 wanted topics, no shared language, digital mentor so no city, no shared slot.
    assert pair.parts == ScoreParts(
        topics=0.67, languages=0.0, city=0.0, availability=0.0, diversity=1.0, age_gap=0.8
    )
    assert pair.score == pytest.approx(3 * 0.67 + 1.0 + 0.8, abs=1e-12)
    assert pair.explanation == Explanation(
        shared_topics=(0, 1),
        shared_languages=(),
        different_organisation=True,
        age_gap=24,
        same_city=False,
        availability_overlap=0.0,
    )


def test_describe_gives_the_exact_swedish_and_english_sentence():
    mentors, adepts = hand_built_pair()
    (pair,) = solve(mentors, adepts).pairs
    assert (
        describe(pair.explanation, TOPIC_NAMES, "sv")
        == "Delar intresse för AI-verktyg och sociala medier; olika myndigheter; "
        "24 års åldersskillnad"
    )
    topics_en = ["AI tools", "social media", "hybrid work", "plain language"]
    assert (
        describe(pair.explanation, topics_en, "en")
        == "Shares interest in AI tools and social media; different agencies; 24 years' age gap"
    )


def test_describe_adds_city_languages_and_availability_when_they_hold():
    explanation = Explanation(
        shared_topics=(0, 2, 3),
        shared_languages=(0, 1),
        different_organisation=False,
        age_gap=1,
        same_city=True,
        availability_overlap=0.5,
    )
    assert describe(explanation, TOPIC_NAMES, "sv", ["svenska", "engelska"]) == (
        "Delar intresse för AI-verktyg, hybridarbete och klarspråk; samma myndighet; "
        "1 års åldersskillnad; samma ort; talar svenska och engelska; 50 % gemensamma tider"
    )
    assert describe(explanation, ["a", "b", "c", "d"], "en") == (
        "Shares interest in a, c and d; same agency; 1 year's age gap; same city; "
        "a shared language; 50% shared availability"
    )
    nothing = Explanation((), (), True, -3, False, 0.0)
    assert describe(nothing, TOPIC_NAMES, "sv") == (
        "Inga gemensamma intressen; olika myndigheter; mentorn är 3 år äldre"
    )
    assert describe(nothing, TOPIC_NAMES, "en") == (
        "No shared interests; different agencies; the mentor is 3 years older"
    )


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    weights=st.builds(
        Weights,
        topics=st.floats(0, 5),
        languages=st.floats(0, 5),
        city=st.floats(0, 5),
        availability=st.floats(0, 5),
        diversity=st.floats(0, 5),
        age_gap=st.floats(0, 5),
    ),
)
def test_weighted_parts_add_up_to_every_pair_score(seed, weights):
    mentors, adepts = random_program(seed, 6, 6)
    result = solve(mentors, adepts, Rules(min_age_gap=None, format_compatibility=False), weights)
    for pair in result.pairs:
        weighted = pair.parts.weighted(weights)
        assert list(weighted) == list(PART_NAMES)
        assert sum(weighted.values()) == pytest.approx(pair.score, rel=1e-12, abs=1e-12)
        assert all(0.0 <= part <= 1.0 for part in pair.parts.as_tuple())
    assert result.quality.total_score == pytest.approx(
        sum(pair.score for pair in result.pairs), rel=1e-12
    )


def three_adepts_two_mentors():
    mentors = person_table(organisation=[1, 5], birth_year=[2000, 2000])
    adepts = person_table(organisation=[5, 5, 5], birth_year=[1970, 1970, 1995], email=[10, 11, 12])
    return mentors, adepts


def test_unmatched_people_get_the_rule_that_excluded_most_candidates():
    mentors, adepts = three_adepts_two_mentors()
    result = solve(mentors, adepts, Rules(different_organisation="required"))
    assert len(result.pairs) == 1
    (pair,) = result.pairs
    assert pair.mentor == 0 and pair.adept in (0, 1)
    reasons = {
        (u.side, u.index): u.reason for u in result.unmatched_adepts + result.unmatched_mentors
    }
    other_adept = 1 - pair.adept
    assert set(reasons) == {("adept", other_adept), ("adept", 2), ("mentor", 1)}
    assert reasons[("adept", other_adept)].code == "outnumbered"
    assert reasons[("adept", other_adept)].candidates == 1
    young = reasons[("adept", 2)]
    assert (young.code, young.rule, young.total) == ("no_admissible_partner", "min_age_gap", 2)
    assert young.excluded_by["min_age_gap"] == 2
    assert young.excluded_by["different_organisation"] == 1
    same_agency = reasons[("mentor", 1)]
    assert (same_agency.code, same_agency.rule) == (
        "no_admissible_partner",
        "different_organisation",
    )
    assert same_agency.excluded_by["different_organisation"] == 3
    assert describe_unmatched(young, "en") == (
        "No admissible partner; most common obstacle: age gap too small (2 of 2 candidates)"
    )
    assert describe_unmatched(young, "sv") == (
        "Ingen tillåten partner; vanligaste hindret: för liten åldersskillnad (2 av 2 kandidater)"
    )
    outnumbered = reasons[("adept", other_adept)]
    assert describe_unmatched(outnumbered, "sv") == "Den enda tillåtna partnern var redan upptagen"
    assert describe_unmatched(outnumbered, "en") == "The only admissible partner was already taken"


def test_describe_unmatched_for_several_candidates_and_an_empty_other_side():
    assert describe_unmatched(UnmatchedReason("outnumbered", candidates=3), "en") == (
        "All 3 admissible partners were already taken"
    )
    assert describe_unmatched(UnmatchedReason("outnumbered", candidates=3), "sv") == (
        "Alla 3 tillåtna partner var redan upptagna"
    )
    assert describe_unmatched(UnmatchedReason("no_counterpart"), "sv") == (
        "Det finns inga deltagare på andra sidan"
    )


def test_quality_reports_count_total_lowest_and_histogram():
    mentors, adepts = hand_built_pair()
    result = solve(mentors, adepts)
    quality = result.quality
    assert (quality.pairs, quality.matched_mentors, quality.matched_adepts) == (1, 1, 1)
    assert quality.max_possible_score == 8.0
    assert quality.lowest_score == quality.total_score == pytest.approx(3.81, abs=1e-12)
    assert quality.histogram == (0, 0, 0, 0, 1, 0, 0, 0, 0, 0)
    assert quality.histogram_edges[0] == 0.0 and quality.histogram_edges[-1] == 8.0
