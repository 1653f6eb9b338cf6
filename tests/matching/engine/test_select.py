"""The compiled candidate selection of large programs keeps exactly the pairs its rule names."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from revmentor.matching.engine import certify


def _reference(masked, sample_cols, row_rank, column_cut, cap, picks):
    """The rule in plain numpy: per row, the admissible columns at or above the row's
    ``row_rank``-th best sampled score (the first ``cap`` in column order), above the
    column's cut-off, or picked; sorted by row and column, each once."""
    rows, cols = [], []
    for i, row in enumerate(masked):
        sampled = np.sort(row[sample_cols])[::-1]
        cut = sampled[row_rank - 1] if row_rank <= len(sampled) else -np.inf
        admissible = row > -np.inf
        hits = np.flatnonzero(admissible & (row >= cut))[:cap]
        chosen = set(hits.tolist())
        chosen |= set(np.flatnonzero(admissible & (row > column_cut)).tolist())
        chosen |= {int(p) for p in picks[i] if admissible[p]}
        for j in sorted(chosen):
            rows.append(i)
            cols.append(j)
    return np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)


@settings(max_examples=150, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    height=st.integers(1, 30),
    width=st.integers(1, 40),
    row_rank=st.integers(1, 4),
    cap=st.integers(1, 8),
    extra=st.integers(0, 4),
    room=st.integers(1, 6),
    dtype=st.sampled_from([np.float64, np.float32]),
)
def test_selection_equals_the_rule_in_numpy(seed, height, width, row_rank, cap, extra, room, dtype):
    rng = np.random.default_rng(seed)
    # Scores on a coarse grid (many ties), about a third not admissible.
    masked = rng.integers(0, 6, size=(height, width)).astype(dtype)
    masked[rng.random((height, width)) < 0.35] = -np.inf
    sample_cols = np.unique(rng.integers(0, width, size=min(width, 5)))
    column_cut = rng.integers(2, 7, size=width).astype(np.float64)
    column_cut[rng.random(width) < 0.3] = np.inf
    picks = np.sort(rng.integers(0, width, size=(height, extra)), axis=1)
    rows, cols, values = certify._select(
        masked, sample_cols, row_rank, column_cut, cap, picks, room
    )
    expected_rows, expected_cols = _reference(masked, sample_cols, row_rank, column_cut, cap, picks)
    assert np.array_equal(rows, expected_rows)
    assert np.array_equal(cols, expected_cols)
    assert values.dtype == dtype
    assert np.array_equal(values, masked[expected_rows, expected_cols])


def test_rows_with_more_candidates_than_room_keep_all_of_them():
    # Row 1 is above every column's cut-off: 9 candidates against a room of 2.
    masked = np.array([[1.0, -np.inf, 3.0, 0.0, 2.0, 0.0, 1.0, 0.0, 0.0]] * 3)
    masked[1] = 9.0
    column_cut = np.full(9, 8.5)
    rows, cols, _ = certify._select(
        masked, np.arange(9), 1, column_cut, 1, np.zeros((3, 0), dtype=np.int64), 2
    )
    assert rows.tolist() == [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]
    assert cols.tolist() == [2, 0, 1, 2, 3, 4, 5, 6, 7, 8, 2]
