"""Exact, sparse-first assignment with a dual certificate of optimality.

The assignment LP (rows = adepts, mentors with ``capacity`` seats, each row may stay
unmatched at cost ``U``) has the dual: maximise ``sum(u) + sum(capacity * v)`` subject to
``u[i] + v[m] <= c[i, m]`` for every admissible pair, ``u[i] <= U`` and ``v[m] <= 0``.
A primal assignment and a dual solution with equal objectives prove each other optimal;
a dual that is feasible on *every* admissible pair therefore certifies the assignment
against the full problem, though it was solved on a small candidate graph.

Steps: solve on each adept's best ``k`` admissible mentors (``candidate_edges``) with
shortest augmenting paths that return the duals with the assignment (``augment``);
compute every admissible pair's reduced cost block by block (``check_all``); if some
pair violates dual feasibility, add those pairs and repair the same solution warm (only
the rows whose duals broke are augmented again). Another solver's assignment gets its
duals from shortest paths over mentors instead (``duals_from``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from numba import njit, prange

from .augment import WarmAssignment
from .kernels import masked_block
from .passes import column_top, flatten, floored
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

#: Each mentor's best adepts in the first candidate graph (demand seen from the other side).
CANDIDATES_PER_MENTOR = 16

#: Rows and columns sampled to estimate each one's k-th best score in large programs.
SAMPLE = 256

#: Scores of whole-number weights are whole hundredths (parts are rounded to hundredths).
GRID = 100.0

#: Most violated pairs per adept added in one round.
ADDED_PER_ROW = 64

#: Scores are kept between passes when they fit in this many bytes (else recomputed): as
#: float64 while they fit, else as float32 with a proven error bound (10,000 a side: 400 MB).
CACHE_BYTES = 512 * 1024**2

#: float32 rounds to nearest: |float32(s) - s| <= 2**-24 |s|; twice that is the margin used.
FLOAT32_ERROR = 2.0**-23


class Blocks:
    """The scorer's row blocks as *masked* scores (-inf where a pair is not admissible).

    Computed once and kept while they fit ``CACHE_BYTES``: float64 when that fits, else
    float32, whose rounding error is at most ``error`` (every use adds or subtracts it, so
    the certificate stays a proof). Exact scores of chosen pairs always come from the scorer.
    """

    def __init__(self, scorer: Scorer, budget: int | None = None) -> None:
        budget = CACHE_BYTES if budget is None else budget
        self.scorer = scorer
        self._costs: tuple[FloatArray, IndexArray, Any] | None = None
        self.cached: list[tuple[int, int, npt.NDArray[np.floating]]] | None = None
        self.error = 0.0
        #: The whole cached matrix, when one compiled pass filled it (blocks are its views).
        self.matrix: npt.NDArray[np.floating] | None = None
        cells = scorer.n_rows * scorer.n_cols
        if cells * 4 > budget:
            return
        dtype = np.float64 if cells * 8 <= budget else np.float32
        if dtype is np.float32:
            self.error = FLOAT32_ERROR * _max_weight_sum(scorer)
        matrix = np.empty((scorer.n_rows, scorer.n_cols), dtype=dtype)
        if masked_block(scorer, 0, scorer.n_rows, out=matrix) is not None:
            self.matrix = matrix
            self.cached = [(start, stop, matrix[start:stop]) for start, stop in scorer.blocks()]
        else:
            self.cached = [
                (start, stop, self._masked(start, stop).astype(dtype, copy=False))
                for start, stop in scorer.blocks()
            ]

    @property
    def exact(self) -> bool:
        return self.error == 0.0

    @property
    def levels_kept(self) -> bool:
        """Whether distinct scores stay distinct in the cache (always true for float64;
        for float32 when weights are whole numbers, so scores are whole hundredths, and
        float32's spacing at the top score is far below a hundredth)."""
        if self.exact:
            return True
        weights = np.asarray(self.scorer.weights)
        whole = bool(np.all(weights == np.rint(weights)))
        return whole and _max_weight_sum(self.scorer) * 2.0**-22 < 0.5 / GRID

    def with_floor(self, scorer: Scorer, floor: float) -> Blocks:
        """The same cache restricted to pairs scoring at least ``floor`` (an actual score),
        for ``scorer`` (the same people with ``min_score=floor``). Exact with float32 too:
        rounding is monotone, so float32(s) >= float32(floor) exactly when s >= floor once
        ``floor`` is the least score that rounds to float32(floor) (``bottleneck_threshold``
        returns such a score)."""
        view = Blocks.__new__(Blocks)
        view.scorer = scorer
        view._costs = None
        view.error = self.error
        view.cached = None
        view.matrix = None
        level = np.float32(floor) if not self.exact else floor
        if self.matrix is not None:
            view.matrix = floored(self.matrix, level)
            view.cached = [
                (start, stop, view.matrix[start:stop]) for start, stop in scorer.blocks()
            ]
        elif self.cached is not None:
            view.cached = [
                (start, stop, np.where(masked >= level, masked, -np.inf).astype(masked.dtype))
                for start, stop, masked in self.cached
            ]
        return view

    def _masked(self, start: int, stop: int) -> FloatArray:
        fused = masked_block(self.scorer, start, stop)
        if fused is not None:
            return np.asarray(fused, dtype=np.float64)
        ok, score = self.scorer.block(start, stop)
        score[~ok] = -np.inf
        return score

    @classmethod
    def from_costs(
        cls, scorer: Scorer, cost: FloatArray, slot_start: IndexArray, encoding: object
    ) -> Blocks:
        """Blocks read from a solver's cost matrix (each mentor's first seat column):
        admissible where the cost is below "unmatched", score ``max - cost / scale``."""
        blocks = cls.__new__(cls)
        blocks.scorer = scorer
        blocks.cached = None
        blocks.matrix = None
        blocks.error = 0.0
        blocks._costs = (cost, slot_start, encoding)
        return blocks

    def masked(self) -> Iterator[tuple[int, int, npt.NDArray[np.floating]]]:
        """``(start, stop, score)`` per row block, ``-inf`` on pairs that are not admissible."""
        if self._costs is not None:
            cost, slot_start, encoding = self._costs
            uniform = np.array_equal(slot_start, np.arange(len(slot_start)))
            for start, stop in self.scorer.blocks():
                if uniform:
                    part = cost[start:stop, : len(slot_start)]
                else:
                    part = cost[start:stop][:, slot_start]
                score = encoding.max_score - part / encoding.scale
                score[part >= encoding.unmatched] = -np.inf
                yield start, stop, score
            return
        if self.cached is not None:
            yield from self.cached
            return
        for start, stop in self.scorer.blocks():
            yield start, stop, self._masked(start, stop)

    def parts(self) -> Iterator[tuple[int, int, npt.NDArray[np.floating]]]:
        """The whole cached matrix as one part when there is one (compiled passes run its
        rows on every core), else the blocks."""
        if self.matrix is not None:
            yield 0, self.scorer.n_rows, self.matrix
        else:
            yield from self.masked()

    def __iter__(
        self,
    ) -> Iterator[tuple[int, int, npt.NDArray[np.bool_], npt.NDArray[np.floating]]]:
        """``(start, stop, admissible, score)`` per row block (scores possibly float32)."""
        for start, stop, score in self.masked():
            yield start, stop, score > -np.inf, score

    def exact_scores(
        self, rows: IndexArray, cols: IndexArray, approximate: npt.NDArray[np.floating]
    ) -> FloatArray:
        """The exact scores of listed pairs (recomputed when the cache holds float32)."""
        if self.exact:
            return np.asarray(approximate, dtype=np.float64)
        return self.scorer.pair_scores(cols, rows)


def _max_weight_sum(scorer: Scorer) -> float:
    return float(sum(abs(weight) for weight in scorer.weights))


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
    blocks: Blocks, k: int, extra: int = RANDOM_PER_ROW, per_mentor: int = 0
) -> tuple[IndexArray, IndexArray, FloatArray]:
    """Each row's ``k`` best admissible columns, up to ``extra`` random admissible ones
    (every admissible one when it has fewer) and each column's ``per_mentor`` best rows;
    the random picks are seeded, so results repeat.
    Scores are exact (recomputed for these pairs when the cache holds float32)."""
    scorer = blocks.scorer
    rng = np.random.default_rng(0)
    rows: list[IndexArray] = []
    cols: list[IndexArray] = []
    scores: list[npt.NDArray[np.floating]] = []
    if min(scorer.n_rows, scorer.n_cols) > 4 * SAMPLE:
        return _candidate_edges_by_cutoff(blocks, k, extra, per_mentor)
    column_best = _ColumnBest(per_mentor, scorer.n_cols) if per_mentor else None
    for start, stop, masked in blocks.masked():
        height = stop - start
        if column_best is not None:
            column_best.add(start, masked)
        if scorer.n_cols > k + extra:
            chosen = np.argpartition(masked, scorer.n_cols - k, axis=1)[:, -k:]
            if extra:
                picks = rng.integers(0, scorer.n_cols, size=(height, extra))
                chosen = np.concatenate([chosen, picks], axis=1)
            block_rows = np.repeat(np.arange(height, dtype=np.int64), chosen.shape[1])
            block_cols = chosen.reshape(-1).astype(np.int64)
        else:
            block_rows, block_cols = np.nonzero(masked > -np.inf)
            block_rows = block_rows.astype(np.int64)
            block_cols = block_cols.astype(np.int64)
        found = masked[block_rows, block_cols]
        keep = found > -np.inf
        rows.append(block_rows[keep] + start)
        cols.append(block_cols[keep])
        scores.append(found[keep])
    if column_best is not None:
        best_rows, best_cols, best_scores = column_best.edges()
        rows.append(best_rows)
        cols.append(best_cols)
        scores.append(best_scores)
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), np.zeros(0)
    all_rows, all_cols, approximate = _unique_edges(
        np.concatenate(rows), np.concatenate(cols), np.concatenate(scores), scorer.n_cols
    )
    return all_rows, all_cols, blocks.exact_scores(all_rows, all_cols, approximate)


def _sample_rows(blocks: Blocks, wanted: IndexArray) -> npt.NDArray[np.floating]:
    """The masked scores of the listed rows (sorted), from the cache or scored one by one."""
    if blocks.matrix is not None:
        return blocks.matrix[wanted]
    if blocks.cached is None:
        return np.concatenate([blocks._masked(int(row), int(row) + 1) for row in wanted])
    parts = []
    for start, stop, masked in blocks.cached:
        inside = wanted[(wanted >= start) & (wanted < stop)]
        parts.append(masked[inside - start])
    return np.concatenate(parts)


def _cutoffs(sample: npt.NDArray[np.floating], rank: int, axis: int) -> FloatArray:
    """The ``rank``-th largest value along ``axis`` (-inf where fewer are admissible)."""
    size = sample.shape[axis]
    rank = min(max(rank, 1), size)
    return np.asarray(np.partition(sample, size - rank, axis=axis).take(size - rank, axis=axis))


def _candidate_edges_by_cutoff(
    blocks: Blocks, k: int, extra: int, per_mentor: int
) -> tuple[IndexArray, IndexArray, FloatArray]:
    """``candidate_edges`` for large programs: instead of ranking every row and column,
    each row keeps the columns at or above its estimated ``k``-th best score (estimated on
    ``SAMPLE`` evenly spread columns; at most ``4 k`` kept, ties by column) and each column
    the rows strictly above its estimated ``per_mentor``-th best (``SAMPLE`` rows). One
    comparison per cell instead of two partial sorts; the certificate makes up for misses.
    """
    scorer = blocks.scorer
    n_rows, n_cols = scorer.n_rows, scorer.n_cols
    rng = np.random.default_rng(0)
    sample_cols = np.unique(np.linspace(0, n_cols - 1, SAMPLE).astype(np.int64))
    row_rank = int(np.ceil(k * len(sample_cols) / n_cols))
    column_cut = np.full(n_cols, np.inf)
    if per_mentor:
        sample_rows = np.unique(np.linspace(0, n_rows - 1, SAMPLE).astype(np.int64))
        column_rank = int(np.ceil(per_mentor * len(sample_rows) / n_rows))
        # Each column's sampled scores as one contiguous row: partitions along rows are fast.
        column_cut = _cutoffs(
            np.ascontiguousarray(_sample_rows(blocks, sample_rows).T), column_rank, 1
        )
        # Never "above -inf" alone: a column with few admissible rows is covered by rows.
        column_cut[column_cut == -np.inf] = np.inf
    cap = 4 * k
    rows: list[IndexArray] = []
    cols: list[IndexArray] = []
    scores: list[npt.NDArray[np.floating]] = []
    for start, stop, masked in blocks.parts():
        picks = np.sort(rng.integers(0, n_cols, size=(stop - start, extra)), axis=1)
        found_rows, found_cols, found = _select(
            masked, sample_cols, row_rank, column_cut, cap, picks
        )
        rows.append(found_rows + start)
        cols.append(found_cols)
        scores.append(found)
    if per_mentor:
        # Mentors the sampled cut-offs missed (few admissible adepts, none sampled) would
        # sit alone in the first graph: they get their best adepts from one more pass.
        degree = np.bincount(np.concatenate(cols), minlength=n_cols)
        few = np.flatnonzero(degree < max(per_mentor // 4, 1))
        if len(few):
            extra_rows, extra_cols, extra_scores = _column_best(blocks, few, per_mentor)
            rows.append(extra_rows)
            cols.append(extra_cols)
            scores.append(extra_scores)
    all_rows, all_cols, approximate = (
        np.concatenate(rows),
        np.concatenate(cols),
        np.concatenate(scores),
    )
    if len(rows) > 1:
        # The blocks' triples are sorted by row and column, without repeats; extras are not.
        all_rows, all_cols, approximate = _unique_edges(all_rows, all_cols, approximate, n_cols)
    return all_rows, all_cols, blocks.exact_scores(all_rows, all_cols, approximate)


#: Candidates a row keeps in the compiled pass before it is passed again with room for all.
SELECT_ROOM = 128


def _select(
    masked: npt.NDArray[np.floating],
    sample_cols: IndexArray,
    row_rank: int,
    column_cut: FloatArray,
    cap: int,
    picks: IndexArray,
    room: int = SELECT_ROOM,
) -> tuple[IndexArray, IndexArray, npt.NDArray[np.floating]]:
    """``_cutoff_select`` over a block: its (row, column, value) triples sorted by row and
    column, rows with more than ``room`` of them passed again with room for all."""
    room = min(room, masked.shape[1])
    chosen, values, counts = _cutoff_select(
        masked, sample_cols, row_rank, column_cut, cap, picks, room
    )
    kept = np.minimum(counts, room)
    inside = np.arange(room)[None, :] < kept[:, None]
    found_rows = np.repeat(np.arange(len(counts), dtype=np.int64), kept)
    found_cols, found = chosen[inside], values[inside]
    over = np.flatnonzero(counts > room)
    if len(over):
        # Rows above many columns' cut-offs: passed again with room for all they have.
        again_cols, again_values, again_counts = _cutoff_select(
            masked[over], sample_cols, row_rank, column_cut, cap, picks[over], int(counts.max())
        )
        again = np.arange(again_cols.shape[1])[None, :] < again_counts[:, None]
        keep = ~np.isin(found_rows, over)
        found_rows = np.concatenate([found_rows[keep], np.repeat(over, again_counts)])
        found_cols = np.concatenate([found_cols[keep], again_cols[again]])
        found = np.concatenate([found[keep], again_values[again]])
        order = np.argsort(found_rows, kind="stable")
        found_rows, found_cols, found = found_rows[order], found_cols[order], found[order]
    return found_rows, found_cols, found


@njit(cache=True, parallel=True)
def _cutoff_select(masked, sample_cols, row_rank, column_cut, cap, picks, room):
    """Per row, in one pass and in column order, every admissible column that is at or
    above the row's ``row_rank``-th best score among ``sample_cols`` (the first ``cap`` of
    those), above the column's ``column_cut``, or among the row's sorted ``picks``. Rows
    run on every core; each keeps up to ``room`` (columns, values) and counts them all."""
    height, width = masked.shape
    chosen = np.empty((height, room), dtype=np.int64)
    values = np.empty((height, room), dtype=masked.dtype)
    counts = np.zeros(height, dtype=np.int64)
    n_picks = picks.shape[1]
    for i in prange(height):
        # The row_rank-th largest sampled score: a short sorted list of the best so far.
        best = np.full(row_rank, -np.inf)
        for position in range(len(sample_cols)):
            value = masked[i, sample_cols[position]]
            if value > best[0]:
                slot = 0
                while slot + 1 < row_rank and best[slot + 1] < value:
                    best[slot] = best[slot + 1]
                    slot += 1
                best[slot] = value
        # Never "at or above -inf": with fewer sampled scores every admissible one counts.
        cut = max(best[0], -np.finfo(np.float64).max)
        hits = 0
        taken = 0
        pick = 0
        next_pick = picks[i, 0] if n_picks else -1
        # Few cells are taken, so each test below is rarely true (no -inf test per cell:
        # -inf is never above a cut-off).
        for j in range(width):
            value = masked[i, j]
            take = value > column_cut[j]
            if value >= cut:
                hits += 1
                take = take or hits <= cap
            if j == next_pick:
                take = take or value > -np.inf
                while pick < n_picks and picks[i, pick] == j:
                    pick += 1
                next_pick = picks[i, pick] if pick < n_picks else -1
            if take:
                if taken < room:
                    chosen[i, taken] = j
                    values[i, taken] = value
                taken += 1
        counts[i] = taken
    return chosen, values, counts


def _column_best(
    blocks: Blocks, columns: IndexArray, k: int
) -> tuple[IndexArray, IndexArray, npt.NDArray[np.floating]]:
    """The ``k`` best admissible rows of each listed column (ties by row)."""
    if blocks.matrix is not None:
        top_rows, top_values = column_top(blocks.matrix, columns, k)
        found = top_rows >= 0
        top_cols = np.broadcast_to(columns[:, None], top_rows.shape)
        return top_rows[found], top_cols[found].astype(np.int64), top_values[found]
    rows: list[IndexArray] = []
    cols: list[IndexArray] = []
    values: list[npt.NDArray[np.floating]] = []
    for start, _stop, masked in blocks.masked():
        part = masked[:, columns]
        found_rows, found_cols = np.nonzero(part > -np.inf)
        rows.append(found_rows.astype(np.int64) + start)
        cols.append(columns[found_cols])
        values.append(part[found_rows, found_cols])
    all_rows, all_cols = np.concatenate(rows), np.concatenate(cols)
    all_values = np.concatenate(values)
    order = np.lexsort((all_rows, -all_values.astype(np.float64), all_cols))
    all_rows, all_cols, all_values = all_rows[order], all_cols[order], all_values[order]
    first = np.searchsorted(all_cols, all_cols, side="left")
    keep = (np.arange(len(all_cols)) - first) < k
    return all_rows[keep], all_cols[keep], all_values[keep]


class _ColumnBest:
    """Each column's ``k`` best rows so far, merged block by block."""

    def __init__(self, k: int, n_cols: int) -> None:
        self.k = k
        self.values = np.full((0, n_cols), -np.inf)
        self.rows = np.zeros((0, n_cols), dtype=np.int64)

    def add(self, start: int, masked: npt.NDArray[np.floating]) -> None:
        height = masked.shape[0]
        if height > self.k:
            found = np.argpartition(masked, height - self.k, axis=0)[-self.k :]
        else:
            found = np.broadcast_to(np.arange(height)[:, None], masked.shape)
        values = np.concatenate([self.values, np.take_along_axis(masked, found, axis=0)])
        rows = np.concatenate([self.rows, found + start])
        if len(values) > self.k:
            keep = np.argpartition(values, len(values) - self.k, axis=0)[-self.k :]
            values = np.take_along_axis(values, keep, axis=0)
            rows = np.take_along_axis(rows, keep, axis=0)
        self.values, self.rows = values, rows

    def edges(self) -> tuple[IndexArray, IndexArray, npt.NDArray[np.floating]]:
        found = self.values > -np.inf
        cols = np.broadcast_to(np.arange(self.values.shape[1]), self.values.shape)
        return self.rows[found].astype(np.int64), cols[found].astype(np.int64), self.values[found]


def _unique_edges(
    rows: IndexArray, cols: IndexArray, scores: npt.NDArray[Any], n_cols: int
) -> tuple[IndexArray, IndexArray, npt.NDArray[Any]]:
    keys = rows * max(n_cols, 1) + cols
    _, first = np.unique(keys, return_index=True)
    return rows[first], cols[first], scores[first]


def _shortest_from_root(
    n_nodes: int, root: int, src: IndexArray, dst: IndexArray, weight: FloatArray
) -> FloatArray | None:
    """Shortest distances from ``root`` over edges that may be negative; None on a negative
    cycle. Label-correcting by frontier: each round relaxes only the edges leaving nodes
    whose distance just fell, so the work follows the changes, not the whole edge list.
    """
    order = np.argsort(src, kind="stable")
    src, dst, weight = src[order], dst[order], weight[order]
    indptr = np.searchsorted(src, np.arange(n_nodes + 1))
    distance = np.full(n_nodes, np.inf)
    distance[root] = 0.0
    frontier = np.asarray([root], dtype=np.int64)
    for _ in range(n_nodes + 1):
        first = indptr[frontier]
        counts = indptr[frontier + 1] - first
        total = int(counts.sum())
        if total == 0:
            return distance
        edges = np.repeat(first - (np.cumsum(counts) - counts), counts) + np.arange(total)
        heads = dst[edges]
        offer = distance[src[edges]] + weight[edges]
        best = np.full(n_nodes, np.inf)
        np.minimum.at(best, heads, offer)
        # A relative margin keeps rounding noise from relaxing forever.
        improved = best < distance - 1e-12 * np.maximum(1.0, np.abs(best))
        if not improved.any():
            return distance
        distance[improved] = best[improved]
        frontier = np.flatnonzero(improved)
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


@njit(cache=True, parallel=True)
def _block_violations(masked, shift, mentor_dual, flag, per_row):
    """The largest ``(score + v) + (u - max_score)`` of a block (numpy's order of sums) and
    the first ``per_row`` cells of each row above ``flag``, in one pass without temporaries;
    rows run on every core, each into its own slots."""
    height, width = masked.shape
    row_worst = np.full(height, -np.inf)
    taken = np.zeros(height, dtype=np.int64)
    slots = np.empty((height, per_row), dtype=np.int64)
    for i in prange(height):
        row_shift = shift[i]
        worst = -np.inf
        count = 0
        for j in range(width):
            reduced = (masked[i, j] + mentor_dual[j]) + row_shift
            if reduced > worst:
                worst = reduced
            if reduced > flag and count < per_row:
                slots[i, count] = j
                count += 1
        row_worst[i] = worst
        taken[i] = count
    rows, cols = flatten(slots, taken)
    return (row_worst.max() if height else -np.inf), rows, cols


def check_all(
    blocks: Blocks,
    row_dual: FloatArray,
    mentor_dual: FloatArray,
    max_score: float,
    unmatched: float,
    per_row: int = ADDED_PER_ROW,
) -> tuple[float, IndexArray, IndexArray, FloatArray]:
    """Largest reduced-cost violation ``u + v - c`` over every admissible pair, block by
    block, and up to ``per_row`` violating pairs of each row with their exact scores.

    With a float32 cache the largest violation is raised by the cache's error bound and
    pairs within that bound of the tolerance are added too, so nothing is waved through.
    """
    worst = -np.inf
    rows: list[IndexArray] = []
    cols: list[IndexArray] = []
    threshold = TOLERANCE * unmatched
    flag = threshold - blocks.error
    shift = row_dual - max_score
    for start, stop, masked in blocks.parts():
        # Only violating pairs leave the compiled pass, up to ``per_row`` per row in column
        # order (any violators do: the next solve and check sort out the rest).
        block_worst, found_rows, found_cols = _block_violations(
            masked, shift[start:stop], mentor_dual, flag, per_row
        )
        worst = max(worst, block_worst)
        if len(found_rows):
            rows.append(found_rows + start)
            cols.append(found_cols)
    worst = max(worst + blocks.error, 0.0) if worst > -np.inf else 0.0
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return worst, empty, empty.copy(), np.zeros(0)
    all_rows, all_cols = np.concatenate(rows), np.concatenate(cols)
    return worst, all_rows, all_cols, _scores_of(blocks, all_rows, all_cols)


def _scores_of(blocks: Blocks, rows: IndexArray, cols: IndexArray) -> FloatArray:
    """Exact scores of listed admissible pairs."""
    return blocks.scorer.pair_scores(cols, rows)


class EdgeSolver:
    """``WarmAssignment`` on score edges: costs ``max_score - score``, in whole hundredths
    while every score is on that grid (integer arithmetic: the duals are exact), else as
    floats. The duals come back in score units, ready for the certificate."""

    def __init__(
        self, n_rows: int, capacity: npt.NDArray[np.int64], max_score: float, unmatched: float
    ) -> None:
        self.n_rows = n_rows
        self.capacity = capacity
        self.max_score = max_score
        self.unmatched = unmatched
        self.grid = _on_grid(np.asarray([max_score, unmatched]))
        self.warm: WarmAssignment | None = None

    def solve(
        self, rows: IndexArray, cols: IndexArray, scores: FloatArray
    ) -> tuple[IndexArray, FloatArray, FloatArray]:
        costs = self.max_score - np.asarray(scores, dtype=np.float64)
        if self.grid and not _on_grid(costs):
            self.grid, self.warm = False, None
        scale = GRID if self.grid else 1.0
        if self.warm is None:
            unmatched = float(np.rint(self.unmatched * GRID)) if self.grid else self.unmatched
            # Integer costs are exact; float ones allow rounding far inside the certificate's.
            tolerance = 0.25 if self.grid else 1e-3 * TOLERANCE * self.unmatched
            self.warm = WarmAssignment(self.n_rows, self.capacity, unmatched, tolerance)
        units = np.rint(costs * GRID) if self.grid else costs
        mentor_of, row_dual, mentor_dual = self.warm.solve(rows, cols, units)
        return mentor_of, row_dual / scale, mentor_dual / scale


def _on_grid(values: FloatArray) -> bool:
    """Whether every value is a whole number of hundredths (to far below a hundredth)."""
    steps = values * GRID
    return bool(np.all(np.abs(steps - np.rint(steps)) <= 1e-6))


def certify(
    scorer: Scorer,
    capacity: npt.NDArray[np.int64],
    max_score: float,
    mentor_of: IndexArray | None = None,
    k: int = CANDIDATES_PER_ROW,
    blocks: Blocks | None = None,
    complete: tuple[IndexArray, IndexArray, FloatArray] | None = None,
    seeds: tuple[IndexArray, IndexArray] | None = None,
) -> tuple[IndexArray, Certificate | None]:
    """Solve sparse-first (or take ``mentor_of`` from another solver) and certify it.

    ``seeds`` are admissible pairs that join the first candidate graph (fair mode's proof
    that the most pairs can be formed above its threshold, so the first solve pairs as
    many people as the full problem can).

    Returns each row's mentor (-1 unmatched) and the certificate, or None for the
    certificate when the sparse rounds ran out (the caller then falls back to dense).
    """
    n_rows = scorer.n_rows
    unmatched, _big = unmatched_cost(max_score, min(n_rows, int(capacity.sum())))
    if complete is not None:
        return _certify_complete(scorer, capacity, max_score, complete, unmatched)
    blocks = blocks or Blocks(scorer)
    if 4 * blocks.error > TOLERANCE * unmatched:
        # Too few people for the float32 bound to sit well inside the tolerance.
        blocks = Blocks(scorer, budget=0)
    # Another solver's assignment needs no spread of candidates: only duals are derived.
    # The graph also holds the other solver's own pairs, or the seeds.
    joined = [] if seeds is None else [seeds]
    if mentor_of is not None:
        rows, cols, scores = candidate_edges(blocks, k, 0)
        own = np.flatnonzero(mentor_of >= 0)
        joined.append((own, mentor_of[own]))
    else:
        rows, cols, scores = candidate_edges(blocks, k, RANDOM_PER_ROW, CANDIDATES_PER_MENTOR)
    for joined_rows, joined_cols in joined:
        rows = np.concatenate([rows, joined_rows])
        cols = np.concatenate([cols, joined_cols])
        scores = np.concatenate([scores, scorer.pair_scores(joined_cols, joined_rows)])
    rows, cols, scores = _unique_edges(rows, cols, scores, scorer.n_cols)
    # Another solver's assignment is kept unless the duals show it is not optimal.
    external = mentor_of is not None
    solver = EdgeSolver(n_rows, capacity, max_score, unmatched)
    for round_number in range(1, MAX_ROUNDS + 1):
        if external and mentor_of is not None:
            costs = max_score - scores
            duals = duals_from(n_rows, capacity, rows, cols, costs, mentor_of, unmatched)
            if duals is None:
                external = False
                continue
            row_dual, mentor_dual = duals
        else:
            # Warm after the first round: only rows whose duals broke are augmented again.
            mentor_of, row_dual, mentor_dual = solver.solve(rows, cols, scores)
        worst, add_rows, add_cols, add_scores = check_all(
            blocks, row_dual, mentor_dual, max_score, unmatched
        )
        violation = max(worst, 0.0) / unmatched
        if violation <= TOLERANCE:
            matched = np.flatnonzero(mentor_of >= 0)
            primal = float((max_score - scorer.pair_scores(mentor_of[matched], matched)).sum())
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
    if mentor_of is None:
        mentor_of = np.full(n_rows, -1, dtype=np.int64)
    return mentor_of, None


def _certify_complete(
    scorer: Scorer,
    capacity: npt.NDArray[np.int64],
    max_score: float,
    complete: tuple[IndexArray, IndexArray, FloatArray],
    unmatched: float,
) -> tuple[IndexArray, Certificate | None]:
    """Solve on every admissible pair at once (sparse programs) and certify on those pairs:
    they are all there is, so no block pass over the full problem is needed."""
    n_rows = scorer.n_rows
    rows, cols, scores = complete
    costs = max_score - scores
    mentor_of, row_dual, mentor_dual = EdgeSolver(n_rows, capacity, max_score, unmatched).solve(
        rows, cols, scores
    )
    reduced = row_dual[rows] + mentor_dual[cols] - costs
    violation = max(float(reduced.max(initial=0.0)), 0.0) / unmatched
    matched = np.flatnonzero(mentor_of >= 0)
    primal = float((max_score - scorer.pair_scores(mentor_of[matched], matched)).sum())
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
