"""Junk posted to every form of the app, as every role, never gives a server error."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revmentor.mentorships.models import MeetingLog
from tests.auth import sign_in
from tests.junk import JUNK_SETTINGS, assert_no_server_error, junk_forms
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
junk = junk_forms(FIELDS)


@pytest.mark.parametrize("name", FORM_URLS)
@JUNK_SETTINGS
@given(data=junk)
def test_junk_post_never_gives_a_server_error(name, data, cast):
    assert_no_server_error(matrix.MATRIX[name].url(cast), data, cast, name=name)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(hours=st.decimals(allow_nan=True, allow_infinity=True).map(str) | st.text(max_size=12))
def test_no_junk_duration_is_ever_saved_out_of_range(hours, cast):
    url = matrix.MATRIX["mentorships:log_create"].url(cast)
    client = Client()
    sign_in(client, cast.participant)
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
