"""Means with confidence intervals as SVG drawn on the server (no JavaScript, no inline styles).

Like ``reports.charts``: ``role="img"`` named by its ``<title>``, described by its ``<desc>``,
and every page shows the same numbers in a table next to it.
"""

from collections.abc import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString

from revmentor.reports.charts import PALETTE, WIDTH, svg_chart
from revmentor.surveys.measures import Estimate

LEFT = 12
RIGHT = 12
ROW = 30
SERIES = 16
LABEL_CHARS = 52


def _number(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def interval_chart(
    *,
    chart_id: str,
    title: str,
    rows: Sequence[tuple[str, Sequence[Estimate | None]]],
    legend: Sequence[str],
    scale: tuple[int, int],
) -> SafeString:
    """One row per label, one dot and interval line per series on the scale's axis."""
    low, high = scale
    span = WIDTH - LEFT - RIGHT

    def x(value: float) -> float:
        return round(LEFT + span * (value - low) / (high - low), 1)

    series = max((len(values) for _label, values in rows), default=1)
    row_height = ROW + SERIES * series
    top = 48
    height = top + row_height * len(rows) + 4
    parts = []
    for index, name in enumerate(legend):
        parts.append(
            format_html(
                '<circle cx="{}" cy="11" r="6" fill="{}" class="chart-bar chart-bar--{}"/>'
                '<text x="{}" y="16" class="chart-label" fill="#1b1b1b">{}</text>',
                index * 160 + 8,
                PALETTE[index % 2],
                index % 2,
                index * 160 + 20,
                name,
            )
        )
    for point in range(low, high + 1):
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#6b6b6b" stroke-width="1"/>'
                '<text x="{}" y="{}" class="chart-value" fill="#1b1b1b" text-anchor="middle">{}</text>',
                x(point),
                top - 8,
                x(point),
                height,
                x(point),
                top - 12,
                point,
            )
        )
    for row_index, (label, values) in enumerate(rows):
        y = top + row_index * row_height
        text = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="chart-label" fill="#1b1b1b">{}</text>',
                LEFT,
                y + 18,
                text,
            )
        )
        for index, estimate in enumerate(values):
            if estimate is None:
                continue
            line_y = y + ROW + index * SERIES
            parts.append(
                format_html(
                    '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="3"/>'
                    '<circle cx="{}" cy="{}" r="6" fill="{}" class="chart-bar chart-bar--{}"/>',
                    x(max(estimate.low, low)),
                    line_y,
                    x(min(estimate.high, high)),
                    line_y,
                    PALETTE[index % 2],
                    x(estimate.mean),
                    line_y,
                    PALETTE[index % 2],
                    index % 2,
                )
            )
    description = "; ".join(
        f"{label}: "
        + ", ".join(
            f"{name} {_number(e.mean)} ({_number(e.low)}–{_number(e.high)})"
            for name, e in zip(legend, values, strict=False)
            if e is not None
        )
        for label, values in rows
    )
    return svg_chart(chart_id, title, description, height, parts)
