"""Hard rules, locks and capacity hold for every solution, on random small programs."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from revmentor.matching.engine import Rules, Weights, greedy, solve
from revmentor.matching.engine.api import _validate

from .support import broken_rules, person_table, random_program

rules_strategy = st.builds(
    Rules,
    min_age_gap=st.sampled_from([None, 0, 10, 20]),
    different_organisation=st.sampled_from(["required", "preferred", "indifferent"]),
    forbid_own_manager=st.booleans(),
    forbid_same_unit=st.booleans(),
    format_compatibility=st.booleans(),
    capacity=st.integers(1, 3),
    fair=st.booleans(),
)


@settings(max_examples=120, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_mentors=st.integers(0, 7),
    n_adepts=st.integers(0, 7),
    rules=rules_strategy,
    excluded=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), max_size=6),
)
def test_no_solution_ever_breaks_a_hard_rule(seed, n_mentors, n_adepts, rules, excluded):
    mentors, adepts = random_program(seed, n_mentors, n_adepts)
    exclusions = [(m, a) for m, a in excluded if m < n_mentors and a < n_adepts]
    for result in (
        solve(mentors, adepts, rules, exclusions=exclusions),
        greedy(mentors, adepts, rules, exclusions=exclusions),
    ):
        assert result.problems == []
        for pair in result.pairs:
            assert (
                broken_rules(mentors, adepts, pair.mentor, pair.adept, rules, exclusions) == set()
            )
        matched = {pair.adept for pair in result.pairs} | {
            pair.mentor + 1000 for pair in result.pairs
        }
        unmatched = {u.index for u in result.unmatched_adepts} | {
            u.index + 1000 for u in result.unmatched_mentors
        }
        assert matched | unmatched == set(range(n_adepts)) | {m + 1000 for m in range(n_mentors)}
        assert matched & unmatched == set()


@settings(max_examples=80, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_mentors=st.integers(1, 7),
    n_adepts=st.integers(1, 7),
    capacity=st.integers(1, 3),
    lock_count=st.integers(0, 3),
)
def test_locks_and_capacity_are_always_respected(seed, n_mentors, n_adepts, capacity, lock_count):
    mentors, adepts = random_program(seed, n_mentors, n_adepts)
    rules = Rules(capacity=capacity, min_age_gap=None, format_compatibility=False)
    rng = np.random.default_rng(seed)
    # Only locks that keep the rules and fit capacity, so the solve must succeed.
    locks: list[tuple[int, int]] = []
    for adept in rng.permutation(n_adepts)[:lock_count].tolist():
        mentor = int(rng.integers(n_mentors))
        already = sum(1 for m, _ in locks if m == mentor)
        if already < capacity and not broken_rules(mentors, adepts, mentor, adept, rules):
            locks.append((mentor, adept))
    for result in (
        solve(mentors, adepts, rules, locks=locks),
        greedy(mentors, adepts, rules, locks=locks),
    ):
        assert result.problems == []
        chosen = {(pair.mentor, pair.adept) for pair in result.pairs}
        assert set(locks) <= chosen
        assert {(p.mentor, p.adept) for p in result.pairs if p.locked} == set(locks)
        mentor_load = np.bincount([p.mentor for p in result.pairs], minlength=n_mentors)
        adept_load = np.bincount([p.adept for p in result.pairs], minlength=n_adepts)
        assert mentor_load.max() <= capacity
        assert adept_load.max() <= 1


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_mentors=st.integers(1, 9),
    n_adepts=st.integers(1, 9),
    rules=rules_strategy,
)
def test_block_and_pair_paths_agree_bit_for_bit(seed, n_mentors, n_adepts, rules):
    mentors, adepts = random_program(seed, n_mentors, n_adepts)
    exclusions = [(0, 0)]
    context, problems = _validate(mentors, adepts, rules, Weights(), exclusions, ())
    assert context is not None and problems == []
    scorer = context.scorer()
    admissible, block_scores = scorer.block(0, n_adepts)
    adept_index, mentor_index = np.meshgrid(
        np.arange(n_adepts), np.arange(n_mentors), indexing="ij"
    )
    _, pair_score = scorer.pair_parts(mentor_index.ravel(), adept_index.ravel())
    assert np.array_equal(block_scores.ravel(), pair_score)
    violations = scorer.pair_violations(mentor_index.ravel(), adept_index.ravel())
    any_broken = np.logical_or.reduce(list(violations.values()))
    assert np.array_equal(admissible.ravel(), ~any_broken)
    expected = np.array(
        [
            not broken_rules(mentors, adepts, int(m), int(a), rules, exclusions)
            for a, m in zip(adept_index.ravel(), mentor_index.ravel(), strict=True)
        ]
    )
    assert np.array_equal(admissible.ravel(), expected)


def test_digital_only_never_meets_physical_only_even_in_the_same_city():
    mentors = person_table(format=[0], city=[5], birth_year=[2000])
    adepts = person_table(format=[1], city=[5], birth_year=[1970], email=[10])
    result = solve(mentors, adepts)
    assert result.pairs == []
    assert result.unmatched_adepts[0].reason.rule == "format"


def test_physical_only_meets_either_only_in_the_same_known_city():
    mentors = person_table(format=[2, 2, 2], city=[3, 4, -1], birth_year=[2000] * 3)
    adepts = person_table(format=[1], city=[4], birth_year=[1970], email=[10])
    assert [(p.mentor, p.adept) for p in solve(mentors, adepts).pairs] == [(1, 0)]
    adepts_unknown_city = person_table(format=[1], city=[-1], birth_year=[1970], email=[10])
    assert solve(mentors, adepts_unknown_city).pairs == []


def test_own_manager_is_forbidden_in_both_directions():
    mentors = person_table(email=[1, 2], manager_email=[20, -1], birth_year=[2000, 2000])
    adepts = person_table(email=[20, 21], manager_email=[-1, 2], birth_year=[1970, 1970])
    result = solve(mentors, adepts, Rules(different_organisation="indifferent"))
    assert {(p.mentor, p.adept) for p in result.pairs} == {(0, 1), (1, 0)}


def test_same_unit_only_counts_within_the_same_organisation():
    mentors = person_table(organisation=[1, 2], unit=[7, 7], birth_year=[2000, 2000])
    adepts = person_table(organisation=[1], unit=[7], birth_year=[1970], email=[10])
    weights = Weights(diversity=0.0)
    result = solve(mentors, adepts, Rules(different_organisation="indifferent"), weights)
    assert [(p.mentor, p.adept) for p in result.pairs] == [(1, 0)]


def test_mentor_must_be_younger_by_the_minimum_gap():
    mentors = person_table(
        birth_year=[1984, 1985], topics=[[True, False, False, False], [False] * 4]
    )
    adepts = person_table(birth_year=[1975], email=[10], topics=[[True, False, False, False]])
    assert [(p.mentor, p.adept) for p in solve(mentors, adepts).pairs] == [(1, 0)]
    without_gap = solve(mentors, adepts, Rules(min_age_gap=None))
    assert [(p.mentor, p.adept) for p in without_gap.pairs] == [(0, 0)]
