"""The one permission layer: who holds which role in which program.

Views never look at roles themselves; they ask here. Objects the user may not see are
answered with 404, never 403, so nobody learns that they exist.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from urllib.parse import urlencode

from django.apps import apps
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.urls import reverse
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


# Set on ``request.user`` by ``SessionAssuranceMiddleware``: False in a request whose session
# has not passed the second factor, so no query in that request counts a staff role.
# Code outside a request (services, commands, tests calling queries) leaves it unset.
ASSURED_ATTRIBUTE = "second_factor_passed"


def roles_in(user, program) -> ProgramRoles:
    """The user's roles in ``program``, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or program is None:
        return ProgramRoles()
    if getattr(user, ASSURED_ATTRIBUTE, True) is False:
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


def _programs():
    # By name, not import: core builds no dependency on an app (see the import contracts).
    return apps.get_model("programs", "Program").objects


def programs_coordinated_by(user):
    if not getattr(user, "is_authenticated", False):
        return _programs().none()
    return _programs().filter(roles__user=user, roles__kind=Role.Kind.COORDINATOR).distinct()


def programs_with_hr_role(user):
    if not getattr(user, "is_authenticated", False):
        return _programs().none()
    return _programs().filter(roles__user=user, roles__kind=Role.Kind.HR).distinct()


def role_in_program_or_404(*, program, public_id) -> Role:
    """One role granted in ``program`` (for revoking it), else 404."""
    found = (
        Role.objects.select_related("user", "organisation")
        .filter(program=program, public_id=public_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def step_up_redirect(request: HttpRequest) -> HttpResponseRedirect:
    """Send a signed-in person whose session lacks the second factor to give it, then back."""
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse('core:step_up')}?{query}")


COORDINATOR, HR, SCOPE, STAFF = "coordinator", "hr", "scope", "staff"
# The reports' URLs carry ``scope``: "manage" pages are the coordinator's, "hr" pages HR's.
SCOPE_KINDS = {"manage": COORDINATOR, "hr": HR}


def program_role(kind: str) -> Callable:
    """Guard a view whose URL has ``slug``: the caller must hold ``kind`` in that program.

    The view is called with ``program`` instead of ``slug``; an HR view also gets
    ``organisation_ids``, the HR officer's own organisations. ``kind="scope"`` reads the
    role from the URL's ``scope`` (reports); ``kind="staff"`` accepts either role. No role: 404. A role without the second factor
    in this session: the step-up page, then back. In an HR view the request's roles are
    narrowed to HR, so a coordinator who is also HR sees only their own organisations there.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def guarded(request, *args, slug, **kwargs):
            wanted = SCOPE_KINDS.get(kwargs.get("scope", "manage")) if kind == SCOPE else kind
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            kinds = [COORDINATOR, HR] if wanted == STAFF else [wanted]
            roles = list(
                Role.objects.filter(user=request.user, kind__in=kinds, program__slug=slug)
                .select_related("program")
                .order_by("pk")
            )
            if not roles:
                raise Http404
            if not has_second_factor(request):
                return step_up_redirect(request)
            program = roles[0].program
            if wanted == HR:
                organisation_ids = frozenset(role.organisation_id for role in roles)
                request.user.__dict__.setdefault("_program_roles", {})[program.pk] = ProgramRoles(
                    hr_organisation_ids=organisation_ids
                )
                if kind == HR:
                    kwargs["organisation_ids"] = organisation_ids
            return view(request, *args, program=program, **kwargs)

        return guarded

    return decorator


def program_creator_required(view: Callable) -> Callable:
    """Guard a view for those who may create programs (any coordinator), with the mark."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_create_programs(request.user):
            raise Http404
        if not has_second_factor(request):
            return step_up_redirect(request)
        return view(request, *args, **kwargs)

    return guarded


def operator_required(view: Callable) -> Callable:
    """Guard a site-level view for the operator, in a session that passed the second factor."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_operator(request.user):
            raise Http404
        if not has_second_factor(request):
            return step_up_redirect(request)
        return view(request, *args, **kwargs)

    return guarded
