"""The mentorships' e-mails, rendered by the worker from ids (see core/mail.py)."""

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from revmentor.applications.models import Application
from revmentor.core import mail
from revmentor.core.ics import build_calendar
from revmentor.core.texts import in_language
from revmentor.mentorships.models import Mentorship
from revmentor.programs.models import JointMeeting


def _language(application: Application) -> str:
    return application.language if application.language in ("sv", "en") else "sv"


def _address(application: Application) -> str:
    return application.email or application.applicant.email


def _my_program(program) -> str:
    return settings.SITE_URL + reverse("mentorships:my_program", kwargs={"slug": program.slug})


def _pair_seen_by(mentorship_id: int, application_id: int, **filters):
    """The pair, the partner ``application_id`` and the other one; Nones if not theirs (any more)."""
    pair = (
        Mentorship.objects.select_related("program", "mentor__applicant", "adept__applicant")
        .filter(pk=mentorship_id, **filters)
        .first()
    )
    if pair is None or application_id not in (pair.mentor_id, pair.adept_id):
        return None, None, None
    if application_id == pair.mentor_id:
        return pair, pair.mentor, pair.adept
    return pair, pair.adept, pair.mentor


def _person(application_id: int) -> Application | None:
    return (
        Application.objects.select_related("program", "applicant", "organisation")
        .filter(pk=application_id)
        .first()
    )


@mail.renderer("mentorships.matched")
def matched(*, application_id: int, proposal_id: int) -> list[mail.Message]:
    """One person's news of their partner(s) from one published proposal."""
    person = _person(application_id)
    if person is None:
        return []
    pairs = list(
        Mentorship.objects.filter(source_proposal_id=proposal_id, status=Mentorship.Status.ACTIVE)
        .filter(Q(mentor=person) | Q(adept=person))
        .select_related("mentor__organisation", "adept__organisation", "program")
        .order_by("pk")
    )
    if not pairs:
        return []
    language = _language(person)
    role = "mentor" if pairs[0].mentor_id == person.pk else "adept"
    partners = [(pair.adept if role == "mentor" else pair.mentor, pair) for pair in pairs]
    return mail.message(
        to=[_address(person)],
        template="mentorships/email/matched",
        language=language,
        context={
            "name": person.full_name,
            "program": in_language(person.program, "title", language),
            "role": role,
            "partners": [
                {
                    "name": partner.full_name,
                    "email": partner.email,
                    "organisation": str(partner.organisation or ""),
                    "why": pair.explanation_for_partners(language),
                }
                for partner, pair in partners
            ],
            "program_link": _my_program(person.program),
        },
    )


@mail.renderer("mentorships.ended")
def ended(*, mentorship_id: int, application_id: int) -> list[mail.Message]:
    """The news that a pair has ended, to one partner; no reason is given."""
    pair, person, partner = _pair_seen_by(mentorship_id, application_id)
    if pair is None:
        return []
    language = _language(person)
    return mail.message(
        to=[_address(person)],
        template="mentorships/email/ended",
        language=language,
        context={
            "name": person.full_name,
            "partner": partner.full_name,
            "program": in_language(pair.program, "title", language),
            "contacts": ", ".join(c.email for c in pair.program.contact_persons.all()),
        },
    )


@mail.renderer("mentorships.joint_meeting_reminder")
def joint_meeting_reminder(
    *, meeting_id: int, application_id: int, tomorrow: int
) -> list[mail.Message]:
    """A reminder of a joint meeting with its calendar file, to one participant."""
    from revmentor.programs.ics import joint_meeting_event

    meeting = JointMeeting.objects.select_related("program").filter(pk=meeting_id).first()
    person = _person(application_id)
    if meeting is None or meeting.cancelled or person is None:
        return []
    language = _language(person)
    calendar = build_calendar(
        [joint_meeting_event(meeting, with_link=True, language=language)],
        name=in_language(meeting.program, "title", language),
    ).decode("utf-8")
    return mail.message(
        to=[_address(person)],
        template="mentorships/email/joint_meeting_reminder",
        language=language,
        context={
            "name": person.full_name,
            "program": in_language(meeting.program, "title", language),
            "meeting": in_language(meeting, "title", language),
            "starts_at": timezone.localtime(meeting.starts_at),
            "ends_at": timezone.localtime(meeting.ends_at),
            "place": meeting.place,
            "digital_link": meeting.digital_link,
            "tomorrow": bool(tomorrow),
            "link": _my_program(meeting.program),
        },
        attachments=[("gemensam-traff.ics", calendar, "text/calendar")],
    )


@mail.renderer("mentorships.nudge")
def nudge(*, mentorship_id: int, application_id: int, days: int) -> list[mail.Message]:
    """A nudge to one partner of a pair that has not logged a meeting for ``days`` days."""
    pair, person, partner = _pair_seen_by(
        mentorship_id, application_id, status=Mentorship.Status.ACTIVE
    )
    if pair is None:
        return []
    language = _language(person)
    return mail.message(
        to=[_address(person)],
        template="mentorships/email/nudge",
        language=language,
        context={
            "name": person.full_name,
            "partner": partner.full_name,
            "program": in_language(pair.program, "title", language),
            "days": days,
            "link": _my_program(pair.program),
        },
    )
