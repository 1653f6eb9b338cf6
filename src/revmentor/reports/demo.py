"""Demo costs for the 2022 program: a cut-off date and travel costs, registered by the
coordinator, for a few people. Idempotent."""

from datetime import date
from decimal import Decimal

from revmentor.core.models import User
from revmentor.reports import queries
from revmentor.reports.models import CostSettings, TravelCost

TRAVEL = [
    (Decimal("1840.00"), "Tåg Göteborg–Stockholm t/r, uppstartsträffen"),
    (Decimal("2350.50"), "Tåg och hotell, avslutningsträffen"),
    (Decimal("620.00"), "Buss Uppsala–Stockholm t/r"),
    (Decimal("1195.00"), "Tåg Linköping–Stockholm t/r"),
]


def seed(ctx) -> None:
    program = ctx.closed
    CostSettings.objects.update_or_create(
        program=program, defaults={"cutoff_date": date(2022, 5, 15)}
    )
    registrar = User.objects.filter(email="samordnare@demo.test").first()
    people = list(queries.charged_applications(program).order_by("id")[: len(TRAVEL)])
    for person, (amount, note) in zip(people, TRAVEL, strict=False):
        TravelCost.objects.get_or_create(
            application=person, note=note, defaults={"amount": amount, "registered_by": registrar}
        )
