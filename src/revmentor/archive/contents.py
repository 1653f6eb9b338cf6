"""What goes into a program's archive package: its records as CSV files, the invoice basis as
PDF/A, and the documentation (what the package holds, the disposal list). Read only."""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from revmentor.applications.models import Application
from revmentor.archive import queries
from revmentor.archive.package import DataFile
from revmentor.core import audit
from revmentor.core.queries import program_audit_entries
from revmentor.mentorships.models import Attendance, Mentorship
from revmentor.programs.models import CostRounding, Program
from revmentor.reports import exports
from revmentor.reports.queries import whole_cost_statement
from revmentor.surveys.measurement import instrument_results
from revmentor.surveys.models import Survey
from revmentor.surveys.results import start_end_change, survey_results

CSV = "text/csv"
PDF = "application/pdf"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def csv_file(name: str, header: Sequence[str], rows: Iterable[Sequence]) -> DataFile:
    """A CSV file (UTF-8 with BOM, semicolons, as Swedish spreadsheet programs open it)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_text(value) for value in row])
    return DataFile(name, ("\ufeff" + out.getvalue()).encode("utf-8"), CSV, "CSV")


def _person(user) -> str:
    return (user.full_name or user.email) if user is not None else ""


def deadline_changes(program: Program) -> DataFile:
    rows = [
        (c.changed_at, c.old_deadline, c.new_deadline, c.reason, _person(c.changed_by))
        for c in program.deadline_changes.select_related("changed_by").order_by("changed_at", "pk")
    ]
    header = [
        _("Decided"),
        _("Deadline before the change"),
        _("Deadline after the change"),
        _("Reason"),
        _("By"),
    ]
    return csv_file("beslut-sista-ansokningsdag.csv", header, rows)


def status_steps(program: Program) -> DataFile:
    """Each step of the program's status, as the audit trail records it (a record, not a source)."""
    labels = dict(Program.Status.choices)
    entries = program_audit_entries(program, action=audit.Action.PROGRAM_STATUS_CHANGED)
    rows = [
        (
            entry.at,
            labels.get(entry.before.get("status"), entry.before.get("status", "")),
            labels.get(entry.after.get("status"), entry.after.get("status", "")),
            entry.actor_label,
        )
        for entry in entries
    ]
    header = [_("When"), _("From status"), _("To status"), _("By")]
    return csv_file("beslut-programstatus.csv", header, rows)


def participants(program: Program) -> DataFile:
    applications = (
        Application.objects.filter(program=program)
        .exclude(status=Application.Status.DRAFT)
        .select_related("organisation")
        .order_by("organisation__name", "full_name", "pk")
    )
    rows = [
        (
            a.full_name,
            a.email,
            a.organisation.name if a.organisation else "",
            a.get_profile_kind_display(),
            a.get_status_display(),
            a.submitted_at,
            a.nominated_at,
            a.decided_at,
            a.withdrawn_at,
        )
        for a in applications
    ]
    header = [
        _("Name"),
        _("E-mail address"),
        _("Organisation"),
        _("Profile"),
        _("Status"),
        _("Submitted"),
        _("Nominated"),
        _("Decided"),
        _("Withdrawn"),
    ]
    return csv_file("deltagare.csv", header, rows)


def pairs(program: Program) -> DataFile:
    mentorships = (
        Mentorship.objects.filter(program=program)
        .select_related("mentor__organisation", "adept__organisation", "group")
        .order_by("started_at", "pk")
    )
    rows = [
        (
            m.mentor.full_name,
            m.mentor.organisation.name if m.mentor.organisation else "",
            m.adept.full_name,
            m.adept.organisation.name if m.adept.organisation else "",
            m.group.name if m.group else "",
            m.get_status_display(),
            m.started_at,
            m.ended_at,
        )
        for m in mentorships
    ]
    header = [
        _("Mentor"),
        _("Mentor's organisation"),
        _("Adept"),
        _("Adept's organisation"),
        _("Group"),
        _("Status"),
        _("Started"),
        _("Ended"),
    ]
    return csv_file("par.csv", header, rows)


def attendance(program: Program) -> DataFile:
    answers = (
        Attendance.objects.filter(meeting__program=program)
        .select_related("meeting", "application__organisation")
        .order_by("meeting__starts_at", "meeting__pk", "application__full_name", "pk")
    )
    rows = [
        (
            a.meeting.title,
            a.meeting.starts_at,
            _("yes") if a.meeting.cancelled else _("no"),
            a.application.full_name,
            a.application.organisation.name if a.application.organisation else "",
            a.get_answer_display(),
        )
        for a in answers
    ]
    header = [
        _("Joint meeting"),
        _("Starts"),
        _("Cancelled"),
        _("Name"),
        _("Organisation"),
        _("Answer"),
    ]
    return csv_file("narvaro-gemensamma-traffar.csv", header, rows)


def evaluation(program: Program) -> DataFile:
    """Every closed survey's results as the results page shows them: groups under five hidden."""
    rows: list[Sequence] = []
    surveys = Survey.objects.filter(program=program, status=Survey.Status.CLOSED).order_by(
        "sent_at", "pk"
    )
    for survey in surveys:
        for result in survey_results(survey):
            groups = [(_("Everyone"), result.overall)]
            groups += [(_("Profile"), g) for g in result.by_profile]
            groups += [(_("Organisation"), g) for g in result.by_organisation]
            for split, group in groups:
                counts = (
                    ", ".join(
                        f"{column}: {count}"
                        for column, count in zip(result.columns, group.counts, strict=False)
                    )
                    if group.shown
                    else _("hidden (fewer than five answers)")
                )
                rows.append(
                    (survey.title_sv, result.text, split, group.label, group.n, group.mean, counts)
                )
            for text in result.texts:
                rows.append(
                    (survey.title_sv, result.text, _("Everyone"), _("Answer"), "", "", text)
                )
        changes, _chart = start_end_change(survey)
        for change in changes:
            rows.append(
                (
                    survey.title_sv,
                    change.text,
                    _("Start versus end"),
                    _("Change of the mean"),
                    f"{change.start.n} / {change.end.n}",
                    change.difference,
                    f"{change.start.mean} → {change.end.mean}"
                    if change.difference is not None
                    else _("hidden (fewer than five answers)"),
                )
            )
    header = [
        _("Survey"),
        _("Question"),
        _("Split"),
        _("Group"),
        _("Answers"),
        _("Mean"),
        _("Answers per choice"),
    ]
    return csv_file("utvardering.csv", header, rows)


def _interval(estimate) -> list:
    if estimate is None:
        return ["", "", ""]
    return [round(estimate.mean, 2), round(estimate.low, 2), round(estimate.high, 2)]


def _number(value) -> object:
    return "" if value is None else round(value, 2)


def instruments(program: Program) -> DataFile:
    """Each validated instrument's results per group and subscale, as its results page shows
    them (groups under five hidden, intervals at 95 %)."""
    rows: list[Sequence] = []
    starts = Survey.objects.filter(
        program=program, kind=Survey.Kind.START, status=Survey.Status.CLOSED
    ).exclude(instrument="")
    for survey in starts.order_by("sent_at", "pk"):
        results = instrument_results(survey)
        for group in results.groups:
            for subscale in group.subscales:
                change = subscale.change
                rows.append(
                    [
                        results.instrument.name("sv"),
                        group.label,
                        subscale.name,
                        group.start_n,
                        *_interval(subscale.start),
                        group.end_n,
                        *_interval(subscale.end),
                        group.paired_n,
                        *_interval(change),
                        _number(change.d_z if change else None),
                        _number(subscale.alpha_start),
                        _number(subscale.alpha_end),
                    ]
                )
    header = [
        _("Instrument"),
        _("Group"),
        _("Subscale"),
        _("Answers at the start"),
        _("Mean at the start"),
        _("Lower limit (95 %)"),
        _("Upper limit (95 %)"),
        _("Answers at the end"),
        _("Mean at the end"),
        _("Lower limit (95 %)"),
        _("Upper limit (95 %)"),
        _("Answered both times"),
        pgettext("statistics", "Change"),
        _("Lower limit (95 %)"),
        _("Upper limit (95 %)"),
        _("Effect size (d_z)"),
        _("Cronbach's alpha at the start"),
        _("Cronbach's alpha at the end"),
    ]
    return csv_file("utvardering-instrument.csv", header, rows)


def invoice_basis(program: Program) -> list[DataFile]:
    """The invoice basis: one CSV of every line, and one PDF/A per organisation."""
    statement = whole_cost_statement(program)
    rows = []
    for cost in statement.organisations:
        for line in cost.lines:
            rows.append(
                (
                    cost.organisation.name,
                    line.application.full_name,
                    line.application.get_profile_kind_display(),
                    line.fee,
                    line.travel,
                    line.total,
                )
            )
        rows.append(
            (cost.organisation.name, _("Total"), cost.participants)
            + (
                cost.fees,
                cost.travel,
                cost.total,
            )
        )
    header = [_("Organisation")] + exports.invoice_header()
    files = [csv_file("fakturaunderlag.csv", header, rows)]
    for number, cost in enumerate(statement.organisations, start=1):
        content = exports.pdf(
            "reports/pdf/invoice.html",
            {
                "program": program,
                "statement": statement,
                "cost": cost,
                "charged_sentence": exports.charged_sentence(statement),
                "rounding": CostRounding(program.cost_rounding).label,
                "today": timezone.localdate(),
            },
            variant="pdf/a-3b",
        )
        files.append(DataFile(f"fakturaunderlag-{number:02d}.pdf", content, PDF, "PDF/A-3b"))
    return files


def data_files(program: Program) -> list[DataFile]:
    """Every data file of the package's representation, in Swedish."""
    with translation.override("sv"):
        return [
            deadline_changes(program),
            status_steps(program),
            participants(program),
            pairs(program),
            attendance(program),
            evaluation(program),
            instruments(program),
            *invoice_basis(program),
        ]


def documentation(program: Program, plan: list["queries.DisposalItem"]) -> list[DataFile]:
    """The disposal list as it stood when the package was made, and a note on the package."""
    with translation.override("sv"):
        disposal = csv_file(
            "gallringsredovisning.csv",
            [_("What"), _("Records"), _("Rule"), _("Due under the retention setting")],
            [(item.description, item.count, item.rule, item.due_on) for item in plan],
        )
        note = "\n".join(
            [
                _("Archive package of the program %(title)s (%(slug)s).")
                % {"title": program.title, "slug": program.slug},
                _("Made by revmentor as an E-ARK CSIP/SIP 2.1 package (FGS Paketstruktur 2.0)."),
                "",
                _("representations/rep1/data holds:"),
                "  beslut-sista-ansokningsdag.csv – " + _("changes of the application deadline"),
                "  beslut-programstatus.csv – " + _("the program's status steps"),
                "  deltagare.csv – " + _("applicants and participants"),
                "  par.csv – " + _("pairs and groups"),
                "  narvaro-gemensamma-traffar.csv – " + _("attendance at joint meetings"),
                "  utvardering.csv – " + _("evaluation results (groups under five hidden)"),
                "  utvardering-instrument.csv – "
                + _("validated instruments per subscale: means, change, intervals, alpha"),
                "  fakturaunderlag.csv, fakturaunderlag-NN.pdf – "
                + _("invoice basis (PDF/A-3b, one per organisation)"),
                "",
                _(
                    "documentation/gallringsredovisning.csv lists what was disposed of after the "
                    "package was made, and under which rule."
                ),
                _(
                    "CSV files: UTF-8, semicolon-separated; times in Swedish time (Europe/Stockholm)."
                ),
            ]
        )
        return [disposal, DataFile("las-mig.txt", (note + "\n").encode("utf-8"), "text/plain")]
