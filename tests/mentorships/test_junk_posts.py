"""Junk posted to every form of the app, as every role, never gives a server error."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revmentor.mentorships.models import MeetingLog
from tests.factories import ROLES
from tests.mentorships import matrix

FORM_URLS = [
    "mentorships:log_create",
    "mentorships:log_edit",
    "mentorships:goals",
    "mentorships:attendance",
    "mentorships:calendar",
    "mentorships:end_pair",
    "mentorships:group_create",
    "mentorships:group_edit",
    "mentorships:materials",
    "mentorships:reminders",
]
FIELDS = [
    "status",
    "date",
    "start_time",
    "hours",
    "format",
    "topics",
    "notes",
    "goals",
    "answer",
    "next",
    "reminders",
    "enabled",
    "reason",
    "name",
    "pairs",
    "title",
    "file",
]
values = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(str),
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


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(hours=st.decimals(allow_nan=True, allow_infinity=True).map(str) | st.text(max_size=12))
def test_no_junk_duration_is_ever_saved_out_of_range(hours, cast):
    url = matrix.MATRIX["mentorships:log_create"].url(cast)
    client = Client()
    client.force_login(cast.participant)
    response = client.post(
        url,
        {
            "status": "held",
            "date": cast.program.period_start.isoformat(),
            "hours": hours,
            "format": "digital",
        },
    )
    assert response.status_code in (200, 302)
    saved = list(MeetingLog.objects.values_list("hours", flat=True))
    assert all(0 < h <= 12 for h in saved), (hours, saved)
