"""Hard-rule admissibility and the soft score, vectorised over blocks of rows or lists of pairs.

Rows are adepts and columns are mentors. The block path (whole rows at once, BLAS for the
overlap counts) and the pair path (gathered index lists) run the same floating-point
operations in the same order, so a pair's score is bit-for-bit the same on both paths;
the tests rely on that, and so does the fair mode's score threshold.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import numpy.typing as npt

from .prepare import SideArrays
from .types import RULE_NAMES, Rules, Weights

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IndexArray = npt.NDArray[np.int64]

#: Elements per block; 2 MB float64 temporaries are reused by the allocator, not re-mapped.
BLOCK_ELEMENTS = 1 << 18

#: Every part is a whole number of hundredths, rounded half up with integer arithmetic, so
#: that realistic programs have many ties and 1/8 and 17/40 round by the same rule.
PART_STEPS = 100


def share_in_steps(numerator: npt.ArrayLike, denominator: npt.ArrayLike) -> FloatArray:
    """``numerator / denominator`` (both whole, denominator > 0) rounded half up to hundredths."""
    top = np.asarray(numerator, dtype=np.int64)
    bottom = np.asarray(denominator, dtype=np.int64)
    steps = (2 * PART_STEPS * top + bottom) // (2 * bottom)
    return np.asarray(steps / PART_STEPS, dtype=np.float64)


def age_closeness_table(
    mentor_years: npt.NDArray[np.int64], adept_years: npt.NDArray[np.int64], target: int
) -> tuple[FloatArray, int]:
    """Closeness of each possible age gap to the target, indexed by ``gap - offset``."""
    if len(mentor_years) == 0 or len(adept_years) == 0:
        return np.zeros(1), 0
    low = int(mentor_years.min()) - int(adept_years.max())
    high = int(mentor_years.max()) - int(adept_years.min())
    gaps = np.arange(low, high + 1, dtype=np.int64)
    closeness = np.clip(target - np.abs(gaps - target), 0, target)
    return share_in_steps(closeness, np.full(len(gaps), target)), low


def _shared(
    adept_bits: npt.NDArray[np.uint64] | None,
    mentor_bits: npt.NDArray[np.uint64] | None,
    adept_matrix: npt.NDArray[np.float32],
    mentor_matrix_t: npt.NDArray[np.float32],
    rows: slice,
) -> npt.NDArray[Any]:
    """Count of shared items per cell: popcount of packed words, or a matmul when too wide."""
    if adept_bits is not None and mentor_bits is not None:
        return np.bitwise_count(adept_bits[rows, None] & mentor_bits[None, :])
    return adept_matrix[rows] @ mentor_matrix_t


class Scorer:
    """Scores and admissibility for adepts (rows) against mentors (columns)."""

    def __init__(
        self,
        mentors: SideArrays,
        adepts: SideArrays,
        rules: Rules,
        weights: Weights,
        age_table: tuple[FloatArray, int],
        exclusion_mentors: IndexArray,
        exclusion_adepts: IndexArray,
        min_score: float | None = None,
    ) -> None:
        self.mentors = mentors
        self.adepts = adepts
        self.rules = rules
        self.weights = weights.as_tuple()
        self.age_table, self.age_offset = age_table
        self.min_score = min_score
        self.n_rows = adepts.n
        self.n_cols = mentors.n
        # Sorted row-major keys let a row block find its exclusions with one searchsorted.
        self.exclusion_keys = np.unique(
            exclusion_adepts.astype(np.int64) * max(self.n_cols, 1) + exclusion_mentors
        )
        self._topics_t = np.ascontiguousarray(mentors.topics_f.T)
        self._languages_t = np.ascontiguousarray(mentors.languages_f.T)
        self._availability_t = np.ascontiguousarray(mentors.availability_f.T)
        self.diversity_counts = rules.different_organisation != "indifferent"
        self._tables = self._score_tables()
        #: ``solver.format_candidates`` of this scorer, once computed (the solver asks for
        #: it up to four times per solve; at 100,000 a side each join takes a second).
        self.format_listing: Any = None

    def _score_tables(self) -> dict[str, Any] | None:
        """Weighted part tables for the block path (packed bits only, narrow sets only).

        ``table[count * (width + 1) + shared]`` is ``share_in_steps(shared, count) * weight``:
        the very product ``_weighted_sum`` forms, so sums stay bit for bit the same.
        """
        mentors, adepts = self.mentors, self.adepts
        packed = (
            adepts.topics_bits,
            mentors.topics_bits,
            adepts.languages_bits,
            mentors.languages_bits,
            adepts.availability_bits,
            mentors.availability_bits,
        )
        if any(bits is None for bits in packed) or self.n_rows == 0:
            return None

        def table(width: int, weight: float) -> FloatArray:
            steps = np.arange(width + 1)
            shares = share_in_steps(steps[None, :], np.maximum(steps[:, None], 1))
            return np.ascontiguousarray((shares * weight).ravel())

        topic_width = adepts.topics.shape[1]
        slot_width = adepts.availability.shape[1]
        return {
            "topics": table(topic_width, self.weights[0]),
            "topic_base": (adepts.topic_count * (topic_width + 1)).astype(np.intp),
            "availability": table(slot_width, self.weights[3]),
            "slot_base": (adepts.availability_count * (slot_width + 1)).astype(np.intp),
            "age": self.age_table * self.weights[5],
            "adept_year": (adepts.birth_year + self.age_offset).astype(np.intp),
            "mentor_year": mentors.birth_year.astype(np.intp),
        }

    @property
    def block_rows(self) -> int:
        return max(1, BLOCK_ELEMENTS // max(self.n_cols, 1))

    def blocks(self) -> Iterator[tuple[int, int]]:
        step = self.block_rows
        for start in range(0, self.n_rows, step):
            yield start, min(start + step, self.n_rows)

    def rule_masks(self, start: int, stop: int) -> Iterator[tuple[str, BoolArray]]:
        """For each switched-on hard rule, which cells of rows ``start:stop`` it allows."""
        rules, mentors, adepts = self.rules, self.mentors, self.adepts
        rows = slice(start, stop)
        if rules.min_age_gap is not None:
            youngest = (adepts.birth_year[rows] + rules.min_age_gap)[:, None]
            yield "min_age_gap", mentors.birth_year[None, :] >= youngest
        if rules.different_organisation == "required":
            yield (
                "different_organisation",
                (mentors.organisation[None, :] != adepts.organisation[rows, None]),
            )
        if rules.forbid_own_manager:
            allowed = mentors.email[None, :] != adepts.manager_email[rows, None]
            allowed &= mentors.manager_email[None, :] != adepts.email[rows, None]
            yield "own_manager", allowed
        if rules.forbid_same_unit:
            yield "same_unit", mentors.unit_key[None, :] != adepts.unit_key[rows, None]
        if rules.format_compatibility:
            flexible = np.logical_and.outer(~adepts.physical_only[rows], ~mentors.physical_only)
            flexible |= mentors.physical_city[None, :] == adepts.physical_city[rows, None]
            yield "format", flexible
        if len(self.exclusion_keys):
            width = max(self.n_cols, 1)
            low, high = np.searchsorted(self.exclusion_keys, [start * width, stop * width])
            keys = self.exclusion_keys[low:high]
            allowed = np.ones((stop - start, self.n_cols), dtype=bool)
            allowed[keys // width - start, keys % width] = False
            yield "exclusion", allowed

    def admissible_block(self, start: int, stop: int) -> BoolArray:
        ok = np.ones((stop - start, self.n_cols), dtype=bool)
        for _, allowed in self.rule_masks(start, stop):
            ok &= allowed
        return ok

    def score_block(self, start: int, stop: int) -> FloatArray:
        if self._tables is not None:
            return self._score_block_tables(start, stop, self._tables)
        mentors, adepts = self.mentors, self.adepts
        rows = slice(start, stop)
        shared_topics = _shared(
            adepts.topics_bits, mentors.topics_bits, adepts.topics_f, self._topics_t, rows
        ).astype(np.int64)
        shared_languages = (
            _shared(
                adepts.languages_bits,
                mentors.languages_bits,
                adepts.languages_f,
                self._languages_t,
                rows,
            )
            > 0
        )
        shared_slots = _shared(
            adepts.availability_bits,
            mentors.availability_bits,
            adepts.availability_f,
            self._availability_t,
            rows,
        ).astype(np.int64)
        same_city = mentors.physical_city[None, :] == adepts.physical_city[rows, None]
        different = mentors.organisation[None, :] != adepts.organisation[rows, None]
        gap_index = (
            mentors.birth_year[None, :] - (adepts.birth_year[rows] + self.age_offset)[:, None]
        )
        parts = self._parts(
            shared_topics,
            adepts.topic_count[rows, None],
            shared_languages,
            same_city,
            shared_slots,
            adepts.availability_count[rows, None],
            different,
            gap_index,
        )
        return self._weighted_sum(parts, reuse_parts=True)

    def _score_block_tables(self, start: int, stop: int, tables: dict[str, Any]) -> FloatArray:
        """The block path through weighted tables: the same products added in the same
        order as ``_weighted_sum`` (adding a zero part or skipping it gives the same bits)."""
        mentors, adepts, weights = self.mentors, self.adepts, self.weights
        rows = slice(start, stop)
        assert adepts.topics_bits is not None and mentors.topics_bits is not None
        assert adepts.languages_bits is not None and mentors.languages_bits is not None
        assert adepts.availability_bits is not None and mentors.availability_bits is not None
        shared = np.bitwise_count(adepts.topics_bits[rows, None] & mentors.topics_bits[None, :])
        score = tables["topics"].take(tables["topic_base"][rows, None] + shared)
        if weights[1] != 0.0:
            both = (adepts.languages_bits[rows, None] & mentors.languages_bits[None, :]) != 0
            np.add(score, weights[1], out=score, where=both)
        if weights[2] != 0.0:
            same_city = mentors.physical_city[None, :] == adepts.physical_city[rows, None]
            np.add(score, weights[2], out=score, where=same_city)
        if weights[3] != 0.0:
            shared = np.bitwise_count(
                adepts.availability_bits[rows, None] & mentors.availability_bits[None, :]
            )
            score += tables["availability"].take(tables["slot_base"][rows, None] + shared)
        if weights[4] != 0.0 and self.diversity_counts:
            different = mentors.organisation[None, :] != adepts.organisation[rows, None]
            np.add(score, weights[4], out=score, where=different)
        if weights[5] != 0.0:
            gap = tables["mentor_year"][None, :] - tables["adept_year"][rows, None]
            score += tables["age"].take(gap)
        return score

    def pair_scores(self, mentor: IndexArray, adept: IndexArray) -> FloatArray:
        """Scores of the listed pairs, bit for bit those of ``pair_parts`` (and the block
        path), through the weighted tables when the sets are packed into bits."""
        tables = self._tables
        if tables is None:
            return self.pair_parts(mentor, adept)[1]
        mentors, adepts, weights = self.mentors, self.adepts, self.weights
        assert adepts.topics_bits is not None and mentors.topics_bits is not None
        assert adepts.languages_bits is not None and mentors.languages_bits is not None
        assert adepts.availability_bits is not None and mentors.availability_bits is not None
        shared = np.bitwise_count(adepts.topics_bits[adept] & mentors.topics_bits[mentor])
        score = tables["topics"].take(tables["topic_base"][adept] + shared)
        if weights[1] != 0.0:
            both = (adepts.languages_bits[adept] & mentors.languages_bits[mentor]) != 0
            np.add(score, weights[1], out=score, where=both)
        if weights[2] != 0.0:
            same_city = mentors.physical_city[mentor] == adepts.physical_city[adept]
            np.add(score, weights[2], out=score, where=same_city)
        if weights[3] != 0.0:
            shared = np.bitwise_count(
                adepts.availability_bits[adept] & mentors.availability_bits[mentor]
            )
            score += tables["availability"].take(tables["slot_base"][adept] + shared)
        if weights[4] != 0.0 and self.diversity_counts:
            different = mentors.organisation[mentor] != adepts.organisation[adept]
            np.add(score, weights[4], out=score, where=different)
        if weights[5] != 0.0:
            gap = tables["mentor_year"][mentor] - tables["adept_year"][adept]
            score += tables["age"].take(gap)
        return np.asarray(score, dtype=np.float64)

    def block(self, start: int, stop: int) -> tuple[BoolArray, FloatArray]:
        """Admissibility and score of rows ``start:stop`` against every column."""
        ok = self.admissible_block(start, stop)
        score = self.score_block(start, stop)
        if self.min_score is not None:
            ok &= score >= self.min_score
        return ok, score

    def pair_parts(
        self, mentor: IndexArray, adept: IndexArray
    ) -> tuple[list[FloatArray], FloatArray]:
        """Parts and score of the listed pairs (local indices), identical to the block path."""
        mentors, adepts = self.mentors, self.adepts
        shared_topics = (adepts.topics[adept] & mentors.topics[mentor]).sum(axis=1)
        shared_languages = (adepts.languages[adept] & mentors.languages[mentor]).any(axis=1)
        shared_slots = (adepts.availability[adept] & mentors.availability[mentor]).sum(axis=1)
        parts = self._parts(
            shared_topics.astype(np.int64),
            adepts.topic_count[adept],
            shared_languages,
            mentors.physical_city[mentor] == adepts.physical_city[adept],
            shared_slots.astype(np.int64),
            adepts.availability_count[adept],
            mentors.organisation[mentor] != adepts.organisation[adept],
            mentors.birth_year[mentor] - (adepts.birth_year[adept] + self.age_offset),
        )
        return parts, self._weighted_sum(parts)

    def pair_admissible(self, mentor: IndexArray, adept: IndexArray) -> BoolArray:
        """Whether each listed pair keeps every hard rule (and the fair-mode score floor)."""
        broken = np.logical_or.reduce(list(self.pair_violations(mentor, adept).values()))
        if self.min_score is not None:
            broken |= self.pair_parts(mentor, adept)[1] < self.min_score
        return ~broken

    def pair_violations(self, mentor: IndexArray, adept: IndexArray) -> dict[str, BoolArray]:
        """For each hard rule, which listed pairs break it (false everywhere when switched off)."""
        rules, mentors, adepts = self.rules, self.mentors, self.adepts
        none = np.zeros(len(mentor), dtype=bool)
        broken: dict[str, BoolArray] = dict.fromkeys(RULE_NAMES, none)
        if rules.min_age_gap is not None:
            broken["min_age_gap"] = ~(
                mentors.birth_year[mentor] >= adepts.birth_year[adept] + rules.min_age_gap
            )
        if rules.different_organisation == "required":
            broken["different_organisation"] = (
                mentors.organisation[mentor] == adepts.organisation[adept]
            )
        if rules.forbid_own_manager:
            broken["own_manager"] = (mentors.email[mentor] == adepts.manager_email[adept]) | (
                mentors.manager_email[mentor] == adepts.email[adept]
            )
        if rules.forbid_same_unit:
            broken["same_unit"] = mentors.unit_key[mentor] == adepts.unit_key[adept]
        if rules.format_compatibility:
            flexible = ~adepts.physical_only[adept] & ~mentors.physical_only[mentor]
            flexible |= mentors.physical_city[mentor] == adepts.physical_city[adept]
            broken["format"] = ~flexible
        if len(self.exclusion_keys):
            keys = adept.astype(np.int64) * max(self.n_cols, 1) + mentor
            broken["exclusion"] = np.isin(keys, self.exclusion_keys)
        return broken

    def _parts(
        self,
        shared_topics: npt.NDArray[np.int64],
        topic_count: npt.NDArray[np.int64],
        shared_languages: BoolArray,
        same_city: BoolArray,
        shared_slots: npt.NDArray[np.int64],
        availability_count: npt.NDArray[np.int64],
        different: BoolArray,
        gap_index: npt.NDArray[np.int64],
    ) -> list[FloatArray]:
        topics = share_in_steps(shared_topics, topic_count)
        availability = share_in_steps(shared_slots, availability_count)
        diversity = different.astype(np.float64)
        if not self.diversity_counts:
            diversity[...] = 0.0
        return [
            topics,
            shared_languages.astype(np.float64),
            same_city.astype(np.float64),
            availability,
            diversity,
            self.age_table[gap_index],
        ]

    def _weighted_sum(self, parts: list[FloatArray], reuse_parts: bool = False) -> FloatArray:
        # ``Weights.max_score`` repeats these operations on parts of 1.0, so a pair with every
        # part at 1 scores exactly the maximum (bit for bit). Zero weights are skipped (adding 0.0 changes nothing); ``reuse_parts`` writes the
        # products into the parts to spare allocations, giving the very same values.
        score = parts[0] * self.weights[0]
        for part, weight in zip(parts[1:], self.weights[1:], strict=True):
            if weight == 0.0:
                continue
            score += np.multiply(part, weight, out=part if reuse_parts else None)
        return score
