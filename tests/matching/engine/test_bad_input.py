"""Bad or degenerate input gives problem codes or an empty explained result, never a trace."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from revmentor.matching.engine import (
    Problem,
    Rules,
    Weights,
    describe_problem,
    evaluate,
    greedy,
    solve,
)

from .support import person_table


def two_by_two():
    mentors = person_table(birth_year=[2000, 2001], organisation=[1, 2])
    adepts = person_table(birth_year=[1970, 1971], organisation=[3, 4], email=[10, 11])
    return mentors, adepts


def test_empty_sides_give_an_empty_result():
    empty = person_table(email=[])
    result = solve(empty, empty)
    assert result.ok
    assert (result.pairs, result.unmatched_mentors, result.unmatched_adepts) == ([], [], [])
    assert result.quality.pairs == 0 and result.quality.lowest_score is None


def test_one_side_only_leaves_everyone_without_counterpart():
    mentors, _ = two_by_two()
    result = solve(mentors, person_table(email=[]))
    assert result.ok and result.pairs == []
    assert [(u.index, u.reason.code) for u in result.unmatched_mentors] == [
        (0, "no_counterpart"),
        (1, "no_counterpart"),
    ]


def test_every_pair_forbidden_leaves_everyone_unmatched_with_a_reason():
    mentors, adepts = two_by_two()
    result = solve(mentors, adepts, Rules(min_age_gap=40))
    assert result.ok and result.pairs == []
    assert {u.reason.rule for u in result.unmatched_adepts + result.unmatched_mentors} == {
        "min_age_gap"
    }
    assert greedy(mentors, adepts, Rules(min_age_gap=40)).pairs == []


def test_duplicate_email_on_one_side_is_a_problem():
    mentors = person_table(email=[1, 2, 1], birth_year=[2000] * 3)
    _, adepts = two_by_two()
    result = solve(mentors, adepts)
    assert result.problems == [
        Problem("duplicate_person", {"side": "mentor", "indices": [0, 2], "email": 1})
    ]
    assert result.pairs == []
    assert describe_problem(result.problems[0], "en") == (
        "The same person appears twice (mentor, rows 0, 2)"
    )


def test_nan_and_negative_weights_are_problems():
    mentors, adepts = two_by_two()
    result = solve(mentors, adepts, weights=Weights(topics=math.nan, city=-1.0))
    assert [(p.code, p.params["name"]) for p in result.problems] == [
        ("invalid_weight", "topics"),
        ("invalid_weight", "city"),
    ]
    assert describe_problem(result.problems[1], "sv") == (
        "Vikten city måste vara ett tal från 0 till 1 000 000 (fick -1.0)"
    )


def test_lock_that_breaks_a_hard_rule_is_a_problem():
    mentors, adepts = two_by_two()
    excluded = solve(mentors, adepts, exclusions=[(0, 1)], locks=[(0, 1)])
    assert excluded.problems == [
        Problem("lock_breaks_rule", {"mentor": 0, "adept": 1, "rules": ["exclusion"]})
    ]
    too_close = solve(mentors, adepts, Rules(min_age_gap=31), locks=[(1, 1)])
    assert too_close.problems == [
        Problem("lock_breaks_rule", {"mentor": 1, "adept": 1, "rules": ["min_age_gap"]})
    ]
    assert describe_problem(too_close.problems[0], "sv") == (
        "Låst par (1, 1) bryter regeln: för liten åldersskillnad"
    )


def test_person_locked_twice_is_a_problem():
    mentors, adepts = two_by_two()
    result = solve(mentors, adepts, locks=[(0, 0), (1, 0)])
    assert result.problems == [
        Problem(
            "locked_beyond_capacity",
            {"side": "adept", "index": 0, "partners": [0, 1], "capacity": 1},
        )
    ]
    mentor_twice = solve(mentors, adepts, locks=[(0, 0), (0, 1)])
    assert mentor_twice.problems == [
        Problem(
            "locked_beyond_capacity",
            {"side": "mentor", "index": 0, "partners": [0, 1], "capacity": 1},
        )
    ]
    assert solve(mentors, adepts, Rules(capacity=2), locks=[(0, 0), (0, 1)]).ok


def test_same_lock_given_twice_is_harmless():
    mentors, adepts = two_by_two()
    result = solve(mentors, adepts, locks=[(0, 0), (0, 0)])
    assert result.ok
    assert [(p.mentor, p.adept, p.locked) for p in result.pairs] == [(0, 0, True), (1, 1, False)]


def test_wrong_shapes_and_values_are_problems():
    mentors, adepts = two_by_two()
    short_topics = replace(mentors, topics=np.ones((1, 4), dtype=bool))
    assert solve(short_topics, adepts).problems == [
        Problem("invalid_shape", {"side": "mentor", "field": "topics", "shape": (1, 4)})
    ]
    narrow = person_table(birth_year=[2000, 2001], topics=[[True] * 3, [False] * 3])
    assert solve(narrow, adepts).problems == [
        Problem("dimension_mismatch", {"field": "topics", "mentors": 3, "adepts": 4})
    ]
    bad_format = person_table(birth_year=[2000, 2001], format=[2, 7])
    assert solve(bad_format, adepts).problems == [
        Problem("invalid_value", {"side": "mentor", "field": "format", "indices": [1]})
    ]
    float_years = replace(mentors, birth_year=np.asarray([2000.5, 2001.0]))
    assert solve(float_years, adepts).problems == [
        Problem("invalid_value", {"side": "mentor", "field": "birth_year"})
    ]


def test_out_of_range_pairs_and_bad_rules_are_problems():
    mentors, adepts = two_by_two()
    result = solve(mentors, adepts, Rules(capacity=0), exclusions=[(5, 0)], locks=[("x", 1)])
    assert result.problems == [
        Problem("invalid_rule", {"name": "capacity", "value": "0"}),
        Problem("index_out_of_range", {"kind": "exclusions", "mentor": 5, "adept": 0}),
        Problem("invalid_pair", {"kind": "locks", "pair": "('x', 1)"}),
    ]
    assert greedy(mentors, adepts, Rules(capacity=0)).problems == [result.problems[0]]
    assert evaluate(mentors, adepts, pairs=[(0, 9)]).problems == [
        Problem("index_out_of_range", {"kind": "pairs", "mentor": 0, "adept": 9})
    ]


# ---- the extremes of issue 18: each one a clear problem code, never an exception ----------

KNOWN_CODES = {
    "invalid_shape",
    "invalid_value",
    "dimension_mismatch",
    "duplicate_person",
    "person_on_both_sides",
    "invalid_weight",
    "invalid_rule",
    "invalid_pair",
    "index_out_of_range",
    "lock_breaks_rule",
    "locked_beyond_capacity",
    "problem_too_large",
}


def test_the_reported_crashes_are_clear_problems():
    mentors, adepts = two_by_two()
    assert solve(mentors, adepts, Rules(min_age_gap=2**63)).problems == [
        Problem("invalid_rule", {"name": "min_age_gap", "value": repr(2**63)})
    ]
    huge = Weights(topics=1e308, languages=1e308)
    assert [p.params["name"] for p in solve(mentors, adepts, weights=huge).problems] == [
        "topics",
        "languages",
    ]
    assert solve(mentors, adepts, exclusions=None).problems == [  # type: ignore[arg-type]
        Problem("invalid_pair", {"kind": "exclusions", "pair": "None"})
    ]
    assert solve(mentors, adepts, exclusions=[(1.7, 0)]).problems == [
        Problem("invalid_pair", {"kind": "exclusions", "pair": "(1.7, 0)"})
    ]
    assert solve(mentors, adepts, method="bogus").problems == [  # type: ignore[arg-type]
        Problem("invalid_rule", {"name": "method", "value": "'bogus'"})
    ]


def test_the_same_person_on_both_sides_is_a_problem_not_a_pair_with_themself():
    mentors = person_table(birth_year=[2000, 2001], email=[1, 2])
    adepts = person_table(birth_year=[2000, 1970], email=[7, 2])
    result = solve(mentors, adepts, Rules(min_age_gap=0))
    assert result.problems == [
        Problem("person_on_both_sides", {"mentor": 1, "adept": 1, "email": 2})
    ]
    assert result.pairs == []


def test_an_id_beyond_int64_does_not_wrap_to_unknown():
    mentors, adepts = two_by_two()
    wide = replace(mentors, manager_email=np.asarray([2**64 - 1, 0], dtype=np.uint64))
    assert solve(wide, adepts).problems == [
        Problem("invalid_value", {"side": "mentor", "field": "manager_email", "indices": [0]})
    ]
    sentinel = replace(mentors, unit=np.asarray([-3, 0]))
    assert solve(sentinel, adepts).problems == [
        Problem("invalid_value", {"side": "mentor", "field": "unit", "indices": [0]})
    ]


def test_capacity_beyond_the_number_of_adepts_is_capped_not_allocated():
    mentors = person_table(birth_year=[2000] * 200, email=list(range(200)))
    adepts = person_table(birth_year=[1970] * 200, email=list(range(1000, 1200)))
    result = solve(mentors, adepts, Rules(capacity=10**6, forbid_same_unit=False))
    assert result.ok and len(result.pairs) == 200


EXTREME_INTS = st.sampled_from([-(2**63), -(2**31), -5, -1, 0, 1, 2**31, 2**62, 2**63 - 1])
EXTREME_FLOATS = st.sampled_from(
    [math.nan, math.inf, -math.inf, 1e308, -1.0, -0.0, 0.0, 5e-324, 1.0, 1e6, 1e6 + 1]
)
ODD_VALUES = st.sampled_from([None, "3", True, 1.5, 2**63, 10**30, -1, 0])
ODD_PAIRS = st.one_of(
    st.none(),
    st.just(5),
    st.lists(
        st.one_of(
            st.tuples(st.integers(-3, 3), st.integers(-3, 3)),
            st.tuples(st.floats(allow_nan=True), st.integers(0, 1)),
            st.tuples(st.integers(0, 1)),
            st.tuples(st.integers(0, 1), st.integers(0, 1), st.integers(0, 1)),
            st.tuples(st.booleans(), st.integers(0, 1)),
            st.tuples(st.text(max_size=2), st.integers(0, 1)),
            st.tuples(st.sampled_from([2**64 - 1, 10**30]), st.integers(0, 1)),
            st.just(None),
        ),
        max_size=4,
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    field=st.sampled_from(["organisation", "unit", "email", "manager_email", "birth_year", "city"]),
    value=EXTREME_INTS,
    unsigned=st.booleans(),
    weight=EXTREME_FLOATS,
    rule=st.sampled_from(["min_age_gap", "target_age_gap", "capacity", "fair"]),
    rule_value=st.one_of(EXTREME_INTS, ODD_VALUES),
    exclusions=ODD_PAIRS,
    locks=ODD_PAIRS,
    method=st.sampled_from(
        ["auto", "sparse_first", "dense", "rectangular", "sparse", "bogus", "", None]
    ),
)
def test_extreme_input_gives_known_problem_codes_and_never_raises(
    field, value, unsigned, weight, rule, rule_value, exclusions, locks, method
):
    mentors, adepts = two_by_two()
    column = np.asarray(getattr(mentors, field)).copy()
    if unsigned:
        column = column.astype(np.uint64)
        column[0] = np.uint64(2**64 - 1)
    else:
        column[0] = value
    mentors = replace(mentors, **{field: column})
    weights = Weights(topics=weight)
    rules = replace(Rules(), **{rule: rule_value})
    for run in (
        lambda: solve(
            mentors, adepts, rules, weights, exclusions=exclusions, locks=locks, method=method
        ),
        lambda: greedy(mentors, adepts, rules, weights, exclusions=exclusions, locks=locks),
        lambda: evaluate(mentors, adepts, rules, weights, [(0, 0)], exclusions=exclusions),
    ):
        result = run()
        assert {problem.code for problem in result.problems} <= KNOWN_CODES
        if result.problems:
            assert result.pairs == []
        for problem in result.problems:
            assert describe_problem(problem, "sv") and describe_problem(problem, "en")
    weight_ok = math.isfinite(weight) and 0 <= weight <= 1e6
    result = solve(
        mentors, adepts, rules, weights, exclusions=exclusions, locks=locks, method=method
    )
    if not weight_ok:
        assert (
            Problem("invalid_weight", {"name": "topics", "value": repr(weight)}) in result.problems
        )
    if method not in ("auto", "sparse_first", "dense", "rectangular", "sparse"):
        assert Problem("invalid_rule", {"name": "method", "value": repr(method)}) in result.problems
    # Pairs are checked once both sides are valid (their ranges depend on the sides).
    people_codes = {"invalid_value", "invalid_shape", "duplicate_person"}
    people_ok = not any(p.code in people_codes for p in result.problems)
    if people_ok and (exclusions is None or exclusions == 5):
        expected = Problem("invalid_pair", {"kind": "exclusions", "pair": repr(exclusions)})
        assert expected in result.problems
