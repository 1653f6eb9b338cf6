"""The deadline rush against a small cluster: PostgreSQL, three app servers, two workers, nginx.

Everything runs on 127.0.0.1 and is thrown away afterwards: a PostgreSQL 15 cluster made with
initdb under /tmp (as the postgres user when run as root), three gunicorn app servers
(2 workers x 4 threads each, as benchmarks/deadline_rush.py starts them), two
`manage.py db_worker` processes, and nginx with deploy/nginx/revmentor.conf rendered for the
loopback ports. The rush is benchmarks/deadline_rush.py's (imported, not copied): N signed-in
applicants with the form open, C clients pressing "Send" over the last minute before the
deadline. Runs, each printing one JSON line:

    none      no fault
    app       one app server is SIGKILLed halfway through the rush, restarted a second later
    worker    one task worker is SIGKILLed halfway through, restarted 5 s later (as systemd would)
    database  PostgreSQL is restarted halfway through; clients get 503 with Retry-After and
              send again, as a person would (after Retry-After, at most 3 s here)

    .venv/bin/python benchmarks/cluster.py                     # N = 5,000, C = 100, every run
    .venv/bin/python benchmarks/cluster.py --applicants 300 --clients 30 --faults none app

Needs /usr/lib/postgresql/15 (Debian's postgresql-15) and nginx (installed with
`apt-get install -y nginx` when missing and run as root). Bounded: every request has a
timeout, every wait has a limit, all processes are stopped at the end.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "deploy"))

import render_nginx  # noqa: E402

import deadline_rush as rush  # noqa: E402
from _common import PGBIN, STARTED, Postgres, started, stop  # noqa: E402

SERVERS = 3
WORKERS = 2
RETRY_AFTER_CAP = 3.0


# ---- nginx ------------------------------------------------------------------------------


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit("nginx is missing: apt-get install -y nginx")
    subprocess.run(["apt-get", "install", "-y", "-qq", "nginx"], check=True, timeout=600)
    return "/usr/sbin/nginx"


def start_nginx(workdir: Path, upstreams: list[str], port: int, static_root: Path):
    main = render_nginx.render(
        upstreams=upstreams,
        listen=f"127.0.0.1:{port}",
        static_root=str(static_root),
        workdir=workdir / "nginx",
        worker_processes=2,
    )
    binary = nginx_binary()
    error_log = str(workdir / "nginx" / "error.log")
    subprocess.run([binary, "-t", "-q", "-c", str(main), "-e", error_log], check=True, timeout=30)
    process = started(
        subprocess.Popen(
            [binary, "-c", str(main), "-e", error_log, "-g", "daemon off;"],
            start_new_session=True,
        )
    )
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("nginx did not answer; see " + error_log)


# ---- the cluster's processes --------------------------------------------------------------


def start_worker(env: dict[str, str], workdir: Path, n: int) -> subprocess.Popen:
    # As revmentor-worker@.service: a task this worker id held when it died runs again.
    subprocess.run(
        [sys.executable, "manage.py", "requeue_interrupted", "--worker-id", f"worker-{n}"],
        env=env,
        cwd=ROOT,
        timeout=120,
        stdout=(workdir / f"worker-{n}.log").open("ab"),
        stderr=subprocess.STDOUT,
    )
    return started(subprocess.Popen(
        ["nice", "-n", "10", sys.executable, "manage.py", "db_worker", "--interval", "0.5", "--no-reload",
         "--worker-id", f"worker-{n}"],
        env=env,
        cwd=ROOT,
        stdout=(workdir / f"worker-{n}.log").open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    ))  # fmt: skip


class Supervisor(threading.Thread):
    """Restart a worker that exited, 5 s later, as systemd's Restart=always would."""

    def __init__(self, workers: list[subprocess.Popen], env: dict[str, str], workdir: Path):
        super().__init__(daemon=True)
        self.workers, self.env, self.workdir = workers, env, workdir
        self.restarts = 0
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(0.5):
            for n, worker in enumerate(self.workers):
                if worker.poll() is not None and not self.stopping.wait(5):
                    self.workers[n] = start_worker(self.env, self.workdir, n)
                    self.restarts += 1


def queue_state(env: dict[str, str]) -> dict[str, int]:
    script = (
        "import json,django;django.setup();from django_tasks_db.models import DBTaskResult as T;"
        "print(json.dumps({s: T.objects.filter(status=s).count() for s in "
        "('READY','RUNNING','SUCCESSFUL','FAILED')}))"
    )
    for _ in range(10):
        out = subprocess.run(
            [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True
        )
        if out.returncode == 0:
            return json.loads(out.stdout.strip().splitlines()[-1])
        time.sleep(1)
    raise RuntimeError(out.stderr[-2000:])


def run(args, database_url: str, fault: str) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix=f"revmentor-cluster-{fault}-"))
    (workdir / "mail").mkdir()
    rush_args = argparse.Namespace(applicants=args.applicants, database_url=database_url)
    env = rush.environment(rush_args, workdir)
    env.update(
        REVMENTOR_STATIC_ROOT=str(workdir / "static"),
        REVMENTOR_PRIMARY="1",
        REVMENTOR_PYTHON=sys.executable,
        # As revmentor-app.service: gunicorn keeps idle connections longer than nginx does.
        GUNICORN_CMD_ARGS="--keep-alive 75",
    )
    # The primary node's ExecStartPre: migrate and collectstatic (deploy/prestart.sh).
    with (workdir / "prestart.log").open("wb") as log:
        subprocess.run(
            [str(ROOT / "deploy" / "prestart.sh")],
            env=env,
            cwd=ROOT,
            check=True,
            timeout=600,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    setup_started = time.time()
    seeded = rush.setup_database(rush_args, env, deadline_in=3600)
    setup_seconds = time.time() - setup_started
    ports = [rush.free_port() for _ in range(SERVERS)]
    servers = [
        rush.start_server(env, port, workdir / f"app-{i}.log") for i, port in enumerate(ports)
    ]
    nginx_port = rush.free_port()
    nginx = start_nginx(workdir, [f"127.0.0.1:{p}" for p in ports], nginx_port, workdir / "static")
    base = f"http://127.0.0.1:{nginx_port}"
    applicants = [
        rush.Applicant(base, email, key, i) for i, (email, key) in enumerate(seeded["sessions"])
    ]
    forms, prepare_seconds = rush.prepare_all(applicants, clients=args.clients, attempts=8)

    workers = [start_worker(env, workdir, n) for n in range(WORKERS)]
    supervisor = Supervisor(workers, env, workdir)
    supervisor.start()
    lead, spread, after = args.prepare_seconds, args.spread, args.after
    deadline = time.time() + lead + spread - after
    subprocess.run(
        [sys.executable, "-c",
         "import django,datetime;django.setup();from revmentor.programs.models import Program;"
         f"Program.objects.filter(slug='{rush.SLUG}').update(application_deadline="
         f"datetime.datetime.fromtimestamp({deadline}, datetime.UTC))"],
        env=env, cwd=ROOT, check=True, timeout=120,
    )  # fmt: skip
    rush_start = deadline - (spread - after)
    send_at = {a.index: rush_start + spread * a.index / len(applicants) for a in applicants}

    receipts: set[str] = set()
    refused: set[str] = set()
    statuses_5xx: dict[str, int] = {}
    without_retry_after = 0
    timed: list[tuple[float, float]] = []  # (started, seconds) of each answered send
    lock = threading.Lock()
    window: dict[str, float] = {}

    def inject() -> None:
        time.sleep(max(0.0, rush_start + spread * 0.5 - time.time()))
        window["start"] = time.time()
        if fault == "app":
            rush.kill_server(servers[0])
            time.sleep(1)
            servers[0] = started(rush.start_server(env, ports[0], workdir / "app-0.log"))
        elif fault == "worker":
            stop(workers[0], signal.SIGKILL)  # the supervisor restarts it 5 s later
            time.sleep(5)
        elif fault == "database":
            postgres.restart()
        window["end"] = time.time()

    injector = threading.Thread(target=inject, daemon=True) if fault != "none" else None
    if injector:
        injector.start()

    def one(applicant: rush.Applicant) -> None:
        nonlocal without_retry_after
        form = forms.get(applicant.index)
        for attempt in range(12):
            try:
                if form is None:
                    form = applicant.prepare()
                time.sleep(max(0.0, send_at[applicant.index] - time.time()))
                started = time.time()
                status, html = applicant.send(form)
                elapsed = time.time() - started
            except (urllib.error.URLError, ConnectionError, OSError, RuntimeError):
                form = None
                time.sleep(0.5 * (attempt + 1))  # no answer at all: try again, as a person would
                continue
            with lock:
                timed.append((started, elapsed))
                if status >= 500:
                    statuses_5xx[str(status)] = statuses_5xx.get(str(status), 0) + 1
                    if status != 503 or not applicant.retry_after:
                        without_retry_after += 1
            if status >= 500:
                wait = float(applicant.retry_after or 1)
                time.sleep(min(wait, RETRY_AFTER_CAP))
                continue
            with lock:
                (receipts if html == rush.SUCCESS else refused).add(applicant.email)
                if html != rush.SUCCESS and not (workdir / "refused.html").exists():
                    (workdir / "refused.html").write_text(f"{status}\n{html}")
            return

    with ThreadPoolExecutor(max_workers=args.clients) as pool:
        list(pool.map(one, applicants))
    rush_seconds = max(time.time() - rush_start, 0.001)
    if injector:
        injector.join(timeout=120)

    # Let the workers drain the queue (bounded); a task a killed worker held stays RUNNING.
    state = queue_state(env)
    for _ in range(90):
        if state["READY"] == 0:
            time.sleep(2)
            state = queue_state(env)
            if state["READY"] == 0:
                break
        time.sleep(1)
        state = queue_state(env)
    result_db = rush.check_database(env)
    supervisor.stopping.set()
    supervisor.join(timeout=30)
    for worker in workers:
        stop(worker)
    for server in servers:
        rush.kill_server(server)
    stop(nginx, signal.SIGQUIT)
    stored = set(result_db["submitted"])
    mails = rush.receipt_counts(workdir / "mail")
    latencies = [seconds for _, seconds in timed]
    margin = 5.0
    outside = [
        seconds
        for at, seconds in timed
        if not window or not (window["start"] - margin <= at <= window["end"] + margin)
    ]
    return {
        "database": "postgresql-15",
        "servers": SERVERS,
        "workers": WORKERS,
        "fault": fault,
        "N": len(applicants),
        "C": args.clients,
        "accepted": len(receipts),
        "refused_late": len(refused),
        "stored": len(stored),
        "lost": len(receipts - stored),
        "stored_but_refused": len(stored & refused),
        "duplicates": result_db["duplicates"],
        "half_stored": result_db["half_stored"],
        "5xx": statuses_5xx,
        "5xx_not_503_with_retry_after": without_retry_after,
        "receipts_emailed_once": sum(1 for e in stored if mails.get(e) == 1),
        "receipts_emailed_twice": sum(1 for e in stored if mails.get(e, 0) > 1),
        "receipts_not_emailed": sum(1 for e in stored if mails.get(e, 0) == 0),
        "worker_restarts": supervisor.restarts,
        "tasks_left_running": state["RUNNING"],
        "tasks_failed": state["FAILED"],
        "p50_s": round(rush.percentile(latencies, 0.50), 3),
        "p95_s": round(rush.percentile(latencies, 0.95), 3),
        "p99_s": round(rush.percentile(latencies, 0.99), 3),
        "p95_outside_fault_s": round(rush.percentile(outside, 0.95), 3),
        "sends_per_s": round(len(latencies) / rush_seconds, 1),
        "fault_window_s": round(window["end"] - window["start"], 1) if window else None,
        "setup_s": round(setup_seconds, 1),
        "prepare_s": round(prepare_seconds, 1),
    }


postgres: Postgres


def main() -> None:
    global postgres
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--applicants", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--spread", type=float, default=60.0)
    parser.add_argument("--after", type=float, default=4.0)
    parser.add_argument("--prepare-seconds", type=float, default=5.0)
    parser.add_argument(
        "--faults", nargs="+", default=["none", "app", "worker", "database"],
        choices=["none", "app", "worker", "database"],
    )  # fmt: skip
    parser.add_argument("--pg-port", type=int, default=0)
    args = parser.parse_args()
    if not (PGBIN / "initdb").exists():
        sys.exit("PostgreSQL 15 is missing: apt-get install -y postgresql-15")
    nginx_binary()
    postgres = Postgres(args.pg_port or rush.free_port())
    try:
        url = postgres.start()
        for fault in args.faults:
            print(json.dumps(run(args, url, fault)), flush=True)
    finally:
        for process in STARTED:
            if process.poll() is None:
                stop(process, signal.SIGKILL)
        postgres.destroy()


if __name__ == "__main__":
    main()
