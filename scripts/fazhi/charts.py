"""SVG bar charts made at build time, each followed by the table of the numbers it draws.

Labels are SVG <text>, so Chinese renders in the reader's own font (no web font, no CDN); the chart is inlined
in the page and inherits its colours from CSS (`.fz-chart`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .markup import html_text

WIDTH = 720
BAR = 22
GAP = 6
LABEL_WIDTH = 170
TOP = 36
PERCENT_BINS = ((0, 60), (60, 80), (80, 90), (90, 95), (95, 100), (100, 100.0001))
COUNT_BINS = (0, 1, 5, 10, 20, 50, 100, 200, 500, 1000, 10000, 100000)


@dataclass(frozen=True)
class Series:
    """A chart's data: labelled values in the order they are drawn."""

    title: str
    label_header: str
    value_header: str
    points: tuple[tuple[str, int], ...]


def _nice_max(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 5:
            return step * 5
    return value


def bar_chart(series: Series) -> str:
    """A horizontal bar chart: one row per point, value written at the end of each bar."""
    points = series.points
    height = TOP + len(points) * (BAR + GAP) + 10
    top = _nice_max(max((v for _, v in points), default=1) or 1)
    scale = (WIDTH - LABEL_WIDTH - 60) / top
    parts = [
        f'<svg class="fz-chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{html_text(series.title)}">',
        f"<title>{html_text(series.title)}</title>",
        f'<text class="fz-chart-title" x="0" y="20">{html_text(series.title)}</text>',
    ]
    for row, (label, value) in enumerate(points):
        y = TOP + row * (BAR + GAP)
        width = max(value * scale, 1 if value else 0)
        parts += [
            f'<text class="fz-chart-label" x="{LABEL_WIDTH - 8}" y="{y + BAR - 6}" '
            f'text-anchor="end">{html_text(label)}</text>',
            f'<rect class="fz-chart-bar" x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR}"/>',
            f'<text class="fz-chart-value" x="{LABEL_WIDTH + width + 6:.1f}" y="{y + BAR - 6}">'
            f"{value}</text>",
        ]
    parts.append("</svg>")
    return "\n".join(parts)


def data_table(series: Series) -> str:
    rows = "\n".join(
        f'<tr><td>{html_text(label)}</td><td class="fz-num">{value}</td></tr>'
        for label, value in series.points
    )
    return (
        f'<table class="fz-chart-data"><caption>{html_text(series.title)}（数据）</caption>\n'
        f"<thead><tr><th>{html_text(series.label_header)}</th>"
        f"<th>{html_text(series.value_header)}</th></tr></thead>\n<tbody>\n{rows}\n</tbody></table>"
    )


def chart_block(series: Series) -> str:
    """The chart and its data table, as one raw-HTML block for a Markdown page."""
    return f'<figure class="fz-figure">\n{bar_chart(series)}\n{data_table(series)}\n</figure>'


def _fmt(bound: float) -> str:
    return f"{bound:g}"


def distribution(values: Sequence[float], unit: str) -> list[tuple[str, int]]:
    """Counts of values per bin: fixed bins for rates, roughly logarithmic bins for counts."""
    if unit == "%":
        bins = [(f"{_fmt(a)}–{_fmt(b)}%" if a < 100 else "100%", a, b) for a, b in PERCENT_BINS]
    else:
        edges = [e for e in COUNT_BINS if e <= max(values, default=0)] or [0]
        bins = []
        for low, high in zip(edges, [*edges[1:], float("inf")], strict=True):
            label = (
                f"{low}"
                if high - low == 1
                else (f"{low}–{_fmt(high - 1)}" if high != float("inf") else f"{low} 及以上")
            )
            bins.append((f"{label} {unit}", low, high))
    return [(label, sum(1 for v in values if low <= v < high)) for label, low, high in bins]
