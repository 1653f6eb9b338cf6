"""A person's own calendar feed: the joint meetings of every program they applied to, take
part in or run, and the meetings of their own pairs, planned and held.

What the feed holds (the calendar page says the same in plain words):

- the joint meetings of a program where the person has a sent application that is not
  withdrawn or declined (submitted, nominated, on the waiting list), a pair (active or run to
  the end), or a staff role. Past meetings stay, so the calendar keeps what was attended;
- the meetings of the person's pairs, planned and held; a pair ended early keeps its held
  meetings, its planned ones are cancelled;
- the meetings of the groups the person's current pairs belong to, planned and held;
- after a withdrawal or a "not nominated" decision the program's meetings are shown as
  cancelled (one SEQUENCE higher) for ``CANCELLED_FOR`` after it, counted from the
  application's ``withdrawn_at`` / ``decided_at``: a calendar that polls the feed in that
  time drops them cleanly, one that polls later no longer finds them at all.

The feed costs the same few queries however many programs and meetings there are.
"""

from dataclasses import replace
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from revmentor.applications.models import Application
from revmentor.core.ics import CalendarEvent, build_calendar
from revmentor.core.models import Role
from revmentor.mentorships.models import MeetingLog, Mentorship
from revmentor.mentorships.queries import CURRENT, person_meetings
from revmentor.programs.ics import joint_meeting_event
from revmentor.programs.models import JointMeeting

# How long a left program's meetings stay in the feed as cancelled ("shown once").
CANCELLED_FOR = timedelta(days=30)
SENT = [
    Application.Status.SUBMITTED,
    Application.Status.NOMINATED,
    Application.Status.WAITLISTED,
]


def pair_meeting_event(log: MeetingLog, *, cancelled: bool = False) -> CalendarEvent:
    pair = log.mentorship
    event = CalendarEvent(
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
    return cancelled_event(event) if cancelled else event


def cancelled_event(event: CalendarEvent) -> CalendarEvent:
    """The event as cancelled, one SEQUENCE higher so calendars that hold it drop it."""
    if event.cancelled:
        return event
    return replace(event, cancelled=True, sequence=event.sequence + 1)


def _partner(user) -> Q:
    return Q(mentor__applicant=user) | Q(adept__applicant=user)


def feed_programs(user, *, now: datetime) -> tuple[set[int], set[int], set[int]]:
    """(programs whose joint meetings the feed holds, of those the ones that get the digital
    link, programs shown once as cancelled): three queries."""
    holds: set[int] = set()
    with_link: set[int] = set()
    left: set[int] = set()
    applications = Application.objects.filter(applicant=user, submitted_at__isnull=False)
    for program_id, status, withdrawn_at, decided_at in applications.values_list(
        "program_id", "status", "withdrawn_at", "decided_at"
    ):
        if status in SENT:
            holds.add(program_id)
            if status == Application.Status.NOMINATED:
                with_link.add(program_id)
        left_at = withdrawn_at if status == Application.Status.WITHDRAWN else decided_at
        if status in (Application.Status.WITHDRAWN, Application.Status.DECLINED) and (
            left_at is not None and left_at >= now - CANCELLED_FOR
        ):
            left.add(program_id)
    in_pairs = set(
        Mentorship.objects.filter(_partner(user))
        .filter(CURRENT)
        .values_list("program_id", flat=True)
    )
    staff = set(Role.objects.filter(user=user).values_list("program_id", flat=True))
    holds |= in_pairs | staff
    with_link |= in_pairs | staff
    return holds, with_link, left - holds


def own_meeting_events(user, *, now: datetime) -> list[CalendarEvent]:
    """The meetings the person has with their own pairs and groups: add a new kind of own
    meeting here, with one query of its own."""
    return pair_meeting_events(user, now=now) + group_meeting_events(user)


def group_meeting_event(log: MeetingLog) -> CalendarEvent:
    group = log.group
    assert group is not None
    return CalendarEvent(
        uid=f"pair-meeting-{log.public_id}@revmentor",
        sequence=log.sequence,
        starts_at=log.starts_at,
        ends_at=log.ends_at,
        summary=_("Group meeting: %(group)s") % {"group": group.name},
        updated_at=log.updated_at,
        description=log.topics,
        url=settings.SITE_URL
        + reverse(
            "mentorships:group", kwargs={"slug": group.program.slug, "group": group.public_id}
        ),
    )


def group_meeting_events(user) -> list[CalendarEvent]:
    """Every logged meeting, planned and held, of the groups of the person's current pairs."""
    return [group_meeting_event(log) for log in person_meetings(user).filter(group__isnull=False)]


def pair_meeting_events(user, *, now: datetime) -> list[CalendarEvent]:
    """Every logged meeting of the person's pairs: planned and held, past ones too; a pair
    ended early keeps its held meetings and shows its planned ones cancelled for a while."""
    logs = (
        MeetingLog.objects.filter(mentorship__in=Mentorship.objects.filter(_partner(user)))
        .select_related("mentorship__program", "mentorship__mentor", "mentorship__adept")
        .order_by("date", "start_time", "id")
    )
    events = []
    for log in logs:
        pair = log.mentorship
        ended_early = pair.status == Mentorship.Status.ENDED and not _ran_to_the_end(pair)
        if ended_early and log.status == MeetingLog.Status.PLANNED:
            if pair.ended_at is None or pair.ended_at < now - CANCELLED_FOR:
                continue
            events.append(pair_meeting_event(log, cancelled=True))
        else:
            events.append(pair_meeting_event(log))
    return events


def _ran_to_the_end(pair: Mentorship) -> bool:
    program = pair.program
    return (
        program.status == program.Status.CLOSED
        and pair.ended_at is not None
        and timezone.localdate(pair.ended_at) >= program.period_end
    )


def personal_calendar(user, *, now: datetime | None = None) -> bytes:
    """The feed's content for ``user`` (see the module docstring for what it holds)."""
    now = now or timezone.now()
    holds, with_link, left = feed_programs(user, now=now)
    meetings = JointMeeting.objects.filter(program_id__in=holds | left).select_related("program")
    events = []
    for meeting in meetings.order_by("starts_at", "id"):
        event = joint_meeting_event(meeting, with_link=meeting.program_id in with_link)
        events.append(cancelled_event(event) if meeting.program_id in left else event)
    events += own_meeting_events(user, now=now)
    # #19: the ranking deadline of the person's rounds of wishes.
    from revmentor.wishes.ics import ranking_deadline_events

    events += ranking_deadline_events(user)
    return build_calendar(events, name=_("My reverse mentoring"))
