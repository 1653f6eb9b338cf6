"""The engine's fast paths give exactly what the plain paths give, and stay proofs.

Each fast path is forced on a small program (a float32 score cache, candidates by sampled
cut-offs, the format rule's city join, hundredth levels in fair mode) and compared with the
plain computation of the same thing.
"""

from __future__ import annotations

import numpy as np
import pytest

from revmentor.matching.engine import Rules, Weights, solve
from revmentor.matching.engine import certify as certify_module
from revmentor.matching.engine import solver as solver_module
from revmentor.matching.engine.api import _free_problem, _validate
from revmentor.matching.engine.certify import TOLERANCE, Blocks, certify, check_all
from revmentor.matching.engine.solver import (
    bottleneck_threshold,
    collect_pairs,
    format_candidates,
)
from revmentor.matching.engine.synthetic import ProgramShape, realistic_program


def _scorer(mentors, adepts, rules=None, weights=None):
    rules = rules or Rules()
    weights = weights or Weights()
    context, problems = _validate(mentors, adepts, rules, weights, (), ())
    assert context is not None and not problems
    free_mentors, free_adepts, slots = _free_problem(context)
    return context.scorer(free_mentors, free_adepts), slots, weights


def _float32_blocks(scorer):
    blocks = Blocks(scorer, budget=scorer.n_rows * scorer.n_cols * 4)
    assert not blocks.exact and blocks.cached[0][2].dtype == np.float32
    return blocks


def test_a_float32_cache_gives_the_same_optimum_and_still_a_proof():
    # float32 needs enough people: its error bound must sit well inside the tolerance,
    # which grows with the cost of leaving someone unmatched (about 8 per person here).
    scorer, slots, weights = _scorer(*realistic_program(1000, 950, seed=5))
    exact_of, exact = certify(scorer, slots.capacity, weights.max_score)
    blocks = _float32_blocks(scorer)
    mentor_of, certificate = certify(scorer, slots.capacity, weights.max_score, blocks=blocks)
    assert exact.proven and certificate.proven
    rows = np.flatnonzero(mentor_of >= 0)
    exact_rows = np.flatnonzero(exact_of >= 0)
    total = scorer.pair_parts(mentor_of[rows], rows)[1].sum()
    exact_total = scorer.pair_parts(exact_of[exact_rows], exact_rows)[1].sum()
    assert len(rows) == len(exact_rows)
    assert total == pytest.approx(exact_total, rel=1e-12)
    # The reported violation includes the float32 error bound, so it is never below it.
    assert certificate.violation * certificate.unmatched_cost >= blocks.error


def test_a_float32_cache_still_catches_a_raised_score():
    scorer, slots, weights = _scorer(*realistic_program(1000, 1000, seed=8))
    blocks = _float32_blocks(scorer)
    mentor_of, certificate = certify(scorer, slots.capacity, weights.max_score, blocks=blocks)
    start, stop, masked = blocks.cached[0]
    row = next(r for r in range(stop - start) if mentor_of[start + r] >= 0)
    partner = mentor_of[start + row]
    column = int(np.flatnonzero((masked[row] > -np.inf) & (np.arange(scorer.n_cols) != partner))[0])
    reduced = certificate.row_dual[start + row] + certificate.mentor_dual[column]
    reduced -= weights.max_score - float(masked[row, column])
    masked[row, column] += np.float32(-reduced + 0.01)
    worst, rows, columns, _ = check_all(
        blocks,
        certificate.row_dual,
        certificate.mentor_dual,
        weights.max_score,
        certificate.unmatched_cost,
    )
    assert worst / certificate.unmatched_cost > TOLERANCE
    assert (start + row, column) in set(zip(rows.tolist(), columns.tolist(), strict=True))


def test_candidates_by_sampled_cut_offs_reach_the_dense_optimum(monkeypatch):
    mentors, adepts = realistic_program(300, 300, seed=4)
    monkeypatch.setattr(certify_module, "SAMPLE", 32)
    sparse_first = solve(mentors, adepts, method="sparse_first")
    dense = solve(mentors, adepts, method="rectangular")
    assert sparse_first.quality.proven_optimal
    assert sparse_first.quality.pairs == dense.quality.pairs
    assert sparse_first.quality.total_score == pytest.approx(dense.quality.total_score, rel=1e-12)


def _physical_program(n, seed, either=0.0):
    shape = ProgramShape(cities=6, format_probabilities=(0.0, 1.0 - either, either))
    return realistic_program(n, n, seed=seed, shape=shape)


@pytest.mark.parametrize("either", [0.0, 0.2])
def test_the_city_join_lists_exactly_the_admissible_pairs(either):
    scorer, _, _ = _scorer(*_physical_program(90, 2, either))
    assert format_candidates(scorer) is not None
    rows, cols, scores = collect_pairs(scorer)
    expected_rows, expected_cols = [], []
    for start, stop in scorer.blocks():
        found_rows, found_cols = np.nonzero(scorer.admissible_block(start, stop))
        expected_rows.append(found_rows + start)
        expected_cols.append(found_cols)
    expected = set(
        zip(
            np.concatenate(expected_rows).tolist(),
            np.concatenate(expected_cols).tolist(),
            strict=True,
        )
    )
    assert set(zip(rows.tolist(), cols.tolist(), strict=True)) == expected
    assert len(rows) == len(expected)
    np.testing.assert_array_equal(scores, scorer.pair_parts(cols, rows)[1])


def test_thin_programs_solved_from_the_city_join_match_the_dense_solver():
    mentors, adepts = _physical_program(200, 9, either=0.1)
    thin = solve(mentors, adepts, method="sparse")
    dense = solve(mentors, adepts, method="rectangular")
    assert thin.quality.proven_optimal
    assert thin.quality.pairs == dense.quality.pairs
    assert thin.quality.total_score == pytest.approx(dense.quality.total_score, rel=1e-12)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fair_levels_by_hundredths_equal_the_sorted_distinct_scores(monkeypatch, seed):
    scorer, slots, _ = _scorer(*realistic_program(80, 70, seed=seed), Rules(capacity=2))
    by_grid = bottleneck_threshold(scorer, slots, Blocks(scorer))
    by_float32 = bottleneck_threshold(scorer, slots, _float32_blocks(scorer))
    monkeypatch.setattr(solver_module, "_grid_levels", lambda scorer: None)
    by_sorting = bottleneck_threshold(scorer, slots, Blocks(scorer))
    assert by_grid == by_float32
    # Sorting sees float noise as levels (4.1499999999999995 below 4.15); hundredths do not:
    # both are the same whole number of hundredths, and the grid returns the lower one.
    assert by_grid == pytest.approx(by_sorting, abs=1e-9)
    assert by_grid <= by_sorting
    # The threshold is an actual score of an admissible pair.
    _, _, scores = collect_pairs(scorer)
    assert by_grid in set(scores.tolist())


def test_fair_mode_on_a_float32_cache_agrees_with_the_exact_cache(monkeypatch):
    mentors, adepts = realistic_program(1000, 1000, seed=6)
    exact = solve(mentors, adepts, Rules(fair=True), Weights())
    monkeypatch.setattr(certify_module, "CACHE_BYTES", 1000 * 1000 * 4)
    compact = solve(mentors, adepts, Rules(fair=True), Weights())
    assert compact.quality.proven_optimal and exact.quality.proven_optimal
    assert compact.fair_threshold == exact.fair_threshold
    assert compact.quality.pairs == exact.quality.pairs
    assert compact.quality.total_score == pytest.approx(exact.quality.total_score, rel=1e-12)


@pytest.mark.parametrize(
    "weights",
    [Weights(), Weights(topics=2.5, languages=0.5, city=0.0, age_gap=4.0), Weights(topics=0.0)],
)
@pytest.mark.parametrize("organisations", ["preferred", "indifferent"])
def test_table_scores_are_bit_for_bit_the_part_sums(weights, organisations):
    rules = Rules(different_organisation=organisations)
    scorer, _, _ = _scorer(*realistic_program(60, 50, seed=12), rules, weights)
    rows, cols = np.divmod(np.arange(scorer.n_rows * scorer.n_cols), scorer.n_cols)
    by_parts = scorer.pair_parts(cols, rows)[1]
    np.testing.assert_array_equal(scorer.pair_scores(cols, rows), by_parts)
    by_block = np.concatenate([scorer.score_block(a, b) for a, b in scorer.blocks()]).ravel()
    np.testing.assert_array_equal(by_block, by_parts)


@pytest.mark.parametrize("seed", [1, 4])
def test_the_fair_level_comes_with_pairs_above_it_that_pair_the_most(seed):
    scorer, slots, _ = _scorer(*realistic_program(300, 300, seed=seed), Rules())
    level = solver_module.fair_level(scorer, slots, Blocks(scorer))
    _, _, scores = collect_pairs(scorer)
    most = solver_module.max_cardinality(scorer.n_rows, slots, *collect_pairs(scorer)[:2])
    assert level.threshold == solver_module.bottleneck_threshold(scorer, slots, Blocks(scorer))
    proof = scorer.pair_scores(level.mentors, level.rows)
    assert proof.min() >= level.threshold
    assert solver_module.max_cardinality(scorer.n_rows, slots, level.rows, level.mentors) == most
    # From the next hundredth up the most pairs cannot be formed (scores are whole
    # hundredths give or take float noise, so "above" means half a hundredth above).
    above = scores > level.threshold + 0.005
    rows, cols, _ = collect_pairs(scorer)
    assert solver_module.max_cardinality(scorer.n_rows, slots, rows[above], cols[above]) < most
