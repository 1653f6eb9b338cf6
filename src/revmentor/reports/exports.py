"""Report files: tables as XLSX (openpyxl) and the invoice basis and certificate as PDF.

PDFs are drawn by WeasyPrint from templates with the DejaVu fonts installed on the
system; the URL fetcher refuses everything, so a PDF never fetches anything external.
"""

import io
from collections.abc import Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from revmentor.programs.models import CostRounding

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY = '#,##0.00 "kr"'


def _safe(value):
    # A cell starting with = + - @ would run as a formula in a spreadsheet program.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def workbook(
    title: str,
    preamble: Sequence[tuple[str, object]],
    header: Sequence[str],
    rows,
    money: str = MONEY,
) -> bytes:
    """One sheet: label/value lines, an empty line, then a bold header and the rows.

    Written in openpyxl's write-only mode (no cell kept in memory once written); the
    column widths are measured from the values first, as they must be set before any row.
    """
    rows = [[_safe(v) for v in row] for row in rows]
    preamble_rows = [[label, _safe(value)] for label, value in preamble]
    lines = preamble_rows + ([[]] if preamble else []) + [list(header)] + rows
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    widths: dict[int, int] = {}
    for line in lines:
        for index, value in enumerate(line):
            widths[index] = max(widths.get(index, 0), len(str(value or "")))
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(width + 2, 10), 60)

    def cells(values, **style):
        out = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, Decimal):
                cell.number_format = money
            for name, setting in style.items():
                setattr(cell, name, setting)
            out.append(cell)
        return out

    for line in preamble_rows:
        sheet.append(cells(line))
    if preamble:
        sheet.append([])
    sheet.append(cells(header, font=Font(bold=True)))
    for row in rows:
        sheet.append(cells(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def file_response(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _refuse(url: str, *args, **kwargs):
    raise ValueError(f"PDFs fetch nothing: {url}")


def pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context)
    return HTML(string=html, base_url=None, url_fetcher=_refuse).write_pdf()


def money_text(value, decimals: int) -> str:
    """``value`` as "2 350,50 kr" with ``decimals`` places; an amount needing rounding is a bug."""
    amount = Decimal(value)
    if amount != amount.quantize(Decimal(1).scaleb(-decimals)):
        raise ValueError(f"{amount} is not rounded to {decimals} decimals")
    return f"{number_format(amount, decimals, force_grouping=True)} kr"


def money_format(statement) -> str:
    return MONEY if statement.decimals else '#,##0 "kr"'


def charged_sentence(statement) -> str:
    return _("Charged: %(rule)s.") % {"rule": statement.rule}


def invoice_rows(statement, cost) -> list[list]:
    """One organisation's lines and its complete totals row, as in the PDF and on the page."""
    rows = [
        [
            line.application.full_name,
            str(line.application.get_profile_kind_display()),
            line.fee,
            line.travel,
            line.total,
        ]
        for line in cost.lines
    ]
    rows.append([_("Total"), cost.participants, cost.fees, cost.travel, cost.total])
    return rows


def invoice_header() -> list[str]:
    return [_("Name"), _("Profile"), _("Participant fee"), _("Travel costs"), _("Amount")]


def invoice_preamble(statement, cost) -> list[tuple[str, object]]:
    program, cutoff = statement.program, statement.cutoff
    return [
        (_("Invoice basis"), cost.organisation.name),
        (_("Program"), program.title),
        (_("Period"), f"{program.period_start:%Y-%m-%d} – {program.period_end:%Y-%m-%d}"),
        (_("Charged"), statement.rule),
        (_("Cost per participant"), statement.fee),
        (_("Cut-off date"), f"{cutoff:%Y-%m-%d}" if cutoff else _("none")),
        (_("Amounts rounded to"), str(CostRounding(program.cost_rounding).label)),
        (_("Participants charged"), cost.participants),
    ]


def totals_rows(statement) -> list[list]:
    """Each organisation's sums and the program's complete totals row."""
    rows: list[list] = [
        [c.organisation.name, c.participants, c.fees, c.travel, c.total]
        for c in statement.organisations
    ]
    rows.append(
        [_("Total"), statement.participants, statement.fees, statement.travel, statement.total]
    )
    return rows
