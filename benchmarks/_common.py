"""What the benchmarks share: the environment, gunicorn, a throwaway PostgreSQL, wrk, a browser.

Everything runs on 127.0.0.1 and is bounded: every request has a timeout, every wait a limit,
and `stop_all()` ends every process this module started.
"""

from __future__ import annotations

import html.parser
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import Cookie, CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"
PGBIN = Path("/usr/lib/postgresql/15/bin")
REQUEST_TIMEOUT = 30
STARTED: list[subprocess.Popen] = []  # every server and worker started here, stopped at the end


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def environment(workdir: Path, database_url: str = "") -> dict[str, str]:
    """The production-like environment of every process of one run (no debug, one random key)."""
    # Production settings: no testing mode, even when started from the test suite.
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REVMENTOR_TESTING")}
    env.update(
        DJANGO_SETTINGS_MODULE="revmentor.settings",
        DJANGO_DEBUG="0",
        # Without debug the development key is refused: one random key for this run.
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        REVMENTOR_EMAIL_FILE_PATH=str(workdir / "mail"),
        REVMENTOR_SQLITE_PATH=str(workdir / "bench.sqlite3"),
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT), str(BENCHMARKS)]),
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def run_django(env: dict[str, str], target: str, timeout: float = 3600, **kwargs) -> object:
    """Call ``module:function(**kwargs)`` in a fresh Django process; return its JSON result."""
    module, function = target.split(":")
    script = (
        "import json, sys, django; django.setup(); "
        f"from {module} import {function} as f; "
        "print(json.dumps(f(**json.loads(sys.argv[1]))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, json.dumps(kwargs)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if out.returncode:
        raise RuntimeError(f"{target} failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---- processes --------------------------------------------------------------------------


def started(process: subprocess.Popen) -> subprocess.Popen:
    STARTED.append(process)
    return process


def wait_for(url: str, what: str, log: Path, seconds: float = 60) -> None:
    limit = time.time() + seconds
    while time.time() < limit:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not start; see {log}")


def gunicorn_version() -> tuple[int, ...]:
    import gunicorn

    return tuple(gunicorn.version_info)


def start_server(
    env: dict[str, str],
    port: int,
    log: Path,
    *,
    app: str = "revmentor.wsgi",
    timeout: int = 30,
    workers: int = 2,
) -> subprocess.Popen:
    """gunicorn as README.md recommends (2 workers × 4 threads) on 127.0.0.1:port."""
    command = [
        sys.executable, "-m", "gunicorn", app,
        "--workers", str(workers), "--threads", "4",
        "--bind", f"127.0.0.1:{port}",
        "--timeout", str(timeout), "--graceful-timeout", "5",
        "--keep-alive", "75",
    ]  # fmt: skip
    if gunicorn_version() >= (27,):
        # Several servers on one machine: no shared control socket in the home folder.
        command.append("--no-control-socket")
    process = subprocess.Popen(
        command,
        env=env,
        cwd=ROOT,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_for(f"http://127.0.0.1:{port}/healthz", "gunicorn", log)
    return started(process)


def start_worker(env: dict[str, str], log: Path, worker_id: str = "bench") -> subprocess.Popen:
    """One `manage.py db_worker`, below the app servers in CPU priority as deploy/'s unit sets
    (``Nice=10``)."""
    return started(
        subprocess.Popen(
            ["nice", "-n", "10", sys.executable, "manage.py", "db_worker", "--interval", "0.5", "--no-reload",
             "--worker-id", worker_id],
            env=env,
            cwd=ROOT,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    )  # fmt: skip


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Stop a process group this module started (SIGKILL after 60 s)."""
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def kill_server(process: subprocess.Popen) -> None:
    stop(process, signal.SIGKILL)


def stop_all() -> None:
    for process in STARTED:
        if process.poll() is None:
            stop(process, signal.SIGKILL)


def children(pid: int) -> list[int]:
    """The process ids whose parent is pid (gunicorn's workers), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def memory_kib(pid: int, field: str = "VmRSS") -> int:
    """A memory figure of one process from /proc (VmRSS now, VmHWM its peak), in KiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def floor_template(body: bytes) -> str:
    """A template for benchmarks/floor_app.py that sends these bytes after the program's title."""
    return (
        "{{ title }}{% verbatim %}" + body.decode("utf-8", errors="replace") + "{% endverbatim %}"
    )


class MemorySampler(threading.Thread):
    """The resident memory of some processes every 50 ms, until stopped."""

    def __init__(self, pids: list[int]):
        super().__init__(daemon=True)
        self.before = {pid: memory_kib(pid) for pid in pids}
        self.peak = dict(self.before)
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            for pid in self.peak:
                self.peak[pid] = max(self.peak[pid], memory_kib(pid))

    def stop(self) -> None:
        self.done.set()
        self.join()

    def busiest(self) -> tuple[int, int, int]:
        """(pid, KiB before, KiB at the peak) of the process that grew most."""
        pid = max(self.peak, key=lambda p: self.peak[p] - self.before[p])
        return pid, self.before[pid], self.peak[pid]


# ---- PostgreSQL ---------------------------------------------------------------------------


class Postgres:
    """A throwaway PostgreSQL 15 cluster on 127.0.0.1 under /tmp (as `postgres` when root)."""

    def __init__(self, port: int = 0, max_connections: int = 300):
        self.port = port or free_port()
        self.max_connections = max_connections
        self.data = Path(tempfile.mkdtemp(prefix="revmentor-bench-pg-"))
        self.as_postgres = os.geteuid() == 0

    @staticmethod
    def available() -> bool:
        return (PGBIN / "initdb").exists()

    def _pg(self, command: str, check: bool = True) -> None:
        argv = ["su", "postgres", "-s", "/bin/sh", "-c", command] if self.as_postgres else [
            "/bin/sh", "-c", command
        ]  # fmt: skip
        subprocess.run(argv, check=check, timeout=120, capture_output=True)

    def start(self) -> str:
        if self.as_postgres:
            shutil.chown(self.data, "postgres")
        self._pg(f"{PGBIN}/initdb -D {self.data} -A trust -U postgres")
        self._pg(self._ctl("start"))
        for sql in (
            "CREATE ROLE revmentor LOGIN PASSWORD 'revmentor'",
            "CREATE DATABASE revmentor OWNER revmentor",
        ):
            self.psql(sql, database="postgres")
        return f"postgres://revmentor:revmentor@127.0.0.1:{self.port}/revmentor"

    def psql(self, sql: str, database: str = "revmentor") -> str:
        out = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database,
             "-qtAc", sql],
            check=True,
            timeout=60,
            capture_output=True,
            text=True,
        )  # fmt: skip
        return out.stdout.strip()

    def _ctl(self, action: str) -> str:
        options = (
            f"-h 127.0.0.1 -p {self.port} -k /tmp -c max_connections={self.max_connections} "
            "-c fsync=on"
        )
        return (
            f"{PGBIN}/pg_ctl -D {self.data} -o '{options}' -l {self.data}/server.log "
            f"-m fast -w -t 60 {action}"
        )

    def restart(self) -> None:
        self._pg(self._ctl("restart"))

    def destroy(self) -> None:
        self._pg(f"{PGBIN}/pg_ctl -D {self.data} -m immediate -w stop", check=False)
        shutil.rmtree(self.data, ignore_errors=True)


# ---- HTTP clients -------------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def cookie(name: str, value: str) -> Cookie:
    return Cookie(
        0, name, value, None, False, "127.0.0.1", False, False, "/", True, False, None, False,
        None, None, {},
    )  # fmt: skip


def plain_http_opener(jar: CookieJar, redirects) -> urllib.request.OpenerDirector:
    """An opener for http:// only (build_opener loads the TLS certificates each time, which
    takes seconds for thousands of browsers), with cookies, English, and the given redirects."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.HTTPHandler(),
        urllib.request.HTTPCookieProcessor(jar),
        redirects,
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    opener.addheaders = [("Accept-Language", "en")]
    return opener


class Browser:
    """One person's browser: a cookie jar (optionally a session), English, no JavaScript."""

    retry_after: str | None = None
    headers: dict[str, str]

    def __init__(self, base: str, session_key: str | None = None):
        self.base = base
        self.jar = CookieJar()
        if session_key:
            self.jar.set_cookie(cookie("sessionid", session_key))
        self.opener = plain_http_opener(self.jar, urllib.request.HTTPRedirectHandler())
        # A POST is answered by a redirect; its target is not part of the POST.
        self.no_redirects = plain_http_opener(self.jar, NoRedirect())

    def request(
        self,
        path: str,
        data: list[tuple[str, str]] | None = None,
        *,
        follow: bool = True,
        timeout: float = REQUEST_TIMEOUT,
    ) -> tuple[int, str, str]:
        """(status, final URL or Location, body); keeps the answer's headers and Retry-After."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if body is not None:
            request.add_header("Referer", self.base + path)
        opener = self.opener if follow else self.no_redirects
        self.retry_after = None
        try:
            with opener.open(request, timeout=timeout) as response:
                self.headers = dict(response.headers)
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as error:
            self.headers = dict(error.headers)
            self.retry_after = error.headers.get("Retry-After")
            if 300 <= error.code < 400:
                return error.code, error.headers.get("Location", ""), ""
            return error.code, error.geturl(), error.read().decode(errors="replace")


class FormFields(html.parser.HTMLParser):
    """What a browser sends for a page's main POST form (the one with the most fields) left
    as it is: checked boxes and radios, input values, each select's chosen option."""

    def __init__(self, html_text: str):
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._in_form = False
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self.feed(html_text)
        self.fields = max(self.forms, key=len, default=[])

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._in_form = True
            self.forms.append([])
        if not self._in_form or "disabled" in a:
            return
        fields = self.forms[-1]
        if tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields.append((a["name"], a.get("value") or "on"))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                fields.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self._select, self._select_first, self._select_chosen = a.get("name"), None, False
        elif tag == "option" and self._select:
            if self._select_first is None:
                self._select_first = a.get("value") or ""
            if "selected" in a:
                fields.append((self._select, a.get("value") or ""))
                self._select_chosen = True

    def handle_endtag(self, tag):
        if tag == "select" and self._select and self._in_form:
            if not self._select_chosen and self._select_first is not None:
                self.forms[-1].append((self._select, self._select_first))
            self._select = None
        elif tag == "form":
            self._in_form = False


# ---- wrk ------------------------------------------------------------------------------------

WRK_SCRIPT = r"""
-- Each thread takes its own Cookie header (one signed-in person per connection).
local cookies = {%(cookies)s}
local counter = 0
function setup(thread)
  if #cookies > 0 then thread:set("cookie", cookies[(counter %% #cookies) + 1]) end
  counter = counter + 1
end
function init(args)
  if cookie then wrk.headers["Cookie"] = cookie end
  wrk.headers["Accept-Language"] = "en"
  wrk.headers["Accept-Encoding"] = "gzip"
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nWRKJSON {"requests": %%d, "duration_us": %%d, "bytes": %%d, "errors": %%d, ' ..
    '"status_errors": %%d, "timeouts": %%d, "p50_us": %%d, "p95_us": %%d, "p99_us": %%d}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect + e.read + e.write + e.timeout, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
  -- The latency at every 0.1 %% from 0.1 to 99.9: runs can be pooled into one distribution.
  local grid = {}
  for i = 1, 999 do grid[i] = tostring(latency:percentile(i / 10)) end
  io.write('WRKQUANTILES [' .. table.concat(grid, ',') .. ']\n')
end
"""


def pooled_percentile(runs: list[dict], q: float) -> float | None:
    """The ``q`` percentile (0-100) of every request of several wrk runs together.

    Each run's latency at every 0.1 % stands for 0.1 % of its requests; the pooled value is
    the smallest latency below which ``q`` % of all requests fall.
    """
    points = sorted(
        (latency, run["requests"] / len(run["quantiles_s"]))
        for run in runs
        if run["requests"] and run.get("quantiles_s")
        for latency in run["quantiles_s"]
    )
    total = sum(weight for _, weight in points)
    if not total:
        return None
    seen = 0.0
    for latency, weight in points:
        seen += weight
        if seen >= total * q / 100:
            return latency
    return points[-1][0]


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit("wrk is missing: apt-get install -y wrk")
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, timeout=600)
    return shutil.which("wrk") or "/usr/bin/wrk"


def wrk(
    url: str,
    *,
    connections: int,
    seconds: float,
    session_keys: tuple[str, ...] = (),
    workdir: Path,
) -> dict:
    """One wrk run: req/s, latency percentiles in seconds, errors (non-2xx/3xx answers too)."""
    assert url.startswith("http://127.0.0.1:")
    cookies = ", ".join(f'"sessionid={k}"' for k in session_keys)
    script = workdir / f"wrk-{len(session_keys)}.lua"
    script.write_text(WRK_SCRIPT % {"cookies": cookies})
    threads = max(1, min(connections, len(session_keys) or 2))
    out = subprocess.run(
        [ensure_wrk(), "-t", str(threads), "-c", str(connections), "-d", f"{max(1, int(seconds))}s",
         "--timeout", f"{REQUEST_TIMEOUT}s", "-s", str(script), url],
        capture_output=True,
        text=True,
        timeout=seconds + REQUEST_TIMEOUT + 30,
    )  # fmt: skip
    line = next((x for x in out.stdout.splitlines() if x.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk failed: {out.stdout[-2000:]} {out.stderr[-2000:]}")
    raw = json.loads(line.removeprefix("WRKJSON "))
    grid = next((x for x in out.stdout.splitlines() if x.startswith("WRKQUANTILES ")), "")
    quantiles = [us / 1e6 for us in json.loads(grid.removeprefix("WRKQUANTILES "))] if grid else []
    seconds_run = raw["duration_us"] / 1e6
    done = raw["requests"] > 0  # no request finished in the run: no latency to speak of
    return {
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds_run, 1) if seconds_run else 0.0,
        "p50_s": raw["p50_us"] / 1e6 if done else None,
        "p95_s": raw["p95_us"] / 1e6 if done else None,
        "p99_s": raw["p99_us"] / 1e6 if done else None,
        "errors": raw["errors"] + raw["status_errors"],
        "quantiles_s": quantiles if done else [],
    }


def interleaved(
    app_url: str,
    floor_url: str,
    *,
    pairs: int,
    seconds: float,
    connections: int,
    session_keys: tuple[str, ...] = (),
    workdir: Path,
) -> dict:
    """App and floor run in turns, `pairs` times; the ratio is the median of the pairs' ratios."""
    app_runs, floor_runs = [], []
    for _ in range(pairs):
        app_runs.append(
            wrk(app_url, connections=connections, seconds=seconds, session_keys=session_keys,
                workdir=workdir)
        )  # fmt: skip
        floor_runs.append(wrk(floor_url, connections=connections, seconds=seconds, workdir=workdir))
    ratios = [a["rps"] / f["rps"] for a, f in zip(app_runs, floor_runs, strict=True) if f["rps"]]

    def median(runs: list[dict], key: str) -> float | None:
        values = [r[key] for r in runs if r[key] is not None]
        return round(statistics.median(values), 4) if values else None

    return {
        "app_rps": median(app_runs, "rps"),
        "floor_rps": median(floor_runs, "rps"),
        "ratio": round(statistics.median(ratios), 2) if ratios else None,
        "pairs": pairs,
        "seconds": seconds,
        "app_requests": sum(r["requests"] for r in app_runs),
        "p50_s": median(app_runs, "p50_s"),
        "p95_s": median(app_runs, "p95_s"),
        "p99_s": median(app_runs, "p99_s"),
        "floor_p99_s": median(floor_runs, "p99_s"),
        "app_errors": sum(r["errors"] for r in app_runs),
        "floor_errors": sum(r["errors"] for r in floor_runs),
    }
