"""Two task workers on PostgreSQL: each queued e-mail is sent exactly once.

django-tasks-db claims a task with SELECT ... FOR UPDATE SKIP LOCKED; this runs two real
`manage.py db_worker` processes over 500 queued e-mails and counts what they sent.
"""

import os
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from revmentor.core.tasks import send_email

ROOT = Path(__file__).resolve().parent.parent.parent
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (DATABASE_URL=postgres://...): SKIP LOCKED claims; "
        "CI's .ci/run runs the suite on PostgreSQL",
    ),
]


def database_url() -> str:
    s = connection.settings_dict
    return (
        f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
        f"/{s['NAME']}"
    )


def test_two_db_workers_send_each_of_500_queued_emails_exactly_once(tmp_path):
    for i in range(500):
        send_email.enqueue(to=[f"person{i}@test.example"], subject=f"Kvitto {i}", body="b")
    outbox = tmp_path / "mail"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REVMENTOR_TESTING": "1",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "REVMENTOR_EMAIL_FILE_PATH": str(outbox),
        "PYTHONPATH": str(ROOT / "src"),
    }
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay",
             "--no-reload", "--interval", "0", "--worker-id", f"worker-{n}", "--verbosity", "0"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in (1, 2)
    ]  # fmt: skip
    for worker in workers:
        _, errors = worker.communicate(timeout=240)
        assert worker.returncode == 0, errors.decode()[-2000:]
    sent = Counter(
        match
        for path in outbox.glob("*.log")
        for match in re.findall(r"^Subject: (Kvitto \d+)$", path.read_text(), re.M)
    )
    assert len(sent) == 500
    assert set(sent.values()) == {1}
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 500
    ran_by = Counter(
        w for ids in DBTaskResult.objects.values_list("worker_ids", flat=True) for w in ids
    )
    # Both workers took part, and no task was run by both.
    assert set(ran_by) == {"worker-1", "worker-2"}
    assert sum(ran_by.values()) == 500


def test_schedule_run_on_six_nodes_at_once_queues_each_chain_once():
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REVMENTOR_TESTING": "1",
        "PYTHONPATH": str(ROOT / "src"),
    }
    runs = [
        subprocess.Popen(
            [sys.executable, "manage.py", "schedule"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(6)
    ]
    outputs = [run.communicate(timeout=120)[0].decode() for run in runs]
    assert [run.returncode for run in runs] == [0] * 6
    waiting = Counter(
        DBTaskResult.objects.filter(status="READY").values_list("task_path", flat=True)
    )
    assert waiting == {
        "revmentor.mentorships.tasks.send_reminders": 1,
        "revmentor.privacy.tasks.apply_retention": 1,
        "revmentor.core.signin.purge_abuse_counts": 1,
        "revmentor.wishes.tasks.expire_requests": 1,
    }
    assert sum(out.count(": queued") for out in outputs) == 4


def test_queue_next_from_four_processes_at_the_same_moment_queues_one_run(monkeypatch):
    from django.db import connections
    from django.utils import timezone

    from revmentor.core import periodic
    from revmentor.mentorships.tasks import send_reminders

    barrier = threading.Barrier(4)
    real_now = timezone.now

    def slow_now():
        time.sleep(0.3)  # widen the gap between "is one waiting?" and "queue one"
        return real_now()

    monkeypatch.setattr(periodic.timezone, "now", slow_now)
    results = []

    def node():
        try:
            barrier.wait(timeout=10)
            results.append(periodic.queue_next(send_reminders))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=node) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == [False, False, False, True]
    assert DBTaskResult.objects.filter(status="READY").count() == 1
