"""Exact, sparse-first assignment with a dual certificate of optimality.

The assignment LP (rows = adepts, mentors with ``capacity`` seats, each row may stay
unmatched at cost ``U``) has the dual: maximise ``sum(u) + sum(capacity * v)`` subject to
``u[i] + v[m] <= c[i, m]`` for every admissible pair, ``u[i] <= U`` and ``v[m] <= 0``.
A primal assignment and a dual solution with equal objectives prove each other optimal;
a dual that is feasible on *every* admissible pair therefore certifies the assignment
against the full problem, though it was solved on a small candidate graph.

Steps: solve on each adept's best ``k`` admissible mentors (``candidate_edges``); derive
duals from that optimal assignment by shortest paths over mentors (``duals_from``);
compute every admissible pair's reduced cost block by block (``check_all``); if some
pair violates dual feasibility, add those pairs to the graph and solve again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from .scoring import FloatArray, IndexArray, Scorer

#: Candidates per adept in the first sparse solve.
CANDIDATES_PER_ROW = 16

#: A certificate holds when no reduced cost is violated by more than this, relative to U.
TOLERANCE = 1e-9

#: Rounds of "add violators, solve again" before giving up on the sparse path.
MAX_ROUNDS = 12

#: Random admissible candidates per adept besides the best ones: they spread demand over
#: mentors, so the first candidate graph usually pairs as many people as the full one.
RANDOM_PER_ROW = 8

#: Most violated pairs per adept added in one round.
ADDED_PER_ROW = 16

#: Scores are kept between passes when they fit in this many bytes (else recomputed).
CACHE_BYTES = 512 * 1024**2


class Blocks:
    """The scorer's row blocks (admissible, score), computed once when they fit the cache."""

    def __init__(self, scorer: Scorer) -> None:
        self.scorer = scorer
        self._costs: tuple[FloatArray, IndexArray, Any] | None = None
        self.cached: list[tuple[int, int, npt.NDArray[np.bool_], FloatArray]] | None = None
        if scorer.n_rows * scorer.n_cols * 9 <= CACHE_BYTES:
            self.cached = [
                (start, stop, *scorer.block(start, stop)) for start, stop in scorer.blocks()
            ]

    @classmethod
    def from_costs(
        cls, scorer: Scorer, cost: FloatArray, slot_start: IndexArray, encoding: object
    ) -> Blocks:
        """Blocks read from a solver's cost matrix (each mentor's first seat column):
        admissible where the cost is below "unmatched", score ``max - cost / scale``."""
        blocks = cls.__new__(cls)
        blocks.scorer = scorer
        blocks.cached = None
        blocks._costs = (cost, slot_start, encoding)
        return blocks

    def __iter__(self):
        if self._costs is not None:
            cost, slot_start, encoding = self._costs
            uniform = np.array_equal(slot_start, np.arange(len(slot_start)))
            for start, stop in self.scorer.blocks():
                if uniform:
                    part = cost[start:stop, : len(slot_start)]
                else:
                    part = cost[start:stop][:, slot_start]
                ok = part < encoding.unmatched
                score = encoding.max_score - part / encoding.scale
                yield start, stop, ok, score
            return
        if self.cached is not None:
            yield from self.cached
            return
        for start, stop in self.scorer.blocks():
            yield (start, stop, *self.scorer.block(start, stop))


@dataclass(frozen=True)
class Certificate:
    """Duals of the assignment LP: ``row_dual`` per adept, ``mentor_dual`` per mentor (<= 0).

    ``violation`` is the largest ``u + v - c`` over every admissible pair divided by the
    cost of leaving someone unmatched (``unmatched_cost``); ``gap`` is primal minus dual
    objective, relative. Both at most ``TOLERANCE`` prove the assignment optimal.
    """

    row_dual: FloatArray
    mentor_dual: FloatArray
    unmatched_cost: float
    violation: float
    gap: float
    rounds: int
    candidate_pairs: int
    #: The adepts and mentors (original indices) that ``row_dual`` and ``mentor_dual`` cover.
    adepts: IndexArray | None = None
    mentors: IndexArray | None = None

    @property
    def proven(self) -> bool:
        return self.violation <= TOLERANCE and self.gap <= TOLERANCE


def unmatched_cost(max_score: float, max_pairs: int) -> tuple[float, float]:
    """``U`` (cost of an unmatched adept) and the per-pair bonus that makes count come first."""
    big = (max_pairs + 1) * max_score + 1.0
    return max_score + big, big


def candidate_edges(
    blocks: Blocks, k: int, extra: int = RANDOM_PER_ROW
) -> tuple[IndexArray, IndexArray, FloatArray]:
    """Each row's ``k`` best admissible columns and ``extra`` random admissible ones (all of
    them when it has fewer); the random picks are seeded, so results repeat."""
    scorer = blocks.scorer
    rng = np.random.default_rng(0)
    rows: list[IndexArray] = []
    cols: list[IndexArray] = []
    scores: list[FloatArray] = []
    width = k + extra
    for start, stop, ok, score in blocks:
        if scorer.n_cols > width:
            masked = np.where(ok, score, -np.inf)
            chosen = np.argpartition(-masked, k - 1, axis=1)[:, :k]
            if extra:
                # Random keys on admissible cells only: the largest ``extra`` are random picks.
                keys = np.where(ok, rng.random(ok.shape), -1.0)
                picks = np.argpartition(-keys, extra - 1, axis=1)[:, :extra]
                chosen = np.concatenate([chosen, picks], axis=1)
            block_rows = np.repeat(np.arange(start, stop, dtype=np.int64), width)
            block_cols = chosen.reshape(-1).astype(np.int64)
            keep = ok[block_rows - start, block_cols]
        else:
            block_rows, block_cols = np.nonzero(ok)
            block_rows = block_rows.astype(np.int64) + start
            block_cols = block_cols.astype(np.int64)
            keep = np.ones(len(block_rows), dtype=bool)
        block_rows, block_cols = block_rows[keep], block_cols[keep]
        rows.append(block_rows)
        cols.append(block_cols)
        scores.append(score[block_rows - start, block_cols])
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), np.zeros(0)
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(scores)


def _unique_edges(
    rows: IndexArray, cols: IndexArray, scores: FloatArray, n_cols: int
) -> tuple[IndexArray, IndexArray, FloatArray]:
    keys = rows * max(n_cols, 1) + cols
    _, first = np.unique(keys, return_index=True)
    return rows[first], cols[first], scores[first]


def solve_edges(
    n_rows: int,
    capacity: npt.NDArray[np.int64],
    rows: IndexArray,
    cols: IndexArray,
    scores: FloatArray,
    max_score: float,
    big: float,
) -> IndexArray:
    """Optimal assignment on the given edges; the mentor of each row, or -1."""
    mentor_of = np.full(n_rows, -1, dtype=np.int64)
    if n_rows == 0 or len(rows) == 0:
        return mentor_of
    start = np.concatenate([[0], np.cumsum(capacity)[:-1]]).astype(np.int64)
    n_slots = int(capacity.sum())
    slot_mentor = np.repeat(np.arange(len(capacity), dtype=np.int64), capacity)
    repeats = capacity[cols]
    slot_rows = np.repeat(rows, repeats)
    offset = np.arange(len(slot_rows)) - np.repeat(np.cumsum(repeats) - repeats, repeats)
    slot_cols = np.repeat(start[cols], repeats) + offset
    # Costs start at 1: the sparse solver treats stored zeros as missing edges.
    costs = 1.0 + (max_score - np.repeat(scores, repeats))
    all_rows = np.concatenate([slot_rows, np.arange(n_rows)])
    all_cols = np.concatenate([slot_cols, n_slots + np.arange(n_rows)])
    all_costs = np.concatenate([costs, np.full(n_rows, 1.0 + max_score + big)])
    graph = sp.csr_matrix((all_costs, (all_rows, all_cols)), shape=(n_rows, n_slots + n_rows))
    matched_rows, matched_cols = min_weight_full_bipartite_matching(graph)
    real = matched_cols < n_slots
    mentor_of[matched_rows[real]] = slot_mentor[matched_cols[real]]
    return mentor_of


def _shortest_from_root(
    n_nodes: int, root: int, src: IndexArray, dst: IndexArray, weight: FloatArray
) -> FloatArray | None:
    """Bellman-Ford by whole-edge-list relaxations; None when a negative cycle shows."""
    order = np.argsort(dst, kind="stable")
    src, dst, weight = src[order], dst[order], weight[order]
    heads, starts = np.unique(dst, return_index=True)
    distance = np.full(n_nodes, np.inf)
    distance[root] = 0.0
    for _ in range(n_nodes + 1):
        offer = distance[src] + weight
        best = np.minimum.reduceat(offer, starts) if len(starts) else offer
        # A relative margin keeps rounding noise from relaxing forever; ``best`` is finite
        # wherever it matters, so an unreached (infinite) head always improves.
        improved = best < distance[heads] - 1e-12 * np.maximum(1.0, np.abs(best))
        if not improved.any():
            return distance
        distance[heads[improved]] = best[improved]
    return None


def duals_from(
    n_rows: int,
    capacity: npt.NDArray[np.int64],
    rows: IndexArray,
    cols: IndexArray,
    costs: FloatArray,
    mentor_of: IndexArray,
    unmatched: float,
) -> tuple[FloatArray, FloatArray] | None:
    """Duals (u per row, v per mentor) complementary to ``mentor_of`` on the given edges.

    ``v`` is the shortest-path distance from a root over mentors in the residual graph
    (its edges encode "row i leaves mentor m for m'", "an unmatched row takes m'" and
    "a row leaves its mentor to stay unmatched"); None if ``mentor_of`` is not optimal.
    """
    n_mentors = len(capacity)
    root = n_mentors
    matched = mentor_of >= 0
    own = mentor_of[rows]
    edge_matched = own >= 0
    row_cost = np.full(n_rows, unmatched)
    is_own = own == cols
    row_cost[rows[is_own]] = costs[is_own]
    alternative = edge_matched & ~is_own
    free = (capacity - np.bincount(mentor_of[matched], minlength=n_mentors)) > 0
    matched_rows = np.flatnonzero(matched)
    src = np.concatenate(
        [
            np.full(n_mentors, root),
            own[alternative],
            np.full(int((~edge_matched).sum()), root),
            mentor_of[matched_rows],
            np.flatnonzero(free),
        ]
    ).astype(np.int64)
    dst = np.concatenate(
        [
            np.arange(n_mentors),
            cols[alternative],
            cols[~edge_matched],
            np.full(len(matched_rows), root),
            np.full(int(free.sum()), root),
        ]
    ).astype(np.int64)
    weight = np.concatenate(
        [
            np.zeros(n_mentors),
            costs[alternative] - row_cost[rows[alternative]],
            costs[~edge_matched] - unmatched,
            unmatched - row_cost[matched_rows],
            np.zeros(int(free.sum())),
        ]
    )
    distance = _shortest_from_root(n_mentors + 1, root, src, dst, weight)
    # The root may come out a rounding error below zero; anything more is a better assignment.
    if distance is None or distance[root] < -TOLERANCE * unmatched:
        return None
    mentor_dual = np.minimum(distance[:n_mentors], 0.0)
    row_dual = np.full(n_rows, unmatched)
    row_dual[matched_rows] = row_cost[matched_rows] - mentor_dual[mentor_of[matched_rows]]
    return row_dual, mentor_dual


def check_all(
    blocks: Blocks,
    row_dual: FloatArray,
    mentor_dual: FloatArray,
    max_score: float,
    unmatched: float,
    per_row: int = ADDED_PER_ROW,
) -> tuple[float, IndexArray, IndexArray, FloatArray]:
    """Largest reduced-cost violation ``u + v - c`` over every admissible pair, block by
    block, and each row's ``per_row`` most violating pairs with their scores."""
    worst = 0.0
    rows: list[IndexArray] = []
    cols: list[IndexArray] = []
    scores: list[FloatArray] = []
    threshold = TOLERANCE * unmatched
    for start, stop, ok, score in blocks:
        reduced = row_dual[start:stop, None] + mentor_dual[None, :] - (max_score - score)
        reduced[~ok] = -np.inf
        block_worst = float(reduced.max(initial=-np.inf))
        worst = max(worst, block_worst)
        if block_worst <= threshold:
            continue
        # Only rows with a violation are ranked: late rounds have few of them.
        bad = np.flatnonzero(reduced.max(axis=1) > threshold)
        reduced_bad = reduced[bad]
        if reduced.shape[1] > per_row:
            top = np.argpartition(-reduced_bad, per_row - 1, axis=1)[:, :per_row]
        else:
            top = np.broadcast_to(np.arange(reduced.shape[1]), reduced_bad.shape)
        block_rows = np.repeat(bad, top.shape[1])
        block_cols = top.reshape(-1)
        violated = reduced[block_rows, block_cols] > threshold
        block_rows, block_cols = block_rows[violated], block_cols[violated]
        rows.append(block_rows.astype(np.int64) + start)
        cols.append(block_cols.astype(np.int64))
        scores.append(score[block_rows, block_cols])
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return worst, empty, empty.copy(), np.zeros(0)
    return worst, np.concatenate(rows), np.concatenate(cols), np.concatenate(scores)


def certify(
    scorer: Scorer,
    capacity: npt.NDArray[np.int64],
    max_score: float,
    mentor_of: IndexArray | None = None,
    k: int = CANDIDATES_PER_ROW,
    blocks: Blocks | None = None,
    complete: tuple[IndexArray, IndexArray, FloatArray] | None = None,
) -> tuple[IndexArray, Certificate | None]:
    """Solve sparse-first (or take ``mentor_of`` from another solver) and certify it.

    Returns each row's mentor (-1 unmatched) and the certificate, or None for the
    certificate when the sparse rounds ran out (the caller then falls back to dense).
    """
    n_rows = scorer.n_rows
    unmatched, big = unmatched_cost(max_score, min(n_rows, int(capacity.sum())))
    if complete is not None:
        return _certify_complete(scorer, capacity, max_score, complete, unmatched, big)
    blocks = blocks or Blocks(scorer)
    # Another solver's assignment needs no spread of candidates: only duals are derived.
    rows, cols, scores = candidate_edges(blocks, k, 0 if mentor_of is not None else RANDOM_PER_ROW)
    if mentor_of is not None:
        own = np.flatnonzero(mentor_of >= 0)
        if len(own):
            _, own_scores = scorer.pair_parts(mentor_of[own], own)
            rows = np.concatenate([rows, own])
            cols = np.concatenate([cols, mentor_of[own]])
            scores = np.concatenate([scores, own_scores])
    rows, cols, scores = _unique_edges(rows, cols, scores, scorer.n_cols)
    # Another solver's assignment is kept unless the duals show it is not optimal.
    external = mentor_of is not None
    solve_needed = not external
    for round_number in range(1, MAX_ROUNDS + 1):
        if solve_needed or mentor_of is None:
            mentor_of = solve_edges(n_rows, capacity, rows, cols, scores, max_score, big)
        costs = max_score - scores
        duals = duals_from(n_rows, capacity, rows, cols, costs, mentor_of, unmatched)
        if duals is None:
            solve_needed, external = True, False
            continue
        row_dual, mentor_dual = duals
        worst, add_rows, add_cols, add_scores = check_all(
            blocks, row_dual, mentor_dual, max_score, unmatched
        )
        violation = max(worst, 0.0) / unmatched
        if violation <= TOLERANCE:
            matched = np.flatnonzero(mentor_of >= 0)
            primal = float((max_score - scorer.pair_parts(mentor_of[matched], matched)[1]).sum())
            primal += unmatched * (n_rows - len(matched))
            dual = float(row_dual.sum() + (capacity * mentor_dual).sum())
            gap = abs(primal - dual) / max(1.0, abs(primal))
            certificate = Certificate(
                row_dual=row_dual,
                mentor_dual=mentor_dual,
                unmatched_cost=unmatched,
                violation=violation,
                gap=gap,
                rounds=round_number,
                candidate_pairs=len(rows),
            )
            return mentor_of, certificate
        rows, cols, scores = _unique_edges(
            np.concatenate([rows, add_rows]),
            np.concatenate([cols, add_cols]),
            np.concatenate([scores, add_scores]),
            scorer.n_cols,
        )
        solve_needed = not external
    if mentor_of is None:
        mentor_of = np.full(n_rows, -1, dtype=np.int64)
    return mentor_of, None


def _certify_complete(
    scorer: Scorer,
    capacity: npt.NDArray[np.int64],
    max_score: float,
    complete: tuple[IndexArray, IndexArray, FloatArray],
    unmatched: float,
    big: float,
) -> tuple[IndexArray, Certificate | None]:
    """Solve on every admissible pair at once (sparse programs) and certify on those pairs:
    they are all there is, so no block pass over the full problem is needed."""
    n_rows = scorer.n_rows
    rows, cols, scores = complete
    mentor_of = solve_edges(n_rows, capacity, rows, cols, scores, max_score, big)
    costs = max_score - scores
    duals = duals_from(n_rows, capacity, rows, cols, costs, mentor_of, unmatched)
    if duals is None:
        return mentor_of, None
    row_dual, mentor_dual = duals
    reduced = row_dual[rows] + mentor_dual[cols] - costs
    violation = max(float(reduced.max(initial=0.0)), 0.0) / unmatched
    matched = np.flatnonzero(mentor_of >= 0)
    primal = float((max_score - scorer.pair_parts(mentor_of[matched], matched)[1]).sum())
    primal += unmatched * (n_rows - len(matched))
    dual = float(row_dual.sum() + (capacity * mentor_dual).sum())
    return mentor_of, Certificate(
        row_dual=row_dual,
        mentor_dual=mentor_dual,
        unmatched_cost=unmatched,
        violation=violation,
        gap=abs(primal - dual) / max(1.0, abs(primal)),
        rounds=1,
        candidate_pairs=len(rows),
    )
