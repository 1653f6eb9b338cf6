"""The deadline rush: N applicants submit through the real form in the last minute.

Starts revmentor under gunicorn (2 workers, 4 threads, as README.md recommends) on
127.0.0.1 against SQLite or PostgreSQL, signs in N distinct applicants (a session each, as
the e-mailed code would give), and has C concurrent clients take each applicant through
the real form (CSRF included): the eligibility step, the form, and "Send". The sends are
spread over the last minute before the deadline and a few seconds after it. Then it checks
the database and prints one JSON line.

    .venv/bin/python benchmarks/deadline_rush.py --applicants 2000 --clients 50
    .venv/bin/python benchmarks/deadline_rush.py --database-url postgres://u:p@127.0.0.1:5432/db

Faults (each prints its own JSON line with "fault" set):
    --kill-at 0.5     SIGKILL the server halfway through the rush, restart it, clients retry
    --worker-down     no task worker during the rush; start it afterwards and count e-mails

Bounded: every request has a timeout, the rush ends at the deadline + --after seconds, and
only 127.0.0.1 is contacted.
"""

import argparse
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import Cookie, CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = "rush"
SUCCESS = "accepted: redirected to the status page"
REQUEST_TIMEOUT = 30


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(args, workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="revmentor.settings",
        DJANGO_DEBUG="0",
        # Without debug the development key is refused: one random key for this run.
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        REVMENTOR_EMAIL_FILE_PATH=str(workdir / "mail"),
        REVMENTOR_SQLITE_PATH=str(workdir / "rush.sqlite3"),
        PYTHONPATH=str(ROOT / "src"),
    )
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    return env


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
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "revmentor.wsgi",
        "--workers",
        "2",
        "--threads",
        "4",
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "60",
        "--graceful-timeout",
        "5",
    ]
    process = subprocess.Popen(
        command,
        env=env,
        cwd=ROOT,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start; see " + str(log))


def kill_server(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


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


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Applicant:
    def __init__(self, base: str, email: str, session_key: str, index: int):
        self.base, self.email, self.index = base, email, index
        self.jar = CookieJar()
        self.jar.set_cookie(self._cookie("sessionid", session_key))
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.opener.addheaders = [("Accept-Language", "en")]
        # "Send" is answered by a redirect to the status page; its target is not part of the send.
        self.no_redirects = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        self.no_redirects.addheaders = self.opener.addheaders

    @staticmethod
    def _cookie(name: str, value: str) -> Cookie:
        return Cookie(
            0,
            name,
            value,
            None,
            False,
            "127.0.0.1",
            False,
            False,
            "/",
            True,
            False,
            None,
            False,
            None,
            None,
            {},
        )

    def request(
        self, path: str, data: list[tuple[str, str]] | None = None, *, follow: bool = True
    ) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if body is not None:
            request.add_header("Referer", self.base + path)
        opener = self.opener if follow else self.no_redirects
        try:
            with opener.open(request, timeout=REQUEST_TIMEOUT) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as error:
            if 300 <= error.code < 400:
                return error.code, error.headers.get("Location", ""), ""
            return error.code, error.geturl(), error.read().decode(errors="replace")

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
        profile = "mentor" if self.index % 2 == 0 else "adept"
        data = [(k, v) for k, v in form.items()]
        data += [
            ("full_name", f"Sökande {self.index}"),
            ("email", self.email),
            ("phone", "070-123 45 67"),
            ("organisation", form.options.get("organisation", [""])[-1]),
            ("unit", "Enheten"),
            ("job_title", "Handläggare"),
            ("birth_year", "1998" if profile == "mentor" else "1968"),
            ("employment_type", "permanent"),
            ("profile_kind", profile),
            ("manager_name", "Chef Chefsson"),
            ("manager_email", f"chef{self.index}@rush.test"),
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
        status, location, html = self.request(f"/program/{SLUG}/application/", data, follow=False)
        accepted = status == 302 and location.endswith(f"/program/{SLUG}/application/status/")
        return status, SUCCESS if accepted else html


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


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
    args = parser.parse_args()
    print(json.dumps(run(args)), flush=True)


if __name__ == "__main__":
    main()
