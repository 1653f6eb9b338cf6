"""Pure matching engine: mentors and adepts in, explained pairs out (numpy, scipy, lap, numba).

Nothing here imports Django. The Django side loads participants into two ``People``
(one per side, arrays of equal length, codes instead of strings) and calls::

    from revmentor.matching.engine import People, Rules, Weights, solve, greedy, evaluate

    result = solve(mentors, adepts, Rules(capacity=2), Weights(),
                   exclusions=[(mentor_index, adept_index)], locks=[(mentor_index, adept_index)])
    if not result.ok:
        messages = [describe_problem(problem, "sv") for problem in result.problems]
    for pair in result.pairs:
        pair.mentor, pair.adept, pair.score, pair.parts, describe(pair.explanation, topic_names)
    for person in result.unmatched_adepts:
        describe_unmatched(person.reason, "sv")
    result.quality  # pairs, total_score, lowest_score, histogram ... (same for greedy(...))

Hard rules (``Rules``, each switchable): the mentor is at least ``min_age_gap`` years younger;
different organisations required, preferred (a soft "diversity" part) or indifferent; nobody
with their own manager (either direction) nor within the same unit of the same organisation;
coordinator exclusions; meeting format (digital-only never meets physical-only; a
physical-only person needs a partner in the same known city who accepts physical meetings).

Soft score: ``sum(weight * part)`` over the named parts of ``Weights`` (topics, languages,
city, availability, diversity, age_gap), each part in [0, 1] and rounded to two decimals so
realistic programs have many equal scores. ``Pair.parts`` holds the unweighted parts;
``sum(getattr(parts, p) * getattr(weights, p))`` is ``Pair.score``.

Objective: as many pairs as the rules allow, then the largest total score; with
``Rules(fair=True)`` the lowest pair score is maximised first (pair count kept maximal), then
the total; the lowest score counts locked pairs too, as ``Quality.lowest_score`` does. Forbidden pairs are never used; people without an admissible partner stay
unmatched, with an ``UnmatchedReason``. A mentor takes up to ``Rules.capacity`` adepts.

Errors are results, not exceptions: ``solve``, ``greedy`` and ``evaluate`` return an object
whose ``problems`` list holds ``Problem(code, params)`` and which has no pairs when it is
non-empty. Codes: ``invalid_shape``, ``invalid_value``, ``dimension_mismatch``,
``duplicate_person``, ``person_on_both_sides``, ``invalid_weight``, ``invalid_rule``, ``invalid_pair``,
``index_out_of_range``, ``lock_breaks_rule``, ``locked_beyond_capacity``,
``problem_too_large``. Empty sides or programs where every pair is forbidden are not
problems: they give an empty, explained result.

Validation covers ranges as well as types: codes within int64 and not below -1 (unknown),
weights finite within [0, 1e6], age rules within 200 years, booleans for switches, the
method name, exclusions and locks as pairs of two integers in range, nobody on both sides.
A mentor's capacity beyond the number of adepts is capped, not refused.

Locks are pairs fixed by the coordinator; they are validated against the hard rules and
capacity, removed from the problem and added back to the result (``Pair.locked``).

Solvers: ``sparse_first`` (the default for all but thin programs) scores every pair once
into a cache (float64, or float32 with a proven error bound above about 8,000 a side) in
one compiled pass over the rows on every core,
solves a candidate graph (each adept's best mentors by a sampled cut-off, each mentor's
best adepts, a few random pairs) cold with an auction (whole-number costs, as many adepts as
mentors, one seat each) or scipy's LAPJVsp, else by shortest augmenting paths, and proves
the result against every admissible pair with the duals of the assignment LP (``certify.py``), adding violating
pairs until none is left. Thin programs (the format rule leaves few pairs: physical-only
people joined by city) are solved on every admissible pair at once. ``lap.lapjv`` on a
square matrix padded with "unmatched" cells (dense) and scipy's rectangular solver remain
as fallbacks and on request; their results are certified the same way. ``method="auto"``
picks by measured shape (see ``solver.choose_method``). ``Quality.proven_optimal`` and
``certificate_violation`` report the certificate; it covers the people left once locks are
applied (in fair mode, the pairs at or above the fair threshold).

Fair mode searches the lowest score over hundredths when the weights are whole numbers
(scores are then whole hundredths; float noise such as 4.1499999999999995 against 4.15 is
one level), else over the sorted distinct scores, on the same cache as the normal path.
"""

from .api import evaluate, greedy, solve
from .explain import (
    describe,
    describe_points,
    describe_problem,
    describe_rule,
    describe_unmatched,
)
from .types import (
    FORMAT_DIGITAL,
    FORMAT_EITHER,
    FORMAT_PHYSICAL,
    PART_NAMES,
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
    Unmatched,
    UnmatchedReason,
    Weights,
)

__all__ = [
    "FORMAT_DIGITAL",
    "FORMAT_EITHER",
    "FORMAT_PHYSICAL",
    "PART_NAMES",
    "RULE_NAMES",
    "Evaluation",
    "Explanation",
    "MatchResult",
    "Pair",
    "PairEvaluation",
    "People",
    "Problem",
    "Quality",
    "Rules",
    "ScoreParts",
    "Unmatched",
    "UnmatchedReason",
    "Weights",
    "describe",
    "describe_points",
    "describe_problem",
    "describe_rule",
    "describe_unmatched",
    "evaluate",
    "greedy",
    "solve",
]
