"""Small random programs, an independent rule checker and an exhaustive optimum for the tests."""

from __future__ import annotations

import functools
from collections.abc import Iterable

import numpy as np

from revmentor.matching.engine import People, Rules, Weights
from revmentor.matching.engine.api import _validate

TOPIC_NAMES = ["AI-verktyg", "sociala medier", "hybridarbete", "klarspråk"]


def person_table(**columns: list[object]) -> People:
    """People from short per-field lists; omitted fields get neutral values."""
    n = len(next(iter(columns.values())))
    defaults: dict[str, object] = {
        "organisation": [0] * n,
        "unit": [-1] * n,
        "email": list(range(n)),
        "manager_email": [-1] * n,
        "birth_year": [1995] * n,
        "topics": [[False] * 4] * n,
        "format": [2] * n,
        "city": [0] * n,
        "languages": [[True, False]] * n,
        "availability": [[True, False, False, False]] * n,
    }
    defaults.update(columns)
    return People(
        organisation=np.asarray(defaults["organisation"], dtype=np.int64),
        unit=np.asarray(defaults["unit"], dtype=np.int64),
        email=np.asarray(defaults["email"], dtype=np.int64),
        manager_email=np.asarray(defaults["manager_email"], dtype=np.int64),
        birth_year=np.asarray(defaults["birth_year"], dtype=np.int64),
        topics=_matrix(defaults["topics"], n, 4),
        format=np.asarray(defaults["format"], dtype=np.int8),
        city=np.asarray(defaults["city"], dtype=np.int64),
        languages=_matrix(defaults["languages"], n, 2),
        availability=_matrix(defaults["availability"], n, 4),
    )


def _matrix(rows: object, n: int, width: int) -> np.ndarray:
    return np.asarray(rows, dtype=bool).reshape(n, -1 if n else width)


def random_side(
    rng: np.random.Generator, n: int, first_email: int, years: tuple[int, int]
) -> People:
    """A side drawn from tiny code spaces so that every rule bites often."""
    return People(
        organisation=rng.integers(0, 3, n).astype(np.int64),
        unit=rng.integers(-1, 2, n).astype(np.int64),
        email=np.arange(first_email, first_email + n, dtype=np.int64),
        manager_email=np.full(n, -1, dtype=np.int64),
        birth_year=rng.integers(years[0], years[1] + 1, n).astype(np.int64),
        topics=rng.random((n, 4)) < 0.4,
        format=rng.integers(0, 3, n).astype(np.int8),
        city=rng.integers(-1, 3, n).astype(np.int64),
        languages=rng.random((n, 2)) < 0.5,
        availability=rng.random((n, 4)) < 0.5,
    )


def random_program(seed: int, n_mentors: int, n_adepts: int) -> tuple[People, People]:
    rng = np.random.default_rng(seed)
    mentors = random_side(rng, n_mentors, 0, (1975, 2003))
    adepts = random_side(rng, n_adepts, 100, (1960, 1995))
    # Managers point across the sides both ways so the own-manager rule has work to do.
    if n_mentors and n_adepts:
        for i in range(n_mentors):
            if rng.random() < 0.2:
                mentors.manager_email[i] = adepts.email[rng.integers(n_adepts)]
        for j in range(n_adepts):
            if rng.random() < 0.2:
                adepts.manager_email[j] = mentors.email[rng.integers(n_mentors)]
    return mentors, adepts


def broken_rules(
    mentors: People,
    adepts: People,
    mentor: int,
    adept: int,
    rules: Rules,
    exclusions: Iterable[tuple[int, int]] = (),
) -> set[str]:
    """The hard rules a pair breaks, written as plainly as the specification reads."""
    broken = set()
    gap = int(mentors.birth_year[mentor]) - int(adepts.birth_year[adept])
    if rules.min_age_gap is not None and gap < rules.min_age_gap:
        broken.add("min_age_gap")
    same_organisation = mentors.organisation[mentor] == adepts.organisation[adept]
    if rules.different_organisation == "required" and same_organisation:
        broken.add("different_organisation")
    if rules.forbid_own_manager and (
        mentors.email[mentor] == adepts.manager_email[adept]
        or adepts.email[adept] == mentors.manager_email[mentor]
    ):
        broken.add("own_manager")
    if (
        rules.forbid_same_unit
        and same_organisation
        and mentors.unit[mentor] >= 0
        and mentors.unit[mentor] == adepts.unit[adept]
    ):
        broken.add("same_unit")
    if rules.format_compatibility:
        formats = {int(mentors.format[mentor]), int(adepts.format[adept])}
        same_known_city = mentors.city[mentor] >= 0 and mentors.city[mentor] == adepts.city[adept]
        if formats == {0, 1} or (1 in formats and not same_known_city):
            broken.add("format")
    if (mentor, adept) in set(exclusions):
        broken.add("exclusion")
    return broken


def pair_scores(
    mentors: People, adepts: People, rules: Rules, weights: Weights
) -> dict[tuple[int, int], float]:
    """Every pair's engine score, by (mentor, adept)."""
    context, problems = _validate(mentors, adepts, rules, weights, (), ())
    assert context is not None and not problems
    mentor_index, adept_index = np.meshgrid(
        np.arange(mentors.n), np.arange(adepts.n), indexing="ij"
    )
    _, scores = context.scorer().pair_parts(mentor_index.ravel(), adept_index.ravel())
    return {
        (int(m), int(a)): float(s)
        for m, a, s in zip(mentor_index.ravel(), adept_index.ravel(), scores, strict=True)
    }


def exhaustive_optimum(
    n_mentors: int,
    n_adepts: int,
    capacity: int,
    allowed: dict[tuple[int, int], float],
) -> tuple[int, float]:
    """Best (pair count, total score) over every matching, people may stay unmatched."""

    @functools.cache
    def best(adept: int, used: tuple[int, ...]) -> tuple[int, float]:
        if adept == n_adepts:
            return 0, 0.0
        options = [best(adept + 1, used)]
        for mentor in range(n_mentors):
            if used[mentor] < capacity and (mentor, adept) in allowed:
                after = used[:mentor] + (used[mentor] + 1,) + used[mentor + 1 :]
                count, total = best(adept + 1, after)
                options.append((count + 1, total + allowed[(mentor, adept)]))
        return max(options)

    return best(0, (0,) * n_mentors)
