"""The dual certificate proves each solve optimal and fails as soon as one score changes."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revmentor.matching.engine import Rules, Weights, solve
from revmentor.matching.engine.api import _free_problem, _validate
from revmentor.matching.engine.certify import TOLERANCE, Blocks, check_all
from revmentor.matching.engine.synthetic import realistic_program

from .support import random_program


@settings(max_examples=80, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_mentors=st.integers(0, 8),
    n_adepts=st.integers(0, 8),
    capacity=st.integers(1, 3),
    fair=st.booleans(),
    method=st.sampled_from(["auto", "sparse_first", "dense", "rectangular", "sparse"]),
)
def test_every_solve_carries_a_certificate_that_proves_it(
    seed, n_mentors, n_adepts, capacity, fair, method
):
    mentors, adepts = random_program(seed, n_mentors, n_adepts)
    result = solve(mentors, adepts, Rules(capacity=capacity, fair=fair), method=method)
    if result.certificate is None:
        # Only an empty side or no free seat leaves nothing to prove.
        assert n_mentors == 0 or n_adepts == 0
        return
    assert result.quality.proven_optimal is True
    assert 0.0 <= result.quality.certificate_violation <= TOLERANCE
    assert np.all(result.certificate.mentor_dual <= 0.0)


def _program_and_certificate():
    mentors, adepts = realistic_program(60, 60, seed=3)
    weights = Weights()
    result = solve(mentors, adepts, Rules(), weights, method="sparse_first")
    context, _ = _validate(mentors, adepts, Rules(), weights, (), ())
    free_mentors, free_adepts, _slots = _free_problem(context)
    return result, context.scorer(free_mentors, free_adepts), weights


def test_the_certificate_holds_on_the_scores_it_was_made_for():
    result, scorer, weights = _program_and_certificate()
    certificate = result.certificate
    assert certificate.proven and result.method == "sparse_first"
    worst, *_ = check_all(
        Blocks(scorer),
        certificate.row_dual,
        certificate.mentor_dual,
        weights.max_score,
        certificate.unmatched_cost,
    )
    assert worst / certificate.unmatched_cost <= TOLERANCE


def test_raising_one_unchosen_score_after_solving_makes_the_certificate_fail():
    result, scorer, weights = _program_and_certificate()
    certificate = result.certificate
    chosen = {(pair.adept, pair.mentor) for pair in result.pairs}
    blocks = Blocks(scorer)
    # The cache holds each block's scores with -inf on pairs that are not admissible.
    start, stop, score = blocks.cached[0]
    assert blocks.exact
    reduced = (
        certificate.row_dual[start:stop, None]
        + certificate.mentor_dual[None, :]
        - (weights.max_score - score)
    )
    for adept, mentor in chosen:
        if start <= adept < stop:
            reduced[adept - start, mentor] = -np.inf
    row, column = np.unravel_index(np.argmax(reduced), reduced.shape)
    # The unchosen pair with the least slack now fits 0.01 better than the duals allow.
    score[row, column] += -reduced[row, column] + 0.01
    worst, rows, columns, _ = check_all(
        blocks,
        certificate.row_dual,
        certificate.mentor_dual,
        weights.max_score,
        certificate.unmatched_cost,
    )
    assert worst / certificate.unmatched_cost > TOLERANCE
    assert (int(rows[0]), int(columns[0])) == (row + start, column)


def test_large_programs_are_proven_optimal_and_agree_with_the_dense_solver():
    mentors, adepts = realistic_program(700, 700, seed=11)
    sparse_first = solve(mentors, adepts, method="sparse_first")
    dense = solve(mentors, adepts, method="rectangular")
    assert sparse_first.quality.proven_optimal and dense.quality.proven_optimal
    assert sparse_first.quality.pairs == dense.quality.pairs
    assert sparse_first.quality.total_score == pytest.approx(dense.quality.total_score, rel=1e-12)
