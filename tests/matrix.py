"""The permission matrix's vocabulary: one Case per URL name, the expected status for every role.

Each app's tests hold a ``matrix.py`` with ``MATRIX: dict[str, Case]``; the matrix test
collects them all and fails for any URL of the project that none of them lists.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.factories import ROLES, Cast

ANON_REDIRECT = 302


@dataclass(frozen=True)
class Case:
    url: Callable[[Cast], str]
    expect: dict[str, int]
    method: str = "get"
    data: Callable[[Cast], dict] = field(default=lambda cast: {})

    def __post_init__(self):
        assert set(self.expect) == set(ROLES), (
            f"every role needs an expectation: {sorted(self.expect)}"
        )


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def only(
    allowed: dict[str, int], *, others: int = 404, anonymous: int = ANON_REDIRECT
) -> dict[str, int]:
    """``allowed`` roles get their status; anonymous is sent to sign in; everyone else 404."""
    return {role: allowed.get(role, anonymous if role == "anonymous" else others) for role in ROLES}


def signed_in(status: int, *, anonymous: int = ANON_REDIRECT) -> dict[str, int]:
    return {role: anonymous if role == "anonymous" else status for role in ROLES}
