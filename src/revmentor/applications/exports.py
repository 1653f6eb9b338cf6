"""The application lists as CSV and XLSX, with the same columns in both.

Both stream: the rows are read in chunks and written as they come, so the memory an export
takes does not grow with the number of applications.
"""

import csv
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import batched

from django.db.models import QuerySet
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from revmentor.applications.models import Application, Availability, Language, PreferredFormat
from revmentor.programs.models import Profile

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


# The columns an export reads: plain values, no model instance per row.
FIELDS = (
    "id",
    "full_name",
    "email",
    "phone",
    "organisation__name",
    "unit",
    "job_title",
    "profile_kind",
    "birth_year",
    "status",
    "manager_name",
    "manager_email",
    "manager_answer",
    "submitted_at",
    "topics_text",
    "preferred_format",
    "city",
    "languages",
    "availability",
    "accessibility_needs",
    "decision_reason",
    "late_registration_reason",
)


def row(record: dict, names: dict[str, dict[str, str]]) -> list:
    """One application's cells from its ``records`` values; ``names`` is ``labels()``."""
    submitted = (
        timezone.localtime(record["submitted_at"]).strftime("%Y-%m-%d %H:%M")
        if record["submitted_at"]
        else ""
    )
    languages, availability = names["language"], names["availability"]
    values = [
        record["full_name"],
        record["email"],
        record["phone"],
        record["organisation__name"] or "",
        record["unit"],
        record["job_title"],
        names["profile"].get(record["profile_kind"], record["profile_kind"]),
        record["birth_year"] or "",
        names["status"].get(record["status"], record["status"]),
        f"{record['manager_name']} <{record['manager_email']}>",
        names["manager"].get(record["manager_answer"], record["manager_answer"]),
        submitted,
        ", ".join(record["topics"]),
        record["topics_text"],
        names["format"].get(record["preferred_format"], record["preferred_format"]),
        record["city"],
        ", ".join(languages.get(code, code) for code in record["languages"]),
        ", ".join(availability.get(code, code) for code in record["availability"]),
        record["accessibility_needs"],
        record["decision_reason"],
        record["late_registration_reason"],
    ]
    return [_safe(v) if isinstance(v, str) else v for v in values]


def records(queryset: QuerySet[Application]) -> Iterator[dict]:
    """The applications' values in chunks, each chunk's topic names read in one query."""
    chosen = Application.topics.through.objects.order_by("topic__position", "topic_id")
    for chunk in batched(queryset.values(*FIELDS).iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
        topics: dict[int, list[str]] = defaultdict(list)
        pairs = chosen.filter(application_id__in=[r["id"] for r in chunk]).values_list(
            "application_id", "topic__name"
        )
        for application_id, name in pairs:
            topics[application_id].append(name)
        for record in chunk:
            record["topics"] = topics[record["id"]]
            yield record


class _Line:
    """A file-like object that hands back what the csv writer writes, one line at a time."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(applications: Iterable[dict], head: list[str], names) -> Iterator[bytes]:
    writer = csv.writer(_Line(), delimiter=";")
    yield ("\ufeff" + writer.writerow(head)).encode("utf-8")
    for application in applications:
        yield writer.writerow(row(application, names)).encode("utf-8")


def _xlsx_file(applications: Iterable[dict], head: list[str], names):
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
            _csv_lines(records(applications), head, names), content_type=FORMATS["csv"]
        )
        reply["Content-Disposition"] = f'attachment; filename="{filename}"'
        return reply
    return FileResponse(
        _xlsx_file(records(applications), head, names),
        as_attachment=True,
        filename=filename,
        content_type=FORMATS["xlsx"],
    )
