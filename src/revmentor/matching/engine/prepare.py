"""Input validation and conversion of ``People`` into compact arrays the scorer works on.

Validation never raises: every defect becomes a ``Problem`` with a stable code.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from .types import PART_NAMES, People, Problem, Rules, Weights

_INT_FIELDS = ("organisation", "unit", "email", "manager_email", "birth_year", "city")

#: The smallest code each field accepts: -1 means unknown; lower values are the engine's own
#: sentinels and would compare equal to them.
_LOWEST_CODE = {
    "organisation": 0,
    "unit": -1,
    "email": 0,
    "manager_email": -1,
    "city": -1,
}
_INT64_MAX = np.iinfo(np.int64).max

#: Weights above this are refused: scores must stay exact next to the solver's pair bonus.
MAX_WEIGHT = 1_000_000.0
#: Age rules beyond this many years are refused (birth years lie within 1900-2100).
MAX_AGE_YEARS = 200
METHODS = ("auto", "sparse_first", "dense", "rectangular", "sparse")
_MATRIX_FIELDS = ("topics", "languages", "availability")
_ORGANISATION_MODES = ("required", "preferred", "indifferent")

# Sentinels keep "unknown" values from ever comparing equal across the two sides.
_UNKNOWN = {"mentor": -2, "adept": -3}
_NO_PHYSICAL = {"mentor": -4, "adept": -5}


@dataclass(frozen=True, eq=False)
class SideArrays:
    """One side, converted once: small dtypes for fast comparisons, float32 for BLAS counts."""

    n: int
    organisation: npt.NDArray[np.int64]
    unit_key: npt.NDArray[np.int64]
    email: npt.NDArray[np.int64]
    manager_email: npt.NDArray[np.int64]
    birth_year: npt.NDArray[np.int64]
    format: npt.NDArray[np.int8]
    city_key: npt.NDArray[np.int64]
    physical_city: npt.NDArray[np.int64]
    physical_only: npt.NDArray[np.bool_]
    accepts_physical: npt.NDArray[np.bool_]
    topics: npt.NDArray[np.bool_]
    topics_bits: npt.NDArray[np.uint64] | None
    topics_f: npt.NDArray[np.float32]
    topic_count: npt.NDArray[np.int64]
    languages: npt.NDArray[np.bool_]
    languages_bits: npt.NDArray[np.uint64] | None
    languages_f: npt.NDArray[np.float32]
    availability: npt.NDArray[np.bool_]
    availability_bits: npt.NDArray[np.uint64] | None
    availability_f: npt.NDArray[np.float32]
    availability_count: npt.NDArray[np.int64]

    def take(self, index: npt.NDArray[np.intp]) -> SideArrays:
        taken: dict[str, Any] = {
            name: None if getattr(self, name) is None else getattr(self, name)[index]
            for name in _ARRAYS
        }
        return SideArrays(n=len(index), **taken)


_ARRAYS = tuple(name for name in SideArrays.__dataclass_fields__ if name != "n")


def _bits(matrix: npt.NDArray[np.bool_]) -> npt.NDArray[np.uint64] | None:
    """Rows packed into one 64-bit word, so overlaps are a popcount instead of a BLAS call."""
    if matrix.shape[1] > 64:
        return None
    weights = np.left_shift(np.uint64(1), np.arange(matrix.shape[1], dtype=np.uint64))
    return np.bitwise_or.reduce(np.where(matrix, weights, np.uint64(0)), axis=1).astype(np.uint64)


def _counts(matrix: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """Items per row, at least 1 so a share ``shared / count`` never divides by zero."""
    return np.maximum(matrix.sum(axis=1), 1).astype(np.int64)


def convert(people: People, side: str, unit_key: npt.NDArray[np.int64]) -> SideArrays:
    """Build the compact arrays of a validated side; ``unit_key`` identifies (org, unit)."""
    fmt = np.asarray(people.format).astype(np.int8)
    city = np.asarray(people.city).astype(np.int64)
    city_key = np.where(city >= 0, city, _UNKNOWN[side])
    topics = np.asarray(people.topics, dtype=bool)
    languages = np.asarray(people.languages, dtype=bool)
    availability = np.asarray(people.availability, dtype=bool)
    return SideArrays(
        n=len(fmt),
        organisation=np.asarray(people.organisation).astype(np.int64),
        unit_key=unit_key,
        email=np.asarray(people.email).astype(np.int64),
        manager_email=np.asarray(people.manager_email).astype(np.int64),
        birth_year=np.asarray(people.birth_year).astype(np.int64),
        format=fmt,
        city_key=city_key,
        physical_city=np.where(fmt != 0, city_key, _NO_PHYSICAL[side]),
        physical_only=fmt == 1,
        accepts_physical=fmt != 0,
        topics=topics,
        topics_bits=_bits(topics),
        topics_f=topics.astype(np.float32),
        topic_count=_counts(topics),
        languages=languages,
        languages_bits=_bits(languages),
        languages_f=languages.astype(np.float32),
        availability=availability,
        availability_bits=_bits(availability),
        availability_f=availability.astype(np.float32),
        availability_count=_counts(availability),
    )


def unit_keys(mentors: People, adepts: People) -> tuple[npt.NDArray[np.int64], ...]:
    """Give each known (organisation, unit) one id shared by both sides; unknown never matches."""
    orgs = np.concatenate([np.asarray(mentors.organisation), np.asarray(adepts.organisation)])
    units = np.concatenate([np.asarray(mentors.unit), np.asarray(adepts.unit)])
    keys = np.full(len(units), -1, dtype=np.int64)
    known = units >= 0
    if known.any():
        pairs = np.stack([orgs[known], units[known]], axis=1).astype(np.int64)
        _, inverse = np.unique(pairs, axis=0, return_inverse=True)
        keys[known] = inverse.reshape(-1)
    n_mentors = len(np.asarray(mentors.unit))
    mentor_keys = np.where(keys[:n_mentors] >= 0, keys[:n_mentors], _UNKNOWN["mentor"])
    adept_keys = np.where(keys[n_mentors:] >= 0, keys[n_mentors:], _UNKNOWN["adept"])
    return mentor_keys, adept_keys


def validate_people(people: People, side: str) -> list[Problem]:
    problems: list[Problem] = []
    email = np.asarray(people.email)
    if email.ndim != 1:
        return [Problem("invalid_shape", {"side": side, "field": "email", "shape": email.shape})]
    n = len(email)
    for name in (*_INT_FIELDS, "format"):
        values = np.asarray(getattr(people, name))
        if values.shape != (n,):
            problems.append(
                Problem("invalid_shape", {"side": side, "field": name, "shape": values.shape})
            )
        elif n and not np.issubdtype(values.dtype, np.integer):
            problems.append(Problem("invalid_value", {"side": side, "field": name}))
    for name in _MATRIX_FIELDS:
        values = np.asarray(getattr(people, name))
        if values.ndim != 2 or values.shape[0] != n:
            problems.append(
                Problem("invalid_shape", {"side": side, "field": name, "shape": values.shape})
            )
        elif values.dtype != np.bool_:
            problems.append(Problem("invalid_value", {"side": side, "field": name}))
    if problems or n == 0:
        return problems
    for name, lowest in _LOWEST_CODE.items():
        values = np.asarray(getattr(people, name))
        # Compare in Python integers: a uint64 above the int64 range must not wrap around.
        too_big = values > _INT64_MAX if values.dtype.kind == "u" else np.zeros(n, dtype=bool)
        outside = np.flatnonzero(too_big | (values.astype(np.float64) < lowest))
        if len(outside):
            problems.append(
                Problem(
                    "invalid_value",
                    {"side": side, "field": name, "indices": outside[:10].tolist()},
                )
            )
    if problems:
        return problems
    fmt = np.asarray(people.format)
    bad_format = np.flatnonzero((fmt < 0) | (fmt > 2))
    if len(bad_format):
        problems.append(
            Problem(
                "invalid_value",
                {"side": side, "field": "format", "indices": bad_format[:10].tolist()},
            )
        )
    order = np.argsort(email, kind="stable")
    repeated = np.flatnonzero(email[order][1:] == email[order][:-1])
    for position in repeated[:10]:
        first, second = sorted((int(order[position]), int(order[position + 1])))
        problems.append(
            Problem(
                "duplicate_person",
                {"side": side, "indices": [first, second], "email": int(email[first])},
            )
        )
    return problems


def validate_disjoint(mentors: People, adepts: People) -> list[Problem]:
    """Nobody may be both a mentor and an adept (they could be paired with themself)."""
    mentor_email = np.asarray(mentors.email).astype(np.int64)
    adept_email = np.asarray(adepts.email).astype(np.int64)
    shared, mentor_at, adept_at = np.intersect1d(
        mentor_email, adept_email, assume_unique=False, return_indices=True
    )
    return [
        Problem(
            "person_on_both_sides",
            {"mentor": int(mentor), "adept": int(adept), "email": int(email)},
        )
        for email, mentor, adept in zip(
            shared[:10].tolist(), mentor_at[:10].tolist(), adept_at[:10].tolist(), strict=True
        )
    ]


def validate_dimensions(mentors: People, adepts: People) -> list[Problem]:
    problems = []
    for name in _MATRIX_FIELDS:
        mentor_width = np.shape(getattr(mentors, name))[1]
        adept_width = np.shape(getattr(adepts, name))[1]
        if mentor_width != adept_width:
            problems.append(
                Problem(
                    "dimension_mismatch",
                    {"field": name, "mentors": mentor_width, "adepts": adept_width},
                )
            )
    return problems


def _is_integer(value: object) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(
        value, bool | np.bool_
    )


def validate_rules(rules: Rules, weights: Weights, method: str = "auto") -> list[Problem]:
    """Weights finite, zero or more and at most ``MAX_WEIGHT``; rules of the right type and range."""
    problems = []
    for name in PART_NAMES:
        value = getattr(weights, name)
        if (
            not _is_number(value)
            or not math.isfinite(float(value))
            or value < 0
            or value > MAX_WEIGHT
        ):
            problems.append(Problem("invalid_weight", {"name": name, "value": repr(value)}))
    if rules.different_organisation not in _ORGANISATION_MODES:
        problems.append(
            Problem(
                "invalid_rule",
                {"name": "different_organisation", "value": repr(rules.different_organisation)},
            )
        )
    if not _is_integer(rules.capacity) or rules.capacity < 1:
        problems.append(
            Problem("invalid_rule", {"name": "capacity", "value": repr(rules.capacity)})
        )
    if rules.min_age_gap is not None and (
        not _is_integer(rules.min_age_gap) or abs(int(rules.min_age_gap)) > MAX_AGE_YEARS
    ):
        problems.append(
            Problem("invalid_rule", {"name": "min_age_gap", "value": repr(rules.min_age_gap)})
        )
    if not _is_integer(rules.target_age_gap) or not 0 < int(rules.target_age_gap) <= MAX_AGE_YEARS:
        problems.append(
            Problem("invalid_rule", {"name": "target_age_gap", "value": repr(rules.target_age_gap)})
        )
    for name in ("fair", "forbid_own_manager", "forbid_same_unit", "format_compatibility"):
        if not isinstance(getattr(rules, name), bool | np.bool_):
            problems.append(
                Problem("invalid_rule", {"name": name, "value": repr(getattr(rules, name))})
            )
    if not isinstance(method, str) or method not in METHODS:
        problems.append(Problem("invalid_rule", {"name": "method", "value": repr(method)}))
    return problems


def normalise_pairs(
    pairs: Iterable[tuple[int, int]] | None, kind: str, n_mentors: int, n_adepts: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], list[Problem]]:
    """Turn (mentor, adept) index pairs into two arrays; anything else becomes a problem.

    Each pair must be two integers (not floats, strings or booleans) within range.
    """
    mentor_list: list[int] = []
    adept_list: list[int] = []
    problems: list[Problem] = []
    try:
        items = list(pairs)  # type: ignore[arg-type]
    except TypeError:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), [Problem("invalid_pair", {"kind": kind, "pair": repr(pairs)})]
    for item in items:
        try:
            values = tuple(item)
        except TypeError:
            values = ()
        if len(values) != 2 or not all(_is_integer(value) for value in values):
            problems.append(Problem("invalid_pair", {"kind": kind, "pair": repr(item)[:100]}))
            continue
        mentor, adept = (int(value) for value in values)
        if not (0 <= mentor < n_mentors and 0 <= adept < n_adepts):
            problems.append(
                Problem("index_out_of_range", {"kind": kind, "mentor": mentor, "adept": adept})
            )
            continue
        mentor_list.append(mentor)
        adept_list.append(adept)
    return (
        np.asarray(mentor_list, dtype=np.int64),
        np.asarray(adept_list, dtype=np.int64),
        problems,
    )
