"""Realistic synthetic programs for tests, benchmarks and demos (seeded, numpy only).

Shapes follow a real cross-agency program: a fixed list of topics with a popularity skew,
agencies of very different sizes with units, junior mentors born 1990-2003 and senior
adepts born 1960-1985, a few cities with one dominant, mostly digital-or-either formats.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .types import People

TOPICS: tuple[str, ...] = (
    "AI-verktyg",
    "sociala medier",
    "digitala möten",
    "hybridarbete",
    "informationssäkerhet",
    "generationsskillnader",
    "arbetsgivarvarumärke",
    "rekrytering av unga",
    "hållbarhet",
    "mångfald och inkludering",
    "klarspråk",
    "e-tjänster",
    "öppna data",
    "projektmetodik",
    "karriärvägar",
    "ledarskap",
    "feedbackkultur",
    "friskvård",
    "digital tillgänglighet",
    "kommunikation",
)
LANGUAGES: tuple[str, ...] = ("svenska", "engelska", "finska", "arabiska", "spanska")
SLOTS = 10


@dataclass(frozen=True)
class ProgramShape:
    """Knobs of a synthetic program; the defaults mimic a mid-sized joint program."""

    organisations: int = 24
    units_per_organisation: int = 8
    cities: int = 10
    format_probabilities: tuple[float, float, float] = (0.3, 0.1, 0.6)
    manager_on_other_side: float = 0.02


def _skewed(rng: np.random.Generator, n: int, size: int, exponent: float) -> npt.NDArray[np.int64]:
    weights = 1.0 / np.arange(1, size + 1) ** exponent
    return rng.choice(size, size=n, p=weights / weights.sum()).astype(np.int64)


def _choose_sets(
    rng: np.random.Generator,
    n: int,
    width: int,
    low: int,
    high: int,
    popularity: npt.NDArray[np.float64],
) -> npt.NDArray[np.bool_]:
    """Each row picks ``low..high`` distinct columns, popular columns more often."""
    matrix = np.zeros((n, width), dtype=bool)
    counts = rng.integers(low, high + 1, size=n)
    # Gumbel top-k: sampling without replacement by weight, for all rows at once.
    keys = np.log(popularity)[None, :] - np.log(-np.log(rng.random((n, width))))
    ranked = np.argsort(-keys, axis=1)
    chosen = np.arange(width)[None, :] < counts[:, None]
    rows = np.repeat(np.arange(n), width).reshape(n, width)
    matrix[rows[chosen], ranked[chosen]] = True
    return matrix


def _side(
    rng: np.random.Generator,
    n: int,
    first_email: int,
    years: tuple[int, int],
    topic_counts: tuple[int, int],
    shape: ProgramShape,
) -> People:
    organisation = _skewed(rng, n, shape.organisations, 0.8)
    unit = rng.integers(0, shape.units_per_organisation, size=n)
    unit[rng.random(n) < 0.05] = -1
    popularity = (1.0 / np.arange(1, len(TOPICS) + 1) ** 0.7).astype(np.float64)
    languages = np.zeros((n, len(LANGUAGES)), dtype=bool)
    languages[:, 0] = rng.random(n) < 0.97
    languages[:, 1] = rng.random(n) < 0.8
    languages[:, 2:] = rng.random((n, len(LANGUAGES) - 2)) < 0.04
    return People(
        organisation=organisation,
        unit=unit.astype(np.int64),
        email=np.arange(first_email, first_email + n, dtype=np.int64),
        manager_email=np.full(n, -1, dtype=np.int64),
        birth_year=rng.integers(years[0], years[1] + 1, size=n).astype(np.int64),
        topics=_choose_sets(rng, n, len(TOPICS), *topic_counts, popularity),
        format=rng.choice(3, size=n, p=shape.format_probabilities).astype(np.int8),
        city=_skewed(rng, n, shape.cities, 1.0),
        languages=languages,
        availability=_choose_sets(rng, n, SLOTS, 2, 7, np.ones(SLOTS)),
    )


def realistic_program(
    n_mentors: int, n_adepts: int, seed: int = 0, shape: ProgramShape | None = None
) -> tuple[People, People]:
    """A seeded program; some mentors report to an adept, so the manager rule bites."""
    shape = shape or ProgramShape()
    rng = np.random.default_rng(seed)
    mentors = _side(rng, n_mentors, 0, (1990, 2003), (2, 5), shape)
    adepts = _side(rng, n_adepts, n_mentors, (1960, 1985), (1, 4), shape)
    if n_adepts:
        reporting = np.flatnonzero(rng.random(n_mentors) < shape.manager_on_other_side)
        managers = rng.integers(0, n_adepts, size=len(reporting))
        mentors.manager_email[reporting] = adepts.email[managers]
        mentors.organisation[reporting] = adepts.organisation[managers]
    return mentors, adepts
