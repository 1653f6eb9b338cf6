"""Junk posted to every form of the app, as every role, never gives a server error."""

import pytest
from hypothesis import given

from tests.applications import matrix
from tests.junk import JUNK_SETTINGS, assert_no_server_error, junk_forms

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
junk = junk_forms(FIELDS)


@pytest.mark.parametrize("name", FORM_URLS)
@JUNK_SETTINGS
@given(data=junk)
def test_junk_post_never_gives_a_server_error(name, data, cast):
    assert_no_server_error(matrix.MATRIX[name].url(cast), data, cast, name=name)
