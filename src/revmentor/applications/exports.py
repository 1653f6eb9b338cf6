"""The application lists as CSV and XLSX, with the same columns in both.

Both stream: the rows are read in chunks and written as they come, so the memory an export
takes does not grow with the number of applications.
"""

import csv
import tempfile
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from revmentor.applications.models import Application, Availability, Language, PreferredFormat
from revmentor.programs.models import Profile, Topic

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CHUNK_SIZE = 2000


def labels() -> dict[str, dict[str, str]]:
    """Every choice label the lists show, in the active language, built once per request."""

    def of(choices) -> dict[str, str]:
        return {value: str(label) for value, label in choices}

    return {
        "profile": of(Profile.Kind.choices),
        "status": of(Application.Status.choices),
        "manager": of(Application.ManagerAnswer.choices),
        "format": of(PreferredFormat.choices),
        "language": of(Language.choices),
        "availability": of(Availability.choices),
    }


def header() -> list[str]:
    return [
        _("Name"),
        _("Work e-mail address"),
        _("Phone"),
        _("Organisation"),
        _("Unit"),
        _("Job title"),
        _("Profile"),
        _("Birth year"),
        _("Status"),
        _("Manager"),
        _("Manager's answer"),
        _("Submitted"),
        _("Topics"),
        _("In my own words"),
        _("Preferred meeting format"),
        _("City"),
        _("Languages"),
        _("When I can meet"),
        _("Accessibility needs"),
        _("Reason for the decision"),
        _("Reason for late registration"),
    ]


def _safe(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet program.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def row(application: Application, names: dict[str, dict[str, str]]) -> list:
    """One application's cells; ``names`` is ``labels()``, built once for the whole file."""
    submitted = (
        timezone.localtime(application.submitted_at).strftime("%Y-%m-%d %H:%M")
        if application.submitted_at
        else ""
    )
    languages, availability = names["language"], names["availability"]
    values = [
        application.full_name,
        application.email,
        application.phone,
        str(application.organisation or ""),
        application.unit,
        application.job_title,
        names["profile"].get(application.profile_kind, application.profile_kind),
        application.birth_year or "",
        names["status"].get(application.status, application.status),
        f"{application.manager_name} <{application.manager_email}>",
        names["manager"].get(application.manager_answer, application.manager_answer),
        submitted,
        ", ".join(t.name for t in application.topics.all()),
        application.topics_text,
        names["format"].get(application.preferred_format, application.preferred_format),
        application.city,
        ", ".join(languages.get(code, code) for code in application.languages),
        ", ".join(availability.get(code, code) for code in application.availability),
        application.accessibility_needs,
        application.decision_reason,
        application.late_registration_reason,
    ]
    return [_safe(v) if isinstance(v, str) else v for v in values]


def rows_of(queryset: QuerySet[Application]) -> Iterator[Application]:
    """The applications in chunks, each chunk with its organisations and topics."""
    return (
        queryset.select_related("organisation")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.only("id", "name")))
        .iterator(chunk_size=CHUNK_SIZE)
    )


class _Line:
    """A file-like object that hands back what the csv writer writes, one line at a time."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(applications: Iterable[Application], head: list[str], names) -> Iterator[bytes]:
    writer = csv.writer(_Line(), delimiter=";")
    yield ("\ufeff" + writer.writerow(head)).encode("utf-8")
    for application in applications:
        yield writer.writerow(row(application, names)).encode("utf-8")


def _xlsx_file(applications: Iterable[Application], head: list[str], names):
    # Write-only mode keeps no cells in memory; the zip is built in a temporary file.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Applications")[:31])
    sheet.append(head)
    for application in applications:
        sheet.append(row(application, names))
    out = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it once sent)
    workbook.save(out)
    out.seek(0)
    return out


def response(
    applications: QuerySet[Application], file_format: str, name: str
) -> StreamingHttpResponse | FileResponse:
    """``applications`` as a downloaded file, streamed (the labels are read once, now)."""
    if file_format not in FORMATS:
        raise Http404
    head, names = header(), labels()
    filename = f"{name}.{file_format}"
    if file_format == "csv":
        reply = StreamingHttpResponse(
            _csv_lines(rows_of(applications), head, names), content_type=FORMATS["csv"]
        )
        reply["Content-Disposition"] = f'attachment; filename="{filename}"'
        return reply
    return FileResponse(
        _xlsx_file(rows_of(applications), head, names),
        as_attachment=True,
        filename=filename,
        content_type=FORMATS["xlsx"],
    )
