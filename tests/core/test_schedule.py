"""`manage.py schedule` starts each repeating job once, and each run queues the next."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db


def waiting() -> list[str]:
    return sorted(DBTaskResult.objects.filter(status="READY").values_list("task_path", flat=True))


def test_schedule_queues_each_chain_once_and_runs_requeue_it(run_tasks):
    call_command("schedule")
    call_command("schedule")
    chains = [
        "revmentor.core.signin.purge_abuse_counts",
        "revmentor.mentorships.tasks.send_reminders",
        "revmentor.privacy.tasks.apply_retention",
        "revmentor.wishes.tasks.expire_requests",
    ]
    assert waiting() == chains
    run_tasks()
    # Both ran and queued their next run in the future; nothing else is waiting.
    assert waiting() == chains
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 4
