"""Junk input for forms: the values and settings every "never a 500" test shares."""

from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.auth import sign_in
from tests.factories import ROLES

values = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.lists(st.text(max_size=10), max_size=3),
)

JUNK_SETTINGS = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def junk_forms(fields: list[str]):
    """Dicts of known field names (and random ones) to junk values."""
    return st.dictionaries(st.sampled_from(fields) | st.text(max_size=8), values, max_size=8)


def assert_no_server_error(url: str, data: dict, cast, *, name: str = "") -> None:
    """POST ``data`` to ``url`` as every persona; none may get a 5xx."""
    for role in ROLES:
        client = Client(raise_request_exception=False)
        user = cast.user(role)
        if user is not None:
            sign_in(client, user)
        response = client.post(url, data)
        assert response.status_code < 500, (name or url, role, data, response.status_code)
