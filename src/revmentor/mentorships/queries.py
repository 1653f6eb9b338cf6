"""Who may see which pairs, meeting logs, groups and material: every view starts here.

Partners see their own pair with everything in it; coordinators see every pair of their
program but never the pair's notes; local HR and everyone else see nothing here (404).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.http import Http404

from revmentor.core import permissions
from revmentor.mentorships.models import (
    Attendance,
    MeetingLog,
    MeetingMaterial,
    Mentorship,
    MentorshipGroup,
)
from revmentor.programs.models import JointMeeting, Program

STUCK_AFTER_DAYS = 30
HELD = Q(meeting_logs__status=MeetingLog.Status.HELD)


def _partner_filter(user) -> Q:
    return Q(mentor__applicant=user) | Q(adept__applicant=user)


def mentorships_visible_to(user, program: Program) -> QuerySet[Mentorship]:
    """Coordinator: every pair of the program; a participant: their own pairs; others: none."""
    base = Mentorship.objects.filter(program=program)
    if not getattr(user, "is_authenticated", False):
        return base.none()
    if permissions.is_coordinator(user, program):
        return base
    return base.filter(_partner_filter(user))


# A pair that ran until the program closed stays readable as its history; a pair that was
# ended early disappears from the partners' pages (the coordinator may match them again).
CURRENT = Q(status=Mentorship.Status.ACTIVE) | Q(
    program__status=Program.Status.CLOSED, ended_at__date__gte=F("program__period_end")
)


def own_mentorships(user, program: Program) -> QuerySet[Mentorship]:
    """The user's own pairs in ``program`` (as mentor or adept): active, or run to the end."""
    if not getattr(user, "is_authenticated", False):
        return Mentorship.objects.none()
    return (
        Mentorship.objects.filter(program=program)
        .filter(CURRENT)
        .filter(_partner_filter(user))
        .select_related("mentor__organisation", "adept__organisation", "group")
        .order_by("adept__full_name", "id")
    )


def own_mentorship_or_404(user, program: Program, public_id) -> Mentorship:
    """One of the user's own active pairs; another pair (or none) is 404."""
    found = own_mentorships(user, program).filter(public_id=public_id).first()
    if found is None:
        raise Http404
    return found


def is_partner(user, mentorship: Mentorship) -> bool:
    """Whether ``user`` is the mentor or the adept of the pair: only they read its notes."""
    uid = getattr(user, "pk", None)
    return uid is not None and uid in (
        mentorship.mentor.applicant_id,
        mentorship.adept.applicant_id,
    )


def meeting_logs_visible_to(user, mentorship: Mentorship) -> QuerySet[MeetingLog]:
    """Partners: the pair's whole log; the coordinator: the log without notes; others: none."""
    base = MeetingLog.objects.filter(mentorship=mentorship)
    if is_partner(user, mentorship):
        return base
    if permissions.is_coordinator(user, mentorship.program):
        return base.defer("notes")
    return base.none()


def program_of_participant_or_404(user, slug: str) -> Program:
    """The program with ``slug`` if the user is in an active pair in it, else 404."""
    program = Program.objects.filter(slug=slug).first()
    if program is None or not own_mentorships(user, program).exists():
        raise Http404
    return program


def groups_visible_to(user, program: Program) -> QuerySet[MentorshipGroup]:
    """Coordinator: every group of the program; a participant: the groups of their pairs."""
    base = MentorshipGroup.objects.filter(program=program)
    if not getattr(user, "is_authenticated", False):
        return base.none()
    if permissions.is_coordinator(user, program):
        return base
    ids = own_mentorships(user, program).exclude(group=None).values("group_id")
    return base.filter(pk__in=ids)


def materials_visible_to(user, program: Program) -> QuerySet[MeetingMaterial]:
    """The joint meetings' material for the coordinator and for participants in a pair."""
    base = MeetingMaterial.objects.filter(meeting__program=program)
    if not getattr(user, "is_authenticated", False):
        return base.none()
    if permissions.is_coordinator(user, program) or own_mentorships(user, program).exists():
        return base
    return base.none()


def joint_meetings_with_material(program: Program) -> QuerySet[JointMeeting]:
    return program.joint_meetings.prefetch_related(
        Prefetch("materials", queryset=MeetingMaterial.objects.order_by("uploaded_at", "id"))
    )


def held_hours(logs) -> Decimal:
    return sum((log.hours for log in logs if log.status == MeetingLog.Status.HELD), Decimal(0))


def with_activity(mentorships: QuerySet[Mentorship]) -> QuerySet[Mentorship]:
    """Each pair with its held hours, number of held meetings and the date of the last one
    (``group_last_held``: the last held meeting of its group, which counts as its own)."""
    group_last = (
        MeetingLog.objects.filter(group=OuterRef("group_id"), status=MeetingLog.Status.HELD)
        .order_by("-date")
        .values("date")[:1]
    )
    group_hours = (
        MeetingLog.objects.filter(group=OuterRef("group_id"), status=MeetingLog.Status.HELD)
        .values("group")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    return mentorships.select_related(
        "mentor__organisation", "adept__organisation", "group"
    ).annotate(
        held_hours=Sum("meeting_logs__hours", filter=HELD),
        held_count=Count("meeting_logs", filter=HELD),
        last_held=Max("meeting_logs__date", filter=HELD),
        group_last_held=Subquery(group_last),
        group_held_hours=Subquery(group_hours),
    )


def is_stuck(mentorship: Mentorship, today: date) -> bool:
    """Active and nothing held for 30 days, as a pair or as its group (counted from the
    start when nothing is logged)."""
    return _stuck(
        mentorship.status,
        mentorship.started_at,
        getattr(mentorship, "last_held", None),
        getattr(mentorship, "group_last_held", None),
        today,
    )


def _stuck(status, started_at, last_held, group_last_held, today: date) -> bool:
    if status != Mentorship.Status.ACTIVE:
        return False
    held = [day for day in (last_held, group_last_held) if day is not None]
    last = max(held) if held else started_at.date()
    return (today - last).days >= STUCK_AFTER_DAYS


# What the activity page's summaries read of every pair: plain values, no model per pair.
SUMMARY_FIELDS = (
    "status",
    "started_at",
    "group_id",
    "mentor_id",
    "adept_id",
    "mentor__organisation__name",
    "adept__organisation__name",
    "held_hours",
    "last_held",
    "group_last_held",
    "group_held_hours",
)


def activity_summary(mentorships: QuerySet[Mentorship], today: date) -> tuple[int, list[dict]]:
    """(how many pairs are stuck, every pair's summary values) in one query."""
    rows = list(with_activity(mentorships).order_by().values(*SUMMARY_FIELDS))
    stuck = sum(
        1
        for r in rows
        if _stuck(r["status"], r["started_at"], r["last_held"], r["group_last_held"], today)
    )
    return stuck, rows


@dataclass
class OrganisationActivity:
    name: str
    pairs: int
    hours: Decimal
    attending: int
    not_attending: int


def effort_per_organisation(pairs: list[dict], program: Program) -> list[OrganisationActivity]:
    """Held hours per organisation: a pair's hours count for both partners' organisations, a
    group's for each member once (however many of the group's pairs they are in).

    ``pairs`` are the value rows of ``activity_summary``."""
    rows: dict[str, OrganisationActivity] = {}
    counted: set[tuple[int, int]] = set()
    for pair in pairs:
        for side in ("mentor", "adept"):
            person, name = pair[f"{side}_id"], pair[f"{side}__organisation__name"] or "–"
            row = rows.setdefault(name, OrganisationActivity(name, 0, Decimal(0), 0, 0))
            row.pairs += 1
            row.hours += pair["held_hours"] or Decimal(0)
            group = pair["group_id"]
            if group is not None and (person, group) not in counted:
                counted.add((person, group))
                row.hours += pair["group_held_hours"] or Decimal(0)
    answers = (
        Attendance.objects.filter(meeting__program=program)
        .values("application__organisation__name", "answer")
        .annotate(n=Count("id"))
    )
    for answer in answers:
        name = answer["application__organisation__name"] or "–"
        row = rows.setdefault(name, OrganisationActivity(name, 0, Decimal(0), 0, 0))
        if answer["answer"] == Attendance.Answer.ATTENDING:
            row.attending += answer["n"]
        else:
            row.not_attending += answer["n"]
    return [rows[name] for name in sorted(rows)]


def attendance_per_meeting(program: Program) -> QuerySet[JointMeeting]:
    return program.joint_meetings.annotate(
        attending=Count("attendances", filter=Q(attendances__answer="attending")),
        not_attending=Count("attendances", filter=Q(attendances__answer="not_attending")),
    ).order_by("starts_at")


# ---- groups as their members meet them ---------------------------------------------------


def own_groups(user, program: Program) -> QuerySet[MentorshipGroup]:
    """The groups the user is a member of in ``program`` (through a current pair)."""
    ids = own_mentorships(user, program).exclude(group=None).values("group_id")
    return MentorshipGroup.objects.filter(program=program, pk__in=ids)


def own_group_or_404(user, program: Program, public_id) -> MentorshipGroup:
    """One of the user's own groups; anyone else's (also the coordinator's view) is 404."""
    found = own_groups(user, program).filter(public_id=public_id).first()
    if found is None:
        raise Http404
    return found


def group_members(group: MentorshipGroup) -> list:
    """The group's people (applications), the mentors first, each once."""
    pairs = (
        Mentorship.objects.filter(group=group)
        .filter(CURRENT)
        .select_related("mentor__organisation", "adept__organisation")
        .order_by("mentor__full_name", "adept__full_name", "id")
    )
    mentors = {pair.mentor.pk: pair.mentor for pair in pairs}
    adepts = {pair.adept.pk: pair.adept for pair in pairs}
    return list(mentors.values()) + [a for pk, a in adepts.items() if pk not in mentors]


def groups_of_pairs(pairs: list[Mentorship]) -> list[MentorshipGroup]:
    """The groups of ``pairs`` (the user's own), each once, with ``members`` (everyone in
    the group, mentors first) and ``own_pairs`` (those of ``pairs`` in it); two queries."""
    groups: dict[int, MentorshipGroup] = {}
    for pair in pairs:
        if pair.group is None:
            continue
        group = groups.setdefault(pair.group.pk, pair.group)
        group.__dict__.setdefault("own_pairs", []).append(pair)
    if not groups:
        return []
    rows = (
        Mentorship.objects.filter(group__in=list(groups))
        .filter(CURRENT)
        .select_related("mentor__organisation", "adept__organisation")
        .order_by("mentor__full_name", "adept__full_name", "id")
    )
    mentors: dict[int, dict] = {pk: {} for pk in groups}
    adepts: dict[int, dict] = {pk: {} for pk in groups}
    for row in rows:
        mentors[row.group_id][row.mentor.pk] = row.mentor
        adepts[row.group_id][row.adept.pk] = row.adept
    for pk, group in groups.items():
        group.members = list(mentors[pk].values()) + [
            a for a_pk, a in adepts[pk].items() if a_pk not in mentors[pk]
        ]
    return sorted(groups.values(), key=lambda g: (g.name, g.pk))


def group_logs_visible_to(user, group: MentorshipGroup) -> list[MeetingLog]:
    """A member: the group's whole log, each private note blanked unless the user wrote it."""
    if not own_groups(user, group.program).filter(pk=group.pk).exists():
        return []
    logs = list(MeetingLog.objects.filter(group=group).select_related("created_by"))
    for log in logs:
        if log.private and log.created_by_id != user.pk:
            log.notes = ""
    return logs


def person_meetings(user, *, status: str | None = None) -> QuerySet[MeetingLog]:
    """The logged meetings of the user's pairs and of the groups of their current pairs
    (``status``: only planned or only held). The calendar feed and invitations read this,
    so a group meeting reaches every member."""
    pairs = Mentorship.objects.filter(_partner_filter(user))
    groups = pairs.filter(CURRENT).exclude(group=None).values("group_id")
    logs = MeetingLog.objects.filter(Q(mentorship__in=pairs) | Q(group__in=groups))
    if status is not None:
        logs = logs.filter(status=status)
    return logs.select_related(
        "mentorship__program", "mentorship__mentor", "mentorship__adept", "group__program"
    ).order_by("date", "start_time", "id")
