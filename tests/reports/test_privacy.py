"""Travel costs in the register extract; erasure clears the note and registrar, keeps the amount."""

from decimal import Decimal

import pytest

from revmentor.privacy import registry
from revmentor.reports.models import TravelCost
from tests.surveys.support import nominated

pytestmark = pytest.mark.django_db


def test_extract_and_erasure_of_travel_costs(cast):
    [application] = nominated(cast.program, cast.org_a, applicant=cast.participant)
    cost = TravelCost.objects.create(
        application=application,
        amount=Decimal("640.00"),
        note="Tåg från Gävle",
        registered_by=cast.hr_a,
    )
    provider = registry.provider("reports")
    extract = provider.extract(cast.participant)
    assert [(c["amount"], c["note"]) for c in extract["travel_costs"]] == [
        ("640.00", "Tåg från Gävle")
    ]
    assert provider.extract(cast.hr_a)["travel_costs_registered"] == 1
    assert provider.programs_of(cast.hr_a) == {cast.program.pk}
    assert provider.erase(user=cast.participant, program=cast.program) == 1
    assert provider.erase(user=cast.hr_a, program=cast.program) == 1
    cost.refresh_from_db()
    assert (cost.amount, cost.note, cost.registered_by) == (Decimal("640.00"), "", None)
