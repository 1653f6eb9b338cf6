"""Benchmark of the matching engine against the bare solvers; one JSON line per case.

    .venv/bin/python benchmarks/matching.py [--sizes 2000 10000] [--seeds 1 2 3]
                                            [--solvers engine lapjv ...] [--sparse 100000]
                                            [--limit 900]

For every size and seed, on the same realistic instance and interleaved (one seed's
solvers run back to back, so load from other work hits them alike): the engine end to end
(normal and fair mode), bare ``lap.lapjv`` and scipy's ``linear_sum_assignment`` on the
dense cost matrix the engine's dense path would build (build time reported apart, not in
time_s), and scipy's ``min_weight_full_bipartite_matching`` on the engine's first candidate
graph (thin programs: every admissible pair). lapx's ``lapjvs`` runs too with
``--lapx-python`` (a Python where lapx is installed: lapx replaces the ``lap`` module, so it
lives in its own virtual environment; ``lapx_dense.py``), on the same matrix.
Each solver runs in its own process so that peak memory (maxrss) is that solver's alone.
Fields: time_s, peak_memory_mib, matched, total, lowest, certificate_violation and
rounds (engine), build_s (bare solvers: scoring into the matrix or graph).

The engine's compiled kernels (numba) are loaded first by ``engine.api.warm_up`` (solves of
a 1,100-a-side program with the scores cached as float64 and as float32), in the same
process; that is reported as first_call_s (loading the cached machine code, or compiling it
when the cache is empty: ``first_call_compiled``) and is not in time_s.
``--limit`` stops a solver's process after that many seconds and prints a line with
``stopped_after_s`` instead of figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import lap
import numpy as np
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from revmentor.matching.engine import Rules, Weights, augment, solve  # noqa: E402
from revmentor.matching.engine.api import _free_problem, _validate, warm_up  # noqa: E402
from revmentor.matching.engine.certify import (  # noqa: E402
    CANDIDATES_PER_MENTOR,
    CANDIDATES_PER_ROW,
    RANDOM_PER_ROW,
    Blocks,
    candidate_edges,
    unmatched_cost,
)
from revmentor.matching.engine.solver import (  # noqa: E402
    LAPJV_COST_CEILING,
    Encoding,
    _admissible_assignment,
    collect_pairs,
    fill_costs,
)
from revmentor.matching.engine.synthetic import ProgramShape, realistic_program  # noqa: E402

#: A typical program: diversity preferred, age gap, own manager, unit and format rules on.
RULES = Rules()
SOLVERS = ("engine", "engine_fair", "lapjv", "lapx", "scipy", "scipy_sparse_candidates")
DENSE_SOLVERS = ("lapjv", "lapx", "scipy")


def peak_memory_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def instance(size: int, seed: int, sparse: bool):
    if not sparse:
        return realistic_program(size, size, seed=seed)
    # About 100 admissible partners each: physical-only people spread over size/100 cities.
    shape = ProgramShape(organisations=40, cities=size // 100, format_probabilities=(0.0, 1.0, 0.0))
    mentors, adepts = realistic_program(size, size, seed=seed, shape=shape)
    rng = np.random.default_rng(seed)
    mentors.city[:] = rng.integers(0, size // 100, size)
    adepts.city[:] = rng.integers(0, size // 100, size)
    return mentors, adepts


def run_one(solver: str, size: int, seed: int, sparse: bool) -> dict[str, object]:
    mentors, adepts = instance(size, seed, sparse)
    weights = Weights()
    line: dict[str, object] = {
        "case": "sparse" if sparse else "dense",
        "size": size,
        "seed": seed,
        "solver": solver,
    }
    if solver in ("engine", "engine_fair"):
        rules = Rules(fair=True) if solver == "engine_fair" else RULES
        cache = Path(augment.__file__).parent / "__pycache__"
        cached = any(cache.glob("augment.*.nbi"))
        started = time.perf_counter()
        warm_up()
        line["first_call_s"] = round(time.perf_counter() - started, 3)
        line["first_call_compiled"] = not cached
        started = time.perf_counter()
        result = solve(mentors, adepts, rules, weights)
        line["time_s"] = round(time.perf_counter() - started, 3)
        line["method"] = result.method
        line["matched"] = result.quality.pairs
        line["total"] = round(result.quality.total_score, 6)
        line["lowest"] = result.quality.lowest_score
        line["proven_optimal"] = result.quality.proven_optimal
        line["certificate_violation"] = result.quality.certificate_violation
        certificate = result.certificate
        line["rounds"] = getattr(certificate, "rounds", None)
        line["candidate_pairs"] = getattr(certificate, "candidate_pairs", None)
        line["fair_threshold"] = result.fair_threshold
        line["peak_memory_mib"] = round(peak_memory_mib(), 1)
        return line
    context, problems = _validate(mentors, adepts, RULES, weights, (), ())
    assert context is not None and not problems
    free_mentors, free_adepts, slots = _free_problem(context)
    scorer = context.scorer(free_mentors, free_adepts)
    if solver == "scipy_sparse_candidates":
        started = time.perf_counter()
        if sparse:
            rows, cols, scores = collect_pairs(scorer)
        else:
            rows, cols, scores = candidate_edges(
                Blocks(scorer), CANDIDATES_PER_ROW, RANDOM_PER_ROW, CANDIDATES_PER_MENTOR
            )
        line["build_s"] = round(time.perf_counter() - started, 3)
        line["candidate_pairs"] = len(rows)
        _, big = unmatched_cost(weights.max_score, size)
        graph = sp.csr_matrix(
            (
                np.concatenate([1.0 + weights.max_score - scores, np.full(size, 1.0 + 2 * big)]),
                (
                    np.concatenate([rows, np.arange(size)]),
                    np.concatenate([cols, size + np.arange(size)]),
                ),
            ),
            shape=(size, 2 * size),
        )
        started = time.perf_counter()
        matched_rows, matched_cols = min_weight_full_bipartite_matching(graph)
        line["time_s"] = round(time.perf_counter() - started, 3)
        real = matched_cols < size
        chosen_rows, chosen_mentors = matched_rows[real], matched_cols[real]
    else:
        encoding = Encoding.for_problem(weights.max_score, size, LAPJV_COST_CEILING)
        cost = np.empty((size, size))
        started = time.perf_counter()
        fill_costs(scorer, slots, encoding, cost)
        line["build_s"] = round(time.perf_counter() - started, 3)
        started = time.perf_counter()
        if solver == "lapjv":
            columns, _ = lap.lapjv(cost, return_cost=False)
            rows = np.arange(size)
        elif solver == "lapx":
            rows, columns = _lapx(cost, line)
        else:
            rows, columns = linear_sum_assignment(cost)
        line["time_s"] = round(time.perf_counter() - started, 3)
        chosen_rows, chosen_mentors = _admissible_assignment(cost, rows, columns, slots, encoding)
    line["matched"] = len(chosen_rows)
    line["total"] = round(float(scorer.pair_parts(chosen_mentors, chosen_rows)[1].sum()), 6)
    line["peak_memory_mib"] = round(peak_memory_mib(), 1)
    return line


def _lapx(cost: np.ndarray, line: dict[str, object]) -> tuple[np.ndarray, np.ndarray]:
    """lapx's lapjvs in its own Python (``lapx_dense.py``): its time and peak memory."""
    with tempfile.TemporaryDirectory() as folder:
        matrix, pairs = Path(folder) / "cost.npy", Path(folder) / "pairs.npy"
        np.save(matrix, cost)
        script = Path(__file__).with_name("lapx_dense.py")
        done = subprocess.run(
            [os.environ[LAPX_PYTHON], str(script), str(matrix), str(pairs)],
            check=True,
            capture_output=True,
            text=True,
        )
        found = json.loads(done.stdout)
        rows, columns = np.load(pairs)
    line["time_s"] = found["time_s"]
    line["lapx_version"] = found["version"]
    line["lapx_peak_memory_mib"] = found["peak_memory_mib"]
    return rows, columns


#: Where ``--lapx-python`` passes the Python with lapx to each solver's process.
LAPX_PYTHON = "REVMENTOR_LAPX_PYTHON"


def _has_lapx() -> bool:
    return bool(os.environ.get(LAPX_PYTHON))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[2000])
    parser.add_argument("--sparse", type=int, nargs="*", default=[])
    parser.add_argument("--seeds", type=int, nargs="*", default=[1, 2, 3])
    parser.add_argument("--solvers", nargs="*", default=list(SOLVERS), choices=SOLVERS)
    parser.add_argument("--limit", type=float, default=None, help="seconds per solver")
    parser.add_argument(
        "--lapx-python", help="a Python with lapx installed (lapx replaces lap: its own venv)"
    )
    parser.add_argument("--one", nargs=4, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.one:
        solver, size, seed, sparse = arguments.one
        print(json.dumps(run_one(solver, int(size), int(seed), sparse == "1")), flush=True)
        return
    if arguments.lapx_python:
        os.environ[LAPX_PYTHON] = arguments.lapx_python
    cases = [(size, False) for size in arguments.sizes] + [(s, True) for s in arguments.sparse]
    for size, sparse in cases:
        for seed in arguments.seeds:
            solvers = [s for s in arguments.solvers if s != "lapx" or _has_lapx()]
            if sparse or size > 10_000:
                # Dense matrices of a sparse 100,000-a-side program would need 80 GB.
                solvers = [s for s in solvers if s not in DENSE_SOLVERS]
            for solver in solvers:
                command = [sys.executable, __file__, "--one", solver, str(size), str(seed)]
                # Its own process group: a stopped case takes its children (lapx's) along.
                process = subprocess.Popen([*command, str(int(sparse))], start_new_session=True)
                try:
                    if process.wait(timeout=arguments.limit):
                        raise subprocess.CalledProcessError(process.returncode, command)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
                    stopped = {
                        "case": "sparse" if sparse else "dense",
                        "size": size,
                        "seed": seed,
                        "solver": solver,
                        "stopped_after_s": arguments.limit,
                    }
                    print(json.dumps(stopped), flush=True)


if __name__ == "__main__":
    main()
