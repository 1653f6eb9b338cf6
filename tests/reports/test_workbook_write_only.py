"""Report workbooks are written in openpyxl's write-only mode with the cells, formats and
column widths the in-memory workbooks had."""

import io
from decimal import Decimal

from openpyxl import load_workbook

from revmentor.reports import exports


def test_the_write_only_workbook_keeps_values_bold_header_money_and_widths():
    content = exports.workbook(
        "Kostnader för ett mycket långt programnamn som kapas",
        [("Program", "Omvänt mentorskap"), ("Avgift", Decimal("5000.00"))],
        ["Organisation", "Belopp"],
        [["=Skatteverket", Decimal("10000.50")], ["Arbetsförmedlingen", Decimal("0")]],
    )
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Kostnader för ett mycket långt "]
    sheet = book.active
    assert list(sheet.iter_rows(values_only=True)) == [
        ("Program", "Omvänt mentorskap"),
        ("Avgift", 5000),
        (None, None),
        ("Organisation", "Belopp"),
        ("'=Skatteverket", Decimal("10000.5")),
        ("Arbetsförmedlingen", 0),
    ]
    assert [c.font.bold for c in sheet[4]] == [True, True]
    assert [c.font.bold for c in sheet[5]] == [False, False]
    assert (sheet["B2"].number_format, sheet["B5"].number_format) == (exports.MONEY,) * 2
    assert sheet["A5"].number_format == "General"
    assert (sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width) == (20, 19)
