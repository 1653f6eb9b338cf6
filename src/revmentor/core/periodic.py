"""Repeating jobs on the database worker, without cron: each run queues the next one.

A repeating task takes ``schedule: bool``; when true it calls ``queue_next`` at the end, so
the chain goes on while the worker runs and catches up after a pause. ``manage.py schedule``
starts every chain; starting one that is already waiting does nothing, also when several
nodes run ``schedule`` and several workers finish runs at the same moment.
"""

import zlib
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone


def queue_next(task, *, after: datetime | None = None) -> bool:
    """Queue ``task(schedule=True)`` at ``after`` unless a run is already waiting; True if queued."""
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        _lock_chain(task.module_path)
        if DBTaskResult.objects.filter(task_path=task.module_path, status="READY").exists():
            return False
        task.using(run_after=after or timezone.now()).enqueue(schedule=True)
    return True


def _lock_chain(task_path: str) -> None:
    """Serialise "is one waiting? then queue one" per chain until the transaction ends.

    PostgreSQL: a transaction-level advisory lock keyed by the task path (READ COMMITTED
    then sees the other transaction's queued run). SQLite: the immediate transaction
    (settings) already holds the database's write lock from its first statement.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)",
                [0x7265766D, zlib.crc32(task_path.encode()) - 2**31],
            )
