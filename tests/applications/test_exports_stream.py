"""The application exports stream and hold exactly what the former, all-in-memory exports held."""

import csv
import io

from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from revmentor.applications import exports
from revmentor.applications.models import Application
from revmentor.core.models import AuditEntry
from tests.applications.support import make_application

# ---- the export as it was built before streaming: every row in memory, labels per row ----


def _former_row(application) -> list:
    submitted = (
        timezone.localtime(application.submitted_at).strftime("%Y-%m-%d %H:%M")
        if application.submitted_at
        else ""
    )
    values = [
        application.full_name,
        application.email,
        application.phone,
        str(application.organisation or ""),
        application.unit,
        application.job_title,
        str(application.get_profile_kind_display()),
        application.birth_year or "",
        str(application.get_status_display()),
        f"{application.manager_name} <{application.manager_email}>",
        str(application.get_manager_answer_display()),
        submitted,
        ", ".join(t.name for t in application.topics.all()),
        application.topics_text,
        str(application.get_preferred_format_display()),
        application.city,
        ", ".join(application.language_labels()),
        ", ".join(application.availability_labels()),
        application.accessibility_needs,
        application.decision_reason,
        application.late_registration_reason,
    ]
    return [exports._safe(v) if isinstance(v, str) else v for v in values]


def _former_csv(applications) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(exports.header())
    writer.writerows(_former_row(a) for a in applications)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _former_xlsx(applications) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Applications")[:31]
    sheet.append(exports.header())
    for application in applications:
        sheet.append(_former_row(application))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------------------


def _applications(cast):
    topics = list(cast.program.topics.all())
    made = [
        make_application(cast.program, cast.org_a, full_name="Anna Mentor"),
        make_application(
            cast.program,
            cast.org_a,
            full_name="Bo Adept",
            profile_kind="adept",
            status="nominated",
            decision_reason='Passar bra; se "motivering"',
            accessibility_needs="Hörslinga\noch textning",
        ),
        make_application(
            cast.program,
            cast.org_a,
            full_name="=SUMMA(A1)",
            status="waitlisted",
            manager_answer="confirmed",
            late_registration_reason="+sen anmälan",
            topics_text='Semikolon; citat " och radbrytning\r\nhär',
        ),
        make_application(cast.program, cast.org_a, full_name="Cecilia Utan Svar", birth_year=None),
    ]
    Application.objects.filter(pk=made[0].pk).update(city="Umeå")
    Application.objects.filter(pk=made[1].pk).update(
        languages=["sv", "fi", "xx"], availability=["mon_am", "fri_pm"], preferred_format="digital"
    )
    made[0].topics.set(topics[:2])
    made[1].topics.set(topics[1:3])
    make_application(cast.program, cast.org_b, full_name="Bertil Annan")  # not HR A's
    return made


def _export(client, cast, file_format, **params):
    return client.get(
        reverse(
            "applications:hr_export",
            kwargs={"slug": cast.program.slug, "file_format": file_format},
        ),
        params,
    )


def _former_order(cast):
    from revmentor.applications import queries

    return list(
        queries.filtered(
            queries.applications_visible_to(cast.hr_a, cast.program), {}
        ).prefetch_related("topics")
    )


def test_the_csv_streams_the_same_bytes_the_former_export_built(cast, client_for):
    _applications(cast)
    response = _export(client_for("hr_a"), cast, "csv")
    assert isinstance(response, StreamingHttpResponse)
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "text/csv; charset=utf-8",
        f'attachment; filename="{cast.program.slug}-ansokningar.csv"',
    )
    content = b"".join(response.streaming_content)
    assert content == _former_csv(_former_order(cast))
    names = [r[0] for r in csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";")]
    assert names == ["Namn", "'=SUMMA(A1)", "Anna Mentor", "Bo Adept", "Cecilia Utan Svar"]


def test_the_csv_is_written_row_by_row(cast, client_for):
    _applications(cast)
    chunks = list(_export(client_for("hr_a"), cast, "csv").streaming_content)
    assert len(chunks) == 5  # the header line, then one chunk per application
    assert chunks[0].startswith("\ufeffNamn;".encode())
    assert chunks[2].startswith(b"Anna Mentor;")


def test_the_xlsx_holds_the_same_cells_the_former_export_held(cast, client_for):
    _applications(cast)
    response = _export(client_for("hr_a"), cast, "xlsx")
    assert isinstance(response, FileResponse)
    assert response["Content-Type"] == exports.FORMATS["xlsx"]
    assert response["Content-Disposition"] == (
        f'attachment; filename="{cast.program.slug}-ansokningar.xlsx"'
    )
    streamed = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    former = load_workbook(io.BytesIO(_former_xlsx(_former_order(cast))))
    assert streamed.sheetnames == former.sheetnames == ["Ansökningar"]
    assert list(streamed.active.iter_rows(values_only=True)) == list(
        former.active.iter_rows(values_only=True)
    )


def test_a_filtered_streamed_export_is_audited_with_its_row_count(cast, client_for):
    _applications(cast)
    response = _export(client_for("hr_a"), cast, "csv", status="nominated")
    rows = list(
        csv.reader(
            io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert [r[0] for r in rows[1:]] == ["Bo Adept"]
    entry = AuditEntry.objects.get(action="applications.exported")
    assert entry.after == {"list": "hr", "format": "csv", "rows": 1, "status": "nominated"}


def test_an_unknown_format_is_404_and_not_audited(cast, client_for):
    response = _export(client_for("hr_a"), cast, "json")
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="applications.exported").exists()


def test_the_export_reads_organisations_and_topics_once_per_chunk(cast, client_for):
    """The query count does not grow with the rows: 4 or 40 applications cost the same."""
    client = client_for("hr_a")
    _applications(cast)
    url = reverse(
        "applications:hr_export", kwargs={"slug": cast.program.slug, "file_format": "csv"}
    )
    client.get(url)
    few = _streamed_queries(client, url)
    for i in range(36):
        make_application(cast.program, cast.org_a, full_name=f"Person {i:03d}")
    assert _streamed_queries(client, url) == few


def _streamed_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        b"".join(response.streaming_content)
    return len(context.captured_queries)
