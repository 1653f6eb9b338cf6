"""Who may see which applications: every list and detail view starts here."""

import uuid

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from revmentor.applications.models import Application
from revmentor.core import permissions
from revmentor.programs.models import Participation, Program, Topic

SORTS = {
    "name": ("full_name", "id"),
    "-name": ("-full_name", "-id"),
    "submitted": ("submitted_at", "id"),
    "-submitted": ("-submitted_at", "-id"),
    "organisation": ("organisation__name", "full_name", "id"),
    "profile": ("profile_kind", "full_name", "id"),
    "status": ("status", "full_name", "id"),
    "manager": ("manager_answer", "full_name", "id"),
}


def applications_visible_to(user, program: Program) -> QuerySet[Application]:
    """Coordinator: every sent application; HR: those of its own organisations; others: own."""
    base = Application.objects.filter(program=program)
    if not getattr(user, "is_authenticated", False):
        return base.none()
    roles = permissions.roles_in(user, program)
    sent = base.exclude(status=Application.Status.DRAFT)
    if roles.coordinator:
        return sent
    if roles.hr_organisation_ids:
        return sent.filter(organisation_id__in=roles.hr_organisation_ids)
    return base.filter(applicant=user)


def own_application(user, program: Program) -> Application | None:
    if not getattr(user, "is_authenticated", False):
        return None
    application = (
        Application.objects.filter(program=program, applicant=user)
        .select_related("organisation")
        .first()
    )
    if application is not None:
        # The caller's program (with what it prefetched) and the signed-in account: not re-read.
        application.program = program
        application.applicant = user
    return application


def own_application_by_slug(user, slug: str) -> Application | None:
    """The person's application to a public program, read with the program in one query."""
    application = (
        Application.objects.filter(program__slug=slug, applicant=user)
        .exclude(program__status=Program.Status.DRAFT)
        .select_related("program", "organisation")
        .first()
    )
    if application is not None:
        prefetch_related_objects([application.program], "profiles")
        application.applicant = user
    return application


def hr_participations(user, program: Program) -> QuerySet[Participation]:
    ids = permissions.roles_in(user, program).hr_organisation_ids
    return program.participations.filter(organisation_id__in=ids).select_related("organisation")


def filtered(queryset: QuerySet[Application], params) -> QuerySet[Application]:
    """The list filters shared by pages and exports: profile, status, manager, organisation."""
    profile = params.get("profile", "")
    if profile in {"mentor", "adept"}:
        queryset = queryset.filter(profile_kind=profile)
    status = params.get("status", "")
    if status in Application.Status.values:
        queryset = queryset.filter(status=status)
    manager = params.get("manager", "")
    if manager in Application.ManagerAnswer.values:
        queryset = queryset.filter(manager_answer=manager)
    organisation = params.get("organisation", "")
    if organisation.isdigit():
        queryset = queryset.filter(organisation_id=int(organisation))
    sort = params.get("sort", "")
    return queryset.order_by(*SORTS.get(sort, SORTS["name"]))


# The columns of HR's list: nothing joined, no topics (the page shows none).
HR_LIST_FIELDS = (
    "public_id",
    "full_name",
    "late_registration_reason",
    "profile_kind",
    "unit",
    "manager_answer",
    "manager_answered_by",
    "applicant",
    "status",
    "submitted_at",
)
# The columns of the coordinator's nominations: the organisation's name and the topics.
NOMINATION_FIELDS = (
    "full_name",
    "organisation__name",
    "profile_kind",
    "manager_answer",
    "status",
)


def for_hr_list(queryset: QuerySet[Application]) -> QuerySet[Application]:
    return queryset.only(*HR_LIST_FIELDS)


def for_nominations(queryset: QuerySet[Application]) -> QuerySet[Application]:
    return (
        queryset.select_related("organisation")
        .only(*NOMINATION_FIELDS)
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.only("id", "name")))
    )


def valid_public_ids(values: list[str]) -> list[uuid.UUID]:
    """The values that are application ids at all (anything else is ignored, never an error)."""
    found = []
    for value in values:
        try:
            found.append(uuid.UUID(value))
        except (ValueError, AttributeError):
            continue
    return found


def applications_by_public_id(queryset: QuerySet[Application], ids) -> list[Application]:
    return list(queryset.filter(public_id__in=ids).select_related("organisation", "program"))


def import_organisations(user, program: Program) -> list:
    """Organisations whose applications the user may import: all for the coordinator, else own."""
    roles = permissions.roles_in(user, program)
    participations = program.participations.select_related("organisation")
    if not roles.coordinator:
        participations = participations.filter(organisation_id__in=roles.hr_organisation_ids)
    return [p.organisation for p in participations]
