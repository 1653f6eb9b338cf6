"""The compiled rule counts behind unmatched people's reasons equal the rule masks' counts."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from revmentor.matching.engine import Rules, Weights
from revmentor.matching.engine.api import _validate
from revmentor.matching.engine.reasons import RULES, rule_counts

from .support import random_program


def _reference(scorer, by_row: bool, sample: int):
    """The counts straight from ``Scorer.rule_masks``, rule by rule, in its order."""
    ok = np.ones((scorer.n_rows, scorer.n_cols), dtype=bool)
    axis = 1 if by_row else 0
    excluded, first = {}, {}
    names = []
    for rule, allowed in scorer.rule_masks(0, scorer.n_rows):
        names.append(rule)
        excluded[rule] = (~allowed).sum(axis=axis)
        first[rule] = (ok & ~allowed).sum(axis=axis)
        ok &= allowed
    samples = [np.flatnonzero(line)[:sample].tolist() for line in (ok if by_row else ok.T)]
    return names, excluded, first, ok.sum(axis=axis), samples


@settings(max_examples=120, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_mentors=st.integers(1, 12),
    n_adepts=st.integers(1, 12),
    gap=st.sampled_from([None, 0, 3, 15]),
    organisation=st.sampled_from(["required", "preferred", "indifferent"]),
    manager=st.booleans(),
    unit=st.booleans(),
    fmt=st.booleans(),
    excluded=st.integers(0, 10),
    by_row=st.booleans(),
)
def test_compiled_counts_equal_the_rule_masks(
    seed, n_mentors, n_adepts, gap, organisation, manager, unit, fmt, excluded, by_row
):
    mentors, adepts = random_program(seed, n_mentors, n_adepts)
    rng = np.random.default_rng(seed)
    exclusions = {
        (int(rng.integers(n_mentors)), int(rng.integers(n_adepts))) for _ in range(excluded)
    }
    rules = Rules(
        min_age_gap=gap,
        different_organisation=organisation,
        forbid_own_manager=manager,
        forbid_same_unit=unit,
        format_compatibility=fmt,
    )
    context, problems = _validate(mentors, adepts, rules, Weights(), sorted(exclusions), ())
    assert context is not None and not problems
    scorer = context.scorer()
    found = rule_counts(scorer, by_row=by_row, sample=3)
    names, excluded_by, first, admissible, samples = _reference(scorer, by_row, 3)
    assert names == [rule for rule in RULES if rule in names]
    for position, rule in enumerate(RULES):
        expected = excluded_by.get(rule, np.zeros_like(found.admissible))
        assert found.excluded[position].tolist() == expected.tolist()
        expected = first.get(rule, np.zeros_like(found.admissible))
        assert found.first[position].tolist() == expected.tolist()
    assert found.admissible.tolist() == admissible.tolist()
    assert [[int(s) for s in row if s >= 0] for row in found.samples] == samples
