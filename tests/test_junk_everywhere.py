"""Junk posted to every URL of the project, as every role, never gives a server error.

The field names come from the page itself (whatever inputs the signed-in roles see), so
each form gets junk in its own fields, plus names it does not know.
"""

import re

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.auth import sign_in
from tests.factories import ROLES
from tests.junk import JUNK_SETTINGS, assert_no_server_error, junk_forms
from tests.test_permission_matrix import MATRIX

NAME = re.compile(r'name="([^"]+)"')
# Signing out and the language switch take no data worth fuzzing; the admin is Django's.
SKIP = {"core:sign_out", "set_language", "admin:index", "healthz"}


_seen: dict[str, list[str]] = {}


def field_names(url: str, cast) -> list[str]:
    if url in _seen:
        return _seen[url]
    names = {"csrfmiddlewaretoken"}
    for role in ROLES:
        client = Client(raise_request_exception=False)
        user = cast.user(role)
        if user is not None:
            sign_in(client, user)
        response = client.get(url)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            names |= set(NAME.findall(response.content.decode()))
    _seen[url] = sorted(names - {"csrfmiddlewaretoken"}) or ["x"]
    return _seen[url]


@pytest.mark.parametrize("name", sorted(set(MATRIX) - SKIP))
@settings(JUNK_SETTINGS, max_examples=3)
@given(data=st.data())
def test_junk_post_to_any_url_never_gives_a_server_error(name, data, cast):
    url = MATRIX[name].url(cast)
    form = data.draw(junk_forms(field_names(url, cast)))
    assert_no_server_error(url, form, cast, name=name)
