"""How indicators are shown and downloaded: the report page's table, CSV and JSON, source links.

A source link is a text fragment (`#:~:text=start,end`): the browser scrolls to the sentence itself and
highlights it (Chrome/Edge 80+, Safari 16.1+, Firefox 131+). The page's Markdown stays exactly the cleaned
text (no ids added to paragraphs, so the renderer's fidelity checks hold), and assets/fazhi-fragment.js
does the same scroll-and-mark in browsers that do not support text fragments.
"""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from .indicator_kinds import KIND_LABELS
from .markup import html_text
from .model import Indicator, Report
from .tabular import Column, csv_text

INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("report_id", "string", "报告标识", "所属报告的标识，对应同一年度 catalog-<年度>.csv 的 id。", required=True),
    Column("name", "string", "指标名称", "原文中的指标名称。", required=True),
    Column("canonical_name", "string", "规范名称", "归并后的规范指标名称，便于跨报告比较；未归并时为空。"),
    Column("value", "number", "数值", "指标数值，按原文所用单位（已换算数量级：“1.19万人”记为 11900；金额保留原文的元、万元或亿元）。", required=True),
    Column("unit", "string", "单位", "单位，如 次、件、人次、%、元、万元、亿元。"),
    Column("value_yuan", "number", "金额（元）", "金额指标换算为元的数值（“386.5万元”记为 3865000，“2.35亿元”记为 235000000），便于跨报告比较金额；单位不是元、万元、亿元的指标为空。"),
    Column("approx", "boolean", "约数", "原文是否为约数（“余”“近”“超过”等），true/false。", required=True),
    Column("kind", "string", "类型", "result＝本年度实绩；previous＝往期数值（如“上年同期为50件”）；change＝与往期相比的增减（如“较上年增长25%”“提高2个百分点”）；plan＝计划或目标（如“计划开展10次”、下一步工作打算中的数字）；cumulative＝跨越多个年度的累计数（如“2019年以来共办理682件”“近三年累计”“‘八五’普法以来”“累计建成”），不是本年度的数字。", required=True, pattern="^(result|previous|change|plan|cumulative)$"),
    Column("text", "string", "原文", "指标所在的原句。", required=True),
    Column("section", "string", "所在章节", "指标所在的正文标题。"),
    Column("anchor", "string", "原句锚点", "原句在报告页面上的锚点（文本片段），拼在报告页面地址后即可直接定位到该句。", required=True),
)  # fmt: skip
_EDGE = 10  # characters of a long sentence's start and end used in its text directive


_DIRECTIVE_RESERVED = {c: quote(c, safe="") for c in "%-,&#?=:~<>\"'`[]{}|\\^/"} | {"-": "%2D"}


_PRINTABLE_RESERVED = str.maketrans(_DIRECTIVE_RESERVED | {" ": quote(" ", safe="")})


def _directive_part(text: str) -> str:
    """Percent-encode what the text-directive syntax or HTML reserves; keep Chinese as is (3 bytes, not 9)."""
    if text.isprintable():  # the space is then the only white space in it: one translate
        return text.translate(_PRINTABLE_RESERVED)
    return "".join(
        _DIRECTIVE_RESERVED.get(c, c) if c.isprintable() and not c.isspace() else quote(c, safe="")
        for c in text
    )


@functools.lru_cache(maxsize=4096)
def text_directive(sentence: str) -> str:
    """`text=…` for a sentence; long sentences as `start,end` so the URL stays short; a table row
    (cells joined by tabs) as its first and last cell, since a match cannot run across cells."""
    cells = [c.strip() for c in sentence.split("\t") if c.strip()]
    if len(cells) > 1:
        return f"text={_directive_part(cells[0])},{_directive_part(cells[-1])}"
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


_YUAN_PER_UNIT = {"元": 1, "万元": 10_000, "亿元": 100_000_000}


def value_in_yuan(value: float | int, unit: str) -> int | float | None:
    """The amount in 元 of a money indicator (`386.5 万元` → 3865000), exact in decimal; None
    for a unit that is not money."""
    factor = _YUAN_PER_UNIT.get(unit)
    if factor is None:
        return None
    yuan = Decimal(str(value)) * factor
    return int(yuan) if yuan == yuan.to_integral_value() else float(yuan)


def format_value(value: float | int) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def indicator_rows(report: Report) -> list[dict[str, Any]]:
    """One row per indicator, the same in the report's own `<id>.indicators.csv`/`.json` and in the
    bulk `indicators.csv` (`INDICATOR_COLUMNS`)."""
    return [
        {
            "report_id": report.id,
            "name": i.name,
            "canonical_name": i.canonical,
            "value": i.value,
            "unit": i.unit or None,
            "value_yuan": value_in_yuan(i.value, i.unit),
            "approx": i.approx,
            "kind": i.kind,
            "text": i.text,
            "section": i.section or None,
            "anchor": anchor(i),
        }
        for i in report.indicators
    ]


def indicators_csv(report: Report) -> str:
    """UTF-8 with BOM (so spreadsheet programs detect it), RFC 4180: CRLF, quotes doubled."""
    return csv_text(INDICATOR_COLUMNS, indicator_rows(report))


def indicators_json(report: Report) -> str:
    data = {"report_id": report.id, "indicators": indicator_rows(report)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _indicator_row(i: Indicator) -> str:
    canonical = html_text(i.canonical) if i.canonical else ""
    return (
        "<tr>"
        f"<td>{html_text(i.name)}</td><td>{canonical}</td>"
        f'<td class="fz-num">{format_value(i.value)}</td><td>{html_text(i.unit)}</td>'
        f"<td>{'约' if i.approx else ''}</td><td>{KIND_LABELS.get(i.kind, '')}</td>"
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
        "数值由程序从正文自动识别，“约”表示原文为约数（余、近、超过、以上等）；类型为空的是本年度实绩，"
        "“往期”是往年或上年同期的数值，“增减”是与往期相比的变化，“计划”是计划或目标，"
        "“累计”是跨越多个年度的累计数（不计入本年度）；金额按原文单位列出，下载文件另有折合为元的 value_yuan。"
        "请以原文为准。</p>"
    )
    table = "\n".join(
        [
            '<table class="fz-indicators">',
            "<thead><tr><th>指标</th><th>规范名称</th><th>数值</th><th>单位</th>"
            "<th>约数</th><th>类型</th><th>出处</th></tr></thead>",
            "<tbody>",
            *(_indicator_row(i) for i in report.indicators),
            "</tbody>",
            "</table>",
        ]
    )
    return f"{head}\n{files}\n{table}\n</div>"
