"""Mentorships and charged participants for report tests."""

from datetime import timedelta

from django.utils import timezone

from revmentor.mentorships.models import Mentorship
from tests.surveys.support import nominated


def pair(program, mentor, adept, *, status=Mentorship.Status.ACTIVE, ended_on=None):
    ended_at = None
    if ended_on is not None:
        ended_at = timezone.make_aware(
            timezone.datetime.combine(ended_on, timezone.datetime.min.time())
        ) + timedelta(hours=12)
    return Mentorship.objects.create(
        program=program, mentor=mentor, adept=adept, status=status, ended_at=ended_at
    )


def completed_pair(program, organisation, *, mentor_fields=None, adept_fields=None):
    """A mentor and an adept whose mentorship ended on the program's last day."""
    [mentor] = nominated(program, organisation, **(mentor_fields or {}))
    [adept] = nominated(program, organisation, profile_kind="adept", **(adept_fields or {}))
    pair(program, mentor, adept, status=Mentorship.Status.ENDED, ended_on=program.period_end)
    return mentor, adept
