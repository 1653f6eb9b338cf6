"""Junk posted to the cost forms, as every role, never gives a server error or a bad travel cost."""

from decimal import Decimal

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revmentor.reports.models import TravelCost
from tests.auth import sign_in
from tests.junk import assert_no_server_error
from tests.reports import matrix
from tests.surveys.support import nominated

FIELDS = [
    "action",
    "cutoff-cutoff_date",
    "travel-application",
    "travel-amount",
    "travel-note",
]
values = st.one_of(
    st.sampled_from(["cutoff", "travel"]),
    st.text(max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(str),
    st.uuids().map(str),
    st.lists(st.text(max_size=10), max_size=3),
)
junk = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), values, max_size=8)


@pytest.mark.parametrize("name", ["reports:costs", "reports:hr_costs"])
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=junk)
def test_junk_post_never_gives_a_server_error(name, data, cast):
    assert_no_server_error(matrix.MATRIX[name].url(cast), data, cast, name=name)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(amount=st.decimals(allow_nan=True, allow_infinity=True).map(str) | st.text(max_size=12))
def test_no_negative_or_malformed_travel_cost_is_ever_saved(amount, cast):
    person = nominated(cast.program, cast.org_a)[0]
    client = Client()
    sign_in(client, cast.coordinator)
    client.post(
        matrix.MATRIX["reports:costs"].url(cast),
        {"action": "travel", "travel-application": str(person.public_id), "travel-amount": amount},
    )
    for cost in TravelCost.objects.all():
        assert Decimal("0") <= cost.amount <= Decimal("99999999.99")
