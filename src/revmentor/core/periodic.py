"""Repeating jobs on the database worker, without cron: each run queues the next one.

A repeating task takes ``schedule: bool``; when true it calls ``queue_next`` at the end, so
the chain goes on while the worker runs and catches up after a pause. ``manage.py schedule``
starts every chain; starting one that is already waiting does nothing.
"""

from datetime import datetime

from django.utils import timezone


def queue_next(task, *, after: datetime | None = None) -> bool:
    """Queue ``task(schedule=True)`` at ``after`` unless a run is already waiting; True if queued."""
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult.objects.filter(task_path=task.module_path, status="READY").exists():
        return False
    task.using(run_after=after or timezone.now()).enqueue(schedule=True)
    return True
