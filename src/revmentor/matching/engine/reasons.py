"""Why unmatched people stayed unmatched: rule counts against everyone, in one pass (numba).

``rule_counts`` evaluates the scorer's hard rules cell by cell in the order of
``Scorer.rule_masks`` (the same comparisons, on the same arrays) without building a mask
per rule: a 100,000-a-side program with a few thousand unmatched people has about 10**9
cells to look at, which numpy's masks took minutes for.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from numba import njit

from .scoring import IndexArray, Scorer
from .types import RULE_NAMES

#: The rules in ``Scorer.rule_masks`` order, which is ``RULE_NAMES`` order.
RULES = RULE_NAMES


@dataclass(frozen=True)
class RuleCounts:
    """Per person: partners each rule excludes, partners each rule is the first to exclude,
    admissible partners and the first ``sample`` admissible ones (-1 padded)."""

    excluded: npt.NDArray[np.int64]
    first: npt.NDArray[np.int64]
    admissible: npt.NDArray[np.int64]
    samples: npt.NDArray[np.int64]


@njit(cache=True)
def _count(  # noqa: C901
    on,
    gap,
    adept_year,
    mentor_year,
    adept_org,
    mentor_org,
    adept_email,
    adept_manager,
    mentor_email,
    mentor_manager,
    adept_unit,
    mentor_unit,
    adept_po,
    mentor_po,
    adept_city,
    mentor_city,
    key_start,
    keys,
    width,
    by_row,
    sample,
):
    n_rows = len(adept_year)
    n_cols = len(mentor_year)
    people = n_rows if by_row else n_cols
    excluded = np.zeros((6, people), dtype=np.int64)
    first = np.zeros((6, people), dtype=np.int64)
    admissible = np.zeros(people, dtype=np.int64)
    samples = np.full((people, sample), -1, dtype=np.int64)
    taken = np.zeros(people, dtype=np.int64)
    for i in range(n_rows):
        pointer = key_start[i]
        end = key_start[i + 1]
        youngest = adept_year[i] + gap
        for j in range(n_cols):
            person = i if by_row else j
            ok = True
            if on[0] and not mentor_year[j] >= youngest:
                excluded[0, person] += 1
                first[0, person] += 1
                ok = False
            if on[1] and mentor_org[j] == adept_org[i]:
                excluded[1, person] += 1
                if ok:
                    first[1, person] += 1
                ok = False
            if on[2] and (
                mentor_email[j] == adept_manager[i] or mentor_manager[j] == adept_email[i]
            ):
                excluded[2, person] += 1
                if ok:
                    first[2, person] += 1
                ok = False
            if on[3] and mentor_unit[j] == adept_unit[i]:
                excluded[3, person] += 1
                if ok:
                    first[3, person] += 1
                ok = False
            if on[4]:
                flexible = (not adept_po[i]) and (not mentor_po[j])
                if not (flexible or mentor_city[j] == adept_city[i]):
                    excluded[4, person] += 1
                    if ok:
                        first[4, person] += 1
                    ok = False
            if on[5]:
                while pointer < end and keys[pointer] < i * width + j:
                    pointer += 1
                if pointer < end and keys[pointer] == i * width + j:
                    excluded[5, person] += 1
                    if ok:
                        first[5, person] += 1
                    ok = False
            if ok:
                admissible[person] += 1
                if taken[person] < sample:
                    samples[person, taken[person]] = j if by_row else i
                    taken[person] += 1
    return excluded, first, admissible, samples


def rule_counts(scorer: Scorer, by_row: bool, sample: int) -> RuleCounts:
    """Counts for each row (``by_row``) or each column of ``scorer`` against the other side."""
    rules, mentors, adepts = scorer.rules, scorer.mentors, scorer.adepts
    gap = 0 if rules.min_age_gap is None else int(rules.min_age_gap)
    on = np.array(
        [
            rules.min_age_gap is not None,
            rules.different_organisation == "required",
            bool(rules.forbid_own_manager),
            bool(rules.forbid_same_unit),
            bool(rules.format_compatibility),
            len(scorer.exclusion_keys) > 0,
        ]
    )
    width = max(scorer.n_cols, 1)
    keys = scorer.exclusion_keys.astype(np.int64)
    key_start = np.searchsorted(keys, np.arange(scorer.n_rows + 1) * width).astype(np.int64)
    excluded, first, admissible, samples = _count(
        on,
        gap,
        _int(adepts.birth_year),
        _int(mentors.birth_year),
        _int(adepts.organisation),
        _int(mentors.organisation),
        _int(adepts.email),
        _int(adepts.manager_email),
        _int(mentors.email),
        _int(mentors.manager_email),
        _int(adepts.unit_key),
        _int(mentors.unit_key),
        np.ascontiguousarray(adepts.physical_only, dtype=np.bool_),
        np.ascontiguousarray(mentors.physical_only, dtype=np.bool_),
        _int(adepts.physical_city),
        _int(mentors.physical_city),
        key_start,
        keys,
        width,
        by_row,
        sample,
    )
    return RuleCounts(excluded=excluded, first=first, admissible=admissible, samples=samples)


def _int(values: npt.ArrayLike) -> IndexArray:
    return np.ascontiguousarray(values, dtype=np.int64)
