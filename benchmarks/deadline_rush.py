"""The deadline rush: N applicants submit through the real form in the last minute.

Starts revmentor under gunicorn (2 workers, 4 threads, as README.md recommends) on
127.0.0.1 against SQLite or PostgreSQL, signs in N distinct applicants (a session each, as
the e-mailed code would give), and has C concurrent clients take each applicant through
the real form (CSRF included): the eligibility step, the form, and "Send". The sends are
spread over the last minute before the deadline and a few seconds after it. Then it checks
the database and prints one JSON line.

    .venv/bin/python benchmarks/deadline_rush.py --applicants 2000 --clients 50
    .venv/bin/python benchmarks/deadline_rush.py --database-url postgres://u:p@127.0.0.1:5432/db

    .venv/bin/python benchmarks/deadline_rush.py --postgres      # a throwaway PostgreSQL 15

Saturation (one JSON line): `--saturate` offers "Send" at rising rates (×1.5 from 2/s, 10 s
a step, open loop; latency counts from the planned send, so queueing shows) until p95 reaches
1 s, and the same for a bare Django form POST writing one row (benchmarks/floor_app.py, served
the same way), the two in turns. The highest rate sustained with p95 < 1 s and no failures,
app and floor, their ratio, and the queries of one send (Django's test client) by statement:

    .venv/bin/python benchmarks/deadline_rush.py --saturate --applicants 3000 --clients 100

Faults (each prints its own JSON line with "fault" set):
    --kill-at 0.5     SIGKILL the server halfway through the rush, restart it, clients retry
    --worker-down     no task worker during the rush; start it afterwards and count e-mails

Bounded: every request has a timeout, the rush ends at the deadline + --after seconds, and
only 127.0.0.1 is contacted.
"""

import argparse
import functools
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import _common
from _common import (  # noqa: F401  (free_port, percentile: used by benchmarks/cluster.py)
    REQUEST_TIMEOUT,
    ROOT,
    Browser,
    free_port,
    kill_server,
    percentile,
)

SLUG = "rush"
SUCCESS = "accepted: redirected to the status page"


def environment(args, workdir: Path) -> dict[str, str]:
    return _common.environment(workdir, args.database_url)


def setup_database(args, env: dict[str, str], deadline_in: float) -> dict:
    """Migrate, create the program and N applicants with signed-in sessions (in a subprocess)."""
    script = f"""
import json, django
from datetime import timedelta
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from revmentor.core.models import User
from revmentor.programs.models import Organisation, Participation, Profile, Program, Topic
from revmentor.applications.models import Application
from django_tasks_db.models import DBTaskResult
Application.objects.all().delete(); DBTaskResult.objects.all().delete()
Program.objects.filter(slug="{SLUG}").delete()
today = timezone.localdate()
program = Program.objects.create(title="Rusning", slug="{SLUG}", description="d", purpose="p",
    period_start=today + timedelta(days=30), period_end=today + timedelta(days=200),
    application_deadline=timezone.now() + timedelta(seconds={deadline_in}), status="open",
    manager_confirmation_required=True)
for kind in ("mentor", "adept"):
    Profile.objects.create(program=program, kind=kind, description="x", eligibility="x")
for i, name in enumerate(["AI", "Sociala medier", "Värderingar"]):
    Topic.objects.create(program=program, name=name, position=i)
org, _ = Organisation.objects.get_or_create(name="Rusningsverket")
Participation.objects.create(program=program, organisation=org, places=10, hr_emails="hr@rush.test")
sessions = []
existing = {{u.email: u for u in User.objects.filter(email__endswith="@rush.test")}}
new = [User(email=f"applicant{{i}}@rush.test", full_name=f"Sökande {{i}}") for i in range({args.applicants})
       if f"applicant{{i}}@rush.test" not in existing]
for user in new:
    user.set_unusable_password()
User.objects.bulk_create(new, batch_size=500)
users = list(User.objects.filter(email__endswith="@rush.test").order_by("id"))[: {args.applicants}]
for user in users:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "revmentor.core.auth.EmailBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.set_expiry(3600)
    store.create()
    sessions.append((user.email, store.session_key))
print(json.dumps({{"deadline": program.application_deadline.timestamp(), "sessions": sessions}}))
"""
    out = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def start_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    """gunicorn, 2 workers × 4 threads, with a 60-second timeout (a rush outlasts 30 s)."""
    return _common.start_server(env, port, log, timeout=60)


class Form(dict):
    """Input names and values of the first POST form on a page, and its option values."""

    @classmethod
    def parse(cls, html: str) -> "Form":
        form = cls()
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        form["csrfmiddlewaretoken"] = match.group(1) if match else ""
        for name, value in re.findall(
            r'<input type="hidden" name="(?!csrf)([^"]+)" value="([^"]*)"', html
        ):
            form[name] = value
        form.options = {
            name: re.findall(r'value="([^"]+)"', body)
            for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S)
        }
        form.checkboxes = {}
        for name, value in re.findall(
            r'<input type="checkbox" name="([^"]+)" value="([^"]+)"', html
        ):
            form.checkboxes.setdefault(name, []).append(value)
        return form


class Applicant(Browser):
    """One signed-in applicant's browser (deadline_rush's: English, no JavaScript)."""

    def __init__(self, base: str, email: str, session_key: str, index: int):
        super().__init__(base, session_key)
        self.email, self.index = email, index

    def prepare(self) -> Form:
        """The eligibility step, then the form page: everything up to pressing "Send"."""
        status, url, html = self.request(f"/program/{SLUG}/apply/")
        if "/application/" not in url:
            form = Form.parse(html)
            profile = "mentor" if self.index % 2 == 0 else "adept"
            year = "1998" if profile == "mentor" else "1968"
            status, url, html = self.request(
                f"/program/{SLUG}/apply/",
                [
                    ("csrfmiddlewaretoken", form["csrfmiddlewaretoken"]),
                    ("employment_type", "permanent"),
                    ("profile_kind", profile),
                    ("birth_year", year),
                ],
            )
        if status >= 500:
            raise RuntimeError(f"{status} on the eligibility step")
        return Form.parse(html)

    def send(self, form: Form) -> tuple[int, str]:
        data = send_data(form, self.index, self.email)
        status, location, html = self.request(f"/program/{SLUG}/application/", data, follow=False)
        accepted = status == 302 and location.endswith(f"/program/{SLUG}/application/status/")
        return status, SUCCESS if accepted else html


def send_data(form: Form, index: int, email: str) -> list[tuple[str, str]]:
    """The answers applicant `index` sends with "Send", on the form page's hidden fields."""
    profile = "mentor" if index % 2 == 0 else "adept"
    data = [(k, v) for k, v in form.items()]
    data += [
        ("full_name", f"Sökande {index}"),
        ("email", email),
        ("phone", "070-123 45 67"),
        ("organisation", form.options.get("organisation", [""])[-1]),
        ("unit", "Enheten"),
        ("job_title", "Handläggare"),
        ("birth_year", "1998" if profile == "mentor" else "1968"),
        ("employment_type", "permanent"),
        ("profile_kind", profile),
        ("manager_name", "Chef Chefsson"),
        ("manager_email", f"chef{index}@rush.test"),
        ("discussed_with_manager", "on"),
        ("topics_text", "Lära av varandra"),
        ("preferred_format", "either"),
        ("city", "Stockholm"),
        ("languages", "sv"),
        ("availability", "mon_am"),
        ("privacy_acknowledged", "on"),
        ("submit", "1"),
    ]
    data += [("topics", v) for v in form.checkboxes.get("topics", [])[:2]]
    return data


def check_database(env: dict[str, str]) -> dict:
    script = f"""
import json, django
django.setup()
from django.db.models import Count
from revmentor.applications.models import Application
from django_tasks_db.models import DBTaskResult
apps = Application.objects.filter(program__slug="{SLUG}")
submitted = list(apps.exclude(submitted_at=None).values_list("email", flat=True))
per_person = apps.values("applicant").annotate(n=Count("id")).filter(n__gt=1).count()
half = apps.exclude(submitted_at=None).filter(full_name="").count()
print(json.dumps({{"submitted": submitted, "duplicates": per_person, "half_stored": half,
                   "queued_tasks": DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()}}))
"""
    out = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def receipt_counts(mail_dir: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for path in mail_dir.glob("*.log"):
        for message in path.read_text(errors="replace").split("-" * 79):
            to = re.search(r"^To: (applicant\d+@rush\.test)$", message, re.M)
            if to and re.search(
                r"^Subject: .*(receipt|Receipt|kvitto|Kvitto|received|mottagen)", message, re.M
            ):
                counts[to.group(1)] = counts.get(to.group(1), 0) + 1
    return counts


def run(args) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="revmentor-rush-"))
    (workdir / "mail").mkdir()
    env = environment(args, workdir)
    lead, spread = args.prepare_seconds, args.spread
    setup_started = time.time()
    # Open for an hour while everyone opens the form; the real deadline is set before the rush.
    seeded = setup_database(args, env, deadline_in=3600)
    setup_seconds = time.time() - setup_started
    port = free_port()
    log = workdir / "gunicorn.log"
    server = start_server(env, port, log)
    base = f"http://127.0.0.1:{port}"
    applicants = [
        Applicant(base, email, key, i) for i, (email, key) in enumerate(seeded["sessions"])
    ]
    # Phase 1, before the rush: everyone has the form open (eligibility step done, CSRF token
    # in hand), as applicants with a page open in the last minute would.
    forms, prepare_seconds = prepare_all(applicants, clients=args.clients, attempts=5)
    # Phase 2, the rush: the sends are spread over `spread` seconds, the last `after` of
    # them after the deadline.
    deadline = time.time() + lead + spread - args.after
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django,datetime;django.setup();from revmentor.programs.models import Program;"
            f"Program.objects.filter(slug='{SLUG}').update(application_deadline="
            f"datetime.datetime.fromtimestamp({deadline}, datetime.UTC))",
        ],
        env=env,
        cwd=ROOT,
        check=True,
    )
    send_at = {
        a.index: deadline - (spread - args.after) + spread * a.index / len(applicants)
        for a in applicants
    }
    receipts: set[str] = set()
    refused: set[str] = set()
    errors_5xx = 0
    latencies: list[float] = []
    lock = threading.Lock()
    worker = None
    if not args.worker_down:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.5"],
            env=env,
            cwd=ROOT,
            stdout=(workdir / "worker.log").open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    kill_time = deadline - (spread - args.after) + spread * args.kill_at if args.kill_at else None
    server_box = {"server": server}

    def killer():
        time.sleep(max(0.0, kill_time - time.time()))
        kill_server(server_box["server"])
        time.sleep(1)
        server_box["server"] = start_server(env, port, log)

    killer_thread = threading.Thread(target=killer, daemon=True) if kill_time else None
    if killer_thread:
        killer_thread.start()

    def one(applicant: Applicant) -> None:
        nonlocal errors_5xx
        for attempt in range(5):
            try:
                form = forms.get(applicant.index) or applicant.prepare()
                forms.pop(applicant.index, None)
                time.sleep(max(0.0, send_at[applicant.index] - time.time()))
                started = time.time()
                status, html = applicant.send(form)
                elapsed = time.time() - started
            except (urllib.error.URLError, ConnectionError, OSError, RuntimeError):
                time.sleep(0.5 * (attempt + 1))  # the server restarts: retry, as a person would
                continue
            with lock:
                latencies.append(elapsed)
                if status >= 500:
                    errors_5xx += 1
                elif html == SUCCESS:
                    receipts.add(applicant.email)
                else:
                    refused.add(applicant.email)
                    if os.environ.get("RUSH_DEBUG"):
                        Path("/tmp/rush_refused.html").write_text(html)
            return

    started = time.time()
    with ThreadPoolExecutor(max_workers=args.clients) as pool:
        list(pool.map(one, applicants))
    rush_seconds = time.time() - started - lead
    if killer_thread:
        killer_thread.join(timeout=30)
    if args.worker_down:
        queued_before = check_database(env)["queued_tasks"]
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.5"],
            env=env,
            cwd=ROOT,
            stdout=(workdir / "worker.log").open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    for _ in range(600):  # let the worker drain the queue, bounded
        if check_database(env)["queued_tasks"] == 0:
            break
        time.sleep(0.5)
    result_db = check_database(env)
    os.killpg(worker.pid, signal.SIGTERM)
    worker.wait(timeout=30)
    kill_server(server_box["server"])
    stored = set(result_db["submitted"])
    mails = receipt_counts(workdir / "mail")
    result = {
        "database": "postgresql" if args.database_url else "sqlite",
        "fault": ("kill" if args.kill_at else "worker-down" if args.worker_down else None),
        "N": len(applicants),
        "C": args.clients,
        "accepted": len(receipts),
        "refused_late": len(refused),
        "stored": len(stored),
        "lost": len(receipts - stored),
        "stored_but_refused": len(stored & refused),
        "duplicates": result_db["duplicates"],
        "half_stored": result_db["half_stored"],
        "5xx": errors_5xx,
        "receipts_emailed": sum(1 for e in stored if mails.get(e) == 1),
        "receipts_emailed_twice": sum(1 for e in stored if mails.get(e, 0) > 1),
        "p50_s": round(percentile(latencies, 0.50), 3),
        "p95_s": round(percentile(latencies, 0.95), 3),
        "p99_s": round(percentile(latencies, 0.99), 3),
        "throughput_per_s": round(len(latencies) / rush_seconds, 1) if rush_seconds > 0 else None,
        "setup_s": round(setup_seconds, 1),
        "prepare_s": round(prepare_seconds, 1),
    }
    if args.worker_down:
        result["queued_while_worker_down"] = queued_before
    return result


def prepare_all(applicants, *, clients: int, attempts: int) -> tuple[dict[int, "Form"], float]:
    """Everyone opens the form (eligibility step done, CSRF token in hand), retrying as a
    person would; returns the forms by applicant index and the seconds it took."""
    forms: dict[int, Form] = {}

    def prepare(applicant) -> None:
        for attempt in range(attempts):
            try:
                forms[applicant.index] = applicant.prepare()
                return
            except (urllib.error.URLError, ConnectionError, OSError, RuntimeError):
                time.sleep(0.5 * (attempt + 1))

    started = time.time()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(prepare, applicants))
    return forms, time.time() - started


# ---- --saturate: the highest sustained rate of sends, beside a bare form POST ----------


class FloorClient(Browser):
    """A browser on benchmarks/floor_app.py's form: GET it once (CSRF), then POST it."""

    def prepare(self) -> list[tuple[str, str]]:
        _, _, html = self.request("/form")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return [("csrfmiddlewaretoken", token.group(1) if token else "")]

    def post(self, csrf: list[tuple[str, str]], n: int) -> bool:
        data = [*csrf, ("full_name", f"Sökande {n}"), ("email", f"floor{n}@rush.test"),
                ("text", "Lära av varandra")]  # fmt: skip
        status, location, _ = self.request("/form", data, follow=False)
        return status == 302 and "sent=1" in location


def offered_step(sends: list, rate: float, clients: int) -> dict:
    """Start each of `sends` (callables returning True when the send was accepted) at `rate`
    per second, open loop; latency counts from the planned start, so queueing shows."""
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()
    begin = time.time() + 0.5

    def one(n: int) -> None:
        nonlocal failures
        planned = begin + n / rate
        time.sleep(max(0.0, planned - time.time()))
        try:
            ok = sends[n]()
        except (urllib.error.URLError, ConnectionError, OSError):
            ok = False
        with lock:
            latencies.append(time.time() - planned)
            failures += 0 if ok else 1

    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, range(len(sends))))
    took = time.time() - begin
    return {
        "offered_per_s": round(rate, 1),
        "achieved_per_s": round(len(sends) / took, 1),
        "p50_s": round(percentile(latencies, 0.50), 3),
        "p95_s": round(percentile(latencies, 0.95), 3),
        "failed": failures,
    }


def sent(applicant: Applicant, form: Form | None) -> bool:
    """Press "Send" on a prepared form; True when accepted (no form: the page never opened)."""
    return form is not None and applicant.send(form)[1] == SUCCESS


def sustained(step: dict) -> bool:
    return (
        step["p95_s"] < 1.0
        and step["failed"] == 0
        and step["achieved_per_s"] >= 0.9 * step["offered_per_s"]
    )


def saturate(args) -> dict:
    """App and floor steps in turns at rising offered rates until p95 reaches 1 s."""
    workdir = Path(tempfile.mkdtemp(prefix="revmentor-saturate-"))
    (workdir / "mail").mkdir()
    env = environment(args, workdir)
    seeded = setup_database(args, env, deadline_in=6 * 3600)
    send_queries = _common.run_django(env, "_data:count_send_queries", slug=SLUG)
    port, floor_port = free_port(), free_port()
    server = start_server(env, port, workdir / "gunicorn.log")
    _common.start_worker(env, workdir / "worker.log")
    floor_env = dict(env, DJANGO_SETTINGS_MODULE="floor_app", FLOOR_SLUG=SLUG)
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "floor_app.py")],
        env=floor_env, cwd=ROOT, check=True, timeout=120,
    )  # fmt: skip
    _common.start_server(floor_env, floor_port, workdir / "floor.log", app="floor_app:application")
    base = f"http://127.0.0.1:{port}"
    pool = [Applicant(base, email, key, i) for i, (email, key) in enumerate(seeded["sessions"])]
    floor_clients = [FloorClient(f"http://127.0.0.1:{floor_port}") for _ in range(args.clients)]
    floor_forms = [(c, c.prepare()) for c in floor_clients]
    steps: dict[str, list[dict]] = {"app": [], "floor": []}
    going = {"app": True, "floor": True}
    rate, used, exhausted = args.start_rate, 0, False
    for _ in range(args.max_steps):
        count = max(1, round(rate * args.step_seconds))
        if going["app"]:
            if used + count > len(pool):
                going["app"], exhausted = False, True
            else:
                applicants = pool[used : used + count]
                used += count
                forms, _ = prepare_all(applicants, clients=args.clients, attempts=5)
                sends = [functools.partial(sent, a, forms.get(a.index)) for a in applicants]
                steps["app"].append(offered_step(sends, rate, args.clients))
                going["app"] = sustained(steps["app"][-1])
        if going["floor"]:
            sends = [
                functools.partial(client.post, csrf, n)
                for n, (client, csrf) in enumerate(
                    floor_forms[n % len(floor_forms)] for n in range(count)
                )
            ]
            steps["floor"].append(offered_step(sends, rate, args.clients))
            going["floor"] = sustained(steps["floor"][-1])
        if not (going["app"] or going["floor"]):
            break
        rate *= args.rate_factor

    def best(kind: str) -> float:
        return max((s["achieved_per_s"] for s in steps[kind] if sustained(s)), default=0.0)

    app, floor = best("app"), best("floor")
    kill_server(server)
    _common.stop_all()
    return {
        "mode": "saturate",
        "database": "postgresql" if args.database_url else "sqlite",
        "clients": args.clients,
        "step_s": args.step_seconds,
        "app_sends_per_s": app,
        "floor_posts_per_s": floor,
        "ratio": round(app / floor, 2) if floor else None,
        "app_limit_reached": not going["app"] and not exhausted,
        "floor_limit_reached": not going["floor"],
        "applicants_exhausted": exhausted,
        "queries_per_send": send_queries["queries"],
        "queries_by_statement": send_queries["by_statement"],
        "app_steps": steps["app"],
        "floor_steps": steps["floor"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--applicants", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL URL; SQLite in a temporary folder if unset"
    )
    parser.add_argument(
        "--prepare-seconds",
        type=float,
        default=5.0,
        help="time for the eligibility steps before the sends start",
    )
    parser.add_argument(
        "--spread", type=float, default=60.0, help="seconds over which the sends are spread"
    )
    parser.add_argument(
        "--after", type=float, default=4.0, help="of those, seconds after the deadline"
    )
    parser.add_argument(
        "--kill-at", type=float, default=0.0, help="SIGKILL the server at this fraction"
    )
    parser.add_argument("--worker-down", action="store_true")
    parser.add_argument(
        "--postgres", action="store_true", help="a throwaway PostgreSQL 15 cluster under /tmp"
    )
    saturation = parser.add_argument_group("--saturate (--applicants is the pool of senders)")
    saturation.add_argument("--saturate", action="store_true")
    saturation.add_argument("--start-rate", type=float, default=2.0, help="sends/s, first step")
    saturation.add_argument("--rate-factor", type=float, default=1.5, help="rate × this a step")
    saturation.add_argument("--step-seconds", type=float, default=10.0)
    saturation.add_argument("--max-steps", type=int, default=14)
    args = parser.parse_args()
    postgres = _common.Postgres() if args.postgres else None
    try:
        if postgres:
            args.database_url = postgres.start()
        print(json.dumps(saturate(args) if args.saturate else run(args)), flush=True)
    finally:
        _common.stop_all()
        if postgres:
            postgres.destroy()


if __name__ == "__main__":
    main()
