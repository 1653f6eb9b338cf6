"""Participants' ranked wishes: the wishes-informed objective and the honoured-wish report.

Each side ranks a few partners (``Wishes``). In the wishes-informed mode a pair earns, on
top of its fit score, ``wish_weight * (points of the adept's rank of the mentor + points of
the mentor's rank of the adept)``, a first wish giving 1.0 point, a fifth 0.2 and an
unranked partner nothing (``rank_points``). The extra part is added to the score the
existing solvers maximise (``WishScorer``), so the result is still exact and certified:
as many pairs as the rules allow first, then fit plus honoured wishes. The pairs report
their fit score alone; ``WishReport`` says how many people got which wish.

Fair mode (``Rules.fair``) is not combined with wishes: the wishes part is the
coordinator's lever on the same total, so ``solve_with_wishes`` maximises the total.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .api import (
    Context,
    Method,
    PairList,
    _assemble,
    _free_problem,
    _problem_result,
    _solve_certified,
    _TooLarge,
    _validate,
)
from .scoring import FloatArray, IndexArray, Scorer
from .solver import MAX_SPARSE_PAIRS
from .types import MatchResult, People, Problem, Rules, Weights

#: A participant ranks at most this many partners; rank r (0-based) earns (5 - r) / 5 points.
MAX_WISHES = 5


def rank_points(rank: int) -> float:
    """Points of a partner at 0-based ``rank`` of someone's wishes (1.0 for the first wish)."""
    return max(MAX_WISHES - rank, 0) / MAX_WISHES


@dataclass(frozen=True)
class Wishes:
    """Both sides' ranked wishes by index: ``adepts[a]`` lists mentors, first wish first.

    An empty list means the person ranked nobody ("anyone suits me" or no answer).
    """

    mentors: tuple[tuple[int, ...], ...]
    adepts: tuple[tuple[int, ...], ...]

    @classmethod
    def of(cls, mentors: Iterable[Iterable[int]], adepts: Iterable[Iterable[int]]) -> Wishes:
        return cls(
            mentors=tuple(tuple(int(x) for x in row) for row in mentors),
            adepts=tuple(tuple(int(x) for x in row) for row in adepts),
        )

    @classmethod
    def none(cls, n_mentors: int, n_adepts: int) -> Wishes:
        return cls(mentors=((),) * n_mentors, adepts=((),) * n_adepts)

    def rank_of_mentor(self) -> list[dict[int, int]]:
        """Per adept, each wished mentor's 0-based rank."""
        return [{mentor: rank for rank, mentor in enumerate(row)} for row in self.adepts]

    def rank_of_adept(self) -> list[dict[int, int]]:
        """Per mentor, each wished adept's 0-based rank."""
        return [{adept: rank for rank, adept in enumerate(row)} for row in self.mentors]


def validate_wishes(wishes: Wishes, n_mentors: int, n_adepts: int) -> list[Problem]:
    """Problems with the wishes: wrong number of lists, indices out of range, duplicates."""
    problems: list[Problem] = []
    for side, rows, n_self, n_other in (
        ("mentor", wishes.mentors, n_mentors, n_adepts),
        ("adept", wishes.adepts, n_adepts, n_mentors),
    ):
        if len(rows) != n_self:
            problems.append(
                Problem("dimension_mismatch", {"side": side, "field": "wishes", "n": n_self})
            )
            continue
        bad = [
            index
            for index, row in enumerate(rows)
            if len(set(row)) != len(row) or any(not 0 <= other < n_other for other in row)
        ]
        if bad:
            problems.append(
                Problem("invalid_value", {"side": side, "field": "wishes", "indices": bad[:10]})
            )
    return problems


def wish_bonus(wishes: Wishes, wish_weight: float) -> tuple[IndexArray, IndexArray, FloatArray]:
    """Every wished pair as (mentor, adept, extra score), each pair once, both sides summed."""
    extra: dict[tuple[int, int], float] = {}
    for adept, row in enumerate(wishes.adepts):
        for rank, mentor in enumerate(row):
            extra[mentor, adept] = extra.get((mentor, adept), 0.0) + rank_points(rank)
    for mentor, row in enumerate(wishes.mentors):
        for rank, adept in enumerate(row):
            extra[mentor, adept] = extra.get((mentor, adept), 0.0) + rank_points(rank)
    keys = sorted(pair for pair, points in extra.items() if points > 0)
    mentors = np.asarray([mentor for mentor, _ in keys], dtype=np.int64)
    adepts = np.asarray([adept for _, adept in keys], dtype=np.int64)
    values = np.asarray([extra[key] * wish_weight for key in keys], dtype=np.float64)
    return mentors, adepts, values


class WishScorer(Scorer):
    """A scorer whose score is the fit plus a fixed extra per listed pair (local indices).

    The block path and both pair paths add the same float to the same fit, so a pair's
    score stays bit-for-bit equal on both, as the solvers and the certificate require.
    """

    def __init__(
        self, base: Scorer, mentors: IndexArray, adepts: IndexArray, values: FloatArray
    ) -> None:
        self.__dict__.update(base.__dict__)
        width = max(self.n_cols, 1)
        keys = adepts.astype(np.int64) * width + mentors
        order = np.argsort(keys, kind="stable")
        self.bonus_keys = keys[order]
        self.bonus_values = values[order]

    def score_block(self, start: int, stop: int) -> FloatArray:
        score = super().score_block(start, stop)
        width = max(self.n_cols, 1)
        low, high = np.searchsorted(self.bonus_keys, [start * width, stop * width])
        keys = self.bonus_keys[low:high]
        score[keys // width - start, keys % width] += self.bonus_values[low:high]
        return score

    def pair_parts(
        self, mentor: IndexArray, adept: IndexArray
    ) -> tuple[list[FloatArray], FloatArray]:
        parts, score = super().pair_parts(mentor, adept)
        return parts, score + self.bonus_of(mentor, adept)

    def pair_scores(self, mentor: IndexArray, adept: IndexArray) -> FloatArray:
        if self._tables is None:  # the base class then reads ``pair_parts``, bonus included
            return self.pair_parts(mentor, adept)[1]
        return super().pair_scores(mentor, adept) + self.bonus_of(mentor, adept)

    def bonus_of(self, mentor: IndexArray, adept: IndexArray) -> FloatArray:
        """The extra of each listed pair (0.0 for pairs nobody wished)."""
        extra = np.zeros(len(mentor), dtype=np.float64)
        if not len(self.bonus_keys) or not len(mentor):
            return extra
        keys = np.asarray(adept, dtype=np.int64) * max(self.n_cols, 1) + mentor
        found = np.clip(np.searchsorted(self.bonus_keys, keys), 0, len(self.bonus_keys) - 1)
        hit = self.bonus_keys[found] == keys
        extra[hit] = self.bonus_values[found[hit]]
        return extra


def admissible_wishes(
    context: Context, wishes: Wishes, locked_adepts: frozenset[int] | set[int] = frozenset()
) -> Wishes:
    """The wishes without pairs that break a hard rule or an exclusion, nor locked adepts."""
    scorer = context.scorer()
    candidates = sorted(
        {(mentor, adept) for adept, row in enumerate(wishes.adepts) for mentor in row}
        | {(mentor, adept) for mentor, row in enumerate(wishes.mentors) for adept in row}
    )
    allowed: set[tuple[int, int]] = set()
    if candidates:
        pair_mentors = np.asarray([mentor for mentor, _ in candidates], dtype=np.int64)
        pair_adepts = np.asarray([adept for _, adept in candidates], dtype=np.int64)
        ok = scorer.pair_admissible(pair_mentors, pair_adepts)
        allowed = {pair for pair, keep in zip(candidates, ok.tolist(), strict=True) if keep}
    return Wishes(
        mentors=tuple(
            tuple(
                adept for adept in row if (mentor, adept) in allowed and adept not in locked_adepts
            )
            for mentor, row in enumerate(wishes.mentors)
        ),
        adepts=tuple(
            ()
            if adept in locked_adepts
            else tuple(mentor for mentor in row if (mentor, adept) in allowed)
            for adept, row in enumerate(wishes.adepts)
        ),
    )


@dataclass(frozen=True)
class SideReport:
    """How one side's wishes were honoured; each person counts once, under their best wish.

    ``by_rank[r]`` people are paired with their (r+1)-th wish (a mentor with several adepts
    counts under the best-ranked one); ``not_honoured`` ranked someone but got none of them.
    """

    with_wishes: int
    by_rank: tuple[int, ...]
    not_honoured: int

    def share(self, rank: int) -> float | None:
        """Share of the people with wishes who got their wish at 0-based ``rank``."""
        if not self.with_wishes or rank >= len(self.by_rank):
            return None
        return self.by_rank[rank] / self.with_wishes


@dataclass(frozen=True)
class WishReport:
    """Honoured wishes of a set of pairs, the wish points it earns and its blocking pairs."""

    mentors: SideReport
    adepts: SideReport
    points: float
    blocking_pairs: tuple[tuple[int, int], ...]


def _capacities(capacity: int | Sequence[int], n_mentors: int) -> list[int]:
    if isinstance(capacity, int | np.integer):
        return [int(capacity)] * n_mentors
    return [int(seats) for seats in capacity]


def blocking_pairs(
    wishes: Wishes, pairs: Iterable[tuple[int, int]], capacity: int | Sequence[int]
) -> list[tuple[int, int]]:
    """Every (mentor, adept) pair that blocks the matching ``pairs``, sorted."""
    seats = _capacities(capacity, len(wishes.mentors))
    rank_of_mentor = wishes.rank_of_mentor()
    rank_of_adept = wishes.rank_of_adept()
    mentors_of: list[list[int]] = [[] for _ in wishes.adepts]
    adepts_of: list[list[int]] = [[] for _ in wishes.mentors]
    for mentor, adept in pairs:
        mentors_of[adept].append(mentor)
        adepts_of[mentor].append(adept)
    unranked = len(wishes.mentors) + len(wishes.adepts) + 1
    # An adept's current standing: the rank of its (first) mentor, or "unranked" when unpaired.
    adept_current = [
        min((rank_of_mentor[adept].get(mentor, unranked) for mentor in mine), default=unranked)
        for adept, mine in enumerate(mentors_of)
    ]
    # A mentor's weakest hold: "unranked" while it has a free seat or holds an unranked adept.
    mentor_worst = [
        unranked
        if len(mine) < seats[mentor]
        else max((rank_of_adept[mentor].get(adept, unranked) for adept in mine), default=unranked)
        for mentor, mine in enumerate(adepts_of)
    ]
    found = []
    for adept, row in enumerate(wishes.adepts):
        for mentor in row:
            if mentor in mentors_of[adept] or seats[mentor] <= 0:
                continue
            rank_for_mentor = rank_of_adept[mentor].get(adept)
            if rank_for_mentor is None:
                continue
            adept_gains = rank_of_mentor[adept][mentor] < adept_current[adept]
            mentor_gains = rank_for_mentor < mentor_worst[mentor]
            if adept_gains and mentor_gains:
                found.append((mentor, adept))
    return sorted(found)


def _side_report(
    rows: Sequence[Sequence[int]], partners: Sequence[Iterable[int]]
) -> tuple[SideReport, float]:
    by_rank = [0] * MAX_WISHES
    with_wishes = not_honoured = 0
    points = 0.0
    for row, mine in zip(rows, partners, strict=True):
        ranks = {other: rank for rank, other in enumerate(row)}
        got = sorted(ranks[other] for other in mine if other in ranks)
        points += sum(rank_points(rank) for rank in got)
        if not row:
            continue
        with_wishes += 1
        if not got:
            not_honoured += 1
        elif got[0] < MAX_WISHES:
            by_rank[got[0]] += 1
    return SideReport(with_wishes, tuple(by_rank), not_honoured), points


def wish_report(
    wishes: Wishes,
    pairs: Iterable[tuple[int, int]],
    capacity: int | Sequence[int],
    admissible: Wishes | None = None,
) -> WishReport:
    """Count honoured wishes per side and list the blocking pairs of ``(mentor, adept)`` pairs.

    Blocking pairs are looked for among ``admissible`` wishes when given (a pair the rules
    forbid cannot block), honoured wishes among all of them.
    """
    pair_list = [(int(mentor), int(adept)) for mentor, adept in pairs]
    mentors_of: list[list[int]] = [[] for _ in wishes.adepts]
    adepts_of: list[list[int]] = [[] for _ in wishes.mentors]
    for mentor, adept in pair_list:
        mentors_of[adept].append(mentor)
        adepts_of[mentor].append(adept)
    mentor_side, mentor_points = _side_report(wishes.mentors, adepts_of)
    adept_side, adept_points = _side_report(wishes.adepts, mentors_of)
    return WishReport(
        mentors=mentor_side,
        adepts=adept_side,
        points=mentor_points + adept_points,
        blocking_pairs=tuple(blocking_pairs(admissible or wishes, pair_list, capacity)),
    )


@dataclass(frozen=True)
class WishResult:
    """A matching with its wish report; ``result.pairs`` carry their fit score alone."""

    result: MatchResult
    report: WishReport | None
    wish_weight: float

    @property
    def ok(self) -> bool:
        return self.result.ok


def default_wish_weight(weights: Weights) -> float:
    """A first wish is worth as much as a perfect fit unless the coordinator says otherwise."""
    return weights.max_score


def solve_with_wishes(
    mentors: People,
    adepts: People,
    rules: Rules | None = None,
    weights: Weights | None = None,
    wishes: Wishes | None = None,
    *,
    wish_weight: float | None = None,
    exclusions: PairList = (),
    locks: PairList = (),
    method: Method = "auto",
) -> WishResult:
    """Pair as many people as the rules allow, then maximise fit plus weighted honoured wishes."""
    rules = replace(rules or Rules(), fair=False)
    weights = weights or Weights()
    wishes = wishes or Wishes.none(mentors.n, adepts.n)
    weight = default_wish_weight(weights) if wish_weight is None else float(wish_weight)
    context, problems = _validate(mentors, adepts, rules, weights, exclusions, locks, method)
    if not np.isfinite(weight) or not 0.0 <= weight <= 1e6:
        problems.append(Problem("invalid_weight", {"name": "wishes", "value": weight}))
    if context is not None:
        problems += validate_wishes(wishes, mentors.n, adepts.n)
    if context is None or problems:
        return WishResult(_problem_result(problems, weights), None, weight)
    free_mentors, free_adepts, slots = _free_problem(context)
    bonus_mentors, bonus_adepts, values = wish_bonus(wishes, weight)
    mentor_position = np.full(mentors.n, -1, dtype=np.int64)
    mentor_position[free_mentors] = np.arange(len(free_mentors))
    adept_position = np.full(adepts.n, -1, dtype=np.int64)
    adept_position[free_adepts] = np.arange(len(free_adepts))
    local_mentors = mentor_position[bonus_mentors]
    local_adepts = adept_position[bonus_adepts]
    kept = (local_mentors >= 0) & (local_adepts >= 0)
    scorer = WishScorer(
        context.scorer(free_mentors, free_adepts),
        local_mentors[kept],
        local_adepts[kept],
        values[kept],
    )
    max_score = weights.max_score + 2 * weight
    try:
        mentor_of, certificate, chosen = _solve_certified(scorer, slots, max_score, method)
    except _TooLarge as error:
        problem = Problem("problem_too_large", {"pairs": error.pairs, "limit": MAX_SPARSE_PAIRS})
        return WishResult(_problem_result([problem], weights), None, weight)
    rows = np.flatnonzero(mentor_of >= 0).astype(np.int64)
    if certificate is not None:
        certificate = replace(certificate, adepts=free_adepts, mentors=free_mentors)
    all_mentors = np.concatenate([context.lock_mentors, free_mentors[mentor_of[rows]]])
    all_adepts = np.concatenate([context.lock_adepts, free_adepts[rows]])
    result = _assemble(context, all_mentors, all_adepts, chosen, None, certificate)
    report = wish_report(
        wishes,
        [(pair.mentor, pair.adept) for pair in result.pairs],
        rules.capacity,
        admissible=admissible_wishes(context, wishes),
    )
    return WishResult(result, report, weight)
