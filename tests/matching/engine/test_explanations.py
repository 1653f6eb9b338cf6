"""Scores split into named parts that add up, and read as Swedish or English sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revmentor.matching.engine import (
    PART_NAMES,
    RULE_NAMES,
    Explanation,
    Rules,
    ScoreParts,
    UnmatchedReason,
    Weights,
    describe,
    describe_points,
    describe_unmatched,
    solve,
)
from revmentor.matching.engine.scoring import share_in_steps

from .support import TOPIC_NAMES, broken_rules, person_table, random_program


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
        age_closeness=0.8,
    )


def test_describe_lists_what_speaks_for_and_against_separately():
    mentors, adepts = hand_built_pair()
    (pair,) = solve(mentors, adepts).pairs
    assert describe(pair.explanation, TOPIC_NAMES, "sv") == (
        "Talar för: delar intresse för AI-verktyg och sociala medier, olika myndigheter och "
        "24 års åldersskillnad. Talar emot: inget gemensamt språk och inga gemensamma tider."
    )
    topics_en = ["AI tools", "social media", "hybrid work", "plain language"]
    assert describe(pair.explanation, topics_en, "en") == (
        "For: shared interest in AI tools and social media, different agencies and "
        "24 years' age gap. Against: no shared language and no shared times."
    )


def test_same_agency_is_against_and_city_languages_and_times_are_for():
    explanation = Explanation(
        shared_topics=(0, 2, 3),
        shared_languages=(0, 1),
        different_organisation=False,
        age_gap=1,
        same_city=True,
        availability_overlap=0.5,
        age_closeness=0.05,
    )
    pros, cons = describe_points(explanation, TOPIC_NAMES, "sv", ["svenska", "engelska"])
    assert pros == [
        "delar intresse för AI-verktyg, hybridarbete och klarspråk",
        "samma ort",
        "talar svenska och engelska",
        "50 % gemensamma tider",
    ]
    assert cons == ["samma myndighet", "1 års åldersskillnad"]
    assert describe(explanation, ["a", "b", "c", "d"], "en") == (
        "For: shared interest in a, c and d, same city, a shared language and "
        "50% shared availability. Against: same agency and 1 year's age gap."
    )
    nothing = Explanation((), (), True, -3, False, 0.0)
    assert describe(nothing, TOPIC_NAMES, "sv") == (
        "Talar för: olika myndigheter. Talar emot: inga gemensamma intressen, mentorn är "
        "3 år äldre, inget gemensamt språk och inga gemensamma tider."
    )


def test_same_agency_never_counts_as_a_plus_nor_when_organisations_do_not_matter():
    same = Explanation((0,), (0,), False, 20, False, 1.0, age_closeness=1.0)
    assert "samma myndighet" in describe_points(same, TOPIC_NAMES, "sv")[1]
    indifferent = Explanation((0,), (0,), False, 20, False, 1.0, organisation_counts=False)
    pros, cons = describe_points(indifferent, TOPIC_NAMES, "sv")
    assert not any("myndighet" in clause for clause in pros + cons)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), organisation=st.sampled_from(["preferred", "required"]))
def test_same_agency_is_never_listed_as_a_plus_in_random_programs(seed, organisation):
    mentors, adepts = random_program(seed, 5, 5)
    result = solve(mentors, adepts, Rules(different_organisation=organisation))
    for pair in result.pairs:
        for language in ("sv", "en"):
            pros, cons = describe_points(pair.explanation, TOPIC_NAMES, language)
            assert not any(
                word in clause for clause in pros for word in ("samma myndighet", "same agency")
            )
            same = mentors.organisation[pair.mentor] == adepts.organisation[pair.adept]
            assert (
                ("samma myndighet" in cons) if language == "sv" else ("same agency" in cons)
            ) == same


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


def test_unmatched_people_get_each_candidate_under_one_rule_and_who_took_the_rest():
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
    outnumbered = reasons[("adept", other_adept)]
    assert (outnumbered.code, outnumbered.candidates) == ("outnumbered", 1)
    assert outnumbered.ruled_out == {"different_organisation": 1}
    assert outnumbered.taken == ((0, (pair.adept,)),)
    young = reasons[("adept", 2)]
    assert (young.code, young.rule, young.total) == ("no_admissible_partner", "min_age_gap", 2)
    assert young.excluded_by["min_age_gap"] == 2
    assert young.excluded_by["different_organisation"] == 1
    assert young.ruled_out == {"min_age_gap": 2}
    same_agency = reasons[("mentor", 1)]
    assert same_agency.ruled_out == {"min_age_gap": 1, "different_organisation": 2}
    assert describe_unmatched(young, "en") == (
        "None of the 2 mentors was allowed: 2 not at least 10 years younger."
    )
    assert describe_unmatched(young, "sv") == (
        "Ingen av 2 mentorer var tillåten: 2 inte minst 10 år yngre."
    )
    assert describe_unmatched(same_agency, "sv", side="mentor") == (
        "Ingen av 3 adepter var tillåten: 1 inte minst 10 år äldre och 2 från samma myndighet."
    )
    names = ["Mira", "Max"]
    partners = ["Alf", "Agnes", "Arne"]
    taken_by = partners[pair.adept]
    assert describe_unmatched(outnumbered, "sv", "adept", names, partners) == (
        f"Den enda tillåtna av 2 mentorer var redan upptagen: Mira (med {taken_by}). "
        "Övriga: 1 från samma myndighet."
    )
    assert describe_unmatched(outnumbered, "en", "adept", names, partners) == (
        f"The only allowed one of the 2 mentors was already taken: Mira (with {taken_by}). "
        "The others: 1 from the same agency."
    )


def test_describe_unmatched_groups_rules_and_counts_the_taken_beyond_those_named():
    reason = UnmatchedReason(
        "outnumbered",
        candidates=7,
        total=12,
        ruled_out={"min_age_gap": 2, "same_unit": 3},
        taken=((0, (4,)), (1, (5, 6))),
        min_age_gap=10,
    )
    assert describe_unmatched(reason, "sv", "adept", ["Mira", "Max"], list("ABCDEFG")) == (
        "Alla 7 tillåtna av 12 mentorer var redan upptagna: Mira (med E), Max (med F och G) "
        "och 5 till. Övriga: 2 inte minst 10 år yngre och 3 i samma enhet."
    )
    assert describe_unmatched(UnmatchedReason("no_counterpart"), "sv") == (
        "Det finns inga deltagare på andra sidan"
    )


@settings(max_examples=80, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_mentors=st.integers(0, 6),
    n_adepts=st.integers(0, 6),
    capacity=st.integers(1, 2),
    organisation=st.sampled_from(["required", "preferred", "indifferent"]),
    fair=st.booleans(),
)
def test_every_candidate_of_an_unmatched_person_is_accounted_for_exactly_once(
    seed, n_mentors, n_adepts, capacity, organisation, fair
):
    mentors, adepts = random_program(seed, n_mentors, n_adepts)
    rules = Rules(different_organisation=organisation, capacity=capacity, fair=fair)
    exclusions = [(0, 0)] if n_mentors and n_adepts else []
    result = solve(mentors, adepts, rules, exclusions=exclusions)
    adepts_of: dict[int, list[int]] = {}
    mentor_of: dict[int, int] = {}
    for pair in result.pairs:
        adepts_of.setdefault(pair.mentor, []).append(pair.adept)
        mentor_of[pair.adept] = pair.mentor
    for person in result.unmatched_adepts + result.unmatched_mentors:
        reason = person.reason
        if person.side == "adept":
            candidates = range(n_mentors)
            broken = {
                m: broken_rules(mentors, adepts, m, person.index, rules, exclusions)
                for m in candidates
            }
        else:
            candidates = range(n_adepts)
            broken = {
                a: broken_rules(mentors, adepts, person.index, a, rules, exclusions)
                for a in candidates
            }
        expected: dict[str, int] = {}
        allowed = []
        for candidate, rules_broken in broken.items():
            if rules_broken:
                first = next(rule for rule in RULE_NAMES if rule in rules_broken)
                expected[first] = expected.get(first, 0) + 1
            else:
                allowed.append(candidate)
        assert reason.ruled_out == expected
        assert reason.candidates == len(allowed)
        assert sum(reason.ruled_out.values()) + reason.candidates == reason.total == len(candidates)
        # Every allowed candidate was taken (the pair count is maximal), by the people named.
        for candidate, partners in reason.taken:
            assert candidate in allowed
            if person.side == "adept":
                assert len(adepts_of.get(candidate, [])) == capacity
                assert sorted(partners) == sorted(adepts_of[candidate])
            else:
                assert partners == (mentor_of[candidate],)
        assert len(reason.taken) == min(len(allowed), 5)


def test_parts_are_rounded_half_up_with_integer_arithmetic():
    assert share_in_steps([1, 5, 17, 1, 2], [8, 8, 40, 3, 3]).tolist() == [
        0.13,
        0.63,
        0.43,
        0.33,
        0.67,
    ]
    # An eighth of the topics: np.round gave 0.12 here (half to even on 12.5).
    topics = [[True] * 8]
    mentors = person_table(birth_year=[2000], organisation=[1], topics=[[True] + [False] * 7])
    adepts = person_table(birth_year=[1970], email=[9], topics=topics)
    (pair,) = solve(mentors, adepts).pairs
    assert pair.parts.topics == 0.13


def test_a_perfect_pair_scores_exactly_the_maximum_and_is_counted_in_the_histogram():
    weights = Weights(topics=0.1, languages=0.2, city=0.3, availability=0, diversity=0, age_gap=0)
    assert sum(weights.as_tuple()) == 0.6  # Python's compensated sum
    assert weights.max_score == 0.1 + 0.2 + 0.3 == 0.6000000000000001
    everything = [[True] * 4]
    mentors = person_table(birth_year=[2000], organisation=[1], topics=everything, format=[1])
    adepts = person_table(birth_year=[1970], email=[9], topics=everything, format=[1])
    result = solve(mentors, adepts, Rules(), weights)
    (pair,) = result.pairs
    assert pair.score == result.quality.max_possible_score
    assert result.quality.histogram == (0, 0, 0, 0, 0, 0, 0, 0, 0, 1)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    weights=st.lists(st.sampled_from([0.0, 0.1, 0.2, 0.3, 0.7, 1.0, 3.0]), min_size=6, max_size=6),
)
def test_the_histogram_counts_every_pair(seed, weights):
    if not any(weights):
        weights[0] = 0.1
    mentors, adepts = random_program(seed, 6, 6)
    result = solve(mentors, adepts, Rules(min_age_gap=None), Weights(*weights))
    assert sum(result.quality.histogram) == result.quality.pairs == len(result.pairs)
    assert all(pair.score <= result.quality.max_possible_score for pair in result.pairs)


def test_quality_reports_count_total_lowest_and_histogram():
    mentors, adepts = hand_built_pair()
    result = solve(mentors, adepts)
    quality = result.quality
    assert (quality.pairs, quality.matched_mentors, quality.matched_adepts) == (1, 1, 1)
    assert quality.max_possible_score == 8.0
    assert quality.lowest_score == quality.total_score == pytest.approx(3.81, abs=1e-12)
    assert quality.histogram == (0, 0, 0, 0, 1, 0, 0, 0, 0, 0)
    assert quality.histogram_edges[0] == 0.0 and quality.histogram_edges[-1] == 8.0
