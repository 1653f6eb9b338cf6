"""The score distribution as a server-side SVG bar chart (no JavaScript, no inline styles)."""

from decimal import Decimal

#: With fewer pairs than this a chart says nothing a short table does not; only the table shows.
CHART_MIN_PAIRS = 10

WIDTH = 320
HEIGHT = 160
BOTTOM = 24
TOP = 8


def _svg(value: float) -> str:
    """An SVG coordinate: always a dot as decimal mark, whatever the page's language."""
    return f"{value:.1f}"


def _percent(edge: float, top: float) -> int:
    return int((Decimal(str(edge)) * 100 / Decimal(str(top))).quantize(Decimal(1)))


def histogram_chart(quality: dict) -> dict:
    """Bars of the proposal's histogram in SVG coordinates, and the same rows for the table.

    Bands are shares of the best possible fit; the chart itself is drawn only from
    ``CHART_MIN_PAIRS`` pairs on (``show_chart``), the table always.
    """
    counts = list(quality.get("histogram") or [])
    edges = list(quality.get("histogram_edges") or [])
    if not counts or len(edges) != len(counts) + 1 or not edges[-1]:
        return {"bars": [], "width": WIDTH, "height": HEIGHT, "empty": True}
    top = edges[-1]
    tallest = max(counts) or 1
    slot = WIDTH / len(counts)
    usable = HEIGHT - BOTTOM - TOP
    bars = []
    for index, count in enumerate(counts):
        height = round(usable * count / tallest, 1)
        bars.append(
            {
                "x": _svg(index * slot + 2),
                "y": _svg(HEIGHT - BOTTOM - height),
                "width": _svg(slot - 4),
                "height": _svg(height),
                "count": count,
                "low": _percent(edges[index], top),
                "high": _percent(edges[index + 1], top),
                "label_x": _svg(index * slot + slot / 2),
                "label_y": _svg(HEIGHT - BOTTOM - height - 2),
            }
        )
    return {
        "bars": bars,
        "width": WIDTH,
        "height": HEIGHT,
        "axis_y": HEIGHT - BOTTOM,
        "low": _percent(edges[0], top),
        "high": _percent(edges[-1], top),
        "caption_y": HEIGHT - 6,
        "empty": False,
        "show_chart": sum(counts) >= CHART_MIN_PAIRS,
    }
