"""The engine's entry points: ``solve``, ``greedy`` and ``evaluate``.

Each validates its input into ``Problem``s instead of raising, applies locks, runs the
solver on the people left free and assembles an explained result.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import numpy.typing as npt

from .certify import Blocks, Certificate, certify
from .prepare import (
    SideArrays,
    convert,
    normalise_pairs,
    unit_keys,
    validate_dimensions,
    validate_disjoint,
    validate_people,
    validate_rules,
)
from .reasons import RULES, rule_counts
from .scoring import FloatArray, IndexArray, Scorer, age_closeness_table
from .solver import (
    DENSE_LIMIT_BYTES,
    MAX_SPARSE_PAIRS,
    Slots,
    bottleneck_on_pairs,
    choose_method,
    collect_pairs,
    estimate_density,
    fair_level,
    solve_assignment,
)
from .synthetic import realistic_program
from .types import (
    RULE_NAMES,
    Evaluation,
    Explanation,
    MatchResult,
    Pair,
    PairEvaluation,
    People,
    Problem,
    Quality,
    Rules,
    ScoreParts,
    Side,
    Unmatched,
    UnmatchedReason,
    Weights,
)

Method = Literal["auto", "sparse_first", "dense", "rectangular", "sparse"]
PairList = Iterable[tuple[int, int]]

HISTOGRAM_BINS = 10

#: An unmatched person's reason names at most this many of the partners that were taken.
TAKEN_SAMPLE = 5

#: Greedy scores at most about this many candidate pairs per pass (memory and Python loop).
GREEDY_PASS_PAIRS = 2_000_000

_BIRTH_YEARS = (1900, 2100)


@dataclass(frozen=True, eq=False)
class Context:
    """Validated, converted input shared by every step of one call."""

    mentors: SideArrays
    adepts: SideArrays
    rules: Rules
    weights: Weights
    age_table: tuple[FloatArray, int]
    exclusion_mentors: IndexArray
    exclusion_adepts: IndexArray
    lock_mentors: IndexArray
    lock_adepts: IndexArray

    def scorer(
        self,
        mentor_index: IndexArray | None = None,
        adept_index: IndexArray | None = None,
        min_score: float | None = None,
    ) -> Scorer:
        """A scorer over a subset of people; exclusions are mapped to the subset's positions."""
        mentors = self.mentors if mentor_index is None else self.mentors.take(mentor_index)
        adepts = self.adepts if adept_index is None else self.adepts.take(adept_index)
        exclusion_mentors = _positions(mentor_index, self.mentors.n)[self.exclusion_mentors]
        exclusion_adepts = _positions(adept_index, self.adepts.n)[self.exclusion_adepts]
        kept = (exclusion_mentors >= 0) & (exclusion_adepts >= 0)
        return Scorer(
            mentors,
            adepts,
            self.rules,
            self.weights,
            self.age_table,
            exclusion_mentors[kept],
            exclusion_adepts[kept],
            min_score=min_score,
        )


def _positions(index: IndexArray | None, n: int) -> IndexArray:
    positions = np.full(n, -1, dtype=np.int64)
    if index is None:
        positions[:] = np.arange(n)
    else:
        positions[index] = np.arange(len(index))
    return positions


def _validate(
    mentors: People,
    adepts: People,
    rules: Rules,
    weights: Weights,
    exclusions: PairList,
    locks: PairList,
    method: str = "auto",
) -> tuple[Context | None, list[Problem]]:
    problems = validate_rules(rules, weights, method)
    people_problems = validate_people(mentors, "mentor") + validate_people(adepts, "adept")
    problems += people_problems
    if people_problems:
        return None, problems
    problems += validate_dimensions(mentors, adepts)
    problems += validate_disjoint(mentors, adepts)
    for people, side in ((mentors, "mentor"), (adepts, "adept")):
        years = np.asarray(people.birth_year)
        outside = np.flatnonzero((years < _BIRTH_YEARS[0]) | (years > _BIRTH_YEARS[1]))
        if len(outside):
            problems.append(
                Problem(
                    "invalid_value",
                    {"side": side, "field": "birth_year", "indices": outside[:10].tolist()},
                )
            )
    n_mentors, n_adepts = mentors.n, adepts.n
    exclusion_mentors, exclusion_adepts, pair_problems = normalise_pairs(
        exclusions, "exclusions", n_mentors, n_adepts
    )
    problems += pair_problems
    lock_mentor_array, lock_adept_array, lock_problems = normalise_pairs(
        locks, "locks", n_mentors, n_adepts
    )
    problems += lock_problems
    # The same lock given twice is harmless; only distinct pairs count against capacity.
    lock_pairs = sorted(
        set(zip(lock_mentor_array.tolist(), lock_adept_array.tolist(), strict=True))
    )
    if problems:
        return None, problems
    mentor_units, adept_units = unit_keys(mentors, adepts)
    mentor_arrays = convert(mentors, "mentor", mentor_units)
    adept_arrays = convert(adepts, "adept", adept_units)
    lock_mentors = np.asarray([mentor for mentor, _ in lock_pairs], dtype=np.int64)
    lock_adepts = np.asarray([adept for _, adept in lock_pairs], dtype=np.int64)
    context = Context(
        mentors=mentor_arrays,
        adepts=adept_arrays,
        rules=rules,
        weights=weights,
        age_table=age_closeness_table(
            mentor_arrays.birth_year, adept_arrays.birth_year, rules.target_age_gap
        ),
        exclusion_mentors=exclusion_mentors,
        exclusion_adepts=exclusion_adepts,
        lock_mentors=lock_mentors,
        lock_adepts=lock_adepts,
    )
    return context, _validate_locks(context)


def _validate_locks(context: Context) -> list[Problem]:
    problems: list[Problem] = []
    mentors, adepts = context.lock_mentors, context.lock_adepts
    if not len(mentors):
        return problems
    broken = context.scorer().pair_violations(mentors, adepts)
    for position, (mentor, adept) in enumerate(zip(mentors.tolist(), adepts.tolist(), strict=True)):
        rules = [rule for rule in RULE_NAMES if broken[rule][position]]
        if rules:
            problems.append(
                Problem("lock_breaks_rule", {"mentor": mentor, "adept": adept, "rules": rules})
            )
    for side, people, partners, capacity in (
        ("adept", adepts, mentors, 1),
        ("mentor", mentors, adepts, min(int(context.rules.capacity), context.adepts.n)),
    ):
        values, counts = np.unique(people, return_counts=True)
        for person in values[counts > capacity].tolist():
            problems.append(
                Problem(
                    "locked_beyond_capacity",
                    {
                        "side": side,
                        "index": person,
                        "partners": sorted(partners[people == person].tolist()),
                        "capacity": capacity,
                    },
                )
            )
    return problems


def _empty_quality(max_score: float) -> Quality:
    return quality_of(np.zeros(0), 0, 0, max_score)


def quality_of(
    scores: FloatArray,
    mentors: int,
    adepts: int,
    max_score: float,
    certificate: Certificate | None = None,
) -> Quality:
    """Figures of a set of pair scores; the histogram spans [0, highest possible score].

    Every pair lands in exactly one band (a score on an edge goes to the band above it, the
    top score to the last band), so the counts always add up to the number of pairs.
    """
    top = max_score if max_score > 0 else 1.0
    edges = np.linspace(0.0, top, HISTOGRAM_BINS + 1)
    bands = np.clip(np.searchsorted(edges, scores, side="right") - 1, 0, HISTOGRAM_BINS - 1)
    counts = np.bincount(bands, minlength=HISTOGRAM_BINS)
    return Quality(
        pairs=len(scores),
        matched_mentors=mentors,
        matched_adepts=adepts,
        total_score=float(scores.sum()) if len(scores) else 0.0,
        lowest_score=float(scores.min()) if len(scores) else None,
        mean_score=float(scores.mean()) if len(scores) else None,
        max_possible_score=max_score,
        histogram=tuple(int(count) for count in counts),
        histogram_edges=tuple(float(edge) for edge in edges),
        proven_optimal=None if certificate is None else certificate.proven,
        certificate_violation=None if certificate is None else certificate.violation,
    )


def _problem_result(problems: list[Problem], weights: Weights) -> MatchResult:
    valid = not any(p.code == "invalid_weight" for p in problems)
    max_score = weights.max_score if valid else 0.0
    return MatchResult(
        pairs=[],
        unmatched_mentors=[],
        unmatched_adepts=[],
        quality=_empty_quality(max_score),
        problems=problems,
    )


def _free_problem(context: Context) -> tuple[IndexArray, IndexArray, Slots]:
    """People left once locks are applied, and the mentors' remaining capacity."""
    locked = np.zeros(context.adepts.n, dtype=bool)
    locked[context.lock_adepts] = True
    free_adepts = np.flatnonzero(~locked).astype(np.int64)
    used = np.bincount(context.lock_mentors, minlength=context.mentors.n)
    # No mentor can take more adepts than there are: seats beyond that only cost memory.
    seats = min(int(context.rules.capacity), context.adepts.n)
    remaining = np.maximum(seats - used, 0)
    free_mentors = np.flatnonzero(remaining > 0).astype(np.int64)
    return free_mentors, free_adepts, Slots.from_capacity(remaining[free_mentors].astype(np.int64))


def explain_pairs(
    context: Context, mentors: IndexArray, adepts: IndexArray
) -> tuple[list[ScoreParts], FloatArray, list[Explanation]]:
    scorer = context.scorer()
    parts, scores = scorer.pair_parts(mentors, adepts)
    shared_topics = context.adepts.topics[adepts] & context.mentors.topics[mentors]
    shared_languages = context.adepts.languages[adepts] & context.mentors.languages[mentors]
    different = context.mentors.organisation[mentors] != context.adepts.organisation[adepts]
    gaps = context.mentors.birth_year[mentors] - context.adepts.birth_year[adepts]
    part_rows = np.stack(parts, axis=1).tolist() if len(mentors) else []
    score_parts = [ScoreParts(*row) for row in part_rows]
    topics = _index_tuples(shared_topics)
    languages = _index_tuples(shared_languages)
    counts = context.rules.different_organisation != "indifferent"
    explanations = [
        Explanation(
            shared_topics=topics[position],
            shared_languages=languages[position],
            different_organisation=bool(different[position]),
            age_gap=int(gaps[position]),
            same_city=part_rows[position][2] > 0,
            availability_overlap=part_rows[position][3],
            organisation_counts=counts,
            age_closeness=part_rows[position][5],
        )
        for position in range(len(mentors))
    ]
    return score_parts, scores, explanations


def _index_tuples(flags: npt.NDArray[np.bool_]) -> list[tuple[int, ...]]:
    """Each row's true positions as a tuple (one nonzero over the whole array)."""
    if not len(flags):
        return []
    positions = np.nonzero(flags)[1].tolist()
    ends = np.cumsum(flags.sum(axis=1)).tolist()
    starts = [0, *ends[:-1]]
    return [tuple(positions[start:end]) for start, end in zip(starts, ends, strict=True)]


def unmatched_reasons(
    context: Context, side: Side, people: IndexArray, partners: dict[int, list[int]] | None = None
) -> list[Unmatched]:
    """Why each listed person has no partner, judged against everyone on the other side.

    Every candidate is counted once: under the first rule (in ``RULE_NAMES`` order) that
    rules the pair out, or else as admissible but already taken. ``partners`` maps a
    candidate to the people it is paired with, so the reason can say who took it.
    """
    if not len(people):
        return []
    if side == "adept":
        scorer = context.scorer(adept_index=people)
        other = context.mentors.n
    else:
        scorer = context.scorer(mentor_index=people)
        other = context.adepts.n
    # One compiled pass over every (person, candidate) cell, rules in ``rule_masks`` order.
    found = rule_counts(scorer, by_row=side == "adept", sample=TAKEN_SAMPLE)
    counts = {rule: found.excluded[position] for position, rule in enumerate(RULES)}
    first = {rule: found.first[position] for position, rule in enumerate(RULES)}
    admissible = found.admissible
    samples = [[int(partner) for partner in row if partner >= 0] for row in found.samples]
    gap = context.rules.min_age_gap
    result = []
    for position, person in enumerate(people.tolist()):
        excluded_by = {rule: int(counts[rule][position]) for rule in RULE_NAMES}
        ruled_out = {
            rule: int(first[rule][position]) for rule in RULE_NAMES if first[rule][position]
        }
        taken = tuple(
            (candidate, tuple((partners or {}).get(candidate, ())))
            for candidate in samples[position]
        )
        if other == 0:
            reason = UnmatchedReason(code="no_counterpart", total=0, excluded_by=excluded_by)
        elif admissible[position] == 0:
            worst = max(RULE_NAMES, key=lambda rule: excluded_by[rule])
            reason = UnmatchedReason(
                code="no_admissible_partner",
                rule=worst,
                total=other,
                excluded_by=excluded_by,
                ruled_out=ruled_out,
                min_age_gap=gap,
            )
        else:
            reason = UnmatchedReason(
                code="outnumbered",
                candidates=int(admissible[position]),
                total=other,
                excluded_by=excluded_by,
                ruled_out=ruled_out,
                taken=taken,
                min_age_gap=gap,
            )
        result.append(Unmatched(side=side, index=person, reason=reason))
    return result


def _assemble(
    context: Context,
    mentors: IndexArray,
    adepts: IndexArray,
    method: str,
    fair_threshold: float | None = None,
    certificate: Certificate | None = None,
) -> MatchResult:
    order = np.lexsort((adepts, mentors))
    mentors, adepts = mentors[order], adepts[order]
    parts, scores, explanations = explain_pairs(context, mentors, adepts)
    locked = set(zip(context.lock_mentors.tolist(), context.lock_adepts.tolist(), strict=True))
    pairs = [
        Pair(
            mentor=mentor,
            adept=adept,
            score=float(scores[position]),
            parts=parts[position],
            explanation=explanations[position],
            locked=(mentor, adept) in locked,
        )
        for position, (mentor, adept) in enumerate(
            zip(mentors.tolist(), adepts.tolist(), strict=True)
        )
    ]
    lonely_mentors = np.setdiff1d(np.arange(context.mentors.n), mentors)
    lonely_adepts = np.setdiff1d(np.arange(context.adepts.n), adepts)
    adepts_of: dict[int, list[int]] = {}
    mentor_of: dict[int, list[int]] = {}
    for mentor, adept in zip(mentors.tolist(), adepts.tolist(), strict=True):
        adepts_of.setdefault(mentor, []).append(adept)
        mentor_of.setdefault(adept, []).append(mentor)
    return MatchResult(
        pairs=pairs,
        unmatched_mentors=unmatched_reasons(context, "mentor", lonely_mentors, mentor_of),
        unmatched_adepts=unmatched_reasons(context, "adept", lonely_adepts, adepts_of),
        quality=quality_of(
            scores,
            len(np.unique(mentors)),
            len(np.unique(adepts)),
            context.weights.max_score,
            certificate,
        ),
        method=method,
        fair_threshold=fair_threshold,
        certificate=certificate,
    )


def solve(
    mentors: People,
    adepts: People,
    rules: Rules | None = None,
    weights: Weights | None = None,
    *,
    exclusions: PairList = (),
    locks: PairList = (),
    method: Method = "auto",
) -> MatchResult:
    """Pair as many people as the rules allow, then maximise the total score.

    With ``rules.fair`` the lowest pair score is maximised first (keeping the pair count
    maximal), then the total. Invalid input gives a result with ``problems`` and no pairs.
    """
    rules = rules or Rules()
    weights = weights or Weights()
    context, problems = _validate(mentors, adepts, rules, weights, exclusions, locks, method)
    if context is None or problems:
        return _problem_result(problems, weights)
    try:
        return _solve_valid(context, method)
    except _TooLarge as error:
        return _problem_result(
            [Problem("problem_too_large", {"pairs": error.pairs, "limit": MAX_SPARSE_PAIRS})],
            weights,
        )


#: People per side in ``warm_up``: enough for candidates by sampled cut-offs.
WARM_UP_SIZE = 1100


def warm_up() -> None:
    """Load the compiled kernels of a solve, in their variants (scores cached as float64
    and as float32, normal and fair mode), from numba's cache on disk (compiling what is
    missing): about a second. Without it a process's first large solve loads them as it
    meets them (tenths of a second); the matching benchmark calls it first and reports its
    time apart. A pass that a solve seldom needs still loads when first met."""
    mentors, adepts = realistic_program(WARM_UP_SIZE, WARM_UP_SIZE, seed=0)
    cells = WARM_UP_SIZE * WARM_UP_SIZE
    for fair in (False, True):
        for cache_bytes in (cells * 8, cells * 4):
            context, _ = _validate(mentors, adepts, Rules(fair=fair), Weights(), (), ())
            assert context is not None
            _solve_valid(context, "auto", cache_bytes)
    # What the warm-up left is garbage now: collected here, not by the next solve's first
    # full collection (measured 0.3-0.4 s of a 10,000-a-side solve).
    gc.collect()


def _solve_valid(context: Context, method: str, cache_bytes: int | None = None) -> MatchResult:
    """``cache_bytes`` overrides the score cache's budget (``warm_up`` uses it)."""
    rules, weights = context.rules, context.weights
    free_mentors, free_adepts, slots = _free_problem(context)
    scorer = context.scorer(free_mentors, free_adepts)
    threshold = None
    blocks: Blocks | None = None
    pairs: tuple[IndexArray, IndexArray, FloatArray] | None = None
    seeds: tuple[IndexArray, IndexArray] | None = None
    thin = rules.fair and choose_method(scorer, slots, method) == "sparse"
    if thin:
        # Thin programs: every admissible pair is listed once and searched directly (a
        # pass over every cell per level would visit 10**10 of them at 100,000 a side).
        pairs = _listed_pairs(scorer)
        threshold = bottleneck_on_pairs(scorer.n_rows, slots, *pairs)
    elif rules.fair or cache_bytes is not None:
        blocks = Blocks(scorer, budget=cache_bytes)
    if rules.fair and blocks is not None:
        if not blocks.levels_kept:
            # float32 could merge distinct score levels: exact float64 passes instead.
            blocks = Blocks(scorer, budget=0)
        level = fair_level(scorer, slots, blocks)
        if level is not None:
            threshold, seeds = level.threshold, (level.rows, level.mentors)
    if rules.fair:
        if threshold is not None and len(context.lock_mentors):
            # The lowest score counts locked pairs too (as ``Quality.lowest_score`` does):
            # below a locked pair's score, raising the free pairs gains nothing and would
            # only cost total score.
            _, locked_scores = context.scorer().pair_parts(
                context.lock_mentors, context.lock_adepts
            )
            threshold = min(threshold, float(locked_scores.min()))
        scorer = context.scorer(free_mentors, free_adepts, min_score=threshold)
        if pairs is not None and threshold is not None:
            keep = pairs[2] >= threshold
            pairs = (pairs[0][keep], pairs[1][keep], pairs[2][keep])
        elif blocks is not None:
            blocks = None if threshold is None else blocks.with_floor(scorer, threshold)
    mentor_of, certificate, chosen = _solve_certified(
        scorer, slots, weights.max_score, method, blocks, pairs, seeds
    )
    rows = np.flatnonzero(mentor_of >= 0).astype(np.int64)
    columns = mentor_of[rows]
    if certificate is not None:
        certificate = replace(certificate, adepts=free_adepts, mentors=free_mentors)
    all_mentors = np.concatenate([context.lock_mentors, free_mentors[columns]])
    all_adepts = np.concatenate([context.lock_adepts, free_adepts[rows]])
    return _assemble(context, all_mentors, all_adepts, chosen, threshold, certificate)


def _listed_pairs(scorer: Scorer) -> tuple[IndexArray, IndexArray, FloatArray]:
    estimate = estimate_density(scorer) * scorer.n_rows * scorer.n_cols
    if estimate > MAX_SPARSE_PAIRS:
        raise _TooLarge(int(estimate))
    return collect_pairs(scorer)


def _solve_certified(
    scorer: Scorer,
    slots: Slots,
    max_score: float,
    method: str,
    blocks: Blocks | None = None,
    pairs: tuple[IndexArray, IndexArray, FloatArray] | None = None,
    seeds: tuple[IndexArray, IndexArray] | None = None,
) -> tuple[IndexArray, Certificate | None, str]:
    """Each row's mentor (-1 unmatched), the certificate and the solver that was used.

    ``sparse_first`` solves on a candidate graph and proves the result against every
    admissible pair; when its rounds run out, a dense matrix (if it fits) or the full
    sparse graph is solved instead. Every other solver's result is certified afterwards.
    """
    if scorer.n_rows == 0 or slots.n == 0:
        return np.full(scorer.n_rows, -1, dtype=np.int64), None, "none"
    if blocks is not None and blocks.cached is None:
        blocks = None
    chosen = choose_method(scorer, slots, method)
    if chosen == "sparse_first":
        mentor_of, certificate = certify(
            scorer, slots.capacity, max_score, blocks=blocks, seeds=seeds
        )
        if certificate is not None:
            return mentor_of, certificate, chosen
        fits = scorer.n_rows * slots.n * 8 <= DENSE_LIMIT_BYTES
        chosen = "auto" if fits else "sparse"
    if chosen == "sparse":
        # Every admissible pair at once: solved and certified on them, one scoring pass
        # (fair mode listed them already, those at or above its threshold).
        complete = pairs if pairs is not None else _listed_pairs(scorer)
        mentor_of, certificate = certify(scorer, slots.capacity, max_score, complete=complete)
        return mentor_of, certificate, chosen
    (rows, columns), chosen, matrix = solve_assignment(scorer, slots, max_score, chosen)
    mentor_of = np.full(scorer.n_rows, -1, dtype=np.int64)
    mentor_of[rows] = columns
    blocks = None
    if matrix is not None:
        cost, encoding = matrix
        blocks = Blocks.from_costs(scorer, cost, slots.start, encoding)
    del matrix
    mentor_of, certificate = certify(
        scorer, slots.capacity, max_score, mentor_of=mentor_of, blocks=blocks
    )
    return mentor_of, certificate, chosen


class _TooLarge(Exception):
    def __init__(self, pairs: int):
        super().__init__(pairs)
        self.pairs = pairs


def greedy(
    mentors: People,
    adepts: People,
    rules: Rules | None = None,
    weights: Weights | None = None,
    *,
    exclusions: PairList = (),
    locks: PairList = (),
) -> MatchResult:
    """The obvious hand method, for comparison: best-scoring admissible pairs first.

    Ties are taken by adept index, then mentor index. Scores are computed in passes from
    the top score down, so no more than about ``GREEDY_PASS_PAIRS`` pairs are held at once.
    """
    rules = rules or Rules()
    weights = weights or Weights()
    context, problems = _validate(mentors, adepts, rules, weights, exclusions, locks)
    if context is None or problems:
        return _problem_result(problems, weights)
    free_mentors, free_adepts, slots = _free_problem(context)
    capacity = np.zeros(context.mentors.n, dtype=np.int64)
    capacity[free_mentors] = slots.capacity
    taken = np.zeros(context.adepts.n, dtype=bool)
    taken[context.lock_adepts] = True
    chosen_mentors: list[int] = []
    chosen_adepts: list[int] = []
    while True:
        open_mentors = np.flatnonzero(capacity > 0).astype(np.int64)
        open_adepts = np.flatnonzero(~taken).astype(np.int64)
        if not len(open_mentors) or not len(open_adepts):
            break
        threshold = _greedy_threshold(context, open_mentors, open_adepts)
        scorer = context.scorer(open_mentors, open_adepts, min_score=threshold)
        rows, cols, scores = collect_pairs(scorer)
        if not len(rows):
            break
        adept_ids, mentor_ids = open_adepts[rows], open_mentors[cols]
        order = np.lexsort((mentor_ids, adept_ids, -scores))
        capacity_list = capacity.tolist()
        taken_list = taken.tolist()
        for adept, mentor in zip(
            adept_ids[order].tolist(), mentor_ids[order].tolist(), strict=True
        ):
            if taken_list[adept] or not capacity_list[mentor]:
                continue
            taken_list[adept] = True
            capacity_list[mentor] -= 1
            chosen_mentors.append(mentor)
            chosen_adepts.append(adept)
        capacity = np.asarray(capacity_list, dtype=np.int64)
        taken = np.asarray(taken_list, dtype=bool)
        if threshold is None:
            break
    all_mentors = np.concatenate([context.lock_mentors, np.asarray(chosen_mentors, np.int64)])
    all_adepts = np.concatenate([context.lock_adepts, np.asarray(chosen_adepts, np.int64)])
    return _assemble(context, all_mentors, all_adepts, "greedy")


def _greedy_threshold(
    context: Context, open_mentors: IndexArray, open_adepts: IndexArray
) -> float | None:
    """A score such that pairs at or above it number about ``GREEDY_PASS_PAIRS``, else None."""
    sample = np.unique(np.linspace(0, len(open_adepts) - 1, min(64, len(open_adepts))).astype(int))
    scorer = context.scorer(open_mentors, open_adepts[sample])
    _, _, scores = collect_pairs(scorer)
    estimated = len(scores) * len(open_adepts) / len(sample)
    if estimated <= GREEDY_PASS_PAIRS:
        return None
    ranked = np.sort(scores)[::-1]
    return float(ranked[int(len(ranked) * GREEDY_PASS_PAIRS / estimated)])


def evaluate(
    mentors: People,
    adepts: People,
    rules: Rules | None = None,
    weights: Weights | None = None,
    pairs: PairList = (),
    *,
    exclusions: PairList = (),
    locks: PairList = (),
) -> Evaluation:
    """Score a hand-edited set of (mentor, adept) pairs and list the rules each one breaks.

    Besides the hard rules, a pair may break ``capacity`` (its mentor has too many adepts),
    ``adept_in_several_pairs`` and ``lock`` (a locked person is paired with someone else).
    """
    rules = rules or Rules()
    weights = weights or Weights()
    context, problems = _validate(mentors, adepts, rules, weights, exclusions, locks)
    pair_list = list(pairs)
    if context is not None:
        pair_mentors, pair_adepts, pair_problems = normalise_pairs(
            pair_list, "pairs", mentors.n, adepts.n
        )
        problems += pair_problems
    if context is None or problems:
        return Evaluation(pairs=[], quality=_empty_quality(0.0), problems=problems)
    parts, scores, explanations = explain_pairs(context, pair_mentors, pair_adepts)
    broken = context.scorer().pair_violations(pair_mentors, pair_adepts)
    broken["capacity"] = _over(pair_mentors, min(int(rules.capacity), context.adepts.n))
    broken["adept_in_several_pairs"] = _over(pair_adepts, 1)
    locked_to = np.full(context.adepts.n, -1, dtype=np.int64)
    locked_to[context.lock_adepts] = context.lock_mentors
    broken["lock"] = (locked_to[pair_adepts] >= 0) & (locked_to[pair_adepts] != pair_mentors)
    evaluations = [
        PairEvaluation(
            mentor=mentor,
            adept=adept,
            score=float(scores[position]),
            parts=parts[position],
            explanation=explanations[position],
            broken_rules=tuple(rule for rule in broken if broken[rule][position]),
        )
        for position, (mentor, adept) in enumerate(
            zip(pair_mentors.tolist(), pair_adepts.tolist(), strict=True)
        )
    ]
    return Evaluation(
        pairs=evaluations,
        quality=quality_of(
            scores,
            len(np.unique(pair_mentors)),
            len(np.unique(pair_adepts)),
            weights.max_score,
        ),
    )


def _over(people: IndexArray, capacity: int) -> npt.NDArray[np.bool_]:
    if not len(people):
        return np.zeros(0, dtype=bool)
    counts = np.bincount(people)
    return np.asarray(counts[people] > capacity, dtype=bool)
