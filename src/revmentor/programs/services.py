"""Business actions on programs: create, edit, move the deadline, change status, copy."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from revmentor.core import audit
from revmentor.core.models import Role, User
from revmentor.core.pagecache import invalidate_public_pages
from revmentor.programs import signals
from revmentor.programs.models import (
    ContactPerson,
    DeadlineChange,
    JointMeeting,
    Organisation,
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
    *,
    program: Program,
    new_deadline: datetime,
    reason: str,
    changed_by: User,
    reason_en: str = "",
) -> DeadlineChange:
    """Move the deadline, keeping the old one and the reason (and its optional English
    version); everyone concerned is e-mailed."""
    change = DeadlineChange.objects.create(
        program=program,
        old_deadline=program.application_deadline,
        new_deadline=new_deadline,
        reason=reason,
        reason_en=reason_en,
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
    # Applications builds on programs, not the other way round: it listens for this.
    signals.deadline_changed.send(sender=Program, program=program, change=change)
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
    title_en = program.title_en.replace(str(program.period_start.year), str(year))
    if title_en and title_en == program.title_en:
        title_en = f"{program.title_en} {year}"
    copy = Program.objects.create(
        title=title,
        title_en=title_en,
        goal_guidance=program.goal_guidance,
        goal_guidance_en=program.goal_guidance_en,
        slug=_free_slug(
            f"{program.slug.rsplit('-', 1)[0] if program.slug[-4:].isdigit() else program.slug}-{year}"
        ),
        description=program.description,
        description_en=program.description_en,
        purpose=program.purpose,
        purpose_en=program.purpose_en,
        setup=program.setup,
        setup_en=program.setup_en,
        period_start=_shift(program.period_start, days),
        period_end=_shift(program.period_end, days),
        application_deadline=_shift(program.application_deadline, days),
        cost_per_participant=program.cost_per_participant,
        billing_rule=program.billing_rule,
        cost_rounding=program.cost_rounding,
        travel_costs_note=program.travel_costs_note,
        travel_costs_note_en=program.travel_costs_note_en,
        expected_effort_hours=program.expected_effort_hours,
        meeting_format=program.meeting_format,
        how_to_apply=program.how_to_apply,
        how_to_apply_en=program.how_to_apply_en,
        manager_confirmation_required=program.manager_confirmation_required,
        status=Program.Status.DRAFT,
        copied_from=program,
    )
    Profile.objects.bulk_create(
        Profile(
            program=copy,
            kind=p.kind,
            description=p.description,
            description_en=p.description_en,
            eligibility=p.eligibility,
            eligibility_en=p.eligibility_en,
            min_age=p.min_age,
            max_age=p.max_age,
        )
        for p in program.profiles.all()
    )
    Topic.objects.bulk_create(
        Topic(program=copy, name=t.name, name_en=t.name_en, position=t.position)
        for t in program.topics.all()
    )
    Participation.objects.bulk_create(
        Participation(
            program=copy,
            organisation_id=p.organisation_id,
            places=p.places,
            hr_emails=p.hr_emails,
        )
        for p in program.participations.all()
    )
    ContactPerson.objects.bulk_create(
        ContactPerson(
            program=copy,
            name=c.name,
            organisation=c.organisation,
            organisation_en=c.organisation_en,
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
            title_en=m.title_en,
            lecturer=m.lecturer,
            topics=m.topics,
            topics_en=m.topics_en,
            discussion_guide=m.discussion_guide,
            discussion_guide_en=m.discussion_guide_en,
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
    *, meeting: JointMeeting, changed_by: User, reason: str = "", reason_en: str = ""
) -> JointMeeting:
    """Cancel a joint meeting with the reason shown to participants (optionally also in
    English); calendars that subscribe receive it as cancelled (one SEQUENCE higher)."""
    meeting.cancelled = True
    meeting.cancel_reason = reason
    meeting.cancel_reason_en = reason_en
    return save_joint_meeting(meeting=meeting, changed_by=changed_by)


class PlacesError(Exception):
    """The places could not be saved as asked; ``message`` says why, for the page."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class PlaceRow:
    """One organisation's row on the places page, as the coordinator sent it."""

    organisation: Organisation
    places: int
    hr_emails: str = ""
    participation_id: int | None = None  # None: the organisation is added to the program
    delete: bool = False


def _places_view(program: Program) -> tuple[dict[str, int], dict[str, list[str]]]:
    rows = list(program.participations.select_related("organisation"))
    return (
        {p.organisation.name: p.places for p in rows},
        {p.organisation.name: p.hr_email_list for p in rows},
    )


@transaction.atomic
def save_places(*, program: Program, rows: list[PlaceRow], changed_by: User) -> None:
    """Add, change or remove the program's organisations, places and HR contacts; audited.

    Only ``places`` and ``hr_emails`` are written, each by a conditional UPDATE that never
    takes the places below ``nominated`` (a nomination made meanwhile is kept, never lost),
    and an organisation leaves only while nobody of it is nominated.
    """
    before, contacts_before = _places_view(program)
    mine = Participation.objects.filter(program=program)
    for row in rows:
        name = row.organisation.name
        if row.participation_id is None:
            if not row.delete:
                Participation.objects.create(
                    program=program,
                    organisation=row.organisation,
                    places=row.places,
                    hr_emails=row.hr_emails,
                )
        elif row.delete:
            if not mine.filter(pk=row.participation_id, nominated=0).delete()[0]:
                raise PlacesError(
                    _("%(name)s has nominated participants and cannot be removed.") % {"name": name}
                )
        elif not mine.filter(
            Q(organisation=row.organisation) | Q(nominated=0),
            pk=row.participation_id,
            nominated__lte=row.places,
        ).update(organisation=row.organisation, places=row.places, hr_emails=row.hr_emails):
            raise PlacesError(
                _("%(name)s has nominated more participants meanwhile; the places cannot be fewer.")
                % {"name": name}
            )
    # Queryset updates send no signal: the public pages are made stale here.
    invalidate_public_pages()
    after, contacts_after = _places_view(program)
    if before != after:
        audit.record(
            actor=changed_by,
            action=audit.Action.PROGRAM_PLACES_CHANGED,
            program=program,
            target=program,
            before=before,
            after=after,
        )
    changed = sorted(
        name
        for name in set(contacts_before) | set(contacts_after)
        if contacts_before.get(name) != contacts_after.get(name)
    )
    if changed:
        # The addresses may name people: the entry says whose contacts changed, not to what.
        audit.record(
            actor=changed_by,
            action=audit.Action.PROGRAM_HR_CONTACTS_CHANGED,
            program=program,
            target=program,
            summary=", ".join(changed),
        )


@transaction.atomic
def save_program_rows(*, program: Program, saved: list, deleted: list, changed_by: User) -> None:
    """Save the program's profiles, topics or contact persons as edited on their page."""
    for row in saved:
        row.program = program
        row.save()
    for row in deleted:
        if row.pk is not None and row.program_id == program.pk:
            row.delete()


def _organisation_audit(
    *, organisation: Organisation, changed_by: User, action: audit.Action, **change
):
    """Audit a registry change on the site and in every program using the organisation."""
    programs = Program.objects.filter(participations__organisation=organisation).distinct()
    for program in [None, *programs.order_by("pk")]:
        audit.record(
            actor=changed_by, action=action, program=program, target=organisation, **change
        )


@transaction.atomic
def create_organisation(*, name: str, short_name: str, created_by: User) -> Organisation:
    """Add an organisation to the shared registry (the operator's); audited."""
    organisation = Organisation.objects.create(name=name, short_name=short_name)
    _organisation_audit(
        organisation=organisation,
        changed_by=created_by,
        action=audit.Action.ORGANISATION_CREATED,
        after={"name": name, "short_name": short_name},
    )
    return organisation


@transaction.atomic
def update_organisation(
    *, organisation: Organisation, name: str, short_name: str, changed_by: User
) -> Organisation:
    """Rename an organisation in the registry; audited in every program that uses it."""
    # Read from the database: a bound model form has already put the new values on the instance.
    stored = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = {"name": stored.name, "short_name": stored.short_name}
    after = {"name": name, "short_name": short_name}
    if before == after:
        return organisation
    Organisation.objects.filter(pk=organisation.pk).update(name=name, short_name=short_name)
    invalidate_public_pages()  # a queryset update sends no signal
    organisation.name, organisation.short_name = name, short_name
    _organisation_audit(
        organisation=organisation,
        changed_by=changed_by,
        action=audit.Action.ORGANISATION_CHANGED,
        before=before,
        after=after,
    )
    return organisation


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
    if full_name and not user.full_name:
        # The header greets people by name: an account that knew only its e-mail takes it.
        User.objects.filter(pk=user.pk, full_name="").update(full_name=full_name)
        user.full_name = full_name
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
