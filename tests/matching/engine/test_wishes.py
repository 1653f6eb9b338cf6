"""The wishes-informed objective against brute force and scipy; honoured wishes counted exactly."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from revmentor.matching.engine import Rules, Weights, solve
from revmentor.matching.engine.synthetic import realistic_program
from revmentor.matching.engine.wishes import (
    MAX_WISHES,
    Wishes,
    rank_points,
    solve_with_wishes,
    wish_report,
)

from .support import broken_rules, exhaustive_optimum, pair_scores, random_program
from .test_stable import random_wishes


def combined_scores(mentors, adepts, rules, weights, wishes, wish_weight):
    """Admissible pairs' fit plus wish points, written out pair by pair."""
    scores = pair_scores(mentors, adepts, rules, weights)
    combined = {}
    for (mentor, adept), fit in scores.items():
        if broken_rules(mentors, adepts, mentor, adept, rules):
            continue
        points = 0.0
        if mentor in wishes.adepts[adept]:
            points += (5 - wishes.adepts[adept].index(mentor)) / 5
        if adept in wishes.mentors[mentor]:
            points += (5 - wishes.mentors[mentor].index(adept)) / 5
        combined[mentor, adept] = fit + wish_weight * points
    return combined


def test_rank_points_fall_by_a_fifth_per_rank():
    assert [rank_points(rank) for rank in range(7)] == [1.0, 0.8, 0.6, 0.4, 0.2, 0.0, 0.0]
    assert MAX_WISHES == 5


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_mentors=st.integers(0, 7),
    n_adepts=st.integers(0, 7),
    capacity=st.integers(1, 2),
    wish_weight=st.sampled_from([0.0, 1.0, 9.0, 40.0]),
    method=st.sampled_from(["auto", "sparse_first", "dense", "rectangular", "sparse"]),
)
def test_wishes_objective_equals_exhaustive_optimum(
    seed, n_mentors, n_adepts, capacity, wish_weight, method
):
    mentors, adepts = random_program(seed, n_mentors, n_adepts)
    wishes = random_wishes(np.random.default_rng(seed), n_mentors, n_adepts)
    rules, weights = Rules(capacity=capacity, min_age_gap=10), Weights()
    result = solve_with_wishes(
        mentors, adepts, rules, weights, wishes, wish_weight=wish_weight, method=method
    )
    assert result.ok
    combined = combined_scores(mentors, adepts, rules, weights, wishes, wish_weight)
    count, best = exhaustive_optimum(n_mentors, n_adepts, capacity, combined)
    quality = result.result.quality
    assert quality.pairs == count
    got = quality.total_score + wish_weight * result.report.points
    assert got == pytest.approx(best, rel=1e-9, abs=1e-9)
    # The cardinality never drops for wishes: the plain solve pairs just as many people.
    assert solve(mentors, adepts, rules, weights).quality.pairs == count
    assert quality.proven_optimal in (True, None)


@pytest.mark.parametrize("seed", [3, 11])
def test_wishes_objective_equals_scipy_on_a_dense_matrix(seed):
    mentors, adepts = realistic_program(40, 40, seed=seed)
    rng = np.random.default_rng(seed)
    wishes = random_wishes(rng, 40, 40, longest=5, empty=0.3)
    rules, weights = Rules(capacity=1), Weights()
    combined = combined_scores(mentors, adepts, rules, weights, wishes, 8.0)
    big = 10_000.0
    profit = np.zeros((40, 40))
    for (mentor, adept), score in combined.items():
        profit[adept, mentor] = big + score
    rows, columns = linear_sum_assignment(profit, maximize=True)
    chosen = profit[rows, columns] > 0
    expected_pairs = int(chosen.sum())
    expected_total = float(profit[rows, columns][chosen].sum() - big * expected_pairs)
    for method in ("dense", "rectangular", "sparse", "sparse_first"):
        result = solve_with_wishes(
            mentors, adepts, rules, weights, wishes, wish_weight=8.0, method=method
        )
        assert result.result.quality.pairs == expected_pairs
        total = result.result.quality.total_score + 8.0 * result.report.points
        assert total == pytest.approx(expected_total, rel=1e-12)
        assert result.result.quality.proven_optimal is True


def test_a_heavy_wish_weight_honours_a_first_wish_over_a_better_fit():
    mentors, adepts = random_program(5, 3, 3)
    rules = Rules(capacity=1, min_age_gap=None, format_compatibility=False)
    rules = Rules(**{**rules.__dict__, "forbid_own_manager": False, "forbid_same_unit": False})
    fit_only = solve(mentors, adepts, rules)
    assert {(p.mentor, p.adept) for p in fit_only.pairs} == {(0, 2), (1, 1), (2, 0)}
    # Each adept's only wish is a mentor the fit alone does not give it.
    wishes = Wishes.of(mentors=[(), (), ()], adepts=[(0,), (2,), (1,)])
    heavy = solve_with_wishes(mentors, adepts, rules, Weights(), wishes, wish_weight=1000.0)
    assert {(p.mentor, p.adept) for p in heavy.result.pairs} == {(0, 0), (2, 1), (1, 2)}
    assert heavy.report.adepts.by_rank == (3, 0, 0, 0, 0)
    assert heavy.result.quality.total_score < fit_only.quality.total_score
    none = solve_with_wishes(mentors, adepts, rules, Weights(), wishes, wish_weight=0.0)
    assert none.result.quality.total_score == pytest.approx(fit_only.quality.total_score)


def test_pairs_carry_their_fit_score_alone():
    mentors, adepts = random_program(2, 4, 4)
    rules = Rules(capacity=1, min_age_gap=None)
    wishes = random_wishes(np.random.default_rng(2), 4, 4)
    result = solve_with_wishes(mentors, adepts, rules, Weights(), wishes, wish_weight=5.0)
    fit = pair_scores(mentors, adepts, rules, Weights())
    for pair in result.result.pairs:
        assert pair.score == fit[pair.mentor, pair.adept]


def test_bad_wish_weight_and_wishes_are_problems_not_exceptions():
    mentors, adepts = random_program(1, 2, 2)
    bad_weight = solve_with_wishes(mentors, adepts, wish_weight=float("nan"))
    assert [p.code for p in bad_weight.result.problems] == ["invalid_weight"]
    wrong_length = solve_with_wishes(mentors, adepts, wishes=Wishes.of([()], [(), ()]))
    assert [p.code for p in wrong_length.result.problems] == ["dimension_mismatch"]
    duplicate = solve_with_wishes(mentors, adepts, wishes=Wishes.of([(), ()], [(1, 1), ()]))
    assert duplicate.result.problems[0].params == {
        "side": "adept",
        "field": "wishes",
        "indices": [0],
    }


@st.composite
def wishes_and_pairs(draw):
    n_mentors = draw(st.integers(0, 6))
    n_adepts = draw(st.integers(0, 8))
    capacity = draw(st.integers(1, 3))

    def rows(n_self, n_other):
        return [
            draw(st.lists(st.integers(0, n_other - 1), unique=True, max_size=min(5, n_other)))
            if n_other
            else []
            for _ in range(n_self)
        ]

    wishes = Wishes.of(rows(n_mentors, n_adepts), rows(n_adepts, n_mentors))
    pairs = []
    seats = [capacity] * n_mentors
    for adept in range(n_adepts):
        options = [m for m in range(n_mentors) if seats[m]]
        mentor = draw(st.sampled_from([None, *options]))
        if mentor is not None:
            seats[mentor] -= 1
            pairs.append((mentor, adept))
    return wishes, pairs, capacity


@settings(max_examples=300, deadline=None)
@given(case=wishes_and_pairs())
def test_honoured_wish_counts_are_reported_exactly(case):
    wishes, pairs, capacity = case
    report = wish_report(wishes, pairs, capacity)
    for side, rows, partner_index, own_index in (
        (report.adepts, wishes.adepts, 0, 1),
        (report.mentors, wishes.mentors, 1, 0),
    ):
        expected = [0] * 5
        not_honoured = 0
        points = 0.0
        for person, row in enumerate(rows):
            mine = [pair[partner_index] for pair in pairs if pair[own_index] == person]
            got = [row.index(other) for other in mine if other in row]
            if row and got:
                expected[min(got)] += 1
            elif row:
                not_honoured += 1
        assert side.by_rank == tuple(expected)
        assert side.not_honoured == not_honoured
        assert side.with_wishes == sum(1 for row in rows if row)
        assert sum(side.by_rank) + side.not_honoured == side.with_wishes
    points = sum(
        (5 - wishes.adepts[a].index(m)) / 5 for m, a in pairs if m in wishes.adepts[a]
    ) + sum((5 - wishes.mentors[m].index(a)) / 5 for m, a in pairs if a in wishes.mentors[m])
    assert report.points == pytest.approx(points)


def test_share_of_first_wishes():
    wishes = Wishes.of(mentors=[(), ()], adepts=[(0, 1), (0, 1), ()])
    report = wish_report(wishes, [(0, 0), (1, 1)], 1)
    assert report.adepts.by_rank == (1, 1, 0, 0, 0)
    assert report.adepts.share(0) == 0.5
    assert report.adepts.share(1) == 0.5
    assert report.mentors.share(0) is None
