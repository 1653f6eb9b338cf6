"""The score distribution as a server-side SVG bar chart (no JavaScript, no inline styles)."""

from decimal import Decimal

WIDTH = 320
HEIGHT = 160
BOTTOM = 24
TOP = 8


def _number(value: float) -> Decimal:
    """A band edge as a Decimal, shown with the reader's decimal mark by the template."""
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _svg(value: float) -> str:
    """An SVG coordinate: always a dot as decimal mark, whatever the page's language."""
    return f"{value:.1f}"


def histogram_chart(quality: dict) -> dict:
    """Bars of the proposal's histogram in SVG coordinates, and the same rows for the table."""
    counts = list(quality.get("histogram") or [])
    edges = list(quality.get("histogram_edges") or [])
    if not counts or len(edges) != len(counts) + 1:
        return {"bars": [], "width": WIDTH, "height": HEIGHT, "empty": True}
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
                "low": _number(edges[index]),
                "high": _number(edges[index + 1]),
                "label_x": _svg(index * slot + slot / 2),
                "label_y": _svg(HEIGHT - BOTTOM - height - 2),
            }
        )
    return {
        "bars": bars,
        "width": WIDTH,
        "height": HEIGHT,
        "axis_y": HEIGHT - BOTTOM,
        "low": _number(edges[0]),
        "high": _number(edges[-1]),
        "caption_y": HEIGHT - 6,
        "empty": False,
    }
