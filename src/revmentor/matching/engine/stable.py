"""Stability: deferred acceptance with mentor capacities, and blocking pairs of any matching.

Preferences are the stated wishes (``Wishes``); a partner nobody ranked is not acceptable
to deferred acceptance and ranks below every wished one when blocking pairs are counted.
A pair (mentor m, adept a) *blocks* a matching when both ranked each other, they are not
paired, a is unpaired or ranks m above its mentor (or did not rank its mentor), and m has
a free seat or ranks a above one of its adepts (or did not rank one of them).

``solve_stable`` pairs people by deferred acceptance on their mutual wishes, then lets the
wishes-informed solver pair whoever is left among the admissible pairs. The pairs added
afterwards never create a blocking pair: a person left unpaired by deferred acceptance gets
a partner that is no better for blocking than none, and a mentor's extra seats are filled
only with adepts it did not prefer over someone it holds.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

import numpy as np

from .api import Method, PairList, _validate
from .types import People, Rules, Weights
from .wishes import (
    Wishes,
    WishResult,
    _capacities,
    admissible_wishes,
    blocking_pairs,
    solve_with_wishes,
    validate_wishes,
    wish_report,
)

Proposer = Literal["mentor", "adept"]

__all__ = ["Proposer", "blocking_pairs", "deferred_acceptance", "solve_stable"]


def deferred_acceptance(
    wishes: Wishes, capacity: int | Sequence[int], proposer: Proposer = "adept"
) -> list[tuple[int, int]]:
    """The proposer-optimal stable matching on mutual wishes, as sorted (mentor, adept) pairs.

    ``capacity`` is every mentor's number of seats (one number or one per mentor).
    """
    seats = _capacities(capacity, len(wishes.mentors))
    rank_of_mentor = wishes.rank_of_mentor()
    rank_of_adept = wishes.rank_of_adept()
    if proposer == "adept":
        pairs = _adepts_propose(wishes, seats, rank_of_mentor, rank_of_adept)
    else:
        pairs = _mentors_propose(wishes, seats, rank_of_mentor, rank_of_adept)
    return sorted(pairs)


def _adepts_propose(
    wishes: Wishes,
    seats: list[int],
    rank_of_mentor: list[dict[int, int]],
    rank_of_adept: list[dict[int, int]],
) -> list[tuple[int, int]]:
    next_choice = [0] * len(wishes.adepts)
    held: list[list[int]] = [[] for _ in wishes.mentors]
    free = deque(range(len(wishes.adepts)))
    while free:
        adept = free.popleft()
        row = wishes.adepts[adept]
        while next_choice[adept] < len(row):
            mentor = row[next_choice[adept]]
            next_choice[adept] += 1
            ranks = rank_of_adept[mentor]
            if adept not in ranks or seats[mentor] <= 0:
                continue
            held[mentor].append(adept)
            if len(held[mentor]) <= seats[mentor]:
                break
            worst = max(held[mentor], key=ranks.__getitem__)
            held[mentor].remove(worst)
            if worst != adept:
                free.append(worst)
                break
    return [(mentor, adept) for mentor, adepts in enumerate(held) for adept in adepts]


def _mentors_propose(
    wishes: Wishes,
    seats: list[int],
    rank_of_mentor: list[dict[int, int]],
    rank_of_adept: list[dict[int, int]],
) -> list[tuple[int, int]]:
    next_choice = [0] * len(wishes.mentors)
    holds = [-1] * len(wishes.adepts)
    count = [0] * len(wishes.mentors)
    active = deque(mentor for mentor in range(len(wishes.mentors)) if seats[mentor] > 0)
    while active:
        mentor = active.popleft()
        row = wishes.mentors[mentor]
        while count[mentor] < seats[mentor] and next_choice[mentor] < len(row):
            adept = row[next_choice[mentor]]
            next_choice[mentor] += 1
            ranks = rank_of_mentor[adept]
            if mentor not in ranks:
                continue
            current = holds[adept]
            if current >= 0 and ranks[current] < ranks[mentor]:
                continue
            holds[adept] = mentor
            count[mentor] += 1
            if current >= 0:
                count[current] -= 1
                active.append(current)
    return [(mentor, adept) for adept, mentor in enumerate(holds) if mentor >= 0]


def solve_stable(
    mentors: People,
    adepts: People,
    rules: Rules | None = None,
    weights: Weights | None = None,
    wishes: Wishes | None = None,
    *,
    proposer: Proposer = "adept",
    wish_weight: float | None = None,
    exclusions: PairList = (),
    locks: PairList = (),
    method: Method = "auto",
) -> WishResult:
    """A stable pairing: deferred acceptance on admissible mutual wishes, the rest optimally.

    Locked pairs stay; their people and seats are taken out before deferred acceptance.
    """
    rules = replace(rules or Rules(), fair=False)
    weights = weights or Weights()
    wishes = wishes or Wishes.none(mentors.n, adepts.n)
    context, problems = _validate(mentors, adepts, rules, weights, exclusions, locks, method)
    if context is None or problems or validate_wishes(wishes, mentors.n, adepts.n):
        return solve_with_wishes(
            mentors,
            adepts,
            rules,
            weights,
            wishes,
            wish_weight=wish_weight,
            exclusions=exclusions,
            locks=locks,
            method=method,
        )
    seats = np.full(mentors.n, min(int(rules.capacity), adepts.n), dtype=np.int64)
    np.subtract.at(seats, context.lock_mentors, 1)
    locked_adepts = set(context.lock_adepts.tolist())
    admissible = admissible_wishes(context, wishes, locked_adepts)
    matched = deferred_acceptance(admissible, np.maximum(seats, 0).tolist(), proposer)
    own_locks = set(zip(context.lock_mentors.tolist(), context.lock_adepts.tolist(), strict=True))
    solved = solve_with_wishes(
        mentors,
        adepts,
        rules,
        weights,
        wishes,
        wish_weight=wish_weight,
        exclusions=exclusions,
        locks=sorted(own_locks | set(matched)),
        method=method,
    )
    if not solved.ok:
        return solved
    result = solved.result
    pairs = [replace(pair, locked=(pair.mentor, pair.adept) in own_locks) for pair in result.pairs]
    result = replace(result, pairs=pairs, method=f"stable_{proposer}")
    report = wish_report(
        wishes,
        [(pair.mentor, pair.adept) for pair in pairs],
        rules.capacity,
        admissible=admissible_wishes(context, wishes),
    )
    return WishResult(result, report, solved.wish_weight)
