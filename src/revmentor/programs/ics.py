"""Joint meetings as calendar events."""

from django.conf import settings

from revmentor.core.ics import CalendarEvent
from revmentor.core.texts import in_language
from revmentor.programs.models import JointMeeting


def joint_meeting_event(
    meeting: JointMeeting, *, with_link: bool = False, language: str = "sv"
) -> CalendarEvent:
    """The calendar event of a joint meeting, its texts in ``language`` (Swedish where no
    English is written); the digital link only for participants' own feeds and invitations."""
    description = "\n".join(
        part
        for part in [
            in_language(meeting, "cancel_reason", language) if meeting.cancelled else "",
            meeting.lecturer,
            in_language(meeting, "topics", language),
            meeting.digital_link if with_link else "",
        ]
        if part
    )
    return CalendarEvent(
        uid=f"joint-meeting-{meeting.uid}@revmentor",
        sequence=meeting.sequence,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        summary=(
            f"{in_language(meeting.program, 'title', language)}: "
            f"{in_language(meeting, 'title', language)}"
        ),
        updated_at=meeting.updated_at,
        description=description,
        location=meeting.place,
        url=f"{settings.SITE_URL}{meeting.program.get_absolute_url()}",
        cancelled=meeting.cancelled,
    )
