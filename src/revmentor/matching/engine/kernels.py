"""Masked score blocks in one compiled pass: rules, score and floor per cell (numba).

``masked_block`` gives what ``Scorer.block`` followed by "-inf where not admissible" gives,
bit for bit: the score is built from the same weighted tables (``Scorer._score_tables``)
with the same additions in the same order, and the rules are the same comparisons as
``Scorer.rule_masks``. It writes each cell once instead of through a dozen numpy
temporaries (tests/matching/engine/test_kernels.py checks the two paths agree).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numba import njit, prange

from .scoring import Scorer


@njit(cache=True, inline="always")
def _popcount(word):
    word = word - ((word >> np.uint64(1)) & np.uint64(0x5555555555555555))
    word = (word & np.uint64(0x3333333333333333)) + (
        (word >> np.uint64(2)) & np.uint64(0x3333333333333333)
    )
    word = (word + (word >> np.uint64(4))) & np.uint64(0x0F0F0F0F0F0F0F0F)
    return (word * np.uint64(0x0101010101010101)) >> np.uint64(56)


@njit(cache=True, parallel=True)
def _masked(  # noqa: C901
    out,
    start,
    stop,
    on,
    gap,
    floor,
    use,
    weight,
    topic_table,
    topic_base,
    slot_table,
    slot_base,
    age_table,
    adept_age,
    mentor_age,
    adept_topics,
    mentor_topics,
    adept_languages,
    mentor_languages,
    adept_slots,
    mentor_slots,
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
    keys,
    width,
):
    n_cols = len(mentor_year)
    # Rows are independent (each finds its own exclusions), so they run on every core.
    for i in prange(start, stop):
        pointer = np.searchsorted(keys, i * width)
        youngest = adept_year[i] + gap
        row = i - start
        for j in range(n_cols):
            allowed = True
            if on[0] and not mentor_year[j] >= youngest:
                allowed = False
            if on[1] and mentor_org[j] == adept_org[i]:
                allowed = False
            if on[2] and (
                mentor_email[j] == adept_manager[i] or mentor_manager[j] == adept_email[i]
            ):
                allowed = False
            if on[3] and mentor_unit[j] == adept_unit[i]:
                allowed = False
            if on[4] and not (
                ((not adept_po[i]) and (not mentor_po[j])) or mentor_city[j] == adept_city[i]
            ):
                allowed = False
            if on[5]:
                key = i * width + j
                while pointer < len(keys) and keys[pointer] < key:
                    pointer += 1
                if pointer < len(keys) and keys[pointer] == key:
                    allowed = False
            if not allowed:
                out[row, j] = -np.inf
                continue
            shared = _popcount(adept_topics[i] & mentor_topics[j])
            score = topic_table[topic_base[i] + shared]
            if use[1] and (adept_languages[i] & mentor_languages[j]) != 0:
                score = score + weight[1]
            if use[2] and mentor_city[j] == adept_city[i]:
                score = score + weight[2]
            if use[3]:
                score = (
                    score + slot_table[slot_base[i] + _popcount(adept_slots[i] & mentor_slots[j])]
                )
            if use[4] and mentor_org[j] != adept_org[i]:
                score = score + weight[4]
            if use[5]:
                score = score + age_table[mentor_age[j] - adept_age[i]]
            out[row, j] = score if score >= floor else -np.inf
    return out


def masked_block(
    scorer: Scorer, start: int, stop: int, out: npt.NDArray[np.floating] | None = None
) -> npt.NDArray[np.floating] | None:
    """Rows ``start:stop`` of the masked score matrix, or None without weighted tables (or
    for a subclass that scores differently, such as the wishes' scorer). Written into
    ``out`` when given (float32 rounds each score to nearest, as ``astype`` would)."""
    tables = scorer._tables
    kind = type(scorer)
    plain = all(
        getattr(kind, name) is getattr(Scorer, name)
        for name in ("score_block", "block", "admissible_block", "rule_masks")
    )
    if tables is None or not plain:
        return None
    rules, mentors, adepts, weights = scorer.rules, scorer.mentors, scorer.adepts, scorer.weights
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
    use = np.array(
        [
            True,
            weights[1] != 0.0,
            weights[2] != 0.0,
            weights[3] != 0.0,
            weights[4] != 0.0 and scorer.diversity_counts,
            weights[5] != 0.0,
        ]
    )
    gap = 0 if rules.min_age_gap is None else int(rules.min_age_gap)
    floor = -np.inf if scorer.min_score is None else float(scorer.min_score)
    if out is None:
        out = np.empty((stop - start, scorer.n_cols))
    return _masked(
        out,
        start,
        stop,
        on,
        gap,
        floor,
        use,
        np.asarray(weights, dtype=np.float64),
        tables["topics"],
        _int(tables["topic_base"]),
        tables["availability"],
        _int(tables["slot_base"]),
        np.ascontiguousarray(tables["age"], dtype=np.float64),
        _int(tables["adept_year"]),
        _int(tables["mentor_year"]),
        adepts.topics_bits,
        mentors.topics_bits,
        adepts.languages_bits,
        mentors.languages_bits,
        adepts.availability_bits,
        mentors.availability_bits,
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
        scorer.exclusion_keys.astype(np.int64),
        max(scorer.n_cols, 1),
    )


def _int(values: npt.ArrayLike) -> npt.NDArray[np.int64]:
    return np.ascontiguousarray(values, dtype=np.int64)
