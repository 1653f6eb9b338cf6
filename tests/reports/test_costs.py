"""Costs per organisation: who is charged, travel costs, and the invoice basis as XLSX and PDF."""

import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from revmentor.applications import services as application_services
from revmentor.core.models import AuditEntry
from revmentor.reports import queries, services
from revmentor.reports.models import CostSettings, TravelCost
from tests.querycount import assert_constant_queries
from tests.surveys.support import nominated

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def withdraw(application, cast, on: date):
    application_services.withdraw(application=application, withdrawn_by=cast.participant)
    application.withdrawn_at = datetime(on.year, on.month, on.day, 10, tzinfo=STOCKHOLM)
    application.save()


@pytest.fixture
def priced(cast):
    """Org A: 3 nominated, one withdrew before and one after the cut-off; org B: 2 nominated."""
    program = cast.program
    program.cost_per_participant = Decimal("5000.00")
    program.save()
    names_a = ["Anna Ek", "Bo Ek", "Cia Ek", "Dan Ek", "Eva Ek"]
    a = [nominated(program, cast.org_a, full_name=name)[0] for name in names_a]
    b = [
        nominated(program, cast.org_b, full_name=name, profile_kind="adept")[0]
        for name in ["Fia Ås", "Gun Ås"]
    ]
    CostSettings.objects.create(program=program, cutoff_date=date(2022, 5, 15))
    withdraw(a[3], cast, date(2022, 5, 14))  # before the cut-off: not charged
    withdraw(a[4], cast, date(2022, 5, 15))  # on the cut-off day: charged
    TravelCost.objects.create(application=a[0], amount=Decimal("1840.00"), note="Tåg")
    TravelCost.objects.create(application=a[0], amount=Decimal("250.50"), note="Buss")
    TravelCost.objects.create(application=b[1], amount=Decimal("620.00"), note="Tåg")
    return a, b


def test_the_invoice_basis_adds_up_to_the_hand_computed_totals(cast, priced):
    a, b = priced
    costs = {c.organisation.short_name: c for c in queries.costs(cast.coordinator, cast.program)}
    org_a, org_b = costs["A"], costs["B"]
    # A: Anna, Bo, Cia, Eva charged (Dan withdrew before the cut-off) = 4 x 5000 + 1840 + 250.50
    assert [line.application.full_name for line in org_a.lines] == [
        "Anna Ek",
        "Bo Ek",
        "Cia Ek",
        "Eva Ek",
    ]
    assert (org_a.participants, org_a.fees, org_a.travel, org_a.total) == (
        4,
        Decimal("20000.00"),
        Decimal("2090.50"),
        Decimal("22090.50"),
    )
    # B: 2 x 5000 + 620
    assert (org_b.participants, org_b.fees, org_b.travel, org_b.total) == (
        2,
        Decimal("10000.00"),
        Decimal("620.00"),
        Decimal("10620.00"),
    )


def test_without_a_cut_off_date_only_those_nominated_now_are_charged(cast, priced):
    CostSettings.objects.filter(program=cast.program).update(cutoff_date=None)
    assert sorted(a.full_name for a in queries.charged_applications(cast.program)) == [
        "Anna Ek",
        "Bo Ek",
        "Cia Ek",
        "Fia Ås",
        "Gun Ås",
    ]


def test_the_invoice_xlsx_holds_program_period_names_and_amounts_in_swedish(
    cast, client_for, priced
):
    url = reverse(
        "reports:invoice",
        kwargs={
            "slug": cast.program.slug,
            "organisation": cast.org_a.public_id,
            "file_format": "xlsx",
        },
    )
    response = client_for("coordinator").get(url)
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="fakturaunderlag-{cast.program.slug}-a.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    period = f"{cast.program.period_start:%Y-%m-%d} – {cast.program.period_end:%Y-%m-%d}"
    assert rows[:8] == [
        ["Fakturaunderlag", "Organisation A", None, None, None],
        ["Program", cast.program.title, None, None, None],
        ["Period", period, None, None, None],
        [
            "Debiteras",
            "alla som anmäldes och inte drog sig ur före brytdatumet",
            None,
            None,
            None,
        ],
        ["Kostnad per deltagare", 5000, None, None, None],
        ["Brytdatum", "2022-05-15", None, None, None],
        ["Belopp avrundade till", "öre (två decimaler)", None, None, None],
        ["Debiterade deltagare", 4, None, None, None],
    ]
    assert rows[9:] == [
        ["Namn", "Profil", "Deltagaravgift", "Resekostnader", "Belopp"],
        ["Anna Ek", "junior mentor", 5000, 2090.5, 7090.5],
        ["Bo Ek", "junior mentor", 5000, 0, 5000],
        ["Cia Ek", "junior mentor", 5000, 0, 5000],
        ["Eva Ek", "junior mentor", 5000, 0, 5000],
        ["Totalt", 4, 20000, 2090.5, 22090.5],
    ]
    assert (
        AuditEntry.objects.filter(
            action="reports.exported", summary=f"invoice-{cast.org_a.pk}.xlsx"
        ).count()
        == 1
    )


def test_the_invoice_pdf_names_the_program_the_people_and_the_total(cast, client_for, priced):
    url = reverse(
        "reports:hr_invoice",
        kwargs={
            "slug": cast.program.slug,
            "organisation": cast.org_b.public_id,
            "file_format": "pdf",
        },
    )
    response = client_for("hr_b").get(url)
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in [
        "Fakturaunderlag: Organisation B",
        cast.program.title,
        "Fia Ås",
        "Gun Ås",
        "Debiteras: alla som anmäldes och inte drog sig ur före brytdatumet.",
        "5 620,00 kr",
        "10 620,00 kr",
    ]:
        assert expected in text.replace("\xa0", " "), expected
    assert "Anna Ek" not in text
    assert AuditEntry.objects.filter(action="reports.exported", actor=cast.hr_b).count() == 1


def test_hr_cannot_download_another_organisations_invoice(cast, client_for, priced):
    url = reverse(
        "reports:hr_invoice",
        kwargs={
            "slug": cast.program.slug,
            "organisation": cast.org_a.public_id,
            "file_format": "xlsx",
        },
    )
    assert client_for("hr_b").get(url).status_code == 404


def test_the_cost_totals_xlsx_lists_each_organisation_and_the_sum(cast, client_for, priced):
    response = client_for("coordinator").get(
        reverse("reports:costs_export", kwargs={"slug": cast.program.slug})
    )
    rows = [
        list(r)
        for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    ]
    assert rows[:3] == [
        ["Program", cast.program.title, None, None, None],
        ["Debiteras", "alla som anmäldes och inte drog sig ur före brytdatumet", None, None, None],
        ["Belopp avrundade till", "öre (två decimaler)", None, None, None],
    ]
    assert rows[4:] == [
        ["Myndighet", "Debiterade deltagare", "Deltagaravgifter", "Resekostnader", "Belopp"],
        ["Organisation A", 4, 20000, 2090.5, 22090.5],
        ["Organisation B", 2, 10000, 620, 10620],
        ["Totalt", 6, 30000, 2710.5, 32710.5],
    ]


def test_hr_registers_a_travel_cost_for_their_own_participant(cast, client_for, priced):
    a, _b = priced
    response = client_for("hr_a").post(
        reverse("reports:hr_costs", kwargs={"slug": cast.program.slug}),
        {
            "action": "travel",
            "travel-application": str(a[1].public_id),
            "travel-amount": "499.90",
            "travel-note": "Tåg",
        },
    )
    assert response.status_code == 302
    cost = TravelCost.objects.get(application=a[1])
    assert (cost.amount, cost.note, cost.registered_by) == (Decimal("499.90"), "Tåg", cast.hr_a)
    assert AuditEntry.objects.filter(action="costs.travel_added", actor=cast.hr_a).count() == 1


@pytest.mark.parametrize(
    ("who", "amount", "person", "error_field"),
    [
        ("coordinator", "-1", 0, "amount"),
        ("hr_b", "100", 0, "application"),  # organisation A's person is not HR B's to charge
        ("coordinator", "100", "forged", "application"),
    ],
)
def test_a_negative_or_foreign_travel_cost_is_refused_and_nothing_saved(
    cast, client_for, priced, who, amount, person, error_field
):
    a, _b = priced
    before = TravelCost.objects.count()
    person_id = (
        "00000000-0000-0000-0000-000000000000" if person == "forged" else str(a[person].public_id)
    )
    url = reverse(
        "reports:costs" if who == "coordinator" else "reports:hr_costs",
        kwargs={"slug": cast.program.slug},
    )
    response = client_for(who).post(
        url, {"action": "travel", "travel-application": person_id, "travel-amount": amount}
    )
    assert response.status_code == 200
    assert list(response.context["travel_form"].errors) == [error_field]
    assert TravelCost.objects.count() == before


def test_the_service_refuses_a_negative_travel_cost(cast, priced):
    a, _b = priced
    with pytest.raises(services.ReportError, match="En resekostnad kan inte vara negativ."):
        services.add_travel_cost(
            application=a[0], amount=Decimal("-0.01"), note="", registered_by=None
        )


def test_hr_cannot_remove_another_organisations_travel_cost(cast, client_for, priced):
    a, _b = priced
    cost = TravelCost.objects.filter(application=a[0]).first()
    url = reverse(
        "reports:hr_travel_delete", kwargs={"slug": cast.program.slug, "public_id": cost.public_id}
    )
    assert client_for("hr_b").post(url).status_code == 404
    assert client_for("hr_a").post(url).status_code == 302
    assert not TravelCost.objects.filter(pk=cost.pk).exists()


def test_coordinator_sets_who_is_charged_and_it_is_audited(cast, client_for):
    client_for("coordinator").post(
        reverse("reports:costs", kwargs={"slug": cast.program.slug}),
        {
            "action": "billing",
            "billing-billing_rule": "matched",
            "billing-cost_rounding": "krona",
            "billing-cutoff_date": "2022-06-01",
        },
    )
    cast.program.refresh_from_db()
    assert (cast.program.billing_rule, cast.program.cost_rounding) == ("matched", "krona")
    assert CostSettings.objects.get(program=cast.program).cutoff_date == date(2022, 6, 1)
    entry = AuditEntry.objects.get(action="costs.billing_set")
    assert (entry.before, entry.after) == (
        {"billing_rule": "nominated", "cost_rounding": "ore", "cutoff_date": None},
        {"billing_rule": "matched", "cost_rounding": "krona", "cutoff_date": "2022-06-01"},
    )


def test_an_unknown_billing_rule_is_refused_next_to_the_field_and_nothing_saved(cast, client_for):
    response = client_for("coordinator").post(
        reverse("reports:costs", kwargs={"slug": cast.program.slug}),
        {"action": "billing", "billing-billing_rule": "everyone", "billing-cost_rounding": "ore"},
    )
    assert response.status_code == 200
    assert list(response.context["billing_form"].errors) == ["billing_rule"]
    cast.program.refresh_from_db()
    assert cast.program.billing_rule == "nominated"
    assert not AuditEntry.objects.filter(action="costs.billing_set").exists()


def test_hr_cannot_change_who_is_charged(cast, client_for):
    client_for("hr_a").post(
        reverse("reports:hr_costs", kwargs={"slug": cast.program.slug}),
        {"action": "billing", "billing-billing_rule": "met", "billing-cost_rounding": "krona"},
    )
    cast.program.refresh_from_db()
    assert (cast.program.billing_rule, cast.program.cost_rounding) == ("nominated", "ore")


def test_hr_sees_only_their_own_organisations_costs(cast, client_for, priced):
    page = (
        client_for("hr_b").get(reverse("reports:hr_costs", kwargs={"slug": cast.program.slug})).text
    )
    assert "Organisation B" in page
    assert "Organisation A" not in page
    assert "Anna Ek" not in page


def test_cost_pages_run_the_same_queries_for_1_and_30_people(cast, client_for):
    def add(i):
        [person] = nominated(cast.program, cast.org_a if i % 2 else cast.org_b)
        TravelCost.objects.create(application=person, amount=Decimal("10.00"))

    assert_constant_queries(
        client_for("coordinator"), reverse("reports:costs", kwargs={"slug": cast.program.slug}), add
    )
    assert_constant_queries(
        client_for("hr_a"), reverse("reports:hr_costs", kwargs={"slug": cast.program.slug}), add
    )
