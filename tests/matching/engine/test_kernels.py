"""The compiled masked score blocks equal the numpy block path bit for bit."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from numba import types

from revmentor.matching.engine import Rules, Weights, certify, kernels, passes
from revmentor.matching.engine.api import _validate, warm_up
from revmentor.matching.engine.kernels import masked_block
from revmentor.matching.engine.synthetic import realistic_program

from .support import random_program


def _numpy_masked(scorer, start, stop):
    ok, score = scorer.block(start, stop)
    score[~ok] = -np.inf
    return score


@settings(max_examples=120, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_mentors=st.integers(1, 12),
    n_adepts=st.integers(1, 12),
    gap=st.sampled_from([None, 0, 5]),
    organisation=st.sampled_from(["required", "preferred", "indifferent"]),
    manager=st.booleans(),
    unit=st.booleans(),
    fmt=st.booleans(),
    excluded=st.integers(0, 10),
    weights=st.sampled_from(
        [Weights(), Weights(languages=0, city=0), Weights(availability=0, age_gap=0, diversity=3)]
    ),
    floor=st.sampled_from([None, 3.0, 5.5]),
)
def test_fused_blocks_equal_the_numpy_blocks(
    seed, n_mentors, n_adepts, gap, organisation, manager, unit, fmt, excluded, weights, floor
):
    mentors, adepts = random_program(seed, n_mentors, n_adepts)
    rng = np.random.default_rng(seed)
    exclusions = sorted(
        {(int(rng.integers(n_mentors)), int(rng.integers(n_adepts))) for _ in range(excluded)}
    )
    rules = Rules(
        min_age_gap=gap,
        different_organisation=organisation,
        forbid_own_manager=manager,
        forbid_same_unit=unit,
        format_compatibility=fmt,
    )
    context, problems = _validate(mentors, adepts, rules, weights, exclusions, ())
    assert context is not None and not problems
    scorer = context.scorer(min_score=floor)
    fused = masked_block(scorer, 0, scorer.n_rows)
    assert fused is not None
    assert np.array_equal(fused, _numpy_masked(scorer, 0, scorer.n_rows))


def test_fused_blocks_equal_the_numpy_blocks_on_a_realistic_program():
    mentors, adepts = realistic_program(300, 280, seed=4)
    context, _ = _validate(mentors, adepts, Rules(), Weights(), [(3, 7), (10, 11)], ())
    scorer = context.scorer()
    for start, stop in [(0, 100), (100, 280), (17, 18)]:
        fused = masked_block(scorer, start, stop)
        assert np.array_equal(fused, _numpy_masked(scorer, start, stop))
        assert np.isfinite(fused).sum() > 0


def test_fused_blocks_written_into_float32_round_each_score_as_astype_does():
    mentors, adepts = realistic_program(300, 280, seed=5)
    context, _ = _validate(mentors, adepts, Rules(), Weights(), [(3, 7)], ())
    scorer = context.scorer()
    out = np.full((scorer.n_rows, scorer.n_cols), 7.0, dtype=np.float32)
    assert masked_block(scorer, 0, scorer.n_rows, out=out) is out
    expected = _numpy_masked(scorer, 0, scorer.n_rows).astype(np.float32)
    assert np.array_equal(out, expected)
    # Rows 40:90 alone, into a view of another array: the other rows stay untouched.
    part = np.zeros((scorer.n_rows, scorer.n_cols), dtype=np.float32)
    masked_block(scorer, 40, 90, out=part[40:90])
    assert np.array_equal(part[40:90], expected[40:90])
    assert not part[:40].any() and not part[90:].any()


def test_warm_up_loads_the_float32_variants_a_large_solve_uses():
    warm_up()
    float32_matrix = types.Array(types.float32, 2, "C")
    for kernel in (
        kernels._masked,
        certify._cutoff_select,
        certify._block_violations,
        passes.floored,
        passes.row_and_column_max,
        passes.least_at_least,
    ):
        assert float32_matrix in [signature[0] for signature in kernel.signatures], kernel
