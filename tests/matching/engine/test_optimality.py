"""The solver finds the lexicographic optimum: most pairs first, then the largest total score."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from revmentor.matching.engine import Rules, Weights, greedy, solve
from revmentor.matching.engine.api import _validate
from revmentor.matching.engine.synthetic import ProgramShape, realistic_program

from .support import broken_rules, exhaustive_optimum, pair_scores, random_program

weights_strategy = st.builds(
    Weights,
    topics=st.sampled_from([0.0, 1.0, 3.0, 2.5]),
    languages=st.sampled_from([0.0, 1.0, 0.5]),
    city=st.sampled_from([0.0, 1.0]),
    availability=st.sampled_from([0.0, 1.0, 2.0]),
    diversity=st.sampled_from([0.0, 1.0]),
    age_gap=st.sampled_from([0.0, 1.0, 4.0]),
)


def allowed_pairs(mentors, adepts, rules, weights, exclusions=()):
    scores = pair_scores(mentors, adepts, rules, weights)
    return {
        pair: score
        for pair, score in scores.items()
        if not broken_rules(mentors, adepts, *pair, rules, exclusions)
    }


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_mentors=st.integers(0, 8),
    n_adepts=st.integers(0, 8),
    capacity=st.integers(1, 2),
    min_age_gap=st.sampled_from([None, 10]),
    weights=weights_strategy,
    method=st.sampled_from(["auto", "sparse_first", "dense", "rectangular", "sparse"]),
)
def test_total_equals_exhaustive_optimum_up_to_eight_a_side(
    seed, n_mentors, n_adepts, capacity, min_age_gap, weights, method
):
    mentors, adepts = random_program(seed, n_mentors, n_adepts)
    rules = Rules(capacity=capacity, min_age_gap=min_age_gap)
    result = solve(mentors, adepts, rules, weights, method=method)
    allowed = allowed_pairs(mentors, adepts, rules, weights)
    count, total = exhaustive_optimum(n_mentors, n_adepts, capacity, allowed)
    assert result.quality.pairs == count
    assert result.quality.total_score == pytest.approx(total, rel=1e-9, abs=1e-9)
    assert greedy(mentors, adepts, rules, weights).quality.pairs <= count


def networkx_optimum(mentors, adepts, rules, weights):
    """Max-cardinality, then max-weight matching by Edmonds' blossom, scores in hundredths."""
    allowed = allowed_pairs(mentors, adepts, rules, weights)
    graph = nx.Graph()
    for (mentor, adept), score in allowed.items():
        for slot in range(rules.capacity):
            graph.add_edge(("m", mentor, slot), ("a", adept), weight=round(score * 100))
    matching = nx.max_weight_matching(graph, maxcardinality=True)
    return len(matching), sum(graph.edges[edge]["weight"] for edge in matching) / 100


@pytest.mark.parametrize(
    ("seed", "n_mentors", "n_adepts", "capacity"),
    [(1, 60, 60, 1), (2, 40, 90, 2), (3, 120, 100, 1), (4, 300, 300, 1)],
)
def test_total_equals_networkx_blossom_on_larger_programs(seed, n_mentors, n_adepts, capacity):
    # Strict rules keep the graph small enough for the pure-Python blossom algorithm.
    rules = Rules(capacity=capacity, different_organisation="required", min_age_gap=25)
    shape = ProgramShape(organisations=6, format_probabilities=(0.3, 0.4, 0.3))
    mentors, adepts = realistic_program(n_mentors, n_adepts, seed=seed, shape=shape)
    weights = Weights()
    count, total = networkx_optimum(mentors, adepts, rules, weights)
    result = solve(mentors, adepts, rules, weights)
    assert result.quality.pairs == count
    assert result.quality.total_score == pytest.approx(total, rel=1e-9)


def scipy_optimum(mentors, adepts, rules, weights, exclusions=()):
    """Independent encoding: rectangular benefit matrix, admissible cells earn a big bonus."""
    context, problems = _validate(mentors, adepts, rules, weights, exclusions, ())
    assert context is not None and problems == []
    scorer = context.scorer()
    admissible, scores = scorer.block(0, adepts.n)
    admissible = np.repeat(admissible, rules.capacity, axis=1)
    scores = np.repeat(scores, rules.capacity, axis=1)
    bonus = (min(admissible.shape) + 1) * weights.max_score + 1.0
    benefit = np.where(admissible, bonus + scores, 0.0)
    rows, cols = linear_sum_assignment(benefit, maximize=True)
    used = admissible[rows, cols]
    return int(used.sum()), float(scores[rows, cols][used].sum())


@pytest.mark.parametrize(
    ("seed", "n_mentors", "n_adepts", "rules", "shape"),
    [
        (10, 400, 400, Rules(), ProgramShape()),
        (
            11,
            500,
            450,
            Rules(different_organisation="required", min_age_gap=22),
            ProgramShape(organisations=8, format_probabilities=(0.2, 0.4, 0.4)),
        ),
        (12, 250, 480, Rules(capacity=2, min_age_gap=25), ProgramShape(organisations=10)),
        (
            13,
            600,
            600,
            Rules(min_age_gap=28, different_organisation="required"),
            ProgramShape(organisations=8, format_probabilities=(0.3, 0.5, 0.2)),
        ),
    ],
)
def test_dense_lapjv_equals_scipy_on_realistic_programs_with_forbidden_pairs(
    seed, n_mentors, n_adepts, rules, shape
):
    mentors, adepts = realistic_program(n_mentors, n_adepts, seed=seed, shape=shape)
    rng = np.random.default_rng(seed)
    exclusions = list(
        zip(
            rng.integers(0, n_mentors, 40).tolist(),
            rng.integers(0, n_adepts, 40).tolist(),
            strict=True,
        )
    )
    count, total = scipy_optimum(mentors, adepts, rules, Weights(), exclusions)
    result = solve(mentors, adepts, rules, exclusions=exclusions, method="dense")
    assert result.method == "dense"
    assert result.quality.pairs == count
    assert result.quality.total_score == pytest.approx(total, rel=1e-9)


def test_sparse_path_gives_the_same_total_as_the_dense_path():
    shape = ProgramShape(cities=40, format_probabilities=(0.0, 1.0, 0.0), organisations=12)
    rules = Rules(different_organisation="required", capacity=2)
    mentors, adepts = realistic_program(700, 1200, seed=21, shape=shape)
    dense = solve(mentors, adepts, rules, method="dense")
    sparse = solve(mentors, adepts, rules, method="sparse")
    rectangular = solve(mentors, adepts, rules, method="rectangular")
    assert (dense.method, sparse.method, rectangular.method) == ("dense", "sparse", "rectangular")
    assert sparse.quality.pairs == dense.quality.pairs == rectangular.quality.pairs
    assert sparse.quality.total_score == pytest.approx(dense.quality.total_score, rel=1e-9)
    assert rectangular.quality.total_score == pytest.approx(dense.quality.total_score, rel=1e-9)


def test_auto_picks_the_sparse_path_for_large_sparse_programs_and_certifies_it():
    shape = ProgramShape(cities=100, format_probabilities=(0.0, 1.0, 0.0))
    mentors, adepts = realistic_program(2500, 2500, seed=5, shape=shape)
    result = solve(mentors, adepts)
    assert result.method == "sparse"
    assert result.quality.proven_optimal is True
    assert result.quality.certificate_violation <= 1e-9
    first = solve(mentors, adepts, method="sparse_first")
    assert first.quality.proven_optimal is True
    assert (first.quality.pairs, first.quality.total_score) == pytest.approx(
        (result.quality.pairs, result.quality.total_score), rel=1e-12
    )
    assert result.quality.pairs == solve(mentors, adepts, method="rectangular").quality.pairs


def test_engine_never_matches_fewer_people_than_greedy_on_a_realistic_program():
    mentors, adepts = realistic_program(300, 330, seed=8)
    rules = Rules(different_organisation="required", min_age_gap=20)
    engine = solve(mentors, adepts, rules)
    hand = greedy(mentors, adepts, rules)
    assert engine.quality.pairs >= hand.quality.pairs
    if engine.quality.pairs == hand.quality.pairs:
        assert engine.quality.total_score >= hand.quality.total_score
