"""Calendar invitations by e-mail (iTIP): who gets a joint meeting's or a pair meeting's
update, and the e-mail itself, rendered when the worker sends it.

The queued task carries ids and the SEQUENCE only (no name, address or text): the worker
reads the meeting and the person, and skips a task whose meeting has moved on to a newer
SEQUENCE (the newer version has its own task). The attachment keeps the event's UID, so
Outlook and other calendars update the entry already there, or remove it on METHOD:CANCEL.
"""

from dataclasses import dataclass, replace
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from revmentor.applications.models import Application
from revmentor.core.ics import CalendarEvent, invitation
from revmentor.core.models import User
from revmentor.core.texts import in_language
from revmentor.mentorships.ics import SENT, pair_meeting_event
from revmentor.mentorships.models import MeetingLog, Mentorship, PersonalSettings
from revmentor.mentorships.queries import CURRENT
from revmentor.programs.ics import joint_meeting_event
from revmentor.programs.models import JointMeeting

JOINT = "joint"
PAIR = "pair"


@dataclass(frozen=True)
class Recipient:
    user_id: int
    name: str
    organisation: str
    opted_out: bool


def _language(application: Application | None) -> str:
    language = application.language if application is not None else "sv"
    return language if language in ("sv", "en") else "sv"


def joint_meeting_recipients(meeting: JointMeeting) -> list[Recipient]:
    """Everyone whose calendar holds the meeting as a participant or applicant: sent
    applications not withdrawn or declined, and the partners of the program's pairs; those
    who switched reminders off are listed as opted out (three queries)."""
    pairs = Mentorship.objects.filter(program_id=meeting.program_id).filter(CURRENT)
    people = (
        Application.objects.filter(program_id=meeting.program_id)
        .filter(
            Q(status__in=SENT)
            | Q(pk__in=pairs.values("mentor_id"))
            | Q(pk__in=pairs.values("adept_id"))
        )
        .select_related("organisation")
        .order_by("full_name", "id")
    )
    people = list(people)
    off = set(
        PersonalSettings.objects.filter(
            reminders=False, user_id__in=[p.applicant_id for p in people]
        ).values_list("user_id", flat=True)
    )
    return [
        Recipient(p.applicant_id, p.full_name, str(p.organisation or ""), p.applicant_id in off)
        for p in people
    ]


def pair_recipients(mentorship: Mentorship) -> list[int]:
    """The partners of the pair who have not switched reminders off (user ids)."""
    people = [mentorship.mentor.applicant_id, mentorship.adept.applicant_id]
    off = set(
        PersonalSettings.objects.filter(reminders=False, user_id__in=people).values_list(
            "user_id", flat=True
        )
    )
    return [pk for pk in people if pk not in off]


# ---- run by the worker -------------------------------------------------------------------


def deliver(*, kind: str, object_id: int, user_id: int, sequence: int) -> int:
    """Render and send one invitation; 0 when the meeting, the person or the version is gone."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return 0
    if kind == JOINT:
        meeting = JointMeeting.objects.select_related("program").filter(pk=object_id).first()
        if meeting is None or meeting.sequence != sequence:
            return 0
        application = Application.objects.filter(program=meeting.program, applicant=user).first()
        in_pair = (
            Mentorship.objects.filter(program=meeting.program)
            .filter(Q(mentor__applicant=user) | Q(adept__applicant=user))
            .exists()
        )
        nominated = application is not None and application.status == "nominated"
        language = _language(application)
        event = joint_meeting_event(meeting, with_link=nominated or in_pair, language=language)
        program = meeting.program
        values = {
            "meeting": in_language(meeting, "title", language),
            "reason": in_language(meeting, "cancel_reason", language),
            "place": meeting.place,
            "digital_link": meeting.digital_link if nominated or in_pair else "",
            "link": settings.SITE_URL + program.get_absolute_url(),
        }
    elif kind == PAIR:
        log = (
            MeetingLog.objects.select_related(
                "mentorship__program", "mentorship__mentor", "mentorship__adept"
            )
            .filter(pk=object_id)
            .first()
        )
        if log is None or log.sequence != sequence:
            return 0
        pair = log.mentorship
        if user.pk == pair.mentor.applicant_id:
            application = pair.mentor
        elif user.pk == pair.adept.applicant_id:
            application = pair.adept
        else:
            return 0
        with translation.override(_language(application)):
            event = pair_meeting_event(log)
        program = pair.program
        values = {
            "meeting": event.summary,
            "reason": "",
            "place": "",
            "digital_link": "",
            "link": settings.SITE_URL
            + reverse("mentorships:my_program", kwargs={"slug": program.slug}),
        }
    else:
        return 0
    return _send(user, application, program, event, values)


def deliver_pair_cancellation(
    *, mentorship_id: int, uid: str, sequence: int, starts_at: str, ends_at: str, user_id: int
) -> int:
    """Send the METHOD:CANCEL of a planned pair meeting that was removed from the log."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    pair = (
        Mentorship.objects.select_related("program", "mentor", "adept")
        .filter(pk=mentorship_id)
        .first()
    )
    if user is None or pair is None:
        return 0
    application = next((p for p in (pair.mentor, pair.adept) if p.applicant_id == user.pk), None)
    if application is None:
        return 0
    with translation.override(_language(application)):
        summary = str(
            _("Mentoring meeting: %(mentor)s and %(adept)s")
            % {"mentor": pair.mentor.full_name, "adept": pair.adept.full_name}
        )
    link = reverse("mentorships:my_program", kwargs={"slug": pair.program.slug})
    return _send_cancellation(
        user, application, pair.program, summary, link, uid, sequence, starts_at, ends_at
    )


def deliver_group_cancellation(
    *, group_id: int, uid: str, sequence: int, starts_at: str, ends_at: str, user_id: int
) -> int:
    """Send the METHOD:CANCEL of a planned group meeting that was removed from the log."""
    from revmentor.mentorships.models import MentorshipGroup
    from revmentor.mentorships.queries import group_members

    user = User.objects.filter(pk=user_id, is_active=True).first()
    group = MentorshipGroup.objects.select_related("program").filter(pk=group_id).first()
    if user is None or group is None:
        return 0
    application = next((p for p in group_members(group) if p.applicant_id == user.pk), None)
    if application is None:
        return 0
    with translation.override(_language(application)):
        summary = str(_("Group meeting: %(group)s") % {"group": group.name})
    link = reverse(
        "mentorships:group", kwargs={"slug": group.program.slug, "group": group.public_id}
    )
    return _send_cancellation(
        user, application, group.program, summary, link, uid, sequence, starts_at, ends_at
    )


def _send_cancellation(
    user, application, program, summary: str, link: str, uid, sequence, starts_at, ends_at
) -> int:
    """The METHOD:CANCEL of a log meeting that no longer exists, rebuilt from the task's values."""
    event = CalendarEvent(
        uid=uid,
        sequence=sequence,
        starts_at=datetime.fromisoformat(starts_at),
        ends_at=datetime.fromisoformat(ends_at),
        summary=summary,
        updated_at=timezone.now(),
        cancelled=True,
    )
    values = {
        "meeting": summary,
        "reason": "",
        "place": "",
        "digital_link": "",
        "link": settings.SITE_URL + link,
    }
    return _send(user, application, program, event, values)


def _send(user, application, program, event: CalendarEvent, values: dict) -> int:
    language = _language(application)
    name = (application.full_name if application else "") or user.full_name
    address = (application.email if application else "") or user.email
    event = replace(
        event,
        organizer=settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip(),
        organizer_name=program.title,
        attendee=address,
        attendee_name=name,
    )
    context = {
        **values,
        "name": name,
        "program": in_language(program, "title", language),
        "starts_at": timezone.localtime(event.starts_at),
        "ends_at": timezone.localtime(event.ends_at),
        "cancelled": event.cancelled,
        "changed": event.sequence > 0,
    }
    with translation.override(language):
        subject = " ".join(
            render_to_string("mentorships/email/invitation_subject.txt", context).split()
        )
        body = render_to_string("mentorships/email/invitation_body.txt", context)
    # Sent here, in the worker's task, so nothing rendered ever waits in the queue.
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[address]
    )
    message.attach(*invitation(event, name=program.title))
    return message.send()
