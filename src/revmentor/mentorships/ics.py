"""A person's own calendar feed: the joint meetings of their programs (with the digital link)
and the meetings their pairs have planned."""

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from revmentor.core.ics import CalendarEvent, build_calendar
from revmentor.mentorships.models import MeetingLog, Mentorship
from revmentor.programs.ics import joint_meeting_event
from revmentor.programs.models import JointMeeting


def pair_meeting_event(log: MeetingLog) -> CalendarEvent:
    pair = log.mentorship
    return CalendarEvent(
        uid=f"pair-meeting-{log.public_id}@revmentor",
        sequence=log.sequence,
        starts_at=log.starts_at,
        ends_at=log.ends_at,
        summary=_("Mentoring meeting: %(mentor)s and %(adept)s")
        % {"mentor": pair.mentor.full_name, "adept": pair.adept.full_name},
        updated_at=log.updated_at,
        description=log.topics,
        location=log.place,
        url=settings.SITE_URL
        + reverse("mentorships:my_program", kwargs={"slug": pair.program.slug}),
    )


def personal_calendar(user) -> bytes:
    """The feed's content for ``user``: only what their own active pairs give them."""
    pairs = Mentorship.objects.filter(status=Mentorship.Status.ACTIVE).filter(
        Q(mentor__applicant=user) | Q(adept__applicant=user)
    )
    meetings = JointMeeting.objects.filter(program__in=pairs.values("program_id")).select_related(
        "program"
    )
    planned = MeetingLog.objects.filter(
        mentorship__in=pairs, status=MeetingLog.Status.PLANNED
    ).select_related("mentorship__program", "mentorship__mentor", "mentorship__adept")
    events = [joint_meeting_event(m, with_link=True) for m in meetings]
    events += [pair_meeting_event(log) for log in planned.order_by("date", "start_time")]
    return build_calendar(events, name=_("My reverse mentoring"))
