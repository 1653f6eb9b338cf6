"""Benchmark of the matching engine on realistic synthetic programs; one JSON line per case.

    .venv/bin/python benchmarks/matching.py [--sizes 1000 5000 10000] [--sparse 50000]
                                            [--skip-scipy-above 5000]

Each dense case times the engine end to end, then bare lap.lapjv and bare scipy on the
very matrix the engine builds, and greedy on the same input. Every case runs in its own
process so that peak memory (maxrss) belongs to that case alone.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import lap
import numpy as np
from scipy.optimize import linear_sum_assignment

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from revmentor.matching.engine import Rules, Weights, greedy, solve  # noqa: E402
from revmentor.matching.engine.api import _free_problem, _validate  # noqa: E402
from revmentor.matching.engine.solver import (  # noqa: E402
    LAPJV_COST_CEILING,
    Encoding,
    _admissible_assignment,
    fill_costs,
)
from revmentor.matching.engine.synthetic import ProgramShape, realistic_program  # noqa: E402

#: A typical program: diversity preferred, age gap, own manager, unit and format rules on.
DENSE_RULES = Rules()
#: A strict program: physical meetings only, so only people in the same municipality meet.
SPARSE_RULES = Rules(different_organisation="required")


def peak_memory_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dense_case(size: int, skip_scipy_above: int) -> dict[str, object]:
    mentors, adepts = realistic_program(size, size, seed=size)
    weights = Weights()

    started = time.perf_counter()
    result = solve(mentors, adepts, DENSE_RULES, weights)
    end_to_end = time.perf_counter() - started

    context, problems = _validate(mentors, adepts, DENSE_RULES, weights, (), ())
    assert context is not None and not problems
    free_mentors, free_adepts, slots = _free_problem(context)
    scorer = context.scorer(free_mentors, free_adepts)
    encoding = Encoding.for_problem(weights.max_score, size, LAPJV_COST_CEILING)
    cost = np.empty((size, size))
    started = time.perf_counter()
    fill_costs(scorer, slots, encoding, cost)
    build = time.perf_counter() - started

    started = time.perf_counter()
    columns, _ = lap.lapjv(cost, return_cost=False)
    bare_lapjv = time.perf_counter() - started
    rows, mentors_chosen = _admissible_assignment(cost, np.arange(size), columns, slots, encoding)
    lap_total = float(scorer.pair_parts(mentors_chosen, rows)[1].sum())

    line: dict[str, object] = {
        "case": "dense",
        "size": size,
        "method": result.method,
        "density": round(float((cost < encoding.unmatched).mean()), 4),
        "build_matrix_s": round(build, 3),
        "bare_lapjv_s": round(bare_lapjv, 3),
        "end_to_end_s": round(end_to_end, 3),
        "end_to_end_over_bare_lapjv": round(end_to_end / bare_lapjv, 3),
        "matched": result.quality.pairs,
        "total": round(result.quality.total_score, 6),
        "lowest": result.quality.lowest_score,
        "lapjv_matched": len(rows),
        "lapjv_total": round(lap_total, 6),
    }
    if size <= skip_scipy_above:
        started = time.perf_counter()
        scipy_rows, scipy_columns = linear_sum_assignment(cost)
        line["bare_scipy_s"] = round(time.perf_counter() - started, 3)
        rows, mentors_chosen = _admissible_assignment(
            cost, scipy_rows, scipy_columns, slots, encoding
        )
        scipy_total = float(scorer.pair_parts(mentors_chosen, rows)[1].sum())
        line["scipy_matched"] = len(rows)
        line["scipy_total"] = round(scipy_total, 6)
        line["relative_gap_to_scipy"] = abs(result.quality.total_score - scipy_total) / scipy_total
    del cost
    started = time.perf_counter()
    hand = greedy(mentors, adepts, DENSE_RULES, weights)
    line["greedy_s"] = round(time.perf_counter() - started, 3)
    line["greedy_matched"] = hand.quality.pairs
    line["greedy_total"] = round(hand.quality.total_score, 6)
    line["greedy_lowest"] = hand.quality.lowest_score
    line["peak_memory_mib"] = round(peak_memory_mib(), 1)
    return line


def sparse_case(size: int) -> dict[str, object]:
    # About 100 candidates each: physical-only people in ~500 equally sized municipalities.
    shape = ProgramShape(organisations=40, cities=size // 100, format_probabilities=(0.0, 1.0, 0.0))
    mentors, adepts = realistic_program(size, size, seed=size, shape=shape)
    # Spread people evenly over municipalities; the default skew would make one huge city.
    rng = np.random.default_rng(size)
    mentors.city[:] = rng.integers(0, size // 100, size)
    adepts.city[:] = rng.integers(0, size // 100, size)
    started = time.perf_counter()
    result = solve(mentors, adepts, SPARSE_RULES)
    end_to_end = time.perf_counter() - started
    started = time.perf_counter()
    hand = greedy(mentors, adepts, SPARSE_RULES)
    greedy_time = time.perf_counter() - started
    return {
        "case": "sparse",
        "size": size,
        "method": result.method,
        "end_to_end_s": round(end_to_end, 3),
        "matched": result.quality.pairs,
        "total": round(result.quality.total_score, 6),
        "lowest": result.quality.lowest_score,
        "greedy_s": round(greedy_time, 3),
        "greedy_matched": hand.quality.pairs,
        "greedy_total": round(hand.quality.total_score, 6),
        "peak_memory_mib": round(peak_memory_mib(), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000])
    parser.add_argument("--sparse", type=int, nargs="*", default=[])
    parser.add_argument("--skip-scipy-above", type=int, default=10_000)
    parser.add_argument("--one", choices=["dense", "sparse"], help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.one == "dense":
        print(json.dumps(dense_case(arguments.sizes[0], arguments.skip_scipy_above)), flush=True)
        return
    if arguments.one == "sparse":
        print(json.dumps(sparse_case(arguments.sparse[0])), flush=True)
        return
    for size in arguments.sizes:
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                "dense",
                "--sizes",
                str(size),
                "--skip-scipy-above",
                str(arguments.skip_scipy_above),
            ],
            check=True,
        )
    for size in arguments.sparse:
        subprocess.run(
            [sys.executable, __file__, "--one", "sparse", "--sparse", str(size)], check=True
        )


if __name__ == "__main__":
    main()
