"""A worker killed mid-task: its task runs again when the same worker id starts again."""

import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from revmentor.core.tasks import send_email

pytestmark = pytest.mark.django_db


def claimed(worker_id: str, subject: str) -> DBTaskResult:
    send_email.enqueue(to=["person@test.example"], subject=subject, body="b")
    task = DBTaskResult.objects.get(status="READY")
    task.claim(worker_id)
    return task


def test_only_the_restarted_workers_interrupted_task_is_queued_again(run_tasks):
    killed = claimed("node1-1", "Kvitto 1")
    alive = claimed("node1-2", "Kvitto 2")
    call_command("requeue_interrupted", worker_id="node1-1", stdout=io.StringIO())
    killed.refresh_from_db()
    alive.refresh_from_db()
    assert (killed.status, killed.started_at) == ("READY", None)
    assert alive.status == "RUNNING"
    outbox = run_tasks()
    assert [m.subject for m in outbox] == ["Kvitto 1"]
