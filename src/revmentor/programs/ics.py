"""Joint meetings as calendar events."""

from django.conf import settings

from revmentor.core.ics import CalendarEvent
from revmentor.programs.models import JointMeeting


def joint_meeting_event(meeting: JointMeeting, *, with_link: bool = False) -> CalendarEvent:
    """The calendar event of a joint meeting; the digital link only for participants' own feeds."""
    description = "\n".join(
        part
        for part in [
            meeting.cancel_reason if meeting.cancelled else "",
            meeting.lecturer,
            meeting.topics,
            meeting.digital_link if with_link else "",
        ]
        if part
    )
    return CalendarEvent(
        uid=f"joint-meeting-{meeting.uid}@revmentor",
        sequence=meeting.sequence,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        summary=f"{meeting.program.title}: {meeting.title}",
        updated_at=meeting.updated_at,
        description=description,
        location=meeting.place,
        url=f"{settings.SITE_URL}{meeting.program.get_absolute_url()}",
        cancelled=meeting.cancelled,
    )
