"""Who the billing rules charge, and the invoice basis agreeing with itself to the öre:
the cost page, the XLSX files and the PDF all show the one cost statement."""

import io
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from revmentor.applications import services as application_services
from revmentor.core.models import Role
from revmentor.mentorships.models import MeetingLog, Mentorship, MentorshipGroup
from revmentor.programs.models import BillingRule, CostRounding
from revmentor.reports import queries
from revmentor.reports.models import CostSettings, TravelCost
from tests.factories import make_program
from tests.surveys.support import nominated

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
CUTOFF = date(2022, 5, 15)


def withdraw(application, by, on: date):
    application_services.withdraw(application=application, withdrawn_by=by)
    application.withdrawn_at = datetime(on.year, on.month, on.day, 10, tzinfo=STOCKHOLM)
    application.save(update_fields=["withdrawn_at"])


def held(day: date, **owner) -> MeetingLog:
    return MeetingLog.objects.create(status=MeetingLog.Status.HELD, date=day, hours=1, **owner)


@pytest.fixture
def people(cast):
    """Names -> applications of a program where each rule charges someone different.

    Anna-Bo: a pair that met; Cia-Dan: a pair that never met; Eva: nominated, never matched;
    Fia: withdrew before the cut-off, Gun after it (neither matched); Mats with Nils and Olle:
    a group whose one held meeting is in the group's log.
    """
    program = cast.program
    CostSettings.objects.create(program=program, cutoff_date=CUTOFF)
    found = {
        name: nominated(program, cast.org_a, full_name=name)[0]
        for name in ["Anna", "Bo", "Cia", "Dan", "Eva", "Fia", "Gun", "Mats", "Nils", "Olle"]
    }
    met = Mentorship.objects.create(program=program, mentor=found["Anna"], adept=found["Bo"])
    held(program.period_start, mentorship=met)
    Mentorship.objects.create(program=program, mentor=found["Cia"], adept=found["Dan"])
    group = MentorshipGroup.objects.create(program=program, name="Mats grupp", mentor=found["Mats"])
    for adept in ("Nils", "Olle"):
        Mentorship.objects.create(
            program=program, mentor=found["Mats"], adept=found[adept], group=group
        )
    held(program.period_start, group=group)
    withdraw(found["Fia"], cast.participant, CUTOFF - timedelta(days=1))
    withdraw(found["Gun"], cast.participant, CUTOFF)
    return found


@pytest.mark.parametrize(
    ("rule", "charged"),
    [
        (BillingRule.NOMINATED, ["Anna", "Bo", "Cia", "Dan", "Eva", "Gun", "Mats", "Nils", "Olle"]),
        (BillingRule.MATCHED, ["Anna", "Bo", "Cia", "Dan", "Mats", "Nils", "Olle"]),
        (BillingRule.MET, ["Anna", "Bo", "Mats", "Nils", "Olle"]),
    ],
)
def test_each_billing_rule_charges_exactly_the_expected_people(cast, people, rule, charged):
    cast.program.billing_rule = rule
    cast.program.save()
    assert sorted(a.full_name for a in queries.charged_applications(cast.program)) == charged
    statement = queries.cost_statement(cast.coordinator, cast.program)
    assert statement.participants == len(charged)
    assert statement.fees == Decimal("5000.00") * len(charged)


def test_the_rule_is_said_in_plain_words_on_the_page(cast, client_for, people):
    cast.program.billing_rule = BillingRule.MET
    cast.program.save()
    page = client_for("hr_a").get(reverse("reports:hr_costs", kwargs={"slug": cast.program.slug}))
    assert "Debiteras: alla som deltog i minst en träff med sitt par eller sin grupp." in page.text


def test_whole_kronor_rounds_each_amount_once_and_the_total_is_the_sum_of_the_rows(
    cast, client_for
):
    program = cast.program
    program.cost_rounding = CostRounding.KRONA
    program.save()
    # The demo's case: 2 350,50 kr rounds to 2 351 kr on every row, never 2 350 on the page.
    anna, bo = nominated(program, cast.org_a, 2)
    TravelCost.objects.create(application=anna, amount=Decimal("2350.50"))
    TravelCost.objects.create(application=bo, amount=Decimal("1000.25"))
    TravelCost.objects.create(application=bo, amount=Decimal("0.25"))
    statement = queries.cost_statement(cast.coordinator, program)
    [org_a] = [c for c in statement.organisations if c.organisation == cast.org_a]
    assert sorted(line.travel for line in org_a.lines) == [Decimal("1001"), Decimal("2351")]
    assert (statement.travel, statement.total) == (Decimal("3352"), Decimal("13352"))
    page = client_for("coordinator").get(reverse("reports:costs", kwargs={"slug": program.slug}))
    text = page.text.replace("\xa0", " ")
    assert "3 352 kr" in text
    assert "13 352 kr" in text
    invoice = client_for("coordinator").get(
        reverse("reports:invoice", args=[program.slug, cast.org_a.public_id, "xlsx"])
    )
    amounts = sorted(row[3] for row in xlsx_rows(invoice.content)[-3:-1])
    assert amounts == [1001, 2351]


def test_each_travel_cost_shows_who_registered_it_and_when(cast, client_for):
    [anna] = nominated(cast.program, cast.org_a)
    TravelCost.objects.create(
        application=anna,
        amount=Decimal("99.00"),
        registered_by=cast.hr_a,
        registered_at=datetime(2026, 5, 4, 9, 30, tzinfo=STOCKHOLM),
    )
    page = client_for("coordinator").get(
        reverse("reports:costs", kwargs={"slug": cast.program.slug})
    )
    row = re.search(rf"<td>{re.escape(anna.full_name)}</td>.*?</tr>", page.text, re.S).group(0)
    assert cast.hr_a.get_full_name() in row
    assert "2026-05-04 09:30" in row


# ---- the property: page, XLSX and PDF agree with their rows and with each other ----------

AMOUNT = re.compile(r"(\d{1,3}(?: \d{3})*(?:,\d{2})?) kr")


def money(text: str) -> Decimal:
    return Decimal(text.replace(" ", "").replace(",", ".").removesuffix("kr"))


def cell(value) -> Decimal:
    return Decimal(str(value))


def page_table(html: str) -> tuple[list[list[Decimal]], list[Decimal]]:
    """(organisation rows, totals row) of the cost page as [participants, fees, travel, total]."""
    html = html.replace("\xa0", " ")
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    foot = html[html.index("<tfoot>") : html.index("</tfoot>")]

    def values(part):
        return [
            money(v) if v.endswith("kr") else Decimal(v)
            for v in re.findall(r'<td class="num">([^<]*)</td>', part)
        ]

    cells = values(body)
    return [cells[i : i + 4] for i in range(0, len(cells), 4)], values(foot)


def xlsx_rows(content: bytes) -> list[list]:
    return [list(r) for r in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]


def pdf_lines_and_totals(content: bytes) -> tuple[list[list[Decimal]], list[Decimal]]:
    """Each person's (fee, travel, amount) and the totals row (participants, fee, travel, amount)."""
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    lines, totals = [], []
    for line in text.replace("\xa0", " ").splitlines():
        if line.startswith("Totalt "):
            count, rest = line.removeprefix("Totalt ").split(" ", 1)
            totals = [Decimal(count)] + [money(a) for a in AMOUNT.findall(rest)]
        # A long name may wrap onto its own line, leaving the profile first on the row's line.
        elif line.split(" ")[-1] == "kr" and (" mentor " in f" {line}" or " adept " in f" {line}"):
            lines.append([money(a) for a in AMOUNT.findall(line)])
    return lines, totals


person = st.fixed_dictionaries(
    {
        "org": st.sampled_from(["a", "b"]),
        "withdrawn": st.sampled_from([None, -1, 0, 1]),  # days from the cut-off
        "paired": st.booleans(),
        "met": st.booleans(),
        "travel": st.lists(
            st.decimals(min_value=Decimal("0"), max_value=Decimal("99999.99"), places=2),
            max_size=3,
        ),
    }
)
scenario = st.fixed_dictionaries(
    {
        "fee": st.decimals(min_value=Decimal("0"), max_value=Decimal("20000"), places=2),
        "rule": st.sampled_from(list(BillingRule)),
        "rounding": st.sampled_from(list(CostRounding)),
        "cutoff": st.one_of(st.none(), st.just(CUTOFF)),
        "people": st.lists(person, max_size=7),
    }
)


def build(cast, data):
    program = make_program(
        organisations=[cast.org_a, cast.org_b],
        cost_per_participant=data["fee"],
        billing_rule=data["rule"],
        cost_rounding=data["rounding"],
    )
    Role.objects.create(user=cast.coordinator, kind=Role.Kind.COORDINATOR, program=program)
    CostSettings.objects.create(program=program, cutoff_date=data["cutoff"])
    made = []
    for spec in data["people"]:
        [application] = nominated(program, cast.org_a if spec["org"] == "a" else cast.org_b)
        for amount in spec["travel"]:
            TravelCost.objects.create(application=application, amount=amount)
        if spec["withdrawn"] is not None:
            withdraw(application, cast.participant, CUTOFF + timedelta(days=spec["withdrawn"]))
        made.append((application, spec))
    paired = [(a, s) for a, s in made if s["paired"]]
    for (mentor, spec), (adept, _spec) in zip(paired[::2], paired[1::2], strict=False):
        pair = Mentorship.objects.create(program=program, mentor=mentor, adept=adept)
        if spec["met"]:
            held(program.period_start, mentorship=pair)
    return program


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=scenario)
def test_page_xlsx_and_pdf_totals_equal_their_rows_and_each_other(cast, client_for, data):
    program = build(cast, data)
    statement = queries.cost_statement(cast.coordinator, program)
    client = client_for("coordinator")

    rows, foot = page_table(client.get(reverse("reports:costs", args=[program.slug])).text)
    expected_foot = [statement.participants, statement.fees, statement.travel, statement.total]
    assert foot == expected_foot
    assert [sum(column) for column in zip(*rows, strict=True)] == foot if rows else foot == [0] * 4
    assert all(row[1] + row[2] == row[3] for row in rows)

    totals = xlsx_rows(client.get(reverse("reports:costs_export", args=[program.slug])).content)
    header = totals.index(
        ["Myndighet", "Debiterade deltagare", "Deltagaravgifter", "Resekostnader", "Belopp"]
    )
    xlsx_orgs = [[cell(v) for v in r[1:]] for r in totals[header + 1 : -1]]
    assert xlsx_orgs == rows
    assert [cell(v) for v in totals[-1][1:]] == foot

    for cost, page_row in zip(statement.organisations, rows, strict=True):
        args = [program.slug, cost.organisation.public_id]
        invoice = xlsx_rows(client.get(reverse("reports:invoice", args=[*args, "xlsx"])).content)
        start = invoice.index(["Namn", "Profil", "Deltagaravgift", "Resekostnader", "Belopp"])
        lines = [[cell(v) for v in r[2:]] for r in invoice[start + 1 : -1]]
        last = [cell(v) for v in invoice[-1][1:]]
        assert last[1:] == [sum((line[i] for line in lines), Decimal(0)) for i in range(3)]
        assert last == page_row
        assert all(line[0] + line[1] == line[2] for line in lines)

        pdf_lines, pdf_totals = pdf_lines_and_totals(
            client.get(reverse("reports:invoice", args=[*args, "pdf"])).content
        )
        assert pdf_lines == lines
        assert pdf_totals == page_row
