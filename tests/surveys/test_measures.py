"""The subscale statistics against small cases worked out by hand."""

import math

import numpy as np
import pytest

from revmentor.surveys import measures

NAN = np.nan
T_975_DF4 = 2.7764451051977987  # Student's t, 97.5th percentile, 4 degrees of freedom
T_975_DF5 = 2.5705818366147395


def test_reverse_scoring_turns_only_the_reverse_items_round_on_the_scale_used():
    values = np.array([[1.0, 5.0, 4.0], [2.0, 4.0, NAN]])
    turned = measures.reverse_scored(values, np.array([False, True, True]), 5)
    assert turned[:, :2].tolist() == [[1.0, 1.0], [2.0, 2.0]]
    assert (turned[0, 2], math.isnan(turned[1, 2])) == (2.0, True)
    four = measures.reverse_scored(np.array([[1.0, 4.0]]), np.array([True, True]), 4)
    assert four.tolist() == [[4.0, 1.0]]


def test_a_score_needs_the_least_number_of_items_answered():
    values = np.array([[1.0, NAN, 3.0], [NAN, NAN, 2.0], [4.0, 4.0, 5.0]])
    got = measures.scores(values, min_items=2)
    assert (got[0], math.isnan(got[1]), got[2]) == (2.0, True, pytest.approx(13 / 3))


def test_mean_interval_of_one_to_five():
    # mean 3, sd √2.5, standard error √0.5 = 0.7071068; half-width 2.7764451 × 0.7071068.
    got = measures.mean_interval(np.array([1.0, 2.0, 3.0, 4.0, 5.0, NAN]))
    half = T_975_DF4 * math.sqrt(0.5)
    assert got == measures.Estimate(
        n=5, mean=3.0, low=pytest.approx(3 - half), high=pytest.approx(3 + half)
    )
    assert (round(got.low, 6), round(got.high, 6)) == (1.036757, 4.963243)


def test_mean_interval_needs_two_scores_and_is_a_point_without_spread():
    assert measures.mean_interval(np.array([4.0, NAN])) is None
    assert measures.mean_interval(np.array([4.0, 4.0, 4.0])) == measures.Estimate(3, 4.0, 4.0, 4.0)


def test_paired_change_interval_and_effect_size():
    # Differences 1, 0, 1, 1, 1: mean 0.8, sd √0.2, standard error 0.2, d_z = 0.8 / √0.2 = 4/√5.
    start = np.array([2.0, 3.0, 3.0, 4.0, 2.0, 5.0])
    end = np.array([3.0, 3.0, 4.0, 5.0, 3.0, NAN])  # the sixth has no end score: left out
    got = measures.paired_change(start, end)
    assert (got.n, got.mean) == (5, pytest.approx(0.8))
    assert (round(got.low, 6), round(got.high, 6)) == (
        round(0.8 - T_975_DF4 * 0.2, 6),
        round(0.8 + T_975_DF4 * 0.2, 6),
    )
    assert (round(got.low, 6), round(got.high, 6)) == (0.244711, 1.355289)
    assert got.d_z == pytest.approx(4 / math.sqrt(5))
    assert got.p_value == pytest.approx(0.0161, abs=5e-4)  # t = 4 on 4 degrees of freedom


def test_paired_change_without_spread_has_no_effect_size():
    got = measures.paired_change(np.array([2.0, 3.0, 4.0]), np.array([3.0, 4.0, 5.0]))
    assert got == measures.PairedChange(n=3, mean=1.0, low=1.0, high=1.0, d_z=None, p_value=None)


def test_cronbach_alpha_on_complete_rows_only():
    # Item variances 5/3, 4/3, 4.75/3; variance of the sums (5, 7, 10, 13) 12.25:
    # alpha = 3/2 · (1 − 13.75/36.75) = 46/49.
    values = np.array(
        [[1.0, 2.0, 2.0], [2.0, 2.0, 3.0], [3.0, 4.0, 3.0], [4.0, 4.0, 5.0], [5.0, NAN, 1.0]]
    )
    alpha, n = measures.cronbach_alpha(values)
    assert (alpha, n) == (pytest.approx(46 / 49), 4)


def test_cronbach_alpha_needs_two_items_two_people_and_spread():
    assert measures.cronbach_alpha(np.array([[1.0], [2.0], [3.0]])) == (None, 3)
    assert measures.cronbach_alpha(np.array([[1.0, 2.0]])) == (None, 1)
    assert measures.cronbach_alpha(np.array([[3.0, 3.0], [3.0, 3.0]])) == (None, 2)
