"""Compiled passes over the cached score matrix (rows on every core), mostly for fair mode.

Each takes a masked score matrix (``-inf`` where a pair is not admissible; float64 or
float32) or a block of its rows, and replaces a numpy expression that would build
temporaries of the matrix's size. tests/matching/engine/test_passes.py holds each equal
to that expression.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

#: Row ranges per thread in passes that merge per-range results (more than cores, so an
#: uneven share evens out; the result does not depend on it).
RANGES = 16


@njit(cache=True, parallel=True)
def row_and_column_max(masked):
    """Each row's and each column's largest value (``-inf`` where none is admissible)."""
    height, width = masked.shape
    row_max = np.full(height, -np.inf)
    ranges = min(RANGES, max(height, 1))
    partial = np.full((ranges, width), -np.inf)
    step = (height + ranges - 1) // ranges
    for part in prange(ranges):
        for i in range(part * step, min(height, (part + 1) * step)):
            best = -np.inf
            for j in range(width):
                value = masked[i, j]
                if value > best:
                    best = value
                if value > partial[part, j]:
                    partial[part, j] = value
            row_max[i] = best
    column_max = np.full(width, -np.inf)
    for part in range(ranges):
        for j in range(width):
            if partial[part, j] > column_max[j]:
                column_max[j] = partial[part, j]
    return row_max, column_max


@njit(cache=True, parallel=True)
def least_at_least(masked, level):
    """The least value at or above ``level`` (``inf`` when there is none)."""
    height, width = masked.shape
    row_least = np.full(height, np.inf)
    for i in prange(height):
        least = np.inf
        for j in range(width):
            value = masked[i, j]
            if value >= level and value < least:
                least = value
        row_least[i] = least
    return row_least.min() if height else np.inf


@njit(cache=True, parallel=True)
def cells_equal(masked, value):
    """Row and column of every cell equal to ``value``, in row-major order."""
    height, width = masked.shape
    counts = np.zeros(height, dtype=np.int64)
    for i in prange(height):
        found = 0
        for j in range(width):
            if masked[i, j] == value:
                found += 1
        counts[i] = found
    offsets = np.zeros(height + 1, dtype=np.int64)
    for i in range(height):
        offsets[i + 1] = offsets[i] + counts[i]
    rows = np.empty(offsets[height], dtype=np.int64)
    cols = np.empty(offsets[height], dtype=np.int64)
    for i in prange(height):
        position = offsets[i]
        for j in range(width):
            if masked[i, j] == value:
                rows[position] = i
                cols[position] = j
                position += 1
    return rows, cols


@njit(cache=True, parallel=True)
def floored(masked, level):
    """A copy with every value below ``level`` set to ``-inf``."""
    height, width = masked.shape
    out = np.empty_like(masked)
    for i in prange(height):
        for j in range(width):
            value = masked[i, j]
            out[i, j] = value if value >= level else -np.inf
    return out


@njit(cache=True, parallel=True)
def column_top(masked, columns, k):
    """For each listed column its ``k`` best rows and their values, best first, ties by row
    (``-1`` and ``-inf`` where it has fewer admissible rows). Each thread takes a share of
    the columns and reads every row's cells of its share."""
    height = masked.shape[0]
    listed = len(columns)
    top_rows = np.full((listed, k), -1, dtype=np.int64)
    top_values = np.full((listed, k), -np.inf)
    ranges = min(RANGES, max(listed, 1))
    step = (listed + ranges - 1) // ranges
    for part in prange(ranges):
        low = part * step
        high = min(listed, low + step)
        for i in range(height):
            for t in range(low, high):
                value = masked[i, columns[t]]
                if value == -np.inf or not value > top_values[t, k - 1]:
                    continue
                slot = k - 1
                while slot > 0 and value > top_values[t, slot - 1]:
                    top_values[t, slot] = top_values[t, slot - 1]
                    top_rows[t, slot] = top_rows[t, slot - 1]
                    slot -= 1
                top_values[t, slot] = value
                top_rows[t, slot] = i
    return top_rows, top_values


@njit(cache=True, parallel=True)
def open_cells(masked, rows, columns, level, per_row):
    """For each listed row, the first ``per_row`` listed columns (in their order) whose
    value is at or above ``level``: their positions in ``rows`` and ``columns``."""
    listed = len(rows)
    taken = np.zeros(listed, dtype=np.int64)
    slots = np.empty((listed, per_row), dtype=np.int64)
    for r in prange(listed):
        i = rows[r]
        count = 0
        for t in range(len(columns)):
            if count == per_row:
                break
            if masked[i, columns[t]] >= level:
                slots[r, count] = t
                count += 1
        taken[r] = count
    return flatten(slots, taken)


@njit(cache=True)
def flatten(slots, taken):
    """Per-row slots (the first ``taken[r]`` of row ``r`` filled) as flat row and slot value
    arrays, rows in order: how a pass whose rows ran in parallel hands its finds back."""
    total = 0
    for r in range(len(taken)):
        total += taken[r]
    rows = np.empty(total, dtype=np.int64)
    values = np.empty(total, dtype=np.int64)
    position = 0
    for r in range(len(taken)):
        for c in range(taken[r]):
            rows[position] = r
            values[position] = slots[r, c]
            position += 1
    return rows, values
