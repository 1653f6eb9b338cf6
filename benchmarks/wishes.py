"""Benchmark of the wishes-informed and the stable pairing beside the plain engine; JSON lines.

    .venv/bin/python benchmarks/wishes.py [--sizes 2000 10000] [--seeds 1]

On the same realistic instance as benchmarks/matching.py, everyone ranks five partners
(chosen at random among the other side, so some wishes break a rule and cannot count) and
a fifth of each side says "anyone suits me". Cases, each in its own process so peak memory
is its own: ``plain`` (the engine without wishes: the floor), ``wishes`` (the same solver
with the wish points added to the score, weight of a first wish = a perfect fit) and
``stable_adept`` (deferred acceptance on mutual admissible wishes, then the wishes-informed
solve of whoever is left). Fields: time_s, peak_memory_mib, pairs, total_fit, wish_points,
first_wish_share (of adepts with wishes), blocking_pairs, proven_optimal.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from revmentor.matching.engine import Rules, Weights, solve  # noqa: E402
from revmentor.matching.engine.stable import solve_stable  # noqa: E402
from revmentor.matching.engine.synthetic import realistic_program  # noqa: E402
from revmentor.matching.engine.wishes import Wishes, solve_with_wishes, wish_report  # noqa: E402

CASES = ("plain", "wishes", "stable_adept")


def random_wishes(size: int, seed: int) -> Wishes:
    rng = np.random.default_rng(seed + 1000)

    def side() -> list[list[int]]:
        rows = []
        for _ in range(size):
            if rng.random() < 0.2:
                rows.append([])
            else:
                rows.append(rng.choice(size, 5, replace=False).tolist())
        return rows

    return Wishes.of(side(), side())


def run_one(case: str, size: int, seed: int) -> dict[str, object]:
    mentors, adepts = realistic_program(size, size, seed=seed)
    wishes = random_wishes(size, seed)
    rules, weights = Rules(), Weights()
    started = time.perf_counter()
    if case == "plain":
        result = solve(mentors, adepts, rules, weights)
        report = wish_report(wishes, [(p.mentor, p.adept) for p in result.pairs], rules.capacity)
    elif case == "wishes":
        solved = solve_with_wishes(mentors, adepts, rules, weights, wishes)
        result, report = solved.result, solved.report
    else:
        solved = solve_stable(mentors, adepts, rules, weights, wishes, proposer="adept")
        result, report = solved.result, solved.report
    elapsed = time.perf_counter() - started
    assert report is not None
    return {
        "case": case,
        "size": size,
        "seed": seed,
        "time_s": round(elapsed, 2),
        "peak_memory_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "method": result.method,
        "pairs": result.quality.pairs,
        "total_fit": round(result.quality.total_score, 2),
        "wish_points": round(report.points, 1),
        "first_wish_share": round(report.adepts.share(0) or 0.0, 3),
        # The plain solve's blocking pairs count all stated wishes (the engine's reports
        # count admissible ones); the other two report the admissible count.
        "blocking_pairs": len(report.blocking_pairs),
        "proven_optimal": result.quality.proven_optimal,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[2000])
    parser.add_argument("--seeds", type=int, nargs="*", default=[1])
    parser.add_argument("--cases", nargs="*", default=list(CASES))
    parser.add_argument("--one", nargs=3, metavar=("CASE", "SIZE", "SEED"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.one:
        case, size, seed = arguments.one
        print(json.dumps(run_one(case, int(size), int(seed))), flush=True)
        return
    for size in arguments.sizes:
        for seed in arguments.seeds:
            for case in arguments.cases:
                command = [sys.executable, __file__, "--one", case, str(size), str(seed)]
                subprocess.run(command, check=True)  # noqa: S603  # nosec B603


if __name__ == "__main__":
    main()
