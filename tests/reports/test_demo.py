"""The demo: surveys with results, costs that add up, a dashboard with charts; seeded once."""

import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from revmentor.applications.models import Application
from revmentor.core.models import User
from revmentor.programs.models import Program
from revmentor.reports import queries
from revmentor.reports.models import CostSettings, TravelCost
from revmentor.surveys import results
from revmentor.surveys.models import Respondent, Response, Survey
from tests.auth import sign_in


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent: nothing doubles
    program = Program.objects.get(slug="omvant-mentorskap-2022")
    client = Client()
    sign_in(client, User.objects.get(email="samordnare@demo.test"))
    return program, client


def test_the_demo_has_a_start_and_an_end_survey_answered_once_each(demo):
    program, _client = demo
    # The program's own questions; the instrument surveys are tested in tests/surveys.
    surveys = {s.kind: s for s in Survey.objects.filter(program=program, instrument="")}
    assert sorted(surveys) == ["end", "start"]
    for survey in surveys.values():
        assert survey.status == "closed"
        assert (
            Response.objects.filter(survey=survey).count()
            == Respondent.objects.filter(survey=survey).count()
            >= 20
        )
    assert CostSettings.objects.get(program=program).cutoff_date.isoformat() == "2022-05-15"


def test_demo_results_show_profiles_and_never_a_group_under_five(demo):
    program, client = demo
    end = Survey.objects.get(program=program, kind="end", instrument="")
    first = results.survey_results(end)[0]
    assert [g.state for g in first.by_profile] == ["shown", "shown"]
    assert 4 in [g.n for g in first.by_organisation]  # a group of four exists...
    assert all(g.counts == [] for g in first.by_organisation if g.n < 5)  # ...and is never shown
    page = client.get(
        reverse("surveys:results", kwargs={"slug": program.slug, "public_id": end.public_id})
    ).text
    assert page.count('role="img"') >= 6
    assert "Förändring sedan startenkäten" in page
    for name, n in [(g.label, g.n) for g in first.by_organisation]:
        row = re.search(rf'<th scope="row">{re.escape(name)}</th>\s*<td[^>]*>([^<]*)<', page)
        assert row.group(1) == "För få svar för att visas.", (name, n)


def test_demo_invoice_basis_adds_up_per_organisation_and_in_total(demo):
    program, client = demo
    coordinator = User.objects.get(email="samordnare@demo.test")
    costs = queries.costs(coordinator, program)
    for cost in costs:
        nominated = Application.objects.filter(
            program=program, organisation=cost.organisation, status="nominated"
        ).count()
        travel = sum(
            (
                t.amount
                for t in TravelCost.objects.filter(
                    application__organisation=cost.organisation, application__program=program
                )
            ),
            Decimal("0"),
        )
        assert (cost.participants, cost.total) == (
            nominated,
            nominated * Decimal("5000.00") + travel,
        )
    # By hand: 31 nominated x 5 000 kr + 1 840 + 2 350,50 + 620 + 1 195 kr travel.
    assert sum(c.participants for c in costs) == 31
    assert sum((c.total for c in costs), Decimal("0")) == Decimal("155000.00") + Decimal("6005.50")
    biggest = max(costs, key=lambda c: c.travel)
    xlsx = client.get(
        reverse(
            "reports:invoice",
            kwargs={
                "slug": program.slug,
                "organisation": biggest.organisation.public_id,
                "file_format": "xlsx",
            },
        )
    )
    last = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))[-1]
    assert last == (
        "Totalt",
        biggest.participants,
        float(biggest.fees),
        float(biggest.travel),
        float(biggest.total),
    )
    pdf = client.get(
        reverse(
            "reports:invoice",
            kwargs={
                "slug": program.slug,
                "organisation": biggest.organisation.public_id,
                "file_format": "pdf",
            },
        )
    )
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert biggest.organisation.name in text
    assert program.title.split(":")[0] in text


def test_the_demo_dashboard_renders_every_chart_with_its_table(demo):
    program, client = demo
    page = client.get(reverse("reports:dashboard", kwargs={"slug": program.slug})).text
    for chart_id in ("funnel", "ages-mentor", "ages-adept", "effort", "attendance"):
        assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in page, chart_id
    assert page.count('<div class="table-wrap">') == 5


def test_demo_cost_page_total_is_the_sum_of_its_rows_and_names_who_registered_travel(demo):
    program, client = demo
    page = client.get(reverse("reports:costs", kwargs={"slug": program.slug})).text.replace(
        "\xa0", " "
    )
    # Öre as registered: 31 x 5 000 kr + 6 005,50 kr of travel, the same in the rows and the total.
    assert "161 005,50 kr" in page
    assert "2 350,50 kr" in page
    assert "Debiteras: alla som anmäldes och inte drog sig ur före brytdatumet." in page
    coordinator = User.objects.get(email="samordnare@demo.test")
    assert set(
        TravelCost.objects.filter(application__program=program).values_list(
            "registered_by", flat=True
        )
    ) == {coordinator.pk}
    assert coordinator.get_full_name() in page
