"""Each compiled pass over the score matrix equals the numpy expression it replaces."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from revmentor.matching.engine import passes


def _masked(seed, height, width, dtype):
    rng = np.random.default_rng(seed)
    masked = (rng.integers(0, 9, size=(height, width)) / 4).astype(dtype)
    masked[rng.random((height, width)) < 0.4] = -np.inf
    return masked


shapes = {
    "seed": st.integers(0, 2**32 - 1),
    "height": st.integers(0, 40),
    "width": st.integers(1, 30),
    "dtype": st.sampled_from([np.float64, np.float32]),
}


@settings(max_examples=80, deadline=None)
@given(**shapes)
def test_row_and_column_maxima(seed, height, width, dtype):
    masked = _masked(seed, height, width, dtype)
    row_max, column_max = passes.row_and_column_max(masked)
    np.testing.assert_array_equal(row_max, masked.max(axis=1, initial=-np.inf))
    np.testing.assert_array_equal(column_max, masked.max(axis=0, initial=-np.inf))


@settings(max_examples=80, deadline=None)
@given(**shapes, level=st.sampled_from([-np.inf, 0.0, 0.75, 1.5, 9.0]))
def test_least_at_or_above_a_level_and_the_cells_equal_to_it(seed, height, width, dtype, level):
    masked = _masked(seed, height, width, dtype)
    least = passes.least_at_least(masked, masked.dtype.type(level))
    assert least == masked[masked >= level].min(initial=np.inf)
    rows, cols = passes.cells_equal(masked, masked.dtype.type(1.5))
    expected_rows, expected_cols = np.nonzero(masked == 1.5)
    assert rows.tolist() == expected_rows.tolist()
    assert cols.tolist() == expected_cols.tolist()


@settings(max_examples=80, deadline=None)
@given(**shapes, level=st.sampled_from([0.0, 0.5, 1.25]))
def test_a_floored_copy(seed, height, width, dtype, level):
    masked = _masked(seed, height, width, dtype)
    floored = passes.floored(masked, masked.dtype.type(level))
    assert floored.dtype == masked.dtype
    np.testing.assert_array_equal(floored, np.where(masked >= level, masked, -np.inf))
    assert floored is not masked


@settings(max_examples=80, deadline=None)
@given(**shapes, k=st.integers(1, 5), listed=st.integers(0, 12))
def test_each_listed_columns_best_rows_ties_by_row(seed, height, width, dtype, k, listed):
    masked = _masked(seed, height, width, dtype)
    columns = np.unique(np.random.default_rng(seed).integers(0, width, size=listed))
    top_rows, top_values = passes.column_top(masked, columns, k)
    for position, column in enumerate(columns.tolist()):
        values = masked[:, column]
        admissible = np.flatnonzero(values > -np.inf)
        # Best first; among equal values the lower row first.
        order = admissible[np.lexsort((admissible, -values[admissible].astype(np.float64)))]
        expected = order[:k].tolist()
        found = top_rows[position]
        assert found[: len(expected)].tolist() == expected
        assert np.all(found[len(expected) :] == -1)
        np.testing.assert_array_equal(top_values[position][: len(expected)], values[expected])


@settings(max_examples=80, deadline=None)
@given(**shapes, per_row=st.integers(1, 4), level=st.sampled_from([0.0, 1.0]))
def test_the_first_open_cells_of_each_open_row(seed, height, width, dtype, per_row, level):
    masked = _masked(seed, height, width, dtype)
    rng = np.random.default_rng(seed + 1)
    rows = np.flatnonzero(rng.random(height) < 0.5)
    columns = np.flatnonzero(rng.random(width) < 0.6)
    found_rows, found_cols = passes.open_cells(
        masked, rows, columns, masked.dtype.type(level), per_row
    )
    expected = []
    for position, row in enumerate(rows.tolist()):
        hits = np.flatnonzero(masked[row, columns] >= level)[:per_row]
        expected += [(position, int(hit)) for hit in hits]
    assert list(zip(found_rows.tolist(), found_cols.tolist(), strict=True)) == expected
