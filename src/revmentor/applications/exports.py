"""The application lists as CSV and XLSX, with the same columns in both."""

import csv
import io

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from revmentor.applications.models import Application

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
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


def row(application: Application) -> list:
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
    return [_safe(v) if isinstance(v, str) else v for v in values]


def response(applications: list[Application], file_format: str, name: str) -> HttpResponse:
    if file_format not in FORMATS:
        raise Http404
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(header())
        writer.writerows(row(a) for a in applications)
        content: bytes = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    else:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Applications")[:31]
        sheet.append(header())
        for application in applications:
            sheet.append(row(application))
        out = io.BytesIO()
        workbook.save(out)
        content = out.getvalue()
    reply = HttpResponse(content, content_type=FORMATS[file_format])
    reply["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return reply
