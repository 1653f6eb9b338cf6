"""The retention job as a background task for `manage.py db_worker`, repeated daily."""

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

INTERVAL = timedelta(days=1)


@task()
def apply_retention(*, schedule: bool = False) -> dict:
    """Anonymise whatever every program's retention periods make due; with ``schedule`` again tomorrow."""
    from revmentor.core.periodic import queue_next
    from revmentor.privacy.services import run_retention

    done = run_retention()
    if schedule:
        queue_next(apply_retention, after=timezone.now() + INTERVAL)
    return done
