"""Pairs for the tests: the cast's participant mentors an adept in a program that is running."""

from datetime import timedelta
from decimal import Decimal

from django.core.files.storage import default_storage
from django.utils import timezone

from revmentor.applications.models import Application
from revmentor.mentorships.models import MeetingLog, MeetingMaterial, Mentorship, MentorshipGroup
from revmentor.programs.models import Program
from tests.factories import make_joint_meeting, make_user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_running(program: Program, *, days_in: int = 60) -> Program:
    """Move ``program`` so it started ``days_in`` days ago and runs 200 days in all."""
    today = timezone.localdate()
    Program.objects.filter(pk=program.pk).update(
        status=Program.Status.RUNNING,
        period_start=today - timedelta(days=days_in),
        period_end=today - timedelta(days=days_in) + timedelta(days=200),
        application_deadline=timezone.now() - timedelta(days=days_in + 10),
    )
    program.refresh_from_db()
    return program


def application_for(program, user, *, kind: str, organisation, name: str | None = None):
    existing = Application.objects.filter(program=program, applicant=user).first()
    if existing is not None:
        return existing
    return Application.objects.create(
        program=program,
        applicant=user,
        status=Application.Status.NOMINATED,
        full_name=name or user.full_name,
        email=user.email,
        phone="070-111 22 33",
        organisation=organisation,
        profile_kind=kind,
        employment_type="permanent",
        submitted_at=timezone.now(),
    )


def make_pair(program, *, mentor_user=None, adept_user=None, org_mentor, org_adept, **fields):
    mentor_user = mentor_user or make_user()
    adept_user = adept_user or make_user()
    mentor = application_for(program, mentor_user, kind="mentor", organisation=org_mentor)
    adept = application_for(program, adept_user, kind="adept", organisation=org_adept)
    values = {
        "explanation_sv": "Ni delar intresset för digitala verktyg.",
        "explanation_en": "You share an interest in digital tools.",
        "started_at": timezone.now() - timedelta(days=40),
    }
    values.update(fields)
    return Mentorship.objects.create(program=program, mentor=mentor, adept=adept, **values)


def participant_pair(cast) -> Mentorship:
    """The cast's participant (organisation A) mentors Adam Adept (organisation B); made once."""
    found = Mentorship.objects.filter(program=cast.program, mentor__applicant=cast.participant)
    if found.exists():
        return found.get()
    make_running(cast.program)
    adept = make_user("adam.adept@test.example", full_name="Adam Adept")
    return make_pair(
        cast.program,
        mentor_user=cast.participant,
        adept_user=adept,
        org_mentor=cast.org_a,
        org_adept=cast.org_b,
    )


def other_pair(cast) -> Mentorship:
    """A second pair of the same program, with people from outside the cast; made once."""
    participant_pair(cast)
    found = Mentorship.objects.filter(
        program=cast.program, mentor__applicant__email="olga@test.example"
    )
    if found.exists():
        return found.get()
    return make_pair(
        cast.program,
        mentor_user=make_user("olga@test.example", full_name="Olga Annan"),
        adept_user=make_user("arvid@test.example", full_name="Arvid Annan"),
        org_mentor=cast.org_b,
        org_adept=cast.org_a,
    )


def log(pair, *, days_ago: int = 3, hours: str = "1.5", status=MeetingLog.Status.HELD, **fields):
    return MeetingLog.objects.create(
        mentorship=pair,
        status=status,
        date=timezone.localdate() - timedelta(days=days_ago),
        hours=Decimal(hours),
        format=fields.pop("format", "digital"),
        created_by=pair.mentor.applicant,
        **fields,
    )


def group_log(group, writer, *, days_ago: int = 3, status=MeetingLog.Status.HELD, **fields):
    """A meeting in the group's one log, written by ``writer``."""
    return MeetingLog.objects.create(
        group=group,
        status=status,
        date=timezone.localdate() - timedelta(days=days_ago),
        hours=Decimal(fields.pop("hours", "2")),
        format=fields.pop("format", "digital"),
        created_by=writer,
        **fields,
    )


def group_of(cast, *pairs, name: str = "Grupp Norr") -> MentorshipGroup:
    group, _ = MentorshipGroup.objects.get_or_create(program=cast.program, name=name)
    for pair in pairs:
        Mentorship.objects.filter(pk=pair.pk).update(group=group)
    return group


def meeting_in(program, days: int, **fields):
    """A joint meeting ``days`` days from today at 13:00 (factories count from the start)."""
    offset = (timezone.localdate() - program.period_start).days + 30
    return make_joint_meeting(program, days_ahead=offset + days, **fields)


def next_meeting(cast):
    participant_pair(cast)
    found = cast.program.joint_meetings.filter(starts_at__gt=timezone.now()).first()
    return found or meeting_in(cast.program, 10)


def material(cast) -> MeetingMaterial:
    """Material of the next joint meeting, pointing at one fixed small PDF in the storage."""
    meeting = next_meeting(cast)
    found = MeetingMaterial.objects.filter(meeting=meeting).first()
    if found:
        return found
    name = "mentorships/materials/test-fixture.pdf"
    if not default_storage.exists(name):
        from django.core.files.base import ContentFile

        default_storage.save(name, ContentFile(PDF))
    return MeetingMaterial.objects.create(
        meeting=meeting, title="Bilder", file=name, filename="bilder.pdf", kind="pdf", size=len(PDF)
    )
