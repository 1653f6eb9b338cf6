"""The WSGI application loads every view as the worker starts, not on the first request."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

PROBE = """
import sys
import revmentor.wsgi
print(sorted(m for m in ("revmentor.surveys.views", "revmentor.matching.views", "scipy.stats")
             if m in sys.modules))
"""


def test_importing_the_wsgi_application_loads_the_views():
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert out.stdout.strip().splitlines()[-1] == (
        "['revmentor.matching.views', 'revmentor.surveys.views', 'scipy.stats']"
    )
