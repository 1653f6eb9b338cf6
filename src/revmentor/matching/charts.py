"""The score distribution as a server-side SVG bar chart (no JavaScript, no inline styles)."""

from decimal import Decimal

WIDTH = 320
HEIGHT = 160
BOTTOM = 24
TOP = 8


def _number(value: float) -> str:
    return f"{Decimal(str(value)).quantize(Decimal('0.01'))}"


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
                "x": round(index * slot + 2, 1),
                "y": round(HEIGHT - BOTTOM - height, 1),
                "width": round(slot - 4, 1),
                "height": height,
                "count": count,
                "low": _number(edges[index]),
                "high": _number(edges[index + 1]),
                "label_x": round(index * slot + slot / 2, 1),
                "label_y": round(HEIGHT - BOTTOM - height - 2, 1),
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
