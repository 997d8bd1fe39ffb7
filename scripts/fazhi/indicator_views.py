"""How indicators are shown and downloaded: the report page's table, CSV and JSON, source links.

A source link is a text fragment (`#:~:text=start,end`): the browser scrolls to the sentence itself and
highlights it (Chrome/Edge 80+, Safari 16.1+, Firefox 131+). The page's Markdown stays exactly the cleaned
text (no ids added to paragraphs, so the renderer's fidelity checks hold), and assets/fazhi-fragment.js
does the same scroll-and-mark in browsers that do not support text fragments.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from urllib.parse import quote

from .markup import html_text
from .model import Indicator, Report

CSV_FIELDS = ("report", "name", "canonical", "value", "unit", "approx", "section", "text", "anchor")
_EDGE = 10  # characters of a long sentence's start and end used in its text directive


_DIRECTIVE_RESERVED = {c: quote(c, safe="") for c in "%-,&#?=:~<>\"'`[]{}|\\^/"} | {"-": "%2D"}


def _directive_part(text: str) -> str:
    """Percent-encode what the text-directive syntax or HTML reserves; keep Chinese as is (3 bytes, not 9)."""
    return "".join(
        _DIRECTIVE_RESERVED.get(c, c) if c.isprintable() and not c.isspace() else quote(c, safe="")
        for c in text
    )


@functools.lru_cache(maxsize=4096)
def text_directive(sentence: str) -> str:
    """`text=…` for a sentence; long sentences as `start,end` so the URL stays short."""
    sentence = " ".join(sentence.split())
    if len(sentence) <= 2 * _EDGE + 4:
        return "text=" + _directive_part(sentence)
    return f"text={_directive_part(sentence[:_EDGE])},{_directive_part(sentence[-_EDGE:])}"


def anchor(indicator: Indicator) -> str:
    """The fragment (without #) that locates the indicator's sentence on its report page."""
    return f":~:{text_directive(indicator.text)}"


def source_href(report_id: str, indicator: Indicator, to_root: str) -> str:
    """Link from a page `to_root` below the site root (e.g. `../../`) to the indicator's sentence."""
    return f"{to_root}reports/{report_id}/#{anchor(indicator)}"


def format_value(value: float | int) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def indicator_rows(report: Report) -> list[dict[str, object]]:
    return [
        {
            "report": report.id,
            "name": i.name,
            "canonical": i.canonical,
            "value": i.value,
            "unit": i.unit,
            "approx": i.approx,
            "section": i.section,
            "text": i.text,
            "anchor": anchor(i),
        }
        for i in report.indicators
    ]


def indicators_csv(report: Report) -> str:
    """UTF-8 with BOM (so spreadsheet programs detect it), RFC 4180: CRLF, quotes doubled."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in indicator_rows(report):
        row = dict(
            row, approx="true" if row["approx"] else "false", canonical=row["canonical"] or ""
        )
        writer.writerow(row)
    return "\ufeff" + buffer.getvalue()


def indicators_json(report: Report) -> str:
    data = {"report": report.id, "indicators": indicator_rows(report)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _indicator_row(i: Indicator) -> str:
    canonical = html_text(i.canonical) if i.canonical else ""
    return (
        "<tr>"
        f"<td>{html_text(i.name)}</td><td>{canonical}</td>"
        f'<td class="fz-num">{format_value(i.value)}</td><td>{html_text(i.unit)}</td>'
        f"<td>{'约' if i.approx else ''}</td>"
        f'<td><a href="./#{html_text(anchor(i))}" title="{html_text(i.text)}">原文</a></td>'
        "</tr>"
    )


def indicators_section(report: Report) -> str:
    """The report page's `数据指标` box: one row per quantity, each linked to its sentence.

    A titled box rather than a Markdown heading: the page's headings stay those of the report itself.
    """
    count = len(report.indicators)
    head = (
        '<div class="fz-indicators-box" id="indicators">\n'
        f'<p class="fz-box-title">数据指标（{count} 项）</p>'
    )
    if not count:
        return f"{head}\n<p>未从本报告正文中识别出带计量单位的数量。</p>\n</div>"
    files = (
        f'<p>下载：<a href="{report.id}.indicators.csv">CSV</a> · '
        f'<a href="{report.id}.indicators.json">JSON</a>。'
        "数值由程序从正文自动识别，“约”表示原文为约数（余、近、超过、以上等）；请以原文为准。</p>"
    )
    table = "\n".join(
        [
            '<table class="fz-indicators">',
            "<thead><tr><th>指标</th><th>规范名称</th><th>数值</th><th>单位</th>"
            "<th>约数</th><th>出处</th></tr></thead>",
            "<tbody>",
            *(_indicator_row(i) for i in report.indicators),
            "</tbody>",
            "</table>",
        ]
    )
    return f"{head}\n{files}\n{table}\n</div>"
