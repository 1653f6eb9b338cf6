"""The one permission layer: who holds which role in which program.

Views never look at roles themselves; they ask here. Objects the user may not see are
answered with 404, never 403, so nobody learns that they exist.
"""

from dataclasses import dataclass, field

from django.http import Http404, HttpRequest
from django.utils import timezone

from revmentor.core.models import Role

# Set on the session when its holder passed the second factor (TOTP) in this session.
# Staff roles count only in a session that carries it; see ``has_second_factor``.
SECOND_FACTOR_KEY = "second_factor_at"


def mark_second_factor(request: HttpRequest) -> None:
    """Record on the session that its holder has just passed the second factor."""
    request.session[SECOND_FACTOR_KEY] = timezone.now().isoformat()


def has_second_factor(request: HttpRequest) -> bool:
    """Whether this session passed the second factor (a role granted mid-session needs a step-up)."""
    return bool(getattr(request, "session", None) and request.session.get(SECOND_FACTOR_KEY))


def is_operator(user) -> bool:
    """The site-level operator (organisation registry, cross-program extracts, the admin)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_staff)


@dataclass(frozen=True)
class ProgramRoles:
    """What one user may do in one program."""

    coordinator: bool = False
    hr_organisation_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_staff_in_program(self) -> bool:
        return self.coordinator or bool(self.hr_organisation_ids)


def roles_in(user, program) -> ProgramRoles:
    """The user's roles in ``program``, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or program is None:
        return ProgramRoles()
    cache = user.__dict__.setdefault("_program_roles", {})
    if program.pk not in cache:
        rows = Role.objects.filter(user=user, program=program).values_list(
            "kind", "organisation_id"
        )
        cache[program.pk] = ProgramRoles(
            coordinator=any(kind == Role.Kind.COORDINATOR for kind, _ in rows),
            hr_organisation_ids=frozenset(org for kind, org in rows if kind == Role.Kind.HR),
        )
    return cache[program.pk]


def is_coordinator(user, program) -> bool:
    return roles_in(user, program).coordinator


def is_hr(user, program, organisation=None) -> bool:
    ids = roles_in(user, program).hr_organisation_ids
    return bool(ids) if organisation is None else organisation.pk in ids


def can_create_programs(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        bool(user.can_create_programs)
        or Role.objects.filter(user=user, kind=Role.Kind.COORDINATOR).exists()
    )


def programs_coordinated_by(user):
    from revmentor.programs.models import Program

    if not getattr(user, "is_authenticated", False):
        return Program.objects.none()
    return Program.objects.filter(roles__user=user, roles__kind=Role.Kind.COORDINATOR).distinct()


def programs_with_hr_role(user):
    from revmentor.programs.models import Program

    if not getattr(user, "is_authenticated", False):
        return Program.objects.none()
    return Program.objects.filter(roles__user=user, roles__kind=Role.Kind.HR).distinct()


def coordinated_program_or_404(request: HttpRequest, slug: str):
    """The program with ``slug`` if the signed-in user coordinates it, else 404."""
    program = programs_coordinated_by(request.user).filter(slug=slug).first()
    if program is None:
        raise Http404
    return program
