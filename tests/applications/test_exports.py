"""HR's list and the coordinator's nominations as CSV and XLSX, with the page's filters, audited."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from revmentor.core.models import AuditEntry
from tests.applications.support import make_application


def test_hr_csv_export_has_only_its_organisation_with_the_filters_and_is_audited(cast, client_for):
    make_application(cast.program, cast.org_a, full_name="Anna Mentor")
    make_application(cast.program, cast.org_a, full_name="Adam Adept", profile_kind="adept")
    make_application(cast.program, cast.org_b, full_name="Bertil Annan")
    response = client_for("hr_a").get(
        reverse("applications:hr_export", kwargs={"slug": cast.program.slug, "file_format": "csv"}),
        {"profile": "mentor"},
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(
        csv.reader(
            io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert rows[0][:3] == ["Namn", "E-postadress på jobbet", "Telefon"]
    assert [r[0] for r in rows[1:]] == ["Anna Mentor"]
    entry = AuditEntry.objects.get(action="applications.exported")
    assert (entry.actor, entry.after) == (
        cast.hr_a,
        {"list": "hr", "format": "csv", "rows": 1, "profile": "mentor"},
    )


def test_coordinator_xlsx_export_has_every_organisation(cast, client_for):
    make_application(cast.program, cast.org_a, full_name="Anna Mentor", status="nominated")
    make_application(cast.program, cast.org_b, full_name="Bertil Annan")
    response = client_for("coordinator").get(
        reverse(
            "applications:nominations_export",
            kwargs={"slug": cast.program.slug, "file_format": "xlsx"},
        ),
        {"sort": "name"},
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Anna Mentor", "Bertil Annan"]
    assert AuditEntry.objects.filter(action="applications.exported").count() == 1


def test_export_cells_cannot_start_a_formula(cast, client_for):
    make_application(cast.program, cast.org_a, full_name="=HYPERLINK(1)")
    response = client_for("hr_a").get(
        reverse("applications:hr_export", kwargs={"slug": cast.program.slug, "file_format": "csv"})
    )
    assert "'=HYPERLINK(1)" in b"".join(response.streaming_content).decode("utf-8-sig")


def test_unknown_export_format_is_404(cast, client_for):
    response = client_for("hr_a").get(
        reverse("applications:hr_export", kwargs={"slug": cast.program.slug, "file_format": "pdf"})
    )
    assert response.status_code == 404
