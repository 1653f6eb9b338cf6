"""Deferred acceptance against brute force: stable, proposer-optimal; blocking pairs exactly."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revmentor.matching.engine import Rules, Weights, solve
from revmentor.matching.engine.stable import blocking_pairs, deferred_acceptance, solve_stable
from revmentor.matching.engine.wishes import Wishes

from .support import broken_rules, random_program


def random_wishes(rng, n_mentors, n_adepts, longest=5, empty=0.15):
    def rows(n_self, n_other):
        result = []
        for _ in range(n_self):
            if rng.random() < empty or n_other == 0:
                result.append(())
                continue
            size = int(rng.integers(1, min(longest, n_other) + 1))
            result.append(tuple(rng.permutation(n_other)[:size].tolist()))
        return result

    return Wishes.of(rows(n_mentors, n_adepts), rows(n_adepts, n_mentors))


def all_matchings(wishes, capacity):
    """Every matching of mutually acceptable pairs (both ranked each other), capacities kept."""
    n_mentors, n_adepts = len(wishes.mentors), len(wishes.adepts)
    options = []
    for adept in range(n_adepts):
        acceptable = [mentor for mentor in wishes.adepts[adept] if adept in wishes.mentors[mentor]]
        options.append([None, *acceptable])
    for choice in itertools.product(*options):
        counts = [0] * n_mentors
        for mentor in choice:
            if mentor is not None:
                counts[mentor] += 1
        if all(count <= capacity for count in counts):
            yield sorted(
                (mentor, adept) for adept, mentor in enumerate(choice) if mentor is not None
            )


def plain_blocking(wishes, pairs, capacity):
    """Blocking pairs written the way the issue defines them."""
    found = []
    for mentor, adept in itertools.product(range(len(wishes.mentors)), range(len(wishes.adepts))):
        if (mentor, adept) in pairs:
            continue
        if mentor not in wishes.adepts[adept] or adept not in wishes.mentors[mentor]:
            continue
        mine = [m for m, a in pairs if a == adept]
        adept_prefers = not mine or (
            mine[0] not in wishes.adepts[adept]
            or wishes.adepts[adept].index(mentor) < wishes.adepts[adept].index(mine[0])
        )
        held = [a for m, a in pairs if m == mentor]
        mentor_prefers = len(held) < capacity or any(
            other not in wishes.mentors[mentor]
            or wishes.mentors[mentor].index(adept) < wishes.mentors[mentor].index(other)
            for other in held
        )
        if adept_prefers and mentor_prefers:
            found.append((mentor, adept))
    return found


def rank(row, partner):
    return row.index(partner) if partner in row else len(row) + 1


@settings(max_examples=150, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_mentors=st.integers(0, 5),
    n_adepts=st.integers(0, 6),
    capacity=st.integers(1, 2),
)
def test_deferred_acceptance_is_stable_and_proposer_optimal_against_brute_force(
    seed, n_mentors, n_adepts, capacity
):
    wishes = random_wishes(np.random.default_rng(seed), n_mentors, n_adepts)
    stable = [
        matching
        for matching in all_matchings(wishes, capacity)
        if not plain_blocking(wishes, matching, capacity)
    ]
    by_adepts = deferred_acceptance(wishes, capacity, "adept")
    by_mentors = deferred_acceptance(wishes, capacity, "mentor")
    assert by_adepts in stable
    assert by_mentors in stable
    assert blocking_pairs(wishes, by_adepts, capacity) == []
    for adept in range(n_adepts):
        row = wishes.adepts[adept]

        def partner(matching, adept=adept):
            return next((m for m, a in matching if a == adept), None)

        ranks = [rank(row, partner(matching)) for matching in stable]
        # Adept-proposing: every adept's best stable partner; mentor-proposing: its worst.
        assert rank(row, partner(by_adepts)) == min(ranks)
        assert rank(row, partner(by_mentors)) == max(ranks)
    # Rural hospitals: every stable matching pairs the same people.
    matched = {frozenset(a for _, a in matching) for matching in stable}
    assert len(matched) == 1


@settings(max_examples=150, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_mentors=st.integers(0, 5),
    n_adepts=st.integers(0, 6),
    capacity=st.integers(1, 3),
)
def test_blocking_pairs_equal_the_plain_definition_for_any_matching(
    seed, n_mentors, n_adepts, capacity
):
    rng = np.random.default_rng(seed)
    wishes = random_wishes(rng, n_mentors, n_adepts)
    pairs = []
    seats = [capacity] * n_mentors
    for adept in rng.permutation(n_adepts).tolist():
        open_mentors = [m for m in range(n_mentors) if seats[m]]
        if open_mentors and rng.random() < 0.7:
            mentor = int(rng.choice(open_mentors))
            seats[mentor] -= 1
            pairs.append((mentor, adept))
    assert blocking_pairs(wishes, pairs, capacity) == sorted(
        plain_blocking(wishes, sorted(pairs), capacity)
    )


def test_a_known_instance_blocks_where_both_prefer_each_other():
    # Adept 0 wants mentor 1 first, mentor 1 wants adept 0 first, but they are apart.
    wishes = Wishes.of(mentors=[(1, 0), (0, 1)], adepts=[(1, 0), (0, 1)])
    assert blocking_pairs(wishes, [(0, 0), (1, 1)], 1) == [(0, 1), (1, 0)]
    assert deferred_acceptance(wishes, 1, "adept") == [(0, 1), (1, 0)]
    # Mentors' first wishes are each other's adepts here too, so both sides agree.
    assert deferred_acceptance(wishes, 1, "mentor") == [(0, 1), (1, 0)]


def test_proposing_side_decides_between_two_stable_matchings():
    # The classic 2x2 with opposed wishes: each side proposing gets its own first wish.
    wishes = Wishes.of(mentors=[(0, 1), (1, 0)], adepts=[(1, 0), (0, 1)])
    assert deferred_acceptance(wishes, 1, "mentor") == [(0, 0), (1, 1)]
    assert deferred_acceptance(wishes, 1, "adept") == [(0, 1), (1, 0)]


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_mentors=st.integers(1, 7),
    n_adepts=st.integers(1, 8),
    capacity=st.integers(1, 2),
    proposer=st.sampled_from(["mentor", "adept"]),
)
def test_solve_stable_keeps_the_rules_and_leaves_no_admissible_blocking_pair(
    seed, n_mentors, n_adepts, capacity, proposer
):
    mentors, adepts = random_program(seed, n_mentors, n_adepts)
    wishes = random_wishes(np.random.default_rng(seed + 1), n_mentors, n_adepts)
    rules = Rules(capacity=capacity, min_age_gap=10)
    result = solve_stable(mentors, adepts, rules, Weights(), wishes, proposer=proposer)
    assert result.ok
    pairs = [(p.mentor, p.adept) for p in result.result.pairs]
    for mentor, adept in pairs:
        assert broken_rules(mentors, adepts, mentor, adept, rules) == set()
    assert len({a for _, a in pairs}) == len(pairs)
    assert max(np.bincount([m for m, _ in pairs], minlength=1)) <= capacity
    admissible = Wishes.of(
        mentors=[
            [a for a in row if not broken_rules(mentors, adepts, m, a, rules)]
            for m, row in enumerate(wishes.mentors)
        ],
        adepts=[
            [m for m in row if not broken_rules(mentors, adepts, m, a, rules)]
            for a, row in enumerate(wishes.adepts)
        ],
    )
    assert plain_blocking(admissible, pairs, capacity) == []
    assert result.report.blocking_pairs == ()
    # What stability costs: never more pairs than the optimum.
    assert result.result.quality.pairs <= solve(mentors, adepts, rules).quality.pairs
    assert not any(p.locked for p in result.result.pairs)


def test_solve_stable_keeps_coordinator_locks_and_marks_only_them():
    mentors, adepts = random_program(7, 4, 4)
    rules = Rules(capacity=1, min_age_gap=None, format_compatibility=False)
    wishes = Wishes.of(mentors=[(0,), (1,), (2,), (3,)], adepts=[(0,), (1,), (2,), (3,)])
    result = solve_stable(mentors, adepts, rules, Weights(), wishes, locks=[(3, 0)])
    assert result.ok
    locked = [(p.mentor, p.adept) for p in result.result.pairs if p.locked]
    assert locked == [(3, 0)]


def test_solve_stable_reports_bad_wishes_as_problems():
    mentors, adepts = random_program(1, 2, 2)
    wishes = Wishes.of(mentors=[(5,), ()], adepts=[(), ()])
    result = solve_stable(mentors, adepts, Rules(), Weights(), wishes)
    assert not result.ok
    assert [p.code for p in result.result.problems] == ["invalid_value"]
    assert result.result.problems[0].params == {"side": "mentor", "field": "wishes", "indices": [0]}


@pytest.mark.parametrize("proposer", ["mentor", "adept"])
def test_mentor_capacity_zero_takes_nobody(proposer):
    wishes = Wishes.of(mentors=[(0, 1), (0,)], adepts=[(0, 1), (0,)])
    assert deferred_acceptance(wishes, [0, 1], proposer) == [(1, 0)]
