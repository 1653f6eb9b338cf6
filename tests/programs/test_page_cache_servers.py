"""Two live app servers on one database: a change through one is fresh on the other within
the second each process may reuse its own copy.

Each server is a real gunicorn process with its own memory; they share only the database
(and so the database cache). On PostgreSQL they use the test database; on SQLite a
temporary database file.
"""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent.parent
URL = "/program/omvant-test/"

SEED = """
import json, django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from revmentor.core.permissions import SECOND_FACTOR_KEY
from tests.factories import make_cast, make_joint_meeting
cast = make_cast()
meeting = make_joint_meeting(cast.program, title="Framtidsspaning")
store = SessionStore()
store[SESSION_KEY] = str(cast.coordinator.pk)
store[BACKEND_SESSION_KEY] = "revmentor.core.auth.EmailBackend"
store[HASH_SESSION_KEY] = cast.coordinator.get_session_auth_hash()
store[SECOND_FACTOR_KEY] = timezone.now().isoformat()
store.create()
print(json.dumps({"session": store.session_key, "meeting": str(meeting.uid)}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(tmp_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "revmentor.settings",
        "DJANGO_DEBUG": "0",
        # Out of debug the development key is refused: the two servers share a key of their own.
        "DJANGO_SECRET_KEY": "two-servers-test-key-" + "x" * 40,
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
    }
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        env["DATABASE_URL"] = (
            f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:"
            f"{s['PORT'] or 5432}/{s['NAME']}"
        )
    else:
        env.pop("DATABASE_URL", None)
        env["REVMENTOR_SQLITE_PATH"] = str(tmp_path / "servers.sqlite3")
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=300,
        )
    return env


def start(env: dict[str, str], log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "revmentor.wsgi", "--workers", "1", "--threads", "2",
         "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):
                return server, base
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError(f"gunicorn did not start: {log.read_text()[-2000:]}")


def get(base: str, path: str, cookie: str = "") -> tuple[str, str]:
    headers, html = fetch(base, path, cookie)
    return headers.get("X-Page-Cache", ""), html


def fetch(base: str, path: str, cookie: str = ""):
    request = urllib.request.Request(base + path, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers, response.read().decode()


@pytest.mark.django_db(transaction=True)
def test_meeting_cancelled_through_one_server_is_fresh_on_the_other(tmp_path):
    env = environment(tmp_path)
    seeded = json.loads(
        subprocess.run(
            [sys.executable, "-c", SEED],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout.splitlines()[-1]
    )
    servers = []
    try:
        (a, base_a), (b, base_b) = (start(env, tmp_path / f"{n}.log") for n in "ab")
        servers = [a, b]
        # A renders the page; B finds A's copy in the shared cache; each then has its own.
        states = [get(base, URL)[0] for base in (base_a, base_b, base_a, base_b)]
        assert states == ["miss", "hit", "hit", "local"]
        assert "<del>Framtidsspaning</del>" not in get(base_a, URL)[1]
        # The coordinator cancels the meeting through server B (CSRF and all).
        session = f"sessionid={seeded['session']}"
        headers, page = fetch(base_b, "/manage/omvant-test/meetings/", session)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        csrf = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", "")).group(1)
        cookie = f"{session}; csrftoken={csrf}"
        cancel = urllib.request.Request(
            f"{base_b}/manage/omvant-test/activity/meetings/{seeded['meeting']}/cancel/",
            data=urllib.parse.urlencode(
                {"csrfmiddlewaretoken": token, "reason": "Föreläsaren är sjuk."}
            ).encode(),
            headers={"Cookie": cookie, "Referer": base_b + "/manage/omvant-test/meetings/"},
        )
        with urllib.request.urlopen(cancel, timeout=30) as response:
            assert response.status == 200  # followed the redirect to the meetings page
        # Server A has its own memory and has not seen the request. It may answer from its
        # own copy for PUBLIC_PAGE_LOCAL_SECONDS (1 s); after that its answer is fresh.
        time.sleep(1.2)
        state, html = get(base_a, URL)
        assert state == "miss"
        assert "<del>Framtidsspaning</del>" in html
        assert get(base_a, URL)[0] == "hit"
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
