"""Typed inputs and results of the matching engine: plain dataclasses over numpy arrays."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

OrganisationMode = Literal["required", "preferred", "indifferent"]
Side = Literal["mentor", "adept"]
Language = Literal["sv", "en"]

#: Names of the hard rules, in the order used to break ties when one is reported.
RULE_NAMES: tuple[str, ...] = (
    "min_age_gap",
    "different_organisation",
    "own_manager",
    "same_unit",
    "format",
    "exclusion",
)

#: Names of the soft score parts, in the order they are summed.
PART_NAMES: tuple[str, ...] = (
    "topics",
    "languages",
    "city",
    "availability",
    "diversity",
    "age_gap",
)

FORMAT_DIGITAL = 0
FORMAT_PHYSICAL = 1
FORMAT_EITHER = 2


@dataclass(frozen=True, eq=False)
class People:
    """One side of a program (all mentors or all adepts); every array has length ``n``.

    Codes are integers chosen by the caller (database ids work). ``unit``,
    ``manager_email`` and ``city`` use -1 for unknown. ``manager_email`` shares the code
    space of ``email`` so that "my manager is on the other side" can be detected.
    ``topics`` are offered topics for mentors and wanted topics for adepts.
    ``format`` is 0 digital only, 1 physical only, 2 either.
    """

    organisation: npt.NDArray[np.int64]
    unit: npt.NDArray[np.int64]
    email: npt.NDArray[np.int64]
    manager_email: npt.NDArray[np.int64]
    birth_year: npt.NDArray[np.int64]
    topics: npt.NDArray[np.bool_]
    format: npt.NDArray[np.int8]
    city: npt.NDArray[np.int64]
    languages: npt.NDArray[np.bool_]
    availability: npt.NDArray[np.bool_]

    @property
    def n(self) -> int:
        return int(np.shape(self.email)[0]) if np.ndim(self.email) >= 1 else 0


@dataclass(frozen=True)
class Rules:
    """Hard rules of a program; each can be switched off."""

    min_age_gap: int | None = 10
    different_organisation: OrganisationMode = "preferred"
    forbid_own_manager: bool = True
    forbid_same_unit: bool = True
    format_compatibility: bool = True
    capacity: int = 1
    fair: bool = False
    target_age_gap: int = 20


@dataclass(frozen=True)
class Weights:
    """Weights of the named soft score parts; each part lies in [0, 1]."""

    topics: float = 3.0
    languages: float = 1.0
    city: float = 1.0
    availability: float = 1.0
    diversity: float = 1.0
    age_gap: float = 1.0

    def as_tuple(self) -> tuple[float, ...]:
        return tuple(float(getattr(self, name)) for name in PART_NAMES)

    @property
    def max_score(self) -> float:
        """The score of a pair with every part at 1, summed exactly as pair scores are.

        ``Scorer._weighted_sum`` starts from the first weighted part and adds the others in
        order, skipping zero weights; the same float operations here make a perfect pair's
        score equal to this bit for bit (a plain ``sum`` starts at 0.0 and may differ).
        """
        first, *rest = self.as_tuple()
        total = 1.0 * first
        for weight in rest:
            if weight == 0.0:
                continue
            total += 1.0 * weight
        return float(total)


@dataclass(frozen=True)
class ScoreParts:
    """A pair's soft score split into its named parts, each in [0, 1] before weighting."""

    topics: float
    languages: float
    city: float
    availability: float
    diversity: float
    age_gap: float

    def as_tuple(self) -> tuple[float, ...]:
        return tuple(getattr(self, name) for name in PART_NAMES)

    def weighted(self, weights: Weights) -> dict[str, float]:
        return {name: getattr(self, name) * getattr(weights, name) for name in PART_NAMES}


@dataclass(frozen=True)
class Explanation:
    """Why a pair fits, in facts a sentence can be built from (see ``describe``).

    ``age_gap`` is the adept's age minus the mentor's (positive in reverse mentoring).
    ``same_city`` is true only when a physical meeting is possible for both.
    ``organisation_counts`` is false when the program is indifferent to organisations (then
    "same organisation" is neither for nor against); ``age_closeness`` is the age part.
    """

    shared_topics: tuple[int, ...]
    shared_languages: tuple[int, ...]
    different_organisation: bool
    age_gap: int
    same_city: bool
    availability_overlap: float
    organisation_counts: bool = True
    age_closeness: float = 0.0


@dataclass(frozen=True)
class Pair:
    """One proposed pair, by index into the mentor and adept arrays."""

    mentor: int
    adept: int
    score: float
    parts: ScoreParts
    explanation: Explanation
    locked: bool = False


@dataclass(frozen=True)
class UnmatchedReason:
    """Why a person was left without a partner.

    ``code`` is ``no_counterpart`` (the other side is empty), ``no_admissible_partner``
    (every candidate breaks a hard rule; ``rule`` is the rule that excluded the most
    candidates) or ``outnumbered`` (``candidates`` admissible partners existed but all were
    taken). ``excluded_by`` counts, per rule, the candidates that rule excludes (a
    candidate may count under several rules); ``ruled_out`` counts each candidate once,
    under the first rule in ``RULE_NAMES`` order that rules it out, so that
    ``sum(ruled_out.values()) + candidates == total``. ``taken`` names a few of the
    admissible candidates, each with the people it is paired with.
    """

    code: str
    rule: str | None = None
    candidates: int = 0
    total: int = 0
    excluded_by: dict[str, int] = field(default_factory=dict)
    ruled_out: dict[str, int] = field(default_factory=dict)
    taken: tuple[tuple[int, tuple[int, ...]], ...] = ()
    min_age_gap: int | None = None


@dataclass(frozen=True)
class Unmatched:
    side: Side
    index: int
    reason: UnmatchedReason


@dataclass(frozen=True)
class Problem:
    """A reason the input cannot be matched; ``params`` fill the message (``describe_problem``)."""

    code: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Quality:
    """Figures the workspace shows for a set of pairs (engine result, greedy or manual)."""

    pairs: int
    matched_mentors: int
    matched_adepts: int
    total_score: float
    lowest_score: float | None
    mean_score: float | None
    max_possible_score: float
    histogram: tuple[int, ...]
    histogram_edges: tuple[float, ...]
    #: True when a dual certificate proves the pairs optimal (None: not checked, e.g. greedy).
    proven_optimal: bool | None = None
    #: The certificate's largest reduced-cost violation, relative to the unmatched cost.
    certificate_violation: float | None = None


@dataclass(frozen=True)
class MatchResult:
    """Outcome of ``solve`` or ``greedy``; ``problems`` non-empty means nothing was matched."""

    pairs: list[Pair]
    unmatched_mentors: list[Unmatched]
    unmatched_adepts: list[Unmatched]
    quality: Quality
    problems: list[Problem] = field(default_factory=list)
    method: str = "none"
    fair_threshold: float | None = None
    #: Duals of the assignment LP over the free problem (locks removed; in fair mode, pairs
    #: below the threshold removed): ``certify.Certificate`` with the original indices.
    certificate: object | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class PairEvaluation:
    """A hand-made pair's live score and the hard rules it breaks (empty when it is fine)."""

    mentor: int
    adept: int
    score: float
    parts: ScoreParts
    explanation: Explanation
    broken_rules: tuple[str, ...]


@dataclass(frozen=True)
class Evaluation:
    pairs: list[PairEvaluation]
    quality: Quality
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems
