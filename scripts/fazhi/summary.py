"""Summary pages under stats/: report counts by province and year, charts, and the cross-report table.

The cross-report table has a row per report and a column per canonical indicator (those marked `summary` in
the vocabulary); each cell shows the first value the report gives for that indicator, linked to its sentence.
It is split into pages of `TABLE_PAGE_ROWS` rows so that each page stays small at 10,000 reports; the whole
table is also a CSV download. Columns sort in the browser (assets/fazhi-sort.js, shipped with the site).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence

from .charts import Series, chart_block, distribution
from .indicator_views import format_value, source_href, value_in_yuan
from .indicators import Vocabulary
from .markup import GENERATED, escape_inline, html_text
from .meta_doctype import counted
from .model import Indicator, Report
from .render import UNKNOWN

TABLE_PAGE_ROWS = 100
CHART_PROVINCES = 40
STATS = "stats/"


def _province(report: Report) -> str:
    return report.meta.region.province or UNKNOWN


def _year(report: Report) -> str:
    return str(report.meta.year) if report.meta.year else UNKNOWN


def _order(report: Report) -> tuple:
    return (report.meta.region.code or "~", -(report.meta.year or 0), report.id)


def first_by_canonical(report: Report) -> dict[str, Indicator]:
    """The first result (in reading order) of each canonical name in the report: a previous year's
    value, a change or a plan is never the report's number for the cross-report table and charts."""
    first: dict[str, Indicator] = {}
    for indicator in report.indicators:
        if indicator.kind != "result":
            continue
        if indicator.canonical and indicator.canonical not in first:
            first[indicator.canonical] = indicator
    return first


def counts_table(reports: Sequence[Report]) -> str:
    """Reports per province (rows) and year (columns), with totals."""
    years = sorted({_year(r) for r in reports}, key=lambda y: (y == UNKNOWN, y))
    cells = Counter((_province(r), _year(r)) for r in reports)
    provinces = sorted({_province(r) for r in reports}, key=lambda p: (p == UNKNOWN, p))
    head = "| 省份 | " + " | ".join(years) + " | 合计 |"
    lines = [head, "| --- |" + " ---: |" * (len(years) + 1)]
    for province in provinces:
        row = [str(cells[(province, y)] or "") for y in years]
        total = sum(cells[(province, y)] for y in years)
        lines.append(f"| {escape_inline(province)} | " + " | ".join(row) + f" | {total} |")
    totals = [str(sum(cells[(p, y)] for p in provinces)) for y in years]
    lines.append("| **合计** | " + " | ".join(totals) + f" | **{len(reports)}** |")
    return "\n".join(lines)


def summary_columns(reports: Sequence[Report], vocab: Vocabulary) -> list[str]:
    """Canonical names marked `summary` that at least one report has, in vocabulary order."""
    present = {
        i.canonical for r in reports for i in r.indicators if i.canonical and i.kind == "result"
    }
    return [c.name for c in vocab if c.summary and c.name in present]


def _cell(report: Report, indicator: Indicator | None, to_root: str) -> str:
    if indicator is None:
        return '<td data-value=""></td>'
    shown = ("约" if indicator.approx else "") + format_value(indicator.value) + indicator.unit
    href = html_text(source_href(report.id, indicator, to_root))
    yuan = value_in_yuan(indicator.value, indicator.unit)  # 罚没款 in 元, 万元 and 亿元 sort as one
    key = indicator.value if yuan is None else yuan
    return f'<td class="fz-num" data-value="{key}"><a href="{href}">{shown}</a></td>'


def indicator_table(reports: Sequence[Report], columns: list[str], to_root: str) -> str:
    head = "".join(f'<th scope="col">{html_text(c)}</th>' for c in columns)
    rows = []
    for report in reports:
        first = first_by_canonical(report)
        title = html_text(report.meta.title or report.source.file)
        place = html_text(
            " ".join(
                p
                for p in (_province(report), report.meta.region.county, report.meta.region.township)
                if p
            )
        )
        cells = "".join(_cell(report, first.get(c), to_root) for c in columns)
        rows.append(
            f'<tr><td><a href="{to_root}reports/{report.id}/">{title}</a></td>'
            f"<td>{place}</td><td>{_year(report)}</td>{cells}</tr>"
        )
    return "\n".join(
        [
            '<div class="fz-scroll"><table class="fz-sortable fz-summary">',
            f'<thead><tr><th scope="col">报告</th><th scope="col">地区</th><th scope="col">年度</th>'
            f"{head}</tr></thead>",
            "<tbody>",
            *rows,
            "</tbody>",
            "</table></div>",
        ]
    )


def _page_name(number: int) -> str:
    return "index.md" if number == 1 else f"page-{number}.md"


def _pager(number: int, total: int) -> str:
    if total <= 1:
        return ""
    links = [f"[{n}]({_page_name(n)})" if n != number else f"**{n}**" for n in range(1, total + 1)]
    return "页码：" + " ".join(links)


def indicator_pages(reports: Sequence[Report], vocab: Vocabulary) -> dict[str, str]:
    """stats/indicators/index.md, page-2.md …: the cross-report table, TABLE_PAGE_ROWS per page.

    Raw-HTML links are relative to the page's URL: page-N.md is served at stats/indicators/page-N/,
    one folder deeper than index.md."""
    ordered = sorted(reports, key=_order)
    columns = summary_columns(ordered, vocab)
    chunks = [ordered[i : i + TABLE_PAGE_ROWS] for i in range(0, len(ordered), TABLE_PAGE_ROWS)]
    pages: dict[str, str] = {}
    for number, chunk in enumerate(chunks or [[]], start=1):
        pager = _pager(number, len(chunks))
        parts = [
            f"---\n{GENERATED}\ntitle: 指标对比表\nhide:\n  - navigation\n  - toc\n---",
            f"# 指标对比表（第 {number}/{max(len(chunks), 1)} 页）",
            "每行一份报告，每列一个规范指标，单元格为该报告中该指标首次出现的数值，点击可跳到原文句子。"
            "点击表头可按该列排序（本页内）。全部数据见 [CSV 下载](../indicators.csv)。",
            pager,
            indicator_table(chunk, columns, "../../" if number == 1 else "../../../"),
            pager,
        ]
        pages[STATS + "indicators/" + _page_name(number)] = (
            "\n\n".join(p for p in parts if p) + "\n"
        )
    return pages


def summary_csv(reports: Sequence[Report], vocab: Vocabulary) -> str:
    """The whole cross-report table, one row per report (UTF-8 with BOM, RFC 4180)."""
    ordered = sorted(reports, key=_order)
    columns = summary_columns(ordered, vocab)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["report", "title", "province", "year", *columns])
    for report in ordered:
        first = first_by_canonical(report)
        values = [format_value(first[c].value) if c in first else "" for c in columns]
        writer.writerow(
            [
                report.id,
                report.meta.title or "",
                report.meta.region.province or "",
                report.meta.year or "",
                *values,
            ]
        )
    return "\ufeff" + buffer.getvalue()


def chart_series(reports: Sequence[Report], vocab: Vocabulary) -> list[Series]:
    """Reports per year, per province, and the distribution of each charted canonical indicator."""
    years = Counter(_year(r) for r in reports)
    provinces = Counter(_province(r) for r in reports)
    series = [
        Series(
            "各年度报告数量",
            "年度",
            "报告数",
            tuple(sorted(years.items(), key=lambda kv: (kv[0] == UNKNOWN, kv[0]))),
        ),
        Series("各省份报告数量", "省份", "报告数", tuple(provinces.most_common(CHART_PROVINCES))),
    ]
    firsts = [first_by_canonical(r) for r in reports]
    for canonical in (c for c in vocab if c.chart):
        found = [first.get(canonical.name) for first in firsts]
        values = [i for i in found if i is not None]
        if not values:
            continue
        unit = Counter(i.unit for i in values).most_common(1)[0][0]
        same_unit = [float(i.value) for i in values if i.unit == unit]
        if value_in_yuan(1, unit) is not None:  # money in any of 元/万元/亿元, charted in 万元
            unit = "万元"
            yuan = [value_in_yuan(i.value, i.unit) for i in values]
            same_unit = [float(y) / 10_000 for y in yuan if y is not None]
        title = f"{canonical.name}的分布（{len(same_unit)} 份报告，单位：{unit}）"
        series.append(Series(title, "区间", "报告数", tuple(distribution(same_unit, unit))))
    return series


def charts_page(reports: Sequence[Report], vocab: Vocabulary) -> str:
    parts = [
        f"---\n{GENERATED}\ntitle: 统计图表\n---",
        "# 统计图表",
        "图表在生成网站时绘制，每张图下附其数据表。指标分布按每份报告中该指标首次出现的数值统计。",
        *(chart_block(s) for s in chart_series(reports, vocab)),
    ]
    return "\n\n".join(parts) + "\n"


def stats_index(reports: Sequence[Report], left_out: int = 0) -> str:
    note = (
        f"另有 {left_out} 份文件不是法治政府建设年度报告（工作要点、通知、述法报告、法治建设报告等），"
        "照常收录并在其页面注明文件类型，但不计入以下统计。"
        if left_out
        else ""
    )
    parts = [
        f"---\n{GENERATED}\ntitle: 统计\n---",
        "# 统计",
        f"本站共收录 {len(reports)} 份年度报告。{note}",
        "- [统计图表](charts.md)：各年度、各省份报告数量，主要指标的分布\n"
        "- [指标对比表](indicators/index.md)：各报告的规范指标并列对比，可排序，附原文链接\n"
        "- [指标对比表 CSV 下载](indicators.csv)",
        "## 各省份、各年度报告数量",
        counts_table(reports),
    ]
    return "\n\n".join(parts) + "\n"


def summary_pages(reports: Sequence[Report], vocab: Vocabulary) -> dict[str, str]:
    """Every page and file under stats/: of the annual reports only (`counted`)."""
    everything = len(reports)
    reports = [r for r in reports if counted(r)]
    pages = {
        STATS + "index.md": stats_index(reports, everything - len(reports)),
        STATS + "charts.md": charts_page(reports, vocab),
        STATS + "indicators.csv": summary_csv(reports, vocab),
    }
    pages.update(indicator_pages(reports, vocab))
    return pages
