"""Links from the address the app runs on, for real: the app is started on another port the
way `make run PORT=…` starts it (runserver, DJANGO_DEBUG=1, REVMENTOR_SITE_URL from HOST and
PORT, a worker), a coordinator invites an HR officer through it, the worker sends the e-mail
to files, and the link in that e-mail answers 200 from the running app (issue 15)."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from email import message_from_bytes
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

SEED = """
import json, django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from django.utils import timezone
from revmentor.core.permissions import SECOND_FACTOR_KEY
from tests.factories import make_cast
cast = make_cast()
store = SessionStore()
store[SESSION_KEY] = str(cast.coordinator.pk)
store[BACKEND_SESSION_KEY] = "revmentor.core.auth.EmailBackend"
store[HASH_SESSION_KEY] = cast.coordinator.get_session_auth_hash()
store[SECOND_FACTOR_KEY] = timezone.now().isoformat()
store.create()
print(json.dumps({
    "session": store.session_key,
    "roles": reverse("programs:roles", kwargs={"slug": cast.program.slug}),
    "organisation": cast.org_a.pk,
}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(env, *args, timeout=180) -> str:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    ).stdout


def fetch(url: str, cookie: str = "", data: dict | None = None, referer: str = ""):
    headers = {"Cookie": cookie} if cookie else {}
    if referer:
        headers["Referer"] = referer
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers, response.read().decode()


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite")
def test_an_e_mailed_link_leads_to_the_app_on_the_port_it_runs_on(tmp_path):
    port = free_port()
    site = f"http://127.0.0.1:{port}"
    mail_dir = tmp_path / "mail"
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REVMENTOR_TESTING")},
        # As `make run HOST=127.0.0.1 PORT=<port>` exports them.
        "DJANGO_DEBUG": "1",
        "REVMENTOR_SITE_URL": site,
        "REVMENTOR_SQLITE_PATH": str(tmp_path / "app.sqlite3"),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "REVMENTOR_EMAIL_FILE_PATH": str(mail_dir),
        "DJANGO_SETTINGS_MODULE": "revmentor.settings",
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
    }
    run(env, "manage.py", "migrate", "--noinput", "-v0", timeout=300)
    seeded = json.loads(run(env, "-c", SEED).splitlines()[-1])
    log = (tmp_path / "server.log").open("ab")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(300):
            try:
                fetch(site + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail((tmp_path / "server.log").read_text()[-2000:])
        session = f"sessionid={seeded['session']}"
        status, headers, page = fetch(site + seeded["roles"], session)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        csrf = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", "")).group(1)
        status, _headers, _page = fetch(
            site + seeded["roles"],
            f"{session}; csrftoken={csrf}",
            {
                "csrfmiddlewaretoken": token,
                "emails": "Nina Svensson <nina.svensson@test.example>",
                "kind": "hr",
                "organisation": seeded["organisation"],
            },
            referer=site + seeded["roles"],
        )
        assert status == 200  # the redirect after saving, followed
        # The worker `make run` starts beside the server sends the invitation.
        run(env, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--interval", "0")
        [sent] = [message_from_bytes(p.read_bytes()) for p in mail_dir.iterdir()]
        body = sent.get_payload(decode=True).decode()
        [link] = re.findall(r"http://\S+", body)
        assert link == f"{site}/sign-in/"
        status, _headers, page = fetch(link)
        assert status == 200 and 'name="email"' in page
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
