"""Time lapx's ``lapjvs`` on a cost matrix saved by ``matching.py`` (its ``lapx`` case).

lapx installs itself as the ``lap`` module, so it cannot sit beside ``lap`` in the project's
environment: this runs under a Python where lapx is installed (``--lapx-python``), with
numpy and lapx alone. ``prefer_float32=False``: in float32 lapjvs paired about 2,000 adepts
with forbidden cells of a 10,000-a-side program (its costs differ in hundredths).

    python lapx_dense.py COST.npy PAIRS.npy   -> one JSON line: time_s, peak_memory_mib
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import lap
import numpy as np


def main() -> None:
    cost = np.load(sys.argv[1])
    # lapx loads its solvers on first use: once on a tiny matrix, outside the timing.
    lap.lapjvs(np.eye(2), return_cost=False, prefer_float32=False)
    started = time.perf_counter()
    rows, cols = lap.lapjvs(cost, return_cost=False, prefer_float32=False)
    elapsed = time.perf_counter() - started
    np.save(sys.argv[2], np.stack([np.asarray(rows), np.asarray(cols)]))
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
    status = Path("/proc/self/status").read_text().splitlines()
    peak = next(int(row.split()[1]) for row in status if row.startswith("VmHWM:")) / 1024
    line = {"time_s": round(elapsed, 3), "peak_memory_mib": round(peak, 1)}
    print(json.dumps({**line, "version": getattr(lap, "__version__", "?")}))


if __name__ == "__main__":
    main()
