"""The numba shortest-augmenting-path solver: exact, with its duals, cold and warm."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from revmentor.matching.engine.augment import WarmAssignment, _auction, _duals_for
from revmentor.matching.engine.certify import EdgeSolver

UNMATCHED = 100.0


def _edges(mask: np.ndarray, cost: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows, cols = np.nonzero(mask)
    return rows.astype(np.int64), cols.astype(np.int64), cost[rows, cols].astype(np.float64)


def _optimum(n_rows: int, capacity: np.ndarray, rows, cols, costs) -> float:
    """The least total cost by scipy on the seat-expanded matrix, one private "unmatched"
    column per row (forbidden cells far above every real cost)."""
    seats = np.repeat(np.arange(len(capacity)), capacity)
    matrix = np.full((n_rows, len(seats) + n_rows), 1e9)
    for row, col, cost in zip(rows, cols, costs, strict=True):
        matrix[row, np.flatnonzero(seats == col)] = cost
    matrix[np.arange(n_rows), len(seats) + np.arange(n_rows)] = UNMATCHED
    picked_rows, picked_cols = linear_sum_assignment(matrix)
    return float(matrix[picked_rows, picked_cols].sum())


def _total(mentor_of: np.ndarray, cost: np.ndarray) -> float:
    return float(
        sum(UNMATCHED if mentor < 0 else cost[row, mentor] for row, mentor in enumerate(mentor_of))
    )


def _assert_proof(mentor_of, u, v, capacity, rows, cols, costs):
    """The duals prove the assignment: feasible, complementary, equal objectives."""
    assert np.all(u[rows] + v[cols] <= costs + 1e-9)
    assert np.all(v <= 1e-12)
    assert np.all(u <= UNMATCHED + 1e-9)
    seats_used = np.bincount(mentor_of[mentor_of >= 0], minlength=len(capacity))
    assert np.all(seats_used <= capacity)
    assert np.all(np.abs(v[seats_used < capacity]) <= 1e-9)
    own = mentor_of[rows] == cols
    assert np.allclose(u[rows[own]] + v[cols[own]], costs[own])
    assert np.allclose(u[mentor_of < 0], UNMATCHED)


def test_a_small_case_has_its_exact_optimum_and_duals():
    # Three adepts, two mentors with one seat each: adept 2 must stay unmatched, and the
    # cheapest way is adept 0 -> mentor 1 (cost 2), adept 1 -> mentor 0 (cost 1).
    cost = np.array([[1.0, 2.0], [1.0, 5.0], [3.0, 4.0]])
    rows, cols, costs = _edges(np.ones((3, 2), dtype=bool), cost)
    capacity = np.array([1, 1], dtype=np.int64)
    mentor_of, u, v = WarmAssignment(3, capacity, UNMATCHED, 1e-12).solve(rows, cols, costs)
    assert mentor_of.tolist() == [1, 0, -1]
    assert _total(mentor_of, cost) == 103.0
    _assert_proof(mentor_of, u, v, capacity, rows, cols, costs)
    assert float(u.sum() + (capacity * v).sum()) == pytest.approx(103.0)


def test_rows_without_edges_and_spare_seats():
    # Adept 1 has no admissible mentor; mentor 0 has three seats, only two can be used.
    cost = np.array([[2.0, 1.0], [0.0, 0.0], [4.0, 9.0]])
    mask = np.array([[True, True], [False, False], [True, False]])
    rows, cols, costs = _edges(mask, cost)
    capacity = np.array([3, 1], dtype=np.int64)
    mentor_of, u, v = WarmAssignment(3, capacity, UNMATCHED, 1e-12).solve(rows, cols, costs)
    assert mentor_of.tolist() == [1, -1, 0]
    assert _total(mentor_of, cost) == 105.0
    _assert_proof(mentor_of, u, v, capacity, rows, cols, costs)


def test_no_edges_at_all_leaves_everyone_unmatched():
    empty = np.zeros(0, dtype=np.int64)
    capacity = np.array([1, 2], dtype=np.int64)
    mentor_of, u, v = WarmAssignment(2, capacity, UNMATCHED, 1e-12).solve(
        empty, empty.copy(), np.zeros(0)
    )
    assert mentor_of.tolist() == [-1, -1]
    assert u.tolist() == [UNMATCHED, UNMATCHED]
    assert v.tolist() == [0.0, 0.0]


@settings(max_examples=150, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_rows=st.integers(1, 9),
    n_mentors=st.integers(1, 9),
    max_capacity=st.integers(1, 3),
    density=st.floats(0.1, 1.0),
    whole=st.booleans(),
)
def test_cold_and_warm_solves_equal_the_optimum(
    seed, n_rows, n_mentors, max_capacity, density, whole
):
    rng = np.random.default_rng(seed)
    capacity = rng.integers(1, max_capacity + 1, size=n_mentors).astype(np.int64)
    mask = rng.random((n_rows, n_mentors)) < density
    cost = rng.integers(0, 6, size=mask.shape) * 1.0 if whole else rng.random(mask.shape) * 5
    rows, cols, costs = _edges(mask, cost)
    first = np.sort(rng.permutation(len(rows))[: rng.integers(0, len(rows) + 1)])
    warm = WarmAssignment(n_rows, capacity, UNMATCHED, 1e-12)
    for chosen in (first, np.arange(len(rows))):
        part = (rows[chosen], cols[chosen], costs[chosen])
        mentor_of, u, v = warm.solve(*part)
        cold_of, *_ = WarmAssignment(n_rows, capacity, UNMATCHED, 1e-12).solve(*part)
        optimum = _optimum(n_rows, capacity, *part)
        assert _total(mentor_of, cost) == pytest.approx(optimum)
        assert _total(cold_of, cost) == pytest.approx(optimum)
        _assert_proof(mentor_of, u, v, capacity, *part)


def test_a_warm_round_augments_only_the_rows_whose_duals_broke():
    rng = np.random.default_rng(7)
    n = 300
    cost = rng.integers(0, 400, size=(n, n)) * 1.0
    mask = rng.random((n, n)) < 0.05
    np.fill_diagonal(mask, True)
    rows, cols, costs = _edges(mask, cost)
    capacity = np.ones(n, dtype=np.int64)
    warm = WarmAssignment(n, capacity, 1e6, 1e-9)
    _, u, v = warm.solve(rows, cols, costs)
    before = warm.augmentations
    # A new free pair (cost 0) for the three adepts whose duals it breaks the most.
    reduced = np.where(mask, -np.inf, u[:, None] + v[None, :])
    new_cols = reduced.argmax(axis=1)
    new_rows = np.argsort(-reduced.max(axis=1))[:3]
    new_cols = new_cols[new_rows]
    assert np.all(u[new_rows] + v[new_cols] > 0)
    all_rows = np.concatenate([rows, new_rows])
    all_cols = np.concatenate([cols, new_cols])
    all_costs = np.concatenate([costs, np.zeros(3)])
    order = np.lexsort((all_cols, all_rows))
    mentor_of, u, v = warm.solve(all_rows[order], all_cols[order], all_costs[order])
    assert warm.cold_solves == 1
    assert 1 <= warm.augmentations - before <= 3
    cold_of, *_ = WarmAssignment(n, capacity, 1e6, 1e-9).solve(
        all_rows[order], all_cols[order], all_costs[order]
    )
    full = cost.copy()
    full[new_rows, new_cols] = 0.0
    assert sum(full[i, mentor_of[i]] for i in range(n)) == sum(
        full[i, cold_of[i]] for i in range(n)
    )


def test_scores_off_the_hundredths_grid_are_solved_as_floats():
    # Two adepts, two mentors; scores with thousandths break the integer grid.
    solver = EdgeSolver(2, np.array([1, 1], dtype=np.int64), 10.0, 50.0)
    rows = np.array([0, 0, 1, 1])
    cols = np.array([0, 1, 0, 1])
    mentor_of, u, v = solver.solve(rows, cols, np.array([9.0, 8.0, 9.0, 8.5]))
    assert solver.grid is True
    assert mentor_of.tolist() == [0, 1]
    mentor_of, u, v = solver.solve(rows, cols, np.array([9.0, 8.001, 9.0, 8.0005]))
    assert solver.grid is False
    assert mentor_of.tolist() == [1, 0]
    costs = 10.0 - np.array([9.0, 8.001, 9.0, 8.0005])
    assert np.all(u[rows] + v[cols] <= costs + 1e-12)
    assert u.sum() + v.sum() == pytest.approx(costs[1] + costs[2])


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_rows=st.integers(1, 10), n_mentors=st.integers(1, 10))
def test_duals_recomputed_from_an_optimal_assignment_prove_it(seed, n_rows, n_mentors):
    rng = np.random.default_rng(seed)
    capacity = rng.integers(1, 3, size=n_mentors).astype(np.int64)
    mask = rng.random((n_rows, n_mentors)) < rng.random()
    rows, cols, costs = _edges(mask, rng.integers(0, 6, size=mask.shape) * 1.0)
    warm = WarmAssignment(n_rows, capacity, UNMATCHED, 1e-9)
    mentor_of, *_ = warm.solve(rows, cols, costs)
    warm.u[:] = -7.0
    warm.v[:] = -7.0
    indptr = np.searchsorted(rows, np.arange(n_rows + 1)).astype(np.int64)
    state = (capacity, UNMATCHED, warm.u, warm.v, warm.mentor_of, warm.count, 1e-9)
    assert _duals_for(indptr, cols, costs, *state)
    _assert_proof(mentor_of, warm.u, warm.v, capacity, rows, cols, costs)


def test_a_cold_solve_with_one_seat_each_comes_from_the_auction_with_exact_duals():
    rng = np.random.default_rng(11)
    n = 120
    cost = rng.integers(0, 50, size=(n, n)) * 1.0
    mask = rng.random((n, n)) < 0.1
    np.fill_diagonal(mask, True)
    rows, cols, costs = _edges(mask, cost)
    capacity = np.ones(n, dtype=np.int64)
    warm = WarmAssignment(n, capacity, 1e4, 1e-9)
    mentor_of, u, v = warm.solve(rows, cols, costs)
    # No shortest path was needed: the auction paired everyone, the duals came from its pairs.
    assert (warm.cold_solves, warm.auctions, warm.augmentations) == (1, 1, 0)
    assert sorted(mentor_of.tolist()) == list(range(n))
    assert np.all(u[rows] + v[cols] <= costs + 1e-9)
    assert float(u.sum() + v.sum()) == pytest.approx(float(cost[np.arange(n), mentor_of].sum()))
    matrix = np.where(mask, cost, 1e6)
    picked_rows, picked_cols = linear_sum_assignment(matrix)
    assert float(cost[np.arange(n), mentor_of].sum()) == float(
        matrix[picked_rows, picked_cols].sum()
    )


@settings(max_examples=150, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 14),
    density=st.floats(0.05, 1.0),
    top=st.sampled_from([1, 3, 60, 10**6]),
)
def test_the_auction_finds_the_optimum_of_every_square_whole_number_problem(seed, n, density, top):
    """Ties (costs 0..1), a single edge in some rows and spreads up to a million: the
    auction's pairs cost exactly what scipy's optimum costs, whenever all can be paired."""
    rng = np.random.default_rng(seed)
    mask = rng.random((n, n)) < density
    mask[np.arange(n), rng.permutation(n)] = True
    cost = rng.integers(0, top + 1, size=(n, n)) * 1.0
    rows, cols, costs = _edges(mask, cost)
    indptr = np.searchsorted(rows, np.arange(n + 1)).astype(np.int64)
    mentor_of, bids = _auction(indptr, cols, costs, n, 8.0, 10**7)
    assert bids >= n
    assert sorted(mentor_of.tolist()) == list(range(n))
    assert np.all(mask[np.arange(n), mentor_of])
    matrix = np.where(mask, cost, 1e12)
    picked_rows, picked_cols = linear_sum_assignment(matrix)
    assert float(cost[np.arange(n), mentor_of].sum()) == float(
        matrix[picked_rows, picked_cols].sum()
    )


def test_the_auction_gives_up_when_its_bids_run_out():
    # Rows 0 and 1 compete for mentors 0 and 1, row 2 has mentor 2 alone: three rows need
    # at least three bids, so a budget of two stops the auction, and it says so.
    indptr = np.array([0, 2, 4, 5], dtype=np.int64)
    cols = np.array([0, 1, 0, 1, 2], dtype=np.int64)
    costs = np.array([1.0, 2.0, 1.0, 2.0, 0.0])
    _, bids = _auction(indptr, cols, costs, 3, 8.0, 2)
    assert bids == -1
    mentor_of, bids = _auction(indptr, cols, costs, 3, 8.0, 1000)
    assert sorted(mentor_of[:2].tolist()) == [0, 1] and mentor_of[2] == 2


def test_cold_solves_go_to_lapjvsp_off_the_whole_numbers_and_to_paths_when_not_all_pair():
    rng = np.random.default_rng(12)
    n = 40
    mask = rng.random((n, n)) < 0.3
    np.fill_diagonal(mask, True)
    # Fractions: LAPJVsp (no auction), and still no shortest path.
    rows, cols, costs = _edges(mask, rng.random((n, n)) * 5)
    warm = WarmAssignment(n, np.ones(n, dtype=np.int64), 1e4, 1e-9)
    warm.solve(rows, cols, costs)
    assert (warm.cold_solves, warm.auctions, warm.augmentations) == (1, 0, 0)
    # One adept without any mentor: nobody solves it all-paired; shortest paths do.
    keep = rows != 0
    warm = WarmAssignment(n, np.ones(n, dtype=np.int64), 1e4, 1e-9)
    mentor_of, u, v = warm.solve(rows[keep], cols[keep], np.rint(costs[keep]))
    assert (warm.cold_solves, warm.auctions) == (1, 0)
    assert mentor_of[0] == -1 and np.all(mentor_of[1:] >= 0)
