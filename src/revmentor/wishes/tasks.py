"""Background work of the wishes app: the hourly check that passes expired requests on."""

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

INTERVAL = timedelta(hours=1)


@task()
def expire_requests(*, schedule: bool = False) -> int:
    """Pass requests not answered in time to the adepts' next wishes; with ``schedule`` again in an hour."""
    from revmentor.core.periodic import queue_next
    from revmentor.wishes.services import expire_requests as expire

    expired = expire()
    if schedule:
        queue_next(expire_requests, after=timezone.now() + INTERVAL)
    return expired
