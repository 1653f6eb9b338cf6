"""What each person may see of privacy data: their own extract, a coordinator's program's requests."""

from datetime import datetime

from django.db.models import QuerySet

from revmentor.core import permissions
from revmentor.core.models import User
from revmentor.privacy import registry
from revmentor.privacy.models import ErasureRequest
from revmentor.privacy.registry import Due


def extract_of(user: User, program=None) -> dict:
    """What every registered app holds about ``user`` (in ``program`` only, if given), by label."""
    return {p.label: p.extract(user, program) for p in registry.providers()}


def programs_of(user: User) -> set[int]:
    return set().union(*(p.programs_of(user) for p in registry.providers()))


def person_in_program(email: str, program) -> User | None:
    """The person with ``email`` if they applied to or took part in ``program``, else None.

    Roles do not count: a coordinator can grant those, and must not reach a person that way.
    """
    return (
        User.objects.filter(
            email=User.objects.normalize_email(email),
            applications__program=program,
        )
        .distinct()
        .first()
    )


def person_by_email(email: str) -> User | None:
    """Anyone with an account at ``email``: only for the operator's full extract."""
    return User.objects.filter(email=User.objects.normalize_email(email)).first()


def erasure_requests_visible_to(user, program) -> QuerySet[ErasureRequest]:
    if not permissions.is_coordinator(user, program):
        return ErasureRequest.objects.none()
    return ErasureRequest.objects.filter(program=program).select_related("decided_by")


def own_erasure_requests(user) -> QuerySet[ErasureRequest]:
    return ErasureRequest.objects.filter(person=user).select_related("program")


def retention_plan(program, now: datetime) -> list[Due]:
    """What the retention job would anonymise in ``program`` now (only kinds with rows)."""
    plan = []
    # The account comes last: it is anonymised only if nothing else is left of the person.
    for provider in sorted(registry.providers(), key=lambda p: p.label == "account"):
        plan += list(provider.due_for_retention(program=program, now=now))
    return [due for due in plan if due.rows.exists()]
