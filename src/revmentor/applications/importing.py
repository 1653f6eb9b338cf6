"""Reading applications from an XLSX or CSV file and saying, row by row, what is wrong.

Nothing here writes: ``read_rows`` turns a file into rows of text and ``check_rows`` turns
those into clean values and problems in the reader's language. ``services.import_applications``
saves the clean rows, all or nothing.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from revmentor.applications.models import Application, EmploymentType, eligibility_problem
from revmentor.programs.models import Organisation, Program

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000

# (key, column heading); the template uses the headings, reading accepts them in any language.
COLUMNS = [
    ("full_name", gettext_lazy("Name")),
    ("email", gettext_lazy("Work e-mail address")),
    ("phone", gettext_lazy("Phone")),
    ("organisation", gettext_lazy("Organisation")),
    ("unit", gettext_lazy("Unit")),
    ("job_title", gettext_lazy("Job title")),
    ("birth_year", gettext_lazy("Birth year")),
    ("profile_kind", gettext_lazy("Profile (mentor or adept)")),
    ("manager_name", gettext_lazy("Manager's name")),
    ("manager_email", gettext_lazy("Manager's work e-mail address")),
    ("city", gettext_lazy("City")),
    ("topics_text", gettext_lazy("In my own words")),
]
REQUIRED = ["full_name", "email", "organisation", "birth_year", "profile_kind"]
PROFILE_WORDS = {
    "mentor": "mentor",
    "junior mentor": "mentor",
    "juniormentor": "mentor",
    "adept": "adept",
    "senior adept": "adept",
    "senioradept": "adept",
    "mentee": "adept",
}


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why, for the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Row:
    number: int  # as the spreadsheet numbers it: the heading is row 1
    raw: dict[str, str]
    values: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def headings() -> list[str]:
    return [str(heading) for _key, heading in COLUMNS]


def _heading_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for language in ("sv", "en"):
        with translation.override(language):
            for key, heading in COLUMNS:
                keys[str(heading).strip().lower()] = key
    for key, _heading in COLUMNS:
        keys[key] = key
    return keys


def template_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Applications")[:31]
    sheet.append(headings())
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv() -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerow(headings())
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _table_from_xlsx(content: bytes) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise ImportFileError(_("The file could not be read as an Excel (XLSX) file.")) from None
    sheet = workbook.worksheets[0]
    table = []
    for values in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2):
        table.append([_cell(v) for v in values])
    workbook.close()
    return table


def _table_from_csv(content: bytes) -> list[list[str]]:
    if b"\x00" in content[:4096]:
        raise ImportFileError(_("The file could not be read as a CSV file."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        return [
            [_cell(v) for v in values]
            for values in csv.reader(io.StringIO(text), delimiter=delimiter)
        ]
    except csv.Error:
        raise ImportFileError(_("The file could not be read as a CSV file.")) from None


def read_rows(upload) -> list[Row]:
    """The rows of an uploaded XLSX or CSV file, keyed by column; junk raises ImportFileError."""
    name = (getattr(upload, "name", "") or "").lower()
    if upload.size > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 2 MB."))
    content = upload.read()
    if name.endswith(".xlsx"):
        table = _table_from_xlsx(content)
    elif name.endswith(".csv") or name.endswith(".txt"):
        table = _table_from_csv(content)
    else:
        raise ImportFileError(_("Upload an Excel (.xlsx) or CSV (.csv) file."))
    table = [values for values in table if any(values)]
    if not table:
        raise ImportFileError(_("The file is empty."))
    keys = _heading_keys()
    columns = [keys.get(value.strip().lower()) for value in table[0]]
    missing = [str(h) for key, h in COLUMNS if key in REQUIRED and key not in columns]
    if missing:
        raise ImportFileError(
            _("The first row must hold the column headings of the template. Missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    if len(table) - 1 > MAX_ROWS:
        raise ImportFileError(_("The file has more than %(count)s rows.") % {"count": MAX_ROWS})
    if len(table) == 1:
        raise ImportFileError(_("The file has headings but no applications."))
    rows = []
    for number, values in enumerate(table[1:], start=2):
        raw = {key: "" for key, _heading in COLUMNS}
        for key, value in zip(columns, values, strict=False):
            if key:
                raw[key] = value[:500]
        rows.append(Row(number=number, raw=raw))
    return rows


def _organisation(name: str, organisations: list[Organisation]) -> Organisation | None:
    wanted = name.strip().lower()
    return next(
        (o for o in organisations if wanted in (o.name.lower(), (o.short_name or "").lower())),
        None,
    )


def check_rows(
    rows: list[Row], *, program: Program, organisations: list[Organisation]
) -> list[Row]:
    """Fill each row's clean values and its problems (required, format, eligibility, duplicates)."""
    existing = {
        email.lower()
        for pair in Application.objects.filter(program=program).values_list(
            "applicant__email", "email"
        )
        for email in pair
        if email
    }
    seen: dict[str, int] = {}
    for row in rows:
        raw, values, problems = row.raw, row.values, row.problems
        for key, heading in COLUMNS:
            if key in REQUIRED and not raw[key]:
                problems.append(_("%(column)s is missing.") % {"column": heading})
        values.update({key: raw[key] for key, _heading in COLUMNS})
        email = raw["email"].lower()
        values["email"] = email
        if email:
            try:
                validate_email(email)
            except ValidationError:
                problems.append(
                    _("“%(value)s” is not an e-mail address.") % {"value": raw["email"]}
                )
            if email in existing:
                problems.append(
                    _("%(email)s already has an application to the program.") % {"email": email}
                )
            elif email in seen:
                problems.append(
                    _("%(email)s is also on row %(row)s.") % {"email": email, "row": seen[email]}
                )
            else:
                seen[email] = row.number
        manager_email = raw["manager_email"].lower()
        values["manager_email"] = manager_email
        if manager_email:
            try:
                validate_email(manager_email)
            except ValidationError:
                problems.append(
                    _("The manager's “%(value)s” is not an e-mail address.")
                    % {"value": raw["manager_email"]}
                )
        if raw["organisation"]:
            organisation = _organisation(raw["organisation"], organisations)
            if organisation is None:
                problems.append(
                    _("“%(value)s” is not one of your organisations in the program.")
                    % {"value": raw["organisation"]}
                )
            values["organisation"] = organisation
        values["profile_kind"] = PROFILE_WORDS.get(raw["profile_kind"].lower(), "")
        if raw["profile_kind"] and not values["profile_kind"]:
            problems.append(
                _("Profile “%(value)s” is neither mentor nor adept.")
                % {"value": raw["profile_kind"]}
            )
        year = raw["birth_year"]
        values["birth_year"] = int(year) if year.isdigit() and len(year) == 4 else None
        if year and values["birth_year"] is None:
            problems.append(_("Birth year “%(value)s” is not a year.") % {"value": year})
        if values["profile_kind"] and values["birth_year"]:
            problem = eligibility_problem(
                program=program,
                employment_type=EmploymentType.PERMANENT,
                profile_kind=values["profile_kind"],
                birth_year=values["birth_year"],
            )
            if problem is not None:
                problems.append(problem[1])
    return rows
