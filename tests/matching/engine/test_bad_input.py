"""Bad or degenerate input gives problem codes or an empty explained result, never a trace."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

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
        "Vikten city måste vara ett tal som är noll eller större (fick -1.0)"
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
