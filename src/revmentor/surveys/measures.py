"""Statistics of instrument subscales on arrays: reverse scoring, scores, intervals, the paired
change, its effect size and Cronbach's alpha. numpy and scipy only, no Django.

Arrays are people × items with ``nan`` for an item left unanswered.
"""

from dataclasses import dataclass

import numpy as np
from scipy import stats

CONFIDENCE = 0.95


@dataclass(frozen=True)
class Estimate:
    """A mean with its t-based confidence interval over ``n`` scores."""

    n: int
    mean: float
    low: float
    high: float


@dataclass(frozen=True)
class PairedChange:
    """End minus start for the people who answered both; ``d_z`` is Cohen's d for paired scores."""

    n: int
    mean: float
    low: float
    high: float
    d_z: float | None
    p_value: float | None


def reverse_scored(values: np.ndarray, reverse: np.ndarray, points: int) -> np.ndarray:
    """The answers with reverse-scored items turned round (1 becomes ``points``, and so on)."""
    return np.where(reverse, points + 1 - values, values)


def scores(values: np.ndarray, min_items: int) -> np.ndarray:
    """Each person's mean over the items they answered; ``nan`` when fewer than ``min_items``."""
    answered = np.sum(~np.isnan(values), axis=1)
    totals = np.nansum(values, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = totals / answered
    return np.where(answered >= max(min_items, 1), means, np.nan)


def mean_interval(values: np.ndarray) -> Estimate | None:
    """The mean and its 95 % interval (Student's t); None for fewer than two scores."""
    values = values[~np.isnan(values)]
    n = len(values)
    if n < 2:
        return None
    mean = float(np.mean(values))
    sem = float(stats.sem(values))
    if sem == 0:
        return Estimate(n=n, mean=mean, low=mean, high=mean)
    low, high = stats.t.interval(CONFIDENCE, n - 1, loc=mean, scale=sem)
    return Estimate(n=n, mean=mean, low=float(low), high=float(high))


def paired_change(start: np.ndarray, end: np.ndarray) -> PairedChange | None:
    """End minus start over the pairs with both scores: paired t interval and d_z."""
    both = ~np.isnan(start) & ~np.isnan(end)
    start, end = start[both], end[both]
    n = len(start)
    if n < 2:
        return None
    differences = end - start
    mean = float(np.mean(differences))
    spread = float(np.std(differences, ddof=1))
    if spread == 0:
        return PairedChange(n=n, mean=mean, low=mean, high=mean, d_z=None, p_value=None)
    result = stats.ttest_rel(end, start)
    interval = result.confidence_interval(CONFIDENCE)
    return PairedChange(
        n=n,
        mean=mean,
        low=float(interval.low),
        high=float(interval.high),
        d_z=mean / spread,
        p_value=float(result.pvalue),
    )


def cronbach_alpha(values: np.ndarray) -> tuple[float | None, int]:
    """Cronbach's alpha over the people who answered every item, and how many they are.

    scipy has no alpha; it is k/(k-1) · (1 − Σ item variances / variance of the sums).
    """
    complete = values[~np.isnan(values).any(axis=1)]
    n, k = complete.shape
    if n < 2 or k < 2:
        return None, n
    total_variance = float(np.var(complete.sum(axis=1), ddof=1))
    if total_variance == 0:
        return None, n
    item_variances = float(np.var(complete, axis=0, ddof=1).sum())
    return k / (k - 1) * (1 - item_variances / total_variance), n
