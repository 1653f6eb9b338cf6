"""Junk posted to every form of the app, as every role, never gives a server error."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.applications import matrix
from tests.factories import ROLES

FORM_URLS = [
    "applications:apply",
    "applications:edit",
    "applications:withdraw",
    "applications:manager",
    "applications:hr_detail",
    "applications:hr_bulk",
    "applications:hr_late",
    "applications:nominations_close",
    "applications:email_template_edit",
]
FIELDS = [
    "employment_type",
    "profile_kind",
    "birth_year",
    "full_name",
    "email",
    "phone",
    "organisation",
    "topics",
    "languages",
    "availability",
    "topics_text",
    "submit",
    "draft",
    "decision",
    "reason",
    "bulk-applications",
    "bulk-decision",
    "confirm",
    "answer",
    "subject",
    "body",
    "preview",
    "save",
    "reset",
    "discussed_with_manager",
    "privacy_acknowledged",
]
values = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.lists(st.text(max_size=10), max_size=3),
)
junk = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), values, max_size=8)


@pytest.mark.parametrize("name", FORM_URLS)
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=junk)
def test_junk_post_never_gives_a_server_error(name, data, cast):
    url = matrix.MATRIX[name].url(cast)
    for role in ROLES:
        client = Client(raise_request_exception=False)
        user = cast.user(role)
        if user is not None:
            client.force_login(user)
        response = client.post(url, data)
        assert response.status_code < 500, (name, role, data, response.status_code)
