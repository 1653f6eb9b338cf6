# numba's Dispatcher stub types __call__ too narrowly for star-argument calls.
# mypy: disable-error-code="call-arg"
"""Sparse shortest augmenting paths that keep their duals between rounds (numba).

The problem: rows (adepts) and mentors with ``capacity`` seats, edges ``(row, mentor)``
with cost ``c >= 0`` in CSR arrays, and every row may stay unmatched at cost ``U``. Minimise
the total cost. ``U`` is far above any cost difference, so the most pairs come first.

The solver is the Hungarian method with Dijkstra on reduced costs ``c - u[i] - v[m]``
(every reduced cost >= 0, matched edges at 0, ``v <= 0``, ``v = 0`` on mentors with a free
seat, ``u = U`` on unmatched rows): these are exactly the dual conditions of the
assignment LP, so the duals come out with the assignment and prove it optimal.

Warm start (``WarmAssignment.solve`` with more edges than before): a new edge that breaks
dual feasibility lowers its row's ``u``; only rows whose own pair is then no longer tight
are freed and augmented again, so a certificate round costs a few augmentations instead
of a new solve. A freed row leaves a seat whose mentor may have ``v < 0``; paths end on any
free seat as in the square Hungarian method (where column duals have no sign), which is
right as soon as every such seat is taken again (always so when everyone is paired and
every seat filled). Every warm result is checked against the dual conditions above; when
they fail (free seats with different ``v``, say), the round is solved again from scratch,
which keeps ``v = 0`` on free seats by construction.

Cold solves with one seat per mentor and everyone pairable skip the shortest paths: an
auction (``_auction``) when costs are whole numbers and the sides are equal, else scipy's
LAPJVsp; the duals are then derived from their pairs (``_duals_for``) and checked the same.

The first call compiles the kernels (a few seconds); ``cache=True`` keeps the machine code
in ``__pycache__``, so later processes load it in well under a second.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from numba import njit
from scipy.sparse.csgraph import maximum_bipartite_matching, min_weight_full_bipartite_matching

from .scoring import FloatArray, IndexArray

#: A round that frees more than 1/WARM_SHARE of the rows is solved cold instead (measured
#: at 10,000 a side: a warm augmentation about 0.24 ms, a cold solve by the auction 0.15 to
#: 0.25 s, by LAPJVsp 0.45 s).
WARM_SHARE = 8

#: The auction's epsilon falls by this factor per phase (4 to 16 measured alike).
AUCTION_FACTOR = 8.0

#: Scaled cost spreads above this stay on LAPJVsp (float64 keeps whole numbers exact far above).
AUCTION_LIMIT = 2.0**40

#: Bids per edge before the auction gives up (about 0.6 were needed at 10,000 a side).
AUCTION_BIDS = 50

#: ``mentor_of`` values besides a mentor index.
FREE = -1
ALONE = -2


@njit(cache=True)
def _unlink(i, mentor_of, count, head, nxt, prv):
    m = mentor_of[i]
    if prv[i] >= 0:
        nxt[prv[i]] = nxt[i]
    else:
        head[m] = nxt[i]
    if nxt[i] >= 0:
        prv[nxt[i]] = prv[i]
    nxt[i] = -1
    prv[i] = -1
    count[m] -= 1


@njit(cache=True)
def _link(i, m, mentor_of, count, head, nxt, prv):
    mentor_of[i] = m
    prv[i] = -1
    nxt[i] = head[m]
    if head[m] >= 0:
        prv[head[m]] = i
    head[m] = i
    count[m] += 1


@njit(cache=True)
def _push(heap_key, heap_node, size, key, node):
    position = size
    heap_key[position] = key
    heap_node[position] = node
    while position > 0:
        parent = (position - 1) >> 1
        if heap_key[parent] <= key:
            break
        heap_key[position] = heap_key[parent]
        heap_node[position] = heap_node[parent]
        position = parent
    heap_key[position] = key
    heap_node[position] = node
    return size + 1


@njit(cache=True)
def _pop(heap_key, heap_node, size):
    size -= 1
    key = heap_key[size]
    node = heap_node[size]
    position = 0
    while True:
        child = 2 * position + 1
        if child >= size:
            break
        if child + 1 < size and heap_key[child + 1] < heap_key[child]:
            child += 1
        if heap_key[child] >= key:
            break
        heap_key[position] = heap_key[child]
        heap_node[position] = heap_node[child]
        position = child
    if size > 0:
        heap_key[position] = key
        heap_node[position] = node
    return size


@njit(cache=True)
def _solve_free(
    indptr, indices, cost, capacity, unmatched, u, v, mentor_of, count, head, nxt, prv, free
):
    """Augment every row in ``free`` along a shortest path; returns the augmentations made."""
    n_rows = len(mentor_of)
    n_mentors = len(capacity)
    dist = np.full(n_mentors, np.inf)
    pred = np.full(n_mentors, -1, dtype=np.int64)
    scanned = np.zeros(n_mentors, dtype=np.bool_)
    touched = np.empty(n_mentors, dtype=np.int64)
    scan_list = np.empty(n_mentors, dtype=np.int64)
    row_d = np.zeros(n_rows)
    visited = np.empty(n_rows, dtype=np.int64)
    heap_size_max = len(indices) + n_mentors + 1
    heap_key = np.empty(heap_size_max)
    heap_node = np.empty(heap_size_max, dtype=np.int64)
    done = 0
    for start in free:
        n_touched = 0
        n_scanned = 0
        n_visited = 0
        size = 0
        best = np.inf
        best_mentor = -1
        best_row = -1
        # Visit the start row.
        row_d[start] = 0.0
        visited[n_visited] = start
        n_visited += 1
        alone = unmatched - u[start]
        if alone < best:
            best = alone
            best_mentor = -1
            best_row = start
        for e in range(indptr[start], indptr[start + 1]):
            m = indices[e]
            d = cost[e] - u[start] - v[m]
            if d < dist[m]:
                if dist[m] == np.inf:
                    touched[n_touched] = m
                    n_touched += 1
                dist[m] = d
                pred[m] = start
                size = _push(heap_key, heap_node, size, d, m)
        while size > 0:
            d = heap_key[0]
            m = heap_node[0]
            size = _pop(heap_key, heap_node, size)
            if scanned[m] or d > dist[m]:
                continue
            if d >= best:
                break
            scanned[m] = True
            scan_list[n_scanned] = m
            n_scanned += 1
            if count[m] < capacity[m]:
                # A free seat ends the path (whatever its v: see the module docstring).
                best = d
                best_mentor = m
                best_row = -1
                break
            k = head[m]
            while k >= 0:
                row_d[k] = d
                visited[n_visited] = k
                n_visited += 1
                alone = d + unmatched - u[k]
                if alone < best:
                    best = alone
                    best_mentor = -1
                    best_row = k
                for e in range(indptr[k], indptr[k + 1]):
                    m2 = indices[e]
                    if scanned[m2]:
                        continue
                    d2 = d + cost[e] - u[k] - v[m2]
                    if d2 < dist[m2]:
                        if dist[m2] == np.inf:
                            touched[n_touched] = m2
                            n_touched += 1
                        dist[m2] = d2
                        pred[m2] = k
                        if d2 <= d and count[m2] < capacity[m2]:
                            # A free seat as close as the node being scanned: nothing
                            # can be closer (many scores tie, so this is common).
                            best = d2
                            best_mentor = m2
                            best_row = -1
                            break
                        size = _push(heap_key, heap_node, size, d2, m2)
                if best_mentor >= 0:
                    break
                k = nxt[k]
            if best_mentor >= 0:
                break
        # Duals: everything reached closer than the path's end moves by the difference, so
        # reduced costs stay >= 0 and the path's pairs become tight.
        for position in range(n_scanned):
            m = scan_list[position]
            if dist[m] < best:
                v[m] -= best - dist[m]
        for position in range(n_visited):
            k = visited[position]
            if row_d[k] < best:
                u[k] += best - row_d[k]
        # Augment along the predecessors.
        if best_row >= 0:
            old = mentor_of[best_row]
            if old >= 0:
                _unlink(best_row, mentor_of, count, head, nxt, prv)
            mentor_of[best_row] = ALONE
            m = old
        else:
            m = best_mentor
        while m >= 0:
            i = pred[m]
            previous = mentor_of[i]
            if previous >= 0:
                _unlink(i, mentor_of, count, head, nxt, prv)
            _link(i, m, mentor_of, count, head, nxt, prv)
            if i == start:
                break
            m = previous
        done += 1
        for position in range(n_touched):
            m = touched[position]
            dist[m] = np.inf
            scanned[m] = False
    return done


@njit(cache=True)
def _cold_start(indptr, indices, cost, capacity, unmatched, u, v, mentor_of, count, head, nxt, prv):
    """Duals u = each row's cheapest edge (v = 0) and every row on its cheapest edge while
    that mentor has a free seat (tight, so the duals stay complementary); the rest free."""
    n_rows = len(mentor_of)
    free = np.empty(n_rows, dtype=np.int64)
    n_free = 0
    for i in range(n_rows):
        best = unmatched
        for e in range(indptr[i], indptr[i + 1]):
            if cost[e] < best:
                best = cost[e]
        u[i] = best
        if indptr[i] == indptr[i + 1]:
            mentor_of[i] = ALONE
            continue
        # Scores tie often: any cheapest mentor with a free seat will do.
        chosen = -1
        for e in range(indptr[i], indptr[i + 1]):
            if cost[e] == best and count[indices[e]] < capacity[indices[e]]:
                chosen = indices[e]
                break
        if chosen >= 0:
            _link(i, chosen, mentor_of, count, head, nxt, prv)
        else:
            free[n_free] = i
            n_free += 1
    return free[:n_free]


@njit(cache=True)
def _row_reduction(
    indptr, indices, cost, capacity, unmatched, u, v, mentor_of, count, head, nxt, prv, free
):
    """Jonker and Volgenant's augmenting row reduction, for mentors with one seat: a free
    row takes its cheapest mentor and lowers that mentor's ``v`` to its second cheapest
    option (staying unmatched at ``U`` counts), only on a taken mentor, whose row is
    freed in turn. Every step keeps the duals
    feasible and complementary (``v`` only falls, and only on full mentors), so the
    shortest paths afterwards start from fewer free rows. Returns the rows still free."""
    n_rows = len(mentor_of)
    queue = np.empty(n_rows, dtype=np.int64)
    n_queue = len(free)
    queue[:n_queue] = free
    for _ in range(2):
        left = np.empty(n_rows, dtype=np.int64)
        n_left = 0
        position = 0
        steps = 0
        while position < n_queue:
            i = queue[position]
            position += 1
            steps += 1
            first = np.inf
            second = np.inf
            first_m = -1
            second_m = -1
            for e in range(indptr[i], indptr[i + 1]):
                m = indices[e]
                value = cost[e] - v[m]
                if value < second:
                    if value < first:
                        second, second_m = first, first_m
                        first, first_m = value, m
                    else:
                        second, second_m = value, m
            if first >= unmatched:
                # Every mentor costs more than staying unmatched (its v fell that far).
                u[i] = unmatched
                mentor_of[i] = ALONE
                continue
            if capacity[first_m] != 1 or steps > 4 * n_rows:
                left[n_left] = i
                n_left += 1
                continue
            target = first_m
            # A tie: prefer the other cheapest mentor when it is free.
            tie = first == second and second_m >= 0 and count[target] >= 1
            if tie and capacity[second_m] == 1 and count[second_m] == 0:
                target = second_m
            taken = head[target] if count[target] >= 1 else -1
            if taken >= 0 and first < second < unmatched:
                # The mentor's v falls to where this row's second choice is as cheap (not
                # to "unmatched": v near -U would make later warm rounds end paths alone).
                v[target] -= second - first
            elif taken >= 0:
                left[n_left] = i
                n_left += 1
                continue
            u[i] = _cost_of(indptr, indices, cost, i, target) - v[target]
            if taken >= 0:
                _unlink(taken, mentor_of, count, head, nxt, prv)
                mentor_of[taken] = FREE
            _link(i, target, mentor_of, count, head, nxt, prv)
            if taken >= 0:
                position -= 1
                queue[position] = taken
        queue[:n_left] = left[:n_left]
        n_queue = n_left
    return queue[:n_queue].copy()


@njit(cache=True)
def _cost_of(indptr, indices, cost, i, m):
    for e in range(indptr[i], indptr[i + 1]):
        if indices[e] == m:
            return cost[e]
    return np.inf


@njit(cache=True)
def _repair(indptr, indices, cost, unmatched, u, v, mentor_of, count, head, nxt, prv, tolerance):
    """Restore dual feasibility after edges were added: lower each row's u to its cheapest
    reduced edge; free the rows whose own pair is then no longer tight."""
    n_rows = len(mentor_of)
    free = np.empty(n_rows, dtype=np.int64)
    n_free = 0
    for i in range(n_rows):
        own = mentor_of[i]
        lowest = unmatched
        own_cost = unmatched
        for e in range(indptr[i], indptr[i + 1]):
            m = indices[e]
            value = cost[e] - v[m]
            if value < lowest:
                lowest = value
            if m == own:
                own_cost = value
        if u[i] <= lowest + tolerance:
            continue
        u[i] = lowest
        if own >= 0:
            if own_cost - u[i] > tolerance:
                _unlink(i, mentor_of, count, head, nxt, prv)
                mentor_of[i] = FREE
                free[n_free] = i
                n_free += 1
        elif own == ALONE and unmatched - u[i] > tolerance:
            mentor_of[i] = FREE
            free[n_free] = i
            n_free += 1
    return free[:n_free]


@njit(cache=True)
def _optimal(indptr, indices, cost, capacity, unmatched, u, v, mentor_of, count, tolerance):
    """Whether ``u``, ``v`` prove ``mentor_of`` optimal on these edges: every reduced cost
    at least 0, own pairs at 0, ``v <= 0`` and 0 where a seat is free, ``u <= U`` and
    ``u = U`` for unmatched rows (all within ``tolerance``)."""
    for m in range(len(capacity)):
        if v[m] > tolerance:
            return False
        if count[m] < capacity[m] and v[m] < -tolerance:
            return False
    for i in range(len(mentor_of)):
        if u[i] > unmatched + tolerance:
            return False
        own = mentor_of[i]
        if own == FREE:
            return False
        if own == ALONE and u[i] < unmatched - tolerance:
            return False
        for e in range(indptr[i], indptr[i + 1]):
            reduced = cost[e] - u[i] - v[indices[e]]
            if reduced < -tolerance:
                return False
            if indices[e] == own and reduced > tolerance:
                return False
    return True


@njit(cache=True)
def _duals_for(indptr, indices, cost, capacity, unmatched, u, v, mentor_of, count, tolerance):
    """Duals for the current assignment by shortest paths over mentors (queue-based
    Bellman-Ford from a root standing for "unmatched"): ``v`` is the distance, ``u``
    follows from each row's own pair. False when a negative cycle shows the assignment is
    not optimal. Edges: mentor x -> mentor m' when x's row could move to m' (cost
    difference), x -> root when x's row could leave (U - its cost), a free seat -> root
    (0), root -> m' when an unmatched row could take m' (its cost - U), root -> every mentor
    (0, so no distance is above 0)."""
    n_rows = len(mentor_of)
    n_mentors = len(capacity)
    root = n_mentors
    start = np.zeros(n_mentors + 1, dtype=np.int64)
    for i in range(n_rows):
        if mentor_of[i] >= 0:
            start[mentor_of[i] + 1] += 1
    for m in range(n_mentors):
        start[m + 1] += start[m]
    fill = start[:-1].copy()
    rows_of = np.empty(max(start[n_mentors], 1), dtype=np.int64)
    own_cost = np.full(n_rows, unmatched)
    for i in range(n_rows):
        x = mentor_of[i]
        if x >= 0:
            rows_of[fill[x]] = i
            fill[x] += 1
            for e in range(indptr[i], indptr[i + 1]):
                if indices[e] == x:
                    own_cost[i] = cost[e]
    dist = np.zeros(n_mentors + 1)
    queued = np.zeros(n_mentors + 1, dtype=np.bool_)
    passes = np.zeros(n_mentors + 1, dtype=np.int64)
    queue = np.empty(n_mentors + 2, dtype=np.int64)
    head = 0
    tail = 0
    for node in range(n_mentors + 1):
        queue[tail] = node
        tail += 1
        queued[node] = True
    size = n_mentors + 2
    while head != tail:
        node = queue[head]
        head = (head + 1) % size
        queued[node] = False
        passes[node] += 1
        if passes[node] > n_mentors + 2:
            return False
        base = dist[node]
        if node == root:
            for i in range(n_rows):
                if mentor_of[i] < 0:
                    for e in range(indptr[i], indptr[i + 1]):
                        m = indices[e]
                        value = base + cost[e] - unmatched
                        if value < dist[m] - tolerance:
                            dist[m] = value
                            if not queued[m]:
                                queue[tail] = m
                                tail = (tail + 1) % size
                                queued[m] = True
            continue
        targets_root = np.inf
        if count[node] < capacity[node]:
            targets_root = base
        for position in range(start[node], start[node + 1]):
            i = rows_of[position]
            leave = base + unmatched - own_cost[i]
            if leave < targets_root:
                targets_root = leave
            for e in range(indptr[i], indptr[i + 1]):
                m = indices[e]
                if m == node:
                    continue
                value = base + cost[e] - own_cost[i]
                if value < dist[m] - tolerance:
                    dist[m] = value
                    if not queued[m]:
                        queue[tail] = m
                        tail = (tail + 1) % size
                        queued[m] = True
        if targets_root < dist[root] - tolerance:
            if targets_root < -tolerance:
                return False
            dist[root] = targets_root
            if not queued[root]:
                queue[tail] = root
                tail = (tail + 1) % size
                queued[root] = True
    for m in range(n_mentors):
        v[m] = min(dist[m], 0.0)
    for i in range(n_rows):
        u[i] = own_cost[i] - v[mentor_of[i]] if mentor_of[i] >= 0 else unmatched
    return True


@njit(cache=True)
def _auction(indptr, indices, cost, n_cols, factor, max_bids):
    """Bertsekas's forward auction with epsilon scaling, for integer costs and a graph
    where every row can be paired: each row in turn bids for its best mentor at the price
    that makes its second best as good, plus epsilon. With costs scaled by n + 1 and a last
    phase at epsilon 1, every row is within 1/(n + 1) of its best, so the total is within
    n/(n + 1) < 1 of the optimum: optimal, as costs are whole numbers. Returns each row's
    mentor and the number of bids, or -1 when ``max_bids`` ran out (then nothing is known).
    """
    n = len(indptr) - 1
    scale = float(n + 1)
    low = np.inf
    high = -np.inf
    for e in range(len(cost)):
        low = min(low, cost[e])
        high = max(high, cost[e])
    spread = (high - low) * scale
    price = np.zeros(n_cols)
    owner = np.full(n_cols, -1, dtype=np.int64)
    col_of = np.full(n, -1, dtype=np.int64)
    queue = np.empty(n, dtype=np.int64)
    epsilon = max(1.0, spread / factor)
    bids = 0
    while True:
        # Each phase starts from no pairs and the last phase's prices.
        owner[:] = -1
        col_of[:] = -1
        for i in range(n):
            queue[i] = i
        head = 0
        size = n
        while size > 0:
            i = queue[head]
            head = head + 1 if head + 1 < n else 0
            size -= 1
            best = -np.inf
            second = -np.inf
            chosen = -1
            for e in range(indptr[i], indptr[i + 1]):
                value = -cost[e] * scale - price[indices[e]]
                if value > best:
                    second = best
                    best = value
                    chosen = indices[e]
                elif value > second:
                    second = value
            # A row with one mentor takes it at any price: a bid above every difference.
            price[chosen] += (best - second if second > -np.inf else spread) + epsilon
            previous = owner[chosen]
            owner[chosen] = i
            col_of[i] = chosen
            if previous >= 0:
                col_of[previous] = -1
                tail = head + size
                queue[tail - n if tail >= n else tail] = previous
                size += 1
            bids += 1
            if bids > max_bids:
                return col_of, -1
        if epsilon <= 1.0:
            return col_of, bids
        epsilon = max(1.0, epsilon / factor)


@njit(cache=True)
def _adopt(rows, cols, u, v, mentor_of, count, head, nxt, prv):
    """Take over another solver's pairs (rows it leaves out stay unmatched)."""
    for i in range(len(mentor_of)):
        mentor_of[i] = ALONE
    for position in range(len(rows)):
        _link(rows[position], cols[position], mentor_of, count, head, nxt, prv)


class WarmAssignment:
    """An optimal assignment with its duals, kept between calls on growing edge sets.

    ``solve(rows, cols, costs)`` takes the edges sorted by row (costs >= 0, in any unit;
    ``unmatched`` in the same unit) and returns each row's mentor (-1 unmatched), ``u`` and
    ``v``. Each later call must include every earlier edge with the same cost.
    """

    def __init__(
        self, n_rows: int, capacity: npt.NDArray[np.int64], unmatched: float, tolerance: float
    ) -> None:
        self.n_rows = n_rows
        self.capacity = np.ascontiguousarray(capacity, dtype=np.int64)
        self.unmatched = float(unmatched)
        self.tolerance = float(tolerance)
        self.started = False
        self.cold_solves = 0
        self.augmentations = 0
        self.duals_recomputed = 0
        self.auctions = 0

    def _reset(self) -> None:
        n_rows, n_mentors = self.n_rows, len(self.capacity)
        self.u = np.zeros(n_rows)
        self.v = np.zeros(n_mentors)
        self.mentor_of = np.full(n_rows, FREE, dtype=np.int64)
        self.count = np.zeros(n_mentors, dtype=np.int64)
        self.head = np.full(n_mentors, -1, dtype=np.int64)
        self.nxt = np.full(n_rows, -1, dtype=np.int64)
        self.prv = np.full(n_rows, -1, dtype=np.int64)

    def _cold_solve(self, graph: tuple[IndexArray, IndexArray, FloatArray]) -> bool:
        """A cold solve by a faster method than shortest paths from scratch, when every
        mentor has one seat and every row can be paired: the auction for whole-number costs
        on as many rows as mentors (about three times faster than LAPJVsp at 10,000 a side),
        else scipy's LAPJVsp. The duals then come from the assignment and must prove it.
        False when that does not apply."""
        indptr, indices, cost = graph
        n_mentors = len(self.capacity)
        if not len(indices) or self.n_rows > n_mentors or np.any(self.capacity != 1):
            return False
        matrix = sp.csr_matrix(
            (np.ones(len(indices), dtype=np.int8), indices, indptr), shape=(self.n_rows, n_mentors)
        )
        if np.any(maximum_bipartite_matching(matrix, perm_type="column") < 0):
            return False
        pairs = self._auctioned(graph) if self.n_rows == n_mentors else None
        if pairs is None:
            # LAPJVsp drops stored zeros: costs shifted by 1 (the same for every full matching).
            matrix = sp.csr_matrix((cost + 1.0, indices, indptr), shape=(self.n_rows, n_mentors))
            try:
                matched_rows, matched_cols = min_weight_full_bipartite_matching(matrix)
            except ValueError:
                return False
            pairs = (
                np.asarray(matched_rows, dtype=np.int64),
                np.asarray(matched_cols, dtype=np.int64),
            )
        self._reset()
        _adopt(*pairs, *self._state())
        state = (self.capacity, self.unmatched, self.u, self.v, self.mentor_of, self.count)
        return bool(_duals_for(*graph, *state, self.tolerance)) and self._optimal(graph)

    def _auctioned(
        self, graph: tuple[IndexArray, IndexArray, FloatArray]
    ) -> tuple[IndexArray, IndexArray] | None:
        indptr, indices, cost = graph
        whole = bool(np.all(cost == np.rint(cost)))
        if not whole or float(np.ptp(cost)) * (self.n_rows + 1) > AUCTION_LIMIT:
            return None
        mentor_of, bids = _auction(
            indptr, indices, cost, len(self.capacity), AUCTION_FACTOR, AUCTION_BIDS * len(cost)
        )
        if bids < 0:
            return None
        self.auctions += 1
        return np.arange(self.n_rows, dtype=np.int64), mentor_of

    def _optimal(self, graph: tuple[IndexArray, IndexArray, FloatArray]) -> bool:
        indptr, indices, cost = graph
        return bool(
            _optimal(
                indptr,
                indices,
                cost,
                self.capacity,
                self.unmatched,
                self.u,
                self.v,
                self.mentor_of,
                self.count,
                self.tolerance,
            )
        )

    def _shift(self) -> None:
        """With a free seat left, move the duals (``u + v`` unchanged) so that the largest
        ``v`` is 0: seats freed at ``v < 0`` and not taken again then satisfy ``v = 0``
        when they all share the largest ``v`` (``_optimal`` checks whether they do)."""
        if len(self.v) and np.any(self.count < self.capacity):
            top = float(self.v.max())
            self.v -= top
            self.u += top

    def _state(self) -> tuple[npt.NDArray[np.generic], ...]:
        return (self.u, self.v, self.mentor_of, self.count, self.head, self.nxt, self.prv)

    def solve(
        self, rows: IndexArray, cols: IndexArray, costs: FloatArray
    ) -> tuple[IndexArray, FloatArray, FloatArray]:
        indptr = np.searchsorted(rows, np.arange(self.n_rows + 1)).astype(np.int64)
        indices = np.ascontiguousarray(cols, dtype=np.int64)
        cost = np.ascontiguousarray(costs, dtype=np.float64)
        graph = (indptr, indices, cost)
        if self.started:
            free = _repair(*graph, self.unmatched, *self._state(), self.tolerance)
            if len(free) > self.n_rows // WARM_SHARE:
                # Most rows broke: a cold solve is cheaper than that many augmentations.
                self.started = False
        if self.started:
            self.augmentations += _solve_free(
                *graph, self.capacity, self.unmatched, *self._state(), free
            )
            self._shift()
            if not self._optimal(graph):
                # Free seats kept v < 0: the assignment is usually still optimal and only its
                # duals are off, so they are recomputed from it; failing that, a cold solve.
                self.duals_recomputed += 1
                state = (self.capacity, self.unmatched, self.u, self.v, self.mentor_of)
                recomputed = _duals_for(*graph, *state, self.count, self.tolerance)
                if not (recomputed and self._optimal(graph)):
                    self.started = False
        if not self.started and self._cold_solve(graph):
            self.cold_solves += 1
            self.started = True
        if not self.started:
            self._reset()
            free = _cold_start(*graph, self.capacity, self.unmatched, *self._state())
            free = _row_reduction(*graph, self.capacity, self.unmatched, *self._state(), free)
            self.augmentations += _solve_free(
                *graph, self.capacity, self.unmatched, *self._state(), free
            )
            self.cold_solves += 1
            self.started = True
        mentor_of = np.where(self.mentor_of >= 0, self.mentor_of, -1)
        return mentor_of, self.u.copy(), self.v.copy()
