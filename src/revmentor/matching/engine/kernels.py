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
    # Per-row values and switched-off rules are read once; each cell then computes every
    # rule and part without branching on the switches (adding a zero weight changes no bit).
    no_age = not on[0]
    no_org = not on[1]
    no_manager = not on[2]
    no_unit = not on[3]
    no_format = not on[4]
    w1 = weight[1] if use[1] else 0.0
    w2 = weight[2] if use[2] else 0.0
    w4 = weight[4] if use[4] else 0.0
    use3 = use[3]
    use5 = use[5]
    n_keys = len(keys)
    for i in prange(start, stop):
        row = i - start
        youngest = adept_year[i] + gap
        a_org = adept_org[i]
        a_manager = adept_manager[i]
        a_email = adept_email[i]
        a_unit = adept_unit[i]
        a_flexible = not adept_po[i]
        a_city = adept_city[i]
        a_topics = adept_topics[i]
        a_languages = adept_languages[i]
        a_slots = adept_slots[i]
        a_age = adept_age[i]
        t_base = topic_base[i]
        s_base = slot_base[i]
        # Rows are independent (each finds its own exclusions), so they run on every core.
        pointer = np.searchsorted(keys, i * width)
        excluded = keys[pointer] - i * width if pointer < n_keys else -1
        for j in range(n_cols):
            same_city = mentor_city[j] == a_city
            allowed = (no_age or mentor_year[j] >= youngest) and (no_org or mentor_org[j] != a_org)
            allowed = allowed and (
                no_manager or (mentor_email[j] != a_manager and mentor_manager[j] != a_email)
            )
            allowed = allowed and (no_unit or mentor_unit[j] != a_unit)
            allowed = allowed and (no_format or (a_flexible and not mentor_po[j]) or same_city)
            if j == excluded:
                allowed = False
                pointer += 1
                excluded = keys[pointer] - i * width if pointer < n_keys else -1
            score = topic_table[t_base + _popcount(a_topics & mentor_topics[j])]
            if (a_languages & mentor_languages[j]) != 0:
                score = score + w1
            if same_city:
                score = score + w2
            if use3:
                score = score + slot_table[s_base + _popcount(a_slots & mentor_slots[j])]
            if mentor_org[j] != a_org:
                score = score + w4
            if use5:
                score = score + age_table[mentor_age[j] - a_age]
            out[row, j] = score if allowed and score >= floor else -np.inf
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
