"""Bar charts as SVG drawn on the server: no JavaScript, no inline styles (the CSP forbids them).

Each chart is ``role="img"`` named by its ``<title>`` and described by its ``<desc>``;
pages show the same numbers in a table next to it for screen readers and for copying.
Colours come from presentation attributes and the ``chart-*`` classes in site.css.
"""

from collections.abc import Callable, Sequence
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 420
ROW = 46
BAR = 18
LABEL_CHARS = 48
PALETTE = ("#1d4f91", "#b35900")


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _number(value) -> str:
    if isinstance(value, Decimal | float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def bar_chart(
    *,
    chart_id: str,
    title: str,
    bars: Sequence[tuple[str, int | float | Decimal]],
    max_value: int | float | Decimal | None = None,
    fmt: Callable[[object], str] = _number,
    description: str = "",
) -> SafeString:
    """Horizontal bars, one per (label, value), each with its label above and value after it."""
    return paired_bar_chart(
        chart_id=chart_id,
        title=title,
        rows=[(label, (value,)) for label, value in bars],
        max_value=max_value,
        fmt=fmt,
        description=description,
    )


def paired_bar_chart(
    *,
    chart_id: str,
    title: str,
    rows: Sequence[tuple[str, Sequence[int | float | Decimal | None]]],
    legend: Sequence[str] = (),
    max_value: int | float | Decimal | None = None,
    fmt: Callable[[object], str] = _number,
    description: str = "",
) -> SafeString:
    """One row per label with one bar per series (e.g. start and end); None draws no bar."""
    series = max((len(values) for _, values in rows), default=1)
    row_height = ROW + BAR * (series - 1)
    top = 24 if legend else 0
    height = top + row_height * len(rows) + 8
    values = [v for _, vs in rows for v in vs if v is not None]
    scale_max = float(max_value if max_value is not None else max(values, default=0)) or 1.0
    bar_space = WIDTH - 70
    parts = []
    for index, name in enumerate(legend):
        x = index * 160
        parts.append(
            format_html(
                '<rect x="{}" y="4" width="14" height="14" fill="{}" class="chart-bar chart-bar--{}"/>'
                '<text x="{}" y="16" class="chart-label" fill="#1b1b1b">{}</text>',
                x,
                PALETTE[index % 2],
                index % 2,
                x + 20,
                name,
            )
        )
    for row_index, (label, row_values) in enumerate(rows):
        y = top + row_index * row_height
        parts.append(
            format_html(
                '<text x="0" y="{}" class="chart-label" fill="#1b1b1b">{}</text>',
                y + 16,
                _short(str(label)),
            )
        )
        for index, value in enumerate(row_values):
            if value is None:
                continue
            bar_y = y + 22 + index * BAR
            width = round(bar_space * float(value) / scale_max, 1)
            parts.append(
                format_html(
                    '<rect x="0" y="{}" width="{}" height="{}" fill="{}" class="chart-bar chart-bar--{}"/>'
                    '<text x="{}" y="{}" class="chart-value" fill="#1b1b1b">{}</text>',
                    bar_y,
                    max(width, 1),
                    BAR - 4,
                    PALETTE[index % 2],
                    index % 2,
                    width + 6,
                    bar_y + BAR - 6,
                    fmt(value),
                )
            )
    return svg_chart(chart_id, title, description or title, height, parts)


def svg_chart(
    chart_id: str, title: str, description: str, height: int, parts: Sequence[str]
) -> SafeString:
    """The chart's drawn ``parts`` in one labelled SVG image, ``WIDTH`` wide: a screen reader
    reads ``title`` and ``description`` (the table beside every chart has the numbers)."""
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title {}-desc" focusable="false">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        format_html_join("", "{}", ((p,) for p in parts)),
    )
