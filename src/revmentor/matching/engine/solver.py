"""Assignment solvers: dense (lap.lapjv), rectangular (scipy) and sparse (scipy LAPJVsp).

All three maximise, in one assignment, first the number of pairs and then the total score:
every admissible pair earns ``BIG`` on top of its score, with ``BIG`` larger than any total
score a smaller matching could gain. A forbidden cell costs exactly what staying unmatched
costs, so it is never preferred to a dummy slot, and forbidden assignments are dropped
after solving.

lap's lapjv uses ``lap.LARGE`` (1e6) as its internal infinity; costs near it made it
return slightly suboptimal totals. Costs are therefore scaled by a power of two (exact)
so the largest one stays far below it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import lap
import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from numba import njit
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import maximum_bipartite_matching, min_weight_full_bipartite_matching

from .certify import Blocks, candidate_edges
from .passes import cells_equal, least_at_least, open_cells, row_and_column_max
from .scoring import FloatArray, IndexArray, Scorer

#: Largest cost handed to lapjv, far below lap.LARGE (1e6), its internal infinity.
LAPJV_COST_CEILING = 2.0**17

#: The dense solve never allocates a cost matrix above this (10,000 a side is 800 MB).
DENSE_LIMIT_BYTES = 2 * 1024**3

#: Below this density (admissible / all cells) programs use the sparse solver.
SPARSE_DENSITY = 0.2
SPARSE_MIN_CELLS = 250_000


#: Beyond this many admissible pairs the sparse path would not fit in memory either.
MAX_SPARSE_PAIRS = 40_000_000


@dataclass(frozen=True)
class Encoding:
    """Cost encoding: admissible ``(max_score - score) * scale``, unmatched ``unmatched``."""

    max_score: float
    big: float
    scale: float

    @property
    def unmatched(self) -> float:
        return (self.max_score + self.big) * self.scale

    @classmethod
    def for_problem(cls, max_score: float, max_pairs: int, ceiling: float) -> Encoding:
        big = (max_pairs + 1) * max_score + 1.0
        largest = max_score + big + 1.0
        exponent = 0 if largest <= ceiling else math.ceil(math.log2(largest / ceiling))
        return cls(max_score=max_score, big=big, scale=2.0**-exponent)


@dataclass(frozen=True)
class Slots:
    """Mentor columns replicated by remaining capacity; ``mentor[s]`` is slot ``s``'s mentor."""

    capacity: npt.NDArray[np.int64]
    mentor: IndexArray
    start: IndexArray

    @classmethod
    def from_capacity(cls, capacity: npt.NDArray[np.int64]) -> Slots:
        start = np.concatenate([[0], np.cumsum(capacity)[:-1]]).astype(np.int64)
        mentor = np.repeat(np.arange(len(capacity), dtype=np.int64), capacity)
        return cls(capacity=capacity, mentor=mentor, start=start)

    @property
    def n(self) -> int:
        return len(self.mentor)

    @property
    def uniform_one(self) -> bool:
        return bool(np.all(self.capacity == 1))

    def expand(self, rows: IndexArray, mentors: IndexArray) -> tuple[IndexArray, IndexArray]:
        """Repeat every (row, mentor) edge once per slot of that mentor."""
        repeats = self.capacity[mentors]
        slot_rows = np.repeat(rows, repeats)
        first = np.repeat(self.start[mentors], repeats)
        offset = np.arange(len(slot_rows)) - np.repeat(np.cumsum(repeats) - repeats, repeats)
        return slot_rows, first + offset


def estimate_density(scorer: Scorer, sample_rows: int = 256) -> float:
    if scorer.n_rows == 0 or scorer.n_cols == 0:
        return 0.0
    listed = format_candidates(scorer)
    if listed is not None:
        # An upper bound from the format rule alone, without scoring any pair.
        return len(listed[0]) / (scorer.n_rows * scorer.n_cols)
    rows = np.unique(np.linspace(0, scorer.n_rows - 1, min(sample_rows, scorer.n_rows)).astype(int))
    admissible = 0
    for row in _runs(rows):
        admissible += int(scorer.admissible_block(row[0], row[1]).sum())
    sampled_rows = sum(stop - start for start, stop in _runs(rows))
    return admissible / (sampled_rows * scorer.n_cols)


def _runs(rows: npt.NDArray[np.int64]) -> list[tuple[int, int]]:
    return [(int(row), int(row) + 1) for row in rows]


#: Pairs scored at once on the pair path (gathered feature rows stay a few tens of MB).
PAIR_CHUNK = 1 << 20


def format_candidates(scorer: Scorer) -> tuple[IndexArray, IndexArray] | None:
    """Every pair the meeting-format rule allows, without visiting the other pairs; None
    when that set is not much smaller than all pairs (or the rule is off).

    The rule allows a pair when neither is physical-only, or when both meet physically in
    the same known city (``physical_city`` keys never match across "unknown"). So the
    allowed pairs are "flexible x flexible" plus a join on the city of the physical-only
    side: a 100,000-a-side program of physical-only people in 1,000 cities has about ten
    million of them, against 10**10 cells.
    """
    if scorer.format_listing is None:
        scorer.format_listing = (_format_candidates(scorer),)
    listed: tuple[IndexArray, IndexArray] | None = scorer.format_listing[0]
    return listed


def _format_candidates(scorer: Scorer) -> tuple[IndexArray, IndexArray] | None:
    if not scorer.rules.format_compatibility or scorer.n_rows == 0 or scorer.n_cols == 0:
        return None
    mentors, adepts = scorer.mentors, scorer.adepts
    flexible_adepts = np.flatnonzero(~adepts.physical_only)
    flexible_mentors = np.flatnonzero(~mentors.physical_only)
    flexible = len(flexible_adepts) * len(flexible_mentors)
    if flexible > SPARSE_DENSITY * scorer.n_rows * scorer.n_cols or flexible > MAX_SPARSE_PAIRS:
        return None
    order = np.argsort(mentors.physical_city, kind="stable")
    keys = mentors.physical_city[order]
    po_order = order[mentors.physical_only[order]]
    po_keys = mentors.physical_city[po_order]
    rows: list[IndexArray] = []
    cols: list[IndexArray] = []
    total = flexible
    # Physical-only adepts: every mentor meeting physically in their city.
    # Other adepts: the physical-only mentors in their city (the rest is "flexible").
    for adept_set, sorted_keys, sorted_mentors in (
        (np.flatnonzero(adepts.physical_only), keys, order),
        (flexible_adepts, po_keys, po_order),
    ):
        city = adepts.physical_city[adept_set]
        low = np.searchsorted(sorted_keys, city, side="left")
        high = np.searchsorted(sorted_keys, city, side="right")
        counts = high - low
        total += int(counts.sum())
        if total > MAX_SPARSE_PAIRS:
            return None
        rows.append(np.repeat(adept_set, counts))
        offsets = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        cols.append(sorted_mentors[np.repeat(low, counts) + offsets])
    if flexible:
        rows.append(np.repeat(flexible_adepts, len(flexible_mentors)))
        cols.append(np.tile(flexible_mentors, len(flexible_adepts)))
    return np.concatenate(rows).astype(np.int64), np.concatenate(cols).astype(np.int64)


def _collect_listed(
    scorer: Scorer, rows: IndexArray, cols: IndexArray
) -> tuple[IndexArray, IndexArray, FloatArray]:
    """The admissible ones among listed pairs, with their scores, chunk by chunk."""
    kept_rows: list[IndexArray] = []
    kept_cols: list[IndexArray] = []
    kept_scores: list[FloatArray] = []
    for start in range(0, len(rows), PAIR_CHUNK):
        chunk_rows = rows[start : start + PAIR_CHUNK]
        chunk_cols = cols[start : start + PAIR_CHUNK]
        broken = np.logical_or.reduce(list(scorer.pair_violations(chunk_cols, chunk_rows).values()))
        chunk_rows, chunk_cols = chunk_rows[~broken], chunk_cols[~broken]
        chunk_scores = scorer.pair_scores(chunk_cols, chunk_rows)
        if scorer.min_score is not None:
            keep = chunk_scores >= scorer.min_score
            chunk_rows, chunk_cols, chunk_scores = (
                chunk_rows[keep],
                chunk_cols[keep],
                chunk_scores[keep],
            )
        kept_rows.append(chunk_rows)
        kept_cols.append(chunk_cols)
        kept_scores.append(chunk_scores)
    if not kept_rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), np.zeros(0)
    order_rows = np.concatenate(kept_rows)
    order_cols = np.concatenate(kept_cols)
    order = np.lexsort((order_cols, order_rows))
    return order_rows[order], order_cols[order], np.concatenate(kept_scores)[order]


def collect_pairs(scorer: Scorer) -> tuple[IndexArray, IndexArray, FloatArray]:
    """Every admissible (row, column, score), block by block, without a dense matrix
    (or, when the format rule leaves few pairs, from ``format_candidates`` alone)."""
    listed = format_candidates(scorer)
    if listed is not None:
        return _collect_listed(scorer, *listed)
    rows: list[IndexArray] = []
    cols: list[IndexArray] = []
    scores: list[FloatArray] = []
    for start, stop in scorer.blocks():
        ok = scorer.admissible_block(start, stop)
        block_rows, block_cols = np.nonzero(ok)
        if not len(block_rows):
            continue
        block_rows = block_rows.astype(np.int64) + start
        block_cols = block_cols.astype(np.int64)
        if len(block_rows) * 8 > ok.size:
            # Dense enough that scoring the whole block with BLAS beats gathering pairs.
            block_scores = scorer.score_block(start, stop)[block_rows - start, block_cols]
        else:
            _, block_scores = scorer.pair_parts(block_cols, block_rows)
        if scorer.min_score is not None:
            keep = block_scores >= scorer.min_score
            block_rows, block_cols, block_scores = (
                block_rows[keep],
                block_cols[keep],
                block_scores[keep],
            )
        rows.append(block_rows)
        cols.append(block_cols)
        scores.append(block_scores)
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), np.zeros(0)
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(scores)


def max_cardinality(n_rows: int, slots: Slots, rows: IndexArray, mentors: IndexArray) -> int:
    """Largest number of pairs the admissible edges allow (Hopcroft-Karp)."""
    return int(np.count_nonzero(_matching(n_rows, slots, rows, mentors) >= 0))


#: Candidates per adept for the fair mode's feasibility checks.
FAIR_CANDIDATES_PER_ROW = 24


#: Pairs added per adept in one round of a cardinality check.
COVER_ADDED_PER_ROW = 16


@njit(cache=True)
def _alternating_reach(indptr, indices, mentor_of_row, n_mentors):
    """Rows and mentors reachable from unmatched rows by alternating paths (any edge from a
    row, then a matched pair back from a mentor). With a maximum matching, the rows outside
    and the mentors inside form a smallest vertex cover (Koenig), weighted by capacity."""
    n_rows = len(mentor_of_row)
    start = np.zeros(n_mentors + 1, dtype=np.int64)
    for i in range(n_rows):
        if mentor_of_row[i] >= 0:
            start[mentor_of_row[i] + 1] += 1
    for m in range(n_mentors):
        start[m + 1] += start[m]
    fill = start[:-1].copy()
    matched = np.empty(max(start[n_mentors], 1), dtype=np.int64)
    for i in range(n_rows):
        m = mentor_of_row[i]
        if m >= 0:
            matched[fill[m]] = i
            fill[m] += 1
    row_in = np.zeros(n_rows, dtype=np.bool_)
    mentor_in = np.zeros(n_mentors, dtype=np.bool_)
    queue = np.empty(n_rows, dtype=np.int64)
    size = 0
    for i in range(n_rows):
        if mentor_of_row[i] < 0:
            row_in[i] = True
            queue[size] = i
            size += 1
    position = 0
    while position < size:
        i = queue[position]
        position += 1
        for e in range(indptr[i], indptr[i + 1]):
            m = indices[e]
            if mentor_in[m]:
                continue
            mentor_in[m] = True
            for j in range(start[m], start[m + 1]):
                k = matched[j]
                if not row_in[k]:
                    row_in[k] = True
                    queue[size] = k
                    size += 1
    return row_in, mentor_in


class _Cardinality:
    """Largest pair counts among pairs scoring at least a level, without listing every pair.

    A pool of pairs (the candidates, then whatever is added) is matched at the level; a
    maximum matching there gives a vertex cover (``_alternating_reach``). If no pair of
    the full problem at the level escapes the cover, the count is proven the largest
    possible; otherwise the escaping pairs (found in one pass over the cached scores, only
    across uncovered adepts and mentors) join the pool and the level is matched again.
    """

    def __init__(
        self,
        blocks: Blocks,
        slots: Slots,
        rows: IndexArray,
        mentors: IndexArray,
        levels: FloatArray,
    ):
        self.blocks = blocks
        self.slots = slots
        self.rows = rows
        self.mentors = mentors
        self.levels = levels

    def at_least(self, level: float | np.floating, target: int) -> int:
        """The largest pair count at ``level`` (or any count >= ``target``, once reached)."""
        n_rows, n_mentors = self.blocks.scorer.n_rows, self.blocks.scorer.n_cols
        while True:
            keep = self.levels >= level
            rows, mentors = self.rows[keep], self.mentors[keep]
            mentor_of_row = _matching(n_rows, self.slots, rows, mentors)
            size = int(np.count_nonzero(mentor_of_row >= 0))
            if size >= target:
                return size
            order = np.argsort(rows, kind="stable")
            indptr = np.searchsorted(rows[order], np.arange(n_rows + 1)).astype(np.int64)
            row_in, mentor_in = _alternating_reach(indptr, mentors[order], mentor_of_row, n_mentors)
            added = self._escaping(level, row_in, ~mentor_in)
            if added is None:
                return size
            self.rows = np.concatenate([self.rows, added[0]])
            self.mentors = np.concatenate([self.mentors, added[1]])
            self.levels = np.concatenate([self.levels, added[2]])

    def _escaping(
        self,
        level: float | np.floating,
        rows_open: npt.NDArray[np.bool_],
        mentors_open: npt.NDArray[np.bool_],
    ) -> tuple[IndexArray, IndexArray, FloatArray] | None:
        open_mentors = np.flatnonzero(mentors_open)
        if not len(open_mentors):
            return None
        found_rows: list[IndexArray] = []
        found_cols: list[IndexArray] = []
        found_levels: list[FloatArray] = []
        for start, stop, masked in self.blocks.parts():
            open_rows = np.flatnonzero(rows_open[start:stop])
            if not len(open_rows):
                continue
            # The first pairs of each open row at or above the level, among open mentors.
            hit_rows, hit_cols = open_cells(
                masked, open_rows, open_mentors, level, COVER_ADDED_PER_ROW
            )
            found_rows.append(open_rows[hit_rows] + start)
            found_cols.append(open_mentors[hit_cols])
            found_levels.append(
                masked[open_rows[hit_rows], open_mentors[hit_cols]].astype(np.float64)
            )
        if not found_rows or not sum(len(found) for found in found_rows):
            return None
        return np.concatenate(found_rows), np.concatenate(found_cols), np.concatenate(found_levels)


def _matching(n_rows: int, slots: Slots, rows: IndexArray, mentors: IndexArray) -> IndexArray:
    """A maximum matching (Hopcroft-Karp over seats): each row's mentor, or -1."""
    mentor_of_row = np.full(n_rows, -1, dtype=np.int64)
    if n_rows == 0 or slots.n == 0 or len(rows) == 0:
        return mentor_of_row
    # One seat each: seats are mentors. The graph is built as CSR directly (rows in order).
    slot_rows, slot_cols = (rows, mentors) if slots.uniform_one else slots.expand(rows, mentors)
    if np.any(slot_rows[1:] < slot_rows[:-1]):
        order = np.argsort(slot_rows, kind="stable")
        slot_rows, slot_cols = slot_rows[order], slot_cols[order]
    indptr = np.searchsorted(slot_rows, np.arange(n_rows + 1))
    graph = sp.csr_matrix(
        (np.ones(len(slot_rows), dtype=np.int8), slot_cols, indptr), shape=(n_rows, slots.n)
    )
    matched = maximum_bipartite_matching(graph, perm_type="column")
    paired = matched >= 0
    mentor_of_row[paired] = slots.mentor[matched[paired]]
    return mentor_of_row


@dataclass(frozen=True)
class FairLevel:
    """The fair threshold and pairs at or above it on which the most pairs can be formed
    (the search's proof, which seeds the first candidate graph of the solve that follows)."""

    threshold: float
    rows: IndexArray
    mentors: IndexArray


def bottleneck_threshold(scorer: Scorer, slots: Slots, blocks: Blocks) -> float | None:
    """Highest score t such that pairs scoring at least t still allow the maximum pair
    count (``fair_level`` without its proof)."""
    found = fair_level(scorer, slots, blocks)
    return None if found is None else found.threshold


def fair_level(scorer: Scorer, slots: Slots, blocks: Blocks) -> FairLevel | None:
    """Highest score t such that pairs scoring at least t still allow the maximum pair count.

    A binary search over the sorted distinct (cached) scores, on the normal path's cache, so
    memory stays within its budget. Each step checks a sparse graph (every adept's best
    candidates and every mentor's best adepts at or above t): a matching there is a
    matching in the full graph, so reaching the maximum proves t feasible. When it falls
    short, its vertex cover is checked against every pair at or above t and the pairs
    that escape it are added (``_Cardinality``), so no step lists all pairs. With a float32
    cache the levels are float32 values (``Blocks.levels_kept`` says they stay distinct);
    the result is the least actual score at the chosen level, so it is an actual score.
    """
    distinct: list[npt.NDArray[np.floating]] = []
    row_best = np.full(scorer.n_rows, -np.inf)
    mentor_best = np.full(scorer.n_cols, -np.inf)
    grid = _grid_levels(scorer)
    for start, stop, masked in blocks.parts():
        row_best[start:stop], part_best = row_and_column_max(masked)
        np.maximum(mentor_best, part_best, out=mentor_best)
        if grid is None:
            values = np.unique(masked)
            distinct.append(values[values > -np.inf])
    if not np.any(row_best > -np.inf):
        return None
    if grid is not None:
        thresholds = grid[(grid <= row_best.max())]
    else:
        thresholds = np.unique(np.concatenate(distinct))
    rows, mentors, _ = candidate_edges(blocks, FAIR_CANDIDATES_PER_ROW, 0, FAIR_CANDIDATES_PER_ROW)
    level_of = _cached_levels(blocks, rows, mentors)
    counts = _Cardinality(blocks, slots, rows, mentors, level_of)
    best = counts.at_least(thresholds[0], min(scorer.n_rows, slots.n))

    def possible(level: np.floating) -> bool:
        # Necessary: enough adepts and enough mentor seats with some pair at or above t.
        if np.count_nonzero(row_best >= level) < best:
            return False
        return int(slots.capacity[mentor_best >= level].sum()) >= best

    def proven_by_candidates(level: np.floating) -> bool:
        keep = level_of >= level
        return max_cardinality(scorer.n_rows, slots, rows[keep], mentors[keep]) == best

    def feasible(level: np.floating) -> bool:
        return counts.at_least(level, best) == best

    # Every predicate is monotone in the level, so three searches bracket the answer:
    # the highest level the degrees allow (an upper bound), the highest the candidate graph
    # proves (a lower bound), and only between the two the full checks over the cache.
    high = _last_true(possible, thresholds, 0, len(thresholds) - 1)
    low = _last_true(proven_by_candidates, thresholds, 0, high)
    low = _last_true(feasible, thresholds, low, high)
    level = thresholds[low]
    # The least cached score at or above the level, then the least actual score behind it.
    least = min(float(least_at_least(masked, level)) for _, _, masked in blocks.parts())
    proof = counts.levels >= level
    if blocks.exact:
        return FairLevel(least, counts.rows[proof], counts.mentors[proof])
    at_rows: list[IndexArray] = []
    at_cols: list[IndexArray] = []
    for start, _stop, masked in blocks.parts():
        found_rows, found_cols = cells_equal(masked, masked.dtype.type(least))
        at_rows.append(found_rows + start)
        at_cols.append(found_cols)
    exact = scorer.pair_scores(np.concatenate(at_cols), np.concatenate(at_rows))
    return FairLevel(float(exact.min()), counts.rows[proof], counts.mentors[proof])


def bottleneck_on_pairs(
    n_rows: int, slots: Slots, rows: IndexArray, mentors: IndexArray, scores: FloatArray
) -> float | None:
    """``bottleneck_threshold`` over a list of every admissible pair (thin programs): a
    binary search over the distinct scores, each step a Hopcroft-Karp count on the pairs
    at or above the level. The result is an actual score."""
    if not len(rows) or slots.n == 0:
        return None
    best = max_cardinality(n_rows, slots, rows, mentors)
    levels = np.unique(scores)
    row_best = np.full(n_rows, -np.inf)
    np.maximum.at(row_best, rows, scores)
    mentor_best = np.full(len(slots.capacity), -np.inf)
    np.maximum.at(mentor_best, mentors, scores)

    def possible(level: np.floating) -> bool:
        if np.count_nonzero(row_best >= level) < best:
            return False
        return int(slots.capacity[mentor_best >= level].sum()) >= best

    def feasible(level: np.floating) -> bool:
        keep = scores >= level
        return max_cardinality(n_rows, slots, rows[keep], mentors[keep]) == best

    high = _last_true(possible, levels, 0, len(levels) - 1)
    return float(levels[_last_true(feasible, levels, 0, high)])


#: Fair mode searches hundredths directly when there are at most this many of them.
MAX_GRID_LEVELS = 1_000_000


def _grid_levels(scorer: Scorer) -> FloatArray | None:
    """With whole-number weights every score is a whole number of hundredths (float sums
    stray from it by far less than half a hundredth), so the levels "score >= k/100" are
    the cut points halfway between hundredths: no sort of every score is needed."""
    weights = np.asarray(scorer.weights)
    if not np.all(weights == np.rint(weights)) or np.any(weights < 0):
        return None
    top = int(round(float(weights.sum()) * 100))
    if top + 1 > MAX_GRID_LEVELS:
        return None
    return np.asarray((np.arange(top + 1) - 0.5) / 100.0, dtype=np.float64)


def _last_true(
    predicate: Callable[[np.floating], bool], levels: npt.NDArray[np.floating], low: int, high: int
) -> int:
    """The largest index in [low, high] whose level satisfies a monotone (true, then false)
    predicate, given that ``levels[low]`` satisfies it."""
    while low < high:
        middle = (low + high + 1) // 2
        if predicate(levels[middle]):
            low = middle
        else:
            high = middle - 1
    return low


def _cached_levels(blocks: Blocks, rows: IndexArray, cols: IndexArray) -> FloatArray:
    """The cached (possibly float32) score of each listed pair, as the search compares it."""
    if blocks.exact:
        return blocks.scorer.pair_scores(cols, rows)
    levels = np.empty(len(rows))
    ordered = bool(np.all(rows[1:] >= rows[:-1]))
    for start, stop, masked in blocks.masked():
        if ordered:
            # Rows sorted (candidate lists are): each block's pairs are one slice.
            low, high = np.searchsorted(rows, [start, stop])
            inside: slice | npt.NDArray[np.bool_] = slice(int(low), int(high))
        else:
            inside = (rows >= start) & (rows < stop)
        levels[inside] = masked[rows[inside] - start, cols[inside]]
    return levels


def choose_method(scorer: Scorer, slots: Slots, requested: str) -> str:
    """Pick the solver by measured shape (benchmarks/matching.py on this 2-core machine).

    Thin programs (under ``SPARSE_DENSITY`` admissible) are solved on every admissible pair
    at once when those fit ``MAX_SPARSE_PAIRS``. Everything else is solved sparse first:
    the scores are computed once into the cache (float32 up to about 11,000 a side), the
    candidate graph is solved (``augment.WarmAssignment``) and the duals prove it against every
    pair. At 2,000 a side that took a third of the dense path's time (which scores into a
    matrix, solves it with lapjv and certifies it); at 10,000 a side lapjv alone took 40 s.
    """
    if requested != "auto":
        return requested
    cells = scorer.n_rows * scorer.n_cols
    if cells >= SPARSE_MIN_CELLS:
        density = estimate_density(scorer)
        if density < SPARSE_DENSITY and density * cells <= MAX_SPARSE_PAIRS:
            return "sparse"
    return "sparse_first"


def fill_costs(
    scorer: Scorer, slots: Slots, encoding: Encoding, out: FloatArray
) -> npt.NDArray[np.int64]:
    """Write every (row, slot) cost into ``out[:rows, :slots]``, block by block.

    Returns each mentor's number of admissible adepts, for ``perfect_on_sample``.
    """
    n_slots = slots.n
    mentor_degree = np.zeros(scorer.n_cols, dtype=np.int64)
    for start, stop in scorer.blocks():
        ok, score = scorer.block(start, stop)
        mentor_degree += ok.sum(axis=0)
        np.subtract(encoding.max_score, score, out=score)
        score *= encoding.scale
        score[~ok] = encoding.unmatched
        if slots.uniform_one:
            out[start:stop, :n_slots] = score
        else:
            out[start:stop, :n_slots] = score[:, slots.mentor]
    return mentor_degree


def perfect_on_sample(
    cost: FloatArray,
    unmatched: float,
    slots: Slots,
    mentor_degree: npt.NDArray[np.int64],
    per_row: int = 16,
) -> bool:
    """Whether a sample of admissible cells already pairs every row with a slot.

    A matching in a subgraph is a matching in the whole graph, so ``True`` proves nobody
    is left over (``False`` proves nothing). The sample takes a few random admissible
    cells of every row, plus every admissible cell of mentors with few of them, which
    the rows' random picks would often miss (physical-only people in small cities).
    """
    n = cost.shape[0]
    if n == 0 or cost.shape != (slots.n, slots.n):
        return False
    rng = np.random.default_rng(0)
    rows: list[IndexArray] = []
    cols: list[IndexArray] = []
    for row in range(n):
        found = np.flatnonzero(cost[row] < unmatched)
        if len(found) > per_row:
            found = found[rng.choice(len(found), per_row, replace=False)]
        rows.append(np.full(len(found), row, dtype=np.int64))
        cols.append(found.astype(np.int64))
    rare = mentor_degree[slots.mentor] <= n // 4
    for col in np.flatnonzero(rare).tolist():
        found = np.flatnonzero(cost[:, col] < unmatched)
        rows.append(found.astype(np.int64))
        cols.append(np.full(len(found), col, dtype=np.int64))
    sample_rows = np.concatenate(rows)
    graph = sp.csr_matrix(
        (np.ones(len(sample_rows), dtype=np.int8), (sample_rows, np.concatenate(cols))),
        shape=(n, n),
    )
    matched = maximum_bipartite_matching(graph, perm_type="column")
    return bool(np.all(matched >= 0))


Matrix = tuple[FloatArray, "Encoding"]


def solve_matrix(
    scorer: Scorer, slots: Slots, max_score: float, method: str
) -> tuple[tuple[IndexArray, IndexArray], str, Matrix]:
    """Build the cost matrix once, then solve it with lapjv or scipy's rectangular solver.

    Measured on realistic programs: lapjv is several times faster than scipy when everyone
    can be paired, but one to two orders of magnitude slower when rows must end up on the
    equal "unmatched" cells, so ``auto`` uses lapjv only with a proof that nobody is left.
    """
    n_rows, n_slots = scorer.n_rows, slots.n
    encoding = Encoding.for_problem(max_score, min(n_rows, n_slots), LAPJV_COST_CEILING)
    size = max(n_rows, n_slots) if method == "dense" else None
    if size is None:
        cost = np.empty((n_rows, n_slots), dtype=np.float64)
    else:
        cost = np.empty((size, size), dtype=np.float64)
        cost[n_rows:, :] = encoding.unmatched
        cost[:n_rows, n_slots:] = encoding.unmatched
    mentor_degree = fill_costs(scorer, slots, encoding, cost)
    if method == "auto":
        perfect = perfect_on_sample(cost, encoding.unmatched, slots, mentor_degree)
        method = "dense" if perfect else "rectangular"
    if method == "dense":
        column_of_row, _ = lap.lapjv(cost, return_cost=False)
        rows, columns = np.arange(n_rows), column_of_row[:n_rows]
    else:
        rows, columns = linear_sum_assignment(cost)
    return _admissible_assignment(cost, rows, columns, slots, encoding), method, (cost, encoding)


def _admissible_assignment(
    cost: FloatArray,
    rows: npt.NDArray[np.integer],
    columns: npt.NDArray[np.integer],
    slots: Slots,
    encoding: Encoding,
) -> tuple[IndexArray, IndexArray]:
    rows = np.asarray(rows, dtype=np.int64)
    columns = np.asarray(columns, dtype=np.int64)
    real = (columns >= 0) & (columns < slots.n)
    rows, columns = rows[real], columns[real]
    admissible = cost[rows, columns] < encoding.unmatched
    return rows[admissible], slots.mentor[columns[admissible]]


def solve_sparse(scorer: Scorer, slots: Slots, max_score: float) -> tuple[IndexArray, IndexArray]:
    """Sparse solve over admissible pairs plus one private "unmatched" column per row."""
    n_rows, n_slots = scorer.n_rows, slots.n
    rows, mentors, scores = collect_pairs(scorer)
    if len(rows) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy()
    encoding = Encoding.for_problem(max_score, min(n_rows, n_slots), ceiling=math.inf)
    slot_rows, slot_cols = slots.expand(rows, mentors)
    # Costs start at 1: the sparse solver treats weights as edges and zero must not appear.
    pair_costs = 1.0 + (max_score - np.repeat(scores, slots.capacity[mentors]))
    all_rows = np.concatenate([slot_rows, np.arange(n_rows)])
    all_cols = np.concatenate([slot_cols, n_slots + np.arange(n_rows)])
    all_costs = np.concatenate([pair_costs, np.full(n_rows, 1.0 + max_score + encoding.big)])
    graph = sp.csr_matrix((all_costs, (all_rows, all_cols)), shape=(n_rows, n_slots + n_rows))
    matched_rows, matched_cols = min_weight_full_bipartite_matching(graph)
    real = matched_cols < n_slots
    return (
        np.asarray(matched_rows[real], dtype=np.int64),
        slots.mentor[np.asarray(matched_cols[real], dtype=np.int64)],
    )


def solve_assignment(
    scorer: Scorer, slots: Slots, max_score: float, method: str
) -> tuple[tuple[IndexArray, IndexArray], str, Matrix | None]:
    """Solve with ``method`` (auto, dense, rectangular or sparse); returns pairs, the solver
    and, for the matrix solvers, the cost matrix (so the certificate need not score again)."""
    if scorer.n_rows == 0 or slots.n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return (empty, empty.copy()), "none", None
    if method == "sparse":
        return solve_sparse(scorer, slots, max_score), method, None
    return solve_matrix(scorer, slots, max_score, method)
