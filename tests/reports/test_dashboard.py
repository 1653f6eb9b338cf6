"""The dashboard: the funnel per organisation and profile, ages, completed, and its XLSX tables."""

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from revmentor.applications.models import Application
from revmentor.mentorships.models import Attendance, MeetingLog, Mentorship
from revmentor.programs.models import Program
from revmentor.reports import queries
from tests.applications.support import make_application
from tests.factories import make_joint_meeting
from tests.querycount import assert_constant_queries
from tests.reports.support import pair
from tests.surveys.support import nominated

pytestmark = pytest.mark.django_db


@pytest.fixture
def funnel_data(cast):
    program = cast.program
    make_application(program, cast.org_a)  # submitted, not nominated
    make_application(program, cast.org_a, status=Application.Status.DRAFT)  # not counted
    m1, m2, m3 = nominated(program, cast.org_a, 3, birth_year=program.period_start.year - 27)
    [adept_a] = nominated(
        program, cast.org_a, profile_kind="adept", birth_year=program.period_start.year - 50
    )
    adept_b1, adept_b2 = nominated(
        program, cast.org_b, 2, profile_kind="adept", birth_year=program.period_start.year - 58
    )
    active = pair(program, m1, adept_a)
    done = pair(program, m2, adept_b1, status=Mentorship.Status.ENDED, ended_on=program.period_end)
    for mentorship, hours, status in [
        (active, "1.5", "held"),
        (active, "2.0", "held"),
        (active, "3.0", "planned"),  # planned meetings are not effort
        (done, "4.25", "held"),
    ]:
        MeetingLog.objects.create(
            mentorship=mentorship, status=status, date=program.period_start, hours=Decimal(hours)
        )
    meeting = make_joint_meeting(program, title="Värderingar i arbetslivet")
    for person, answer in [(m1, "attending"), (adept_a, "attending"), (adept_b1, "not_attending")]:
        Attendance.objects.create(meeting=meeting, application=person, answer=answer)
    pair(
        program,
        m3,
        adept_b2,
        status=Mentorship.Status.ENDED,
        ended_on=program.period_start + timedelta(days=20),
    )
    return m1, m2, m3, adept_a, adept_b1, adept_b2


def counts(rows):
    return {(r.organisation, r.profile): list(r.counts.values()) for r in rows}


def test_the_funnel_counts_each_stage_per_organisation_and_profile(cast, funnel_data):
    rows = queries.funnel(cast.coordinator, cast.program)
    # applications, nominated, matched, active, completed
    assert counts(rows) == {
        ("Organisation A", "junior mentor"): [4, 3, 3, 1, 1],
        ("Organisation A", "senior adept"): [1, 1, 1, 1, 0],
        ("Organisation B", "senior adept"): [2, 2, 2, 0, 1],
    }
    assert queries.funnel_totals(rows) == {
        "applications": 7,
        "nominated": 6,
        "matched": 6,
        "active": 2,
        "completed": 2,
    }


def test_hr_sees_only_their_own_organisation_in_the_funnel(cast, funnel_data):
    assert counts(queries.funnel(cast.hr_b, cast.program)) == {
        ("Organisation B", "senior adept"): [2, 2, 2, 0, 1],
    }


def test_closing_the_program_completes_those_still_active(cast, funnel_data):
    m1, m2, _m3, adept_a, adept_b1, _ = funnel_data
    Program.objects.filter(pk=cast.program.pk).update(status=Program.Status.CLOSED)
    cast.program.refresh_from_db()
    assert set(queries.completed_applications(cast.program)) == {m1, adept_a, m2, adept_b1}


def test_ages_are_counted_in_bands_per_profile(cast, funnel_data):
    ages = queries.age_distribution(cast.coordinator, cast.program)
    assert ages["mentor"] == [
        ("–24", 0),
        ("25–29", 3),
        ("30–34", 0),
        ("35–44", 0),
        ("45–54", 0),
        ("55–64", 0),
        ("65–", 0),
    ]
    assert ages["adept"] == [
        ("–24", 0),
        ("25–29", 0),
        ("30–34", 0),
        ("35–44", 0),
        ("45–54", 1),
        ("55–64", 2),
        ("65–", 0),
    ]


def test_the_dashboard_shows_charts_with_tables_and_says_effort_is_not_logged_yet(
    cast, client_for, funnel_data
):
    page = (
        client_for("coordinator")
        .get(reverse("reports:dashboard", kwargs={"slug": cast.program.slug}))
        .text
    )
    for chart_id in ("funnel", "ages-mentor", "ages-adept"):
        assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in page
    assert re.findall(
        r'class="chart-value" fill="#1b1b1b">(\d+)</text>', page.split('id="ages-heading"')[0]
    ) == ["7", "6", "6", "2", "2"]
    assert (
        '<tfoot><tr><th scope="row">Totalt</th><td></td><td class="num">7</td><td class="num">6</td><td class="num">6</td><td class="num">2</td><td class="num">2</td></tr></tfoot>'
        in page
    )
    assert 'aria-labelledby="effort-title effort-desc"' in page
    assert "style=" not in page.split("<main", 1)[1]


def test_the_funnel_xlsx_has_the_dashboard_rows_and_is_audited(cast, client_for, funnel_data):
    from revmentor.core.models import AuditEntry

    url = reverse("reports:dashboard_export", kwargs={"slug": cast.program.slug, "table": "funnel"})
    rows = [
        list(r)
        for r in load_workbook(
            io.BytesIO(client_for("coordinator").get(url).content)
        ).active.iter_rows(values_only=True)
    ]
    assert rows[2:] == [
        ["Myndighet", "Profil", "Ansökningar", "Anmälda", "Matchade", "Aktiva", "Genomförda"],
        ["Organisation A", "junior mentor", 4, 3, 3, 1, 1],
        ["Organisation A", "senior adept", 1, 1, 1, 1, 0],
        ["Organisation B", "senior adept", 2, 2, 2, 0, 1],
        ["Totalt", None, 7, 6, 6, 2, 2],
    ]
    assert (
        AuditEntry.objects.filter(
            action="reports.exported", summary="dashboard-funnel.xlsx"
        ).count()
        == 1
    )


def test_hr_ages_xlsx_counts_only_their_organisation(cast, client_for, funnel_data):
    url = reverse(
        "reports:hr_dashboard_export", kwargs={"slug": cast.program.slug, "table": "ages"}
    )
    rows = [
        list(r)
        for r in load_workbook(io.BytesIO(client_for("hr_b").get(url).content)).active.iter_rows(
            values_only=True
        )
    ]
    assert rows[2] == ["Ålder", "Mentorer", "Adepter"]
    assert [r[1:] for r in rows[3:]] == [[0, 0], [0, 0], [0, 0], [0, 0], [0, 0], [0, 2], [0, 0]]


def test_an_unknown_table_or_hr_asking_for_names_is_404(cast, client_for):
    hr = reverse(
        "reports:hr_dashboard_export", kwargs={"slug": cast.program.slug, "table": "completed"}
    )
    unknown = reverse(
        "reports:dashboard_export", kwargs={"slug": cast.program.slug, "table": "secret"}
    )
    assert client_for("hr_a").get(hr).status_code == 404
    assert client_for("coordinator").get(unknown).status_code == 404


def test_dashboards_run_the_same_queries_for_1_and_30_people(cast, client_for):
    def add(i):
        mentor = nominated(cast.program, cast.org_a if i % 2 else cast.org_b)[0]
        adept = nominated(cast.program, cast.org_a, profile_kind="adept")[0]
        pair(cast.program, mentor, adept)

    assert_constant_queries(
        client_for("coordinator"),
        reverse("reports:dashboard", kwargs={"slug": cast.program.slug}),
        add,
    )
    assert_constant_queries(
        client_for("hr_a"), reverse("reports:hr_dashboard", kwargs={"slug": cast.program.slug}), add
    )


def test_effort_counts_held_hours_for_both_partners_per_organisation_and_profile(cast, funnel_data):
    rows = [
        (r.organisation, r.profile, r.people, r.hours, r.average)
        for r in queries.effort(cast.coordinator, cast.program)
    ]
    assert rows == [
        ("Organisation A", "junior mentor", 3, Decimal("7.75"), Decimal("2.6")),
        ("Organisation A", "senior adept", 1, Decimal("3.5"), Decimal("3.5")),
        ("Organisation B", "senior adept", 2, Decimal("4.25"), Decimal("2.1")),
    ]


def test_attendance_answers_are_counted_per_meeting_and_scoped_for_hr(cast, funnel_data):
    everyone = [
        (r.title, r.attending, r.not_attending)
        for r in queries.attendance(cast.coordinator, cast.program)
    ]
    hr_b = [
        (r.title, r.attending, r.not_attending) for r in queries.attendance(cast.hr_b, cast.program)
    ]
    assert everyone == [("Värderingar i arbetslivet", 2, 1)]
    assert hr_b == [("Värderingar i arbetslivet", 0, 1)]


def test_the_effort_xlsx_has_hours_per_organisation_and_profile(cast, client_for, funnel_data):
    url = reverse("reports:dashboard_export", kwargs={"slug": cast.program.slug, "table": "effort"})
    rows = [
        list(r)
        for r in load_workbook(
            io.BytesIO(client_for("coordinator").get(url).content)
        ).active.iter_rows(values_only=True)
    ]
    assert rows[2:] == [
        ["Myndighet", "Profil", "Personer", "Timmar", "Timmar per person"],
        ["Organisation A", "junior mentor", 3, 7.75, 2.6],
        ["Organisation A", "senior adept", 1, 3.5, 3.5],
        ["Organisation B", "senior adept", 2, 4.25, 2.1],
    ]
