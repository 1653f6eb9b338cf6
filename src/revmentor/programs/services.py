"""Business actions on programs: create, edit, move the deadline, change status, copy."""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from revmentor.core import audit
from revmentor.core.models import Role, User
from revmentor.core.pagecache import invalidate_public_pages
from revmentor.programs.models import (
    ContactPerson,
    DeadlineChange,
    JointMeeting,
    Participation,
    Profile,
    Program,
    Topic,
)

# The order a program moves through; a coordinator may step forward or back one stage.
STATUS_ORDER = [s.value for s in Program.Status]
AUDITED_FIELDS = [
    "title",
    "slug",
    "period_start",
    "period_end",
    "application_deadline",
    "cost_per_participant",
    "billing_rule",
    "cost_rounding",
    "expected_effort_hours",
    "meeting_format",
    "status",
    "manager_confirmation_required",
]


def snapshot(program: Program, fields: list[str] = AUDITED_FIELDS) -> dict:
    return {name: getattr(program, name) for name in fields}


@transaction.atomic
def create_program(*, program: Program, created_by: User) -> Program:
    """Save a new draft program with both profiles, and make its creator its coordinator."""
    program.status = Program.Status.DRAFT
    program.save()
    for kind in Profile.Kind:
        Profile.objects.create(program=program, kind=kind, description="", eligibility="")
    Role.objects.create(user=created_by, kind=Role.Kind.COORDINATOR, program=program)
    audit.record(
        actor=created_by,
        action=audit.Action.PROGRAM_CREATED,
        program=program,
        target=program,
        summary=program.title,
        after=snapshot(program),
    )
    return program


@transaction.atomic
def update_program(*, program: Program, before: dict, changed_by: User) -> Program:
    """Save edited program texts and settings; the audit entry holds what changed."""
    program.save()
    after = snapshot(program)
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    if changed:
        audit.record(
            actor=changed_by,
            action=audit.Action.PROGRAM_UPDATED,
            program=program,
            target=program,
            before={k: before.get(k) for k in changed},
            after=changed,
        )
    return program


@transaction.atomic
def change_deadline(
    *, program: Program, new_deadline: datetime, reason: str, changed_by: User
) -> DeadlineChange:
    """Move the deadline, keeping the old one and the reason; everyone concerned is e-mailed."""
    change = DeadlineChange.objects.create(
        program=program,
        old_deadline=program.application_deadline,
        new_deadline=new_deadline,
        reason=reason,
        changed_by=changed_by,
    )
    audit.record(
        actor=changed_by,
        action=audit.Action.PROGRAM_DEADLINE_CHANGED,
        program=program,
        target=program,
        summary=reason,
        before={"application_deadline": change.old_deadline},
        after={
            "application_deadline": new_deadline,
            "direction": "later" if new_deadline > change.old_deadline else "earlier",
        },
    )
    Program.objects.filter(pk=program.pk).update(application_deadline=new_deadline)
    # A queryset update sends no signal: the public pages are made stale here.
    invalidate_public_pages()
    program.application_deadline = new_deadline
    # Imported here: applications builds on programs, not the other way round.
    from revmentor.applications.services import notify_deadline_change

    notify_deadline_change(program=program, change=change)
    return change


def allowed_statuses(program: Program) -> list[str]:
    index = STATUS_ORDER.index(program.status)
    return [STATUS_ORDER[i] for i in (index - 1, index + 1) if 0 <= i < len(STATUS_ORDER)]


@transaction.atomic
def set_status(*, program: Program, status: str, changed_by: User) -> Program:
    """Move the program one stage forward or back (open it, close nomination, close it)."""
    if status not in allowed_statuses(program):
        raise ValueError(f"cannot move from {program.status} to {status}")
    before = program.status
    program.status = status
    if status == Program.Status.MATCHING:
        program.matching_started_at = timezone.now()
    program.save(update_fields=["status", "matching_started_at"])
    audit.record(
        actor=changed_by,
        action=audit.Action.PROGRAM_STATUS_CHANGED,
        program=program,
        target=program,
        before={"status": before},
        after={"status": status},
    )
    return program


def _shift(value, days: int):
    return value + timedelta(days=days) if value is not None else None


def _free_slug(base: str) -> str:
    base = slugify(base)[:70] or "program"
    slug, n = base, 2
    while Program.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _next_year(value: date) -> date:
    try:
        return value.replace(year=value.year + 1)
    except ValueError:  # 29 February
        return value + timedelta(days=365)


@transaction.atomic
def copy_program(*, program: Program, copied_by: User) -> Program:
    """Start next year's program as a draft copy: texts, profiles, topics, places, roles, meetings a year on."""
    days = (_next_year(program.period_start) - program.period_start).days
    year = program.period_start.year + 1
    title = program.title.replace(str(program.period_start.year), str(year))
    if title == program.title:
        title = f"{program.title} {year}"
    copy = Program.objects.create(
        title=title,
        slug=_free_slug(
            f"{program.slug.rsplit('-', 1)[0] if program.slug[-4:].isdigit() else program.slug}-{year}"
        ),
        description=program.description,
        purpose=program.purpose,
        setup=program.setup,
        period_start=_shift(program.period_start, days),
        period_end=_shift(program.period_end, days),
        application_deadline=_shift(program.application_deadline, days),
        cost_per_participant=program.cost_per_participant,
        billing_rule=program.billing_rule,
        cost_rounding=program.cost_rounding,
        travel_costs_note=program.travel_costs_note,
        expected_effort_hours=program.expected_effort_hours,
        meeting_format=program.meeting_format,
        how_to_apply=program.how_to_apply,
        manager_confirmation_required=program.manager_confirmation_required,
        status=Program.Status.DRAFT,
        copied_from=program,
    )
    Profile.objects.bulk_create(
        Profile(
            program=copy,
            kind=p.kind,
            description=p.description,
            eligibility=p.eligibility,
            min_age=p.min_age,
            max_age=p.max_age,
        )
        for p in program.profiles.all()
    )
    Topic.objects.bulk_create(
        Topic(program=copy, name=t.name, position=t.position) for t in program.topics.all()
    )
    Participation.objects.bulk_create(
        Participation(program=copy, organisation_id=p.organisation_id, places=p.places)
        for p in program.participations.all()
    )
    ContactPerson.objects.bulk_create(
        ContactPerson(
            program=copy,
            name=c.name,
            organisation=c.organisation,
            email=c.email,
            phone=c.phone,
            position=c.position,
        )
        for c in program.contact_persons.all()
    )
    JointMeeting.objects.bulk_create(
        JointMeeting(
            program=copy,
            title=m.title,
            lecturer=m.lecturer,
            topics=m.topics,
            starts_at=_shift(m.starts_at, days),
            ends_at=_shift(m.ends_at, days),
            digital_link=m.digital_link,
            place=m.place,
        )
        for m in program.joint_meetings.filter(cancelled=False)
    )
    roles = {(r.user_id, r.kind, r.organisation_id) for r in program.roles.all()}
    roles.add((copied_by.pk, Role.Kind.COORDINATOR, None))
    Role.objects.bulk_create(
        Role(user_id=user_id, kind=kind, program=copy, organisation_id=org)
        for user_id, kind, org in roles
    )
    audit.record(
        actor=copied_by,
        action=audit.Action.PROGRAM_COPIED,
        program=copy,
        target=copy,
        summary=f"{program.slug} -> {copy.slug}",
        after=snapshot(copy),
    )
    return copy


@transaction.atomic
def save_joint_meeting(*, meeting: JointMeeting, changed_by: User) -> JointMeeting:
    """Save a joint meeting; a change to an existing one raises its calendar SEQUENCE."""
    if meeting.pk:
        meeting.sequence += 1
    meeting.updated_at = timezone.now()
    meeting.save()
    audit.record(
        actor=changed_by,
        action=audit.Action.JOINT_MEETING_SAVED,
        program=meeting.program,
        target=meeting,
        after={
            "title": meeting.title,
            "starts_at": meeting.starts_at,
            "ends_at": meeting.ends_at,
            "sequence": meeting.sequence,
        },
    )
    return meeting


@transaction.atomic
def cancel_joint_meeting(
    *, meeting: JointMeeting, changed_by: User, reason: str = ""
) -> JointMeeting:
    """Cancel a joint meeting with the reason shown to participants; calendars that subscribe
    receive it as cancelled (one SEQUENCE higher)."""
    meeting.cancelled = True
    meeting.cancel_reason = reason
    return save_joint_meeting(meeting=meeting, changed_by=changed_by)


@transaction.atomic
def save_places(*, program: Program, places_before: dict[int, int], changed_by: User) -> None:
    """Audit the places per organisation after the coordinator's edit (the formset has saved them)."""
    after = dict(program.participations.values_list("organisation__name", "places"))
    before = dict(places_before)
    if before != after:
        audit.record(
            actor=changed_by,
            action=audit.Action.PROGRAM_PLACES_CHANGED,
            program=program,
            target=program,
            before=before,
            after=after,
        )


@transaction.atomic
def grant_role(
    *,
    program: Program,
    email: str,
    kind: str,
    organisation=None,
    full_name: str = "",
    granted_by: User,
) -> Role:
    """Give a person (created if new) the coordinator or local HR role in the program."""
    user, _ = User.objects.get_or_create(
        email=User.objects.normalize_email(email), defaults={"full_name": full_name}
    )
    role, _ = Role.objects.get_or_create(
        user=user,
        kind=kind,
        program=program,
        organisation=organisation if kind == Role.Kind.HR else None,
    )
    audit.record(
        actor=granted_by,
        action=audit.Action.ROLE_GRANTED,
        program=program,
        target=role,
        after={"email": user.email, "kind": kind, "organisation": str(organisation or "")},
    )
    return role


@transaction.atomic
def grant_roles(
    *,
    program: Program,
    people: list[tuple[str, str]],
    kind: str,
    organisation=None,
    granted_by: User,
) -> list[Role]:
    """Give several people (address, name) a role at once; each new holder is invited by e-mail."""
    from revmentor.programs.tasks import send_role_invitation

    granted = []
    for email, name in people:
        exists = Role.objects.filter(
            user__email__iexact=email,
            kind=kind,
            program=program,
            organisation=organisation if kind == Role.Kind.HR else None,
        ).exists()
        role = grant_role(
            program=program,
            email=email,
            kind=kind,
            organisation=organisation,
            full_name=name,
            granted_by=granted_by,
        )
        if not exists:
            send_role_invitation.enqueue(role_id=role.pk, invited_by_id=granted_by.pk)
        granted.append(role)
    return granted


@transaction.atomic
def revoke_role(*, role: Role, revoked_by: User) -> None:
    """Take a role away; the person keeps their account."""
    audit.record(
        actor=revoked_by,
        action=audit.Action.ROLE_REVOKED,
        program=role.program,
        target=role,
        before={
            "email": role.user.email,
            "kind": role.kind,
            "organisation": str(role.organisation or ""),
        },
    )
    role.delete()
