"""The reminder job, run by the database worker (`manage.py db_worker`).

`manage.py send_reminders --schedule` starts a chain: each run queues the next one an hour
later with ``run_after``, so reminders go out while the worker runs and catch up after a pause.
What was sent is recorded, so running the job twice never sends anything twice.
"""

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

INTERVAL = timedelta(hours=1)
TASK_PATH = "revmentor.mentorships.tasks.send_reminders"


@task()
def send_reminders(*, schedule: bool = False) -> dict[str, int]:
    """Queue every due reminder; with ``schedule`` queue the next run an hour from now."""
    from revmentor.mentorships.services import send_due_reminders

    counts = send_due_reminders()
    if schedule:
        schedule_next(after=timezone.now() + INTERVAL)
    return {"joint_week": counts.joint_week, "joint_day": counts.joint_day, "nudges": counts.nudges}


def schedule_next(*, after=None) -> bool:
    """Queue the next scheduled run unless one is already waiting; True if one was queued."""
    from revmentor.core.periodic import queue_next

    return queue_next(send_reminders, after=after)


@task()
def send_invitation(*, kind: str, object_id: int, user_id: int, sequence: int) -> int:
    """E-mail one person the calendar invitation (iTIP) of a joint or pair meeting's version
    ``sequence``; rendered now, from the ids, so no personal data waits in the queue."""
    from revmentor.mentorships.invitations import deliver

    return deliver(kind=kind, object_id=object_id, user_id=user_id, sequence=sequence)


@task()
def send_pair_cancellation(
    *, mentorship_id: int, uid: str, sequence: int, starts_at: str, ends_at: str, user_id: int
) -> int:
    """E-mail one partner the METHOD:CANCEL of a planned pair meeting removed from the log."""
    from revmentor.mentorships.invitations import deliver_pair_cancellation

    return deliver_pair_cancellation(
        mentorship_id=mentorship_id,
        uid=uid,
        sequence=sequence,
        starts_at=starts_at,
        ends_at=ends_at,
        user_id=user_id,
    )


@task()
def send_group_cancellation(
    *, group_id: int, uid: str, sequence: int, starts_at: str, ends_at: str, user_id: int
) -> int:
    """E-mail one member the METHOD:CANCEL of a planned group meeting removed from the log."""
    from revmentor.mentorships.invitations import deliver_group_cancellation

    return deliver_group_cancellation(
        group_id=group_id,
        uid=uid,
        sequence=sequence,
        starts_at=starts_at,
        ends_at=ends_at,
        user_id=user_id,
    )


@task()
def send_group_meeting_invitation(*, log_id: int) -> int:
    """E-mail each other member of the group an invitation (with .ics) to a planned meeting.

    Only the meeting's id is queued: names and addresses are read here, when it is sent.
    """
    from revmentor.mentorships.services import send_group_meeting_invitations

    return send_group_meeting_invitations(log_id=log_id)
