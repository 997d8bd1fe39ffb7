"""Stage `assemble`: the site's own pages (home, report lists) from all reports."""

from __future__ import annotations

from .markup import GENERATED, escape_inline, html_text
from .model import Report
from .render import UNKNOWN
from .site import SiteContext

HOME_LATEST = 20
LIST_PAGE_SIZE = 500


def sort_key(report: Report) -> tuple:
    """Newest year first, then by region code and id, so lists are stable."""
    year = report.meta.year or 0
    return (-year, report.meta.region.code or "~", report.id)


def place_label(report: Report) -> str:
    region = report.meta.region
    named = [p for p in (region.province, region.city, region.county, region.township) if p]
    return " ".join(named) if named else UNKNOWN


def report_table(reports: list[Report], link_prefix: str) -> str:
    """A Markdown table of reports; `link_prefix` is the relative path from the page to reports/."""
    lines = ["| 标题 | 地区 | 年度 | 发布机关 |", "| --- | --- | --- | --- |"]
    for r in reports:
        title = escape_inline(r.meta.title or f"未注明标题（{r.source.file}）")
        year = str(r.meta.year) if r.meta.year else UNKNOWN
        issuer = escape_inline(r.meta.issuer) if r.meta.issuer else UNKNOWN
        link = f"{link_prefix}{r.id}/index.md"
        lines.append(f"| [{title}]({link}) | {escape_inline(place_label(r))} | {year} | {issuer} |")
    return "\n".join(lines)


def latest_table(reports: list[Report]) -> str:
    """The home page's report list as an HTML table with a caption (links relative to the home page)."""
    rows = []
    for r in reports:
        title = html_text(r.meta.title or f"未注明标题（{r.source.file}）")
        year = str(r.meta.year) if r.meta.year else UNKNOWN
        issuer = html_text(r.meta.issuer) if r.meta.issuer else UNKNOWN
        cells = [f'<a href="reports/{html_text(r.id)}/">{title}</a>', html_text(place_label(r)), year, issuer]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f'<th scope="col">{h}</th>' for h in ("标题", "地区", "年度", "发布机关"))
    return (
        f"<table><caption>按年度从新到旧的 {len(reports)} 份报告</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def home_page(reports: list[Report], context: SiteContext | None = None) -> str:
    """The landing page: what is here, the ways in (place, year, topic, level), the latest reports."""
    ordered = sorted(reports, key=sort_key)
    latest = ordered[:HOME_LATEST]
    years = sorted({r.meta.year for r in reports if r.meta.year})
    span = f"{years[0]}—{years[-1]}年度" if years else ""
    parts = [
        f"---\n{GENERATED}\ntitle: 首页\nhide:\n  - navigation\n---",
        "# 法治政府建设年度报告开放数据门户",
        (
            f"本站收录 **{len(reports)}** 份法治政府建设年度报告{('（' + span + '）') if span else ''}，"
            "逐份整理为规范的网页，附元数据和可下载的数据文件。按地区、年度、主题浏览，或使用右上角的全文搜索。"
        ),
        "[统计](stats/index.md)：各省份、各年度报告数量，统计图表，各报告数据指标对比表。",
        *(_entry_points(reports, context) if context else []),
        "## 最新报告" if len(ordered) > HOME_LATEST else "## 全部报告",
        latest_table(latest),
    ]
    if len(ordered) > HOME_LATEST:
        parts.append(f"[查看全部 {len(ordered)} 份报告](reports/index.md)")
    return "\n\n".join(parts) + "\n"


def _entry_points(reports: list[Report], context: SiteContext) -> list[str]:
    provinces = context.children.get((), [])
    counties = [p for p, kind in context.kinds.items() if kind == "county"]
    townships = [p for p, kind in context.kinds.items() if kind == "township"]
    years = sorted({r.meta.year for r in reports if r.meta.year}, reverse=True)
    counts = (
        f"覆盖 **{len(provinces)}** 个省级地区、**{len(counties)}** 个县（区）、"
        f"**{len(townships)}** 个乡镇（街道）。"
    )
    by_place = " · ".join(
        f"[{escape_inline(p[-1])}]({context.region_docs[p]})（{sum(context.subtree_years[p].values())}）"
        for p in provinces
    )
    by_year = " · ".join(f"[{y}年度](years/{y}/index.md)" for y in years)
    by_topic = " · ".join(
        f"[{escape_inline(t.name)}]({context.topic_doc(t.name)})" for t in context.topics
    )
    lines = [
        "## 浏览",
        counts,
        f"- **[按地区](regions/index.md)**：{by_place or '暂无已确认地区的报告'}",
        f"- **[按年度](years/index.md)**：{by_year or '暂无注明年度的报告'}",
        f"- **[按主题](topics/index.md)**：{by_topic or '未配置主题词表'}",
        "- **[按层级](levels/index.md)**：省级、市级、县级、乡镇（街道）、部门",
        "- **[五项必报内容覆盖情况](coverage/index.md)** · [全部报告](reports/index.md)",
    ]
    return [lines[0], lines[1], "\n".join(lines[2:])]


def list_pages(reports: list[Report]) -> dict[str, str]:
    """reports/index.md, reports/page-2.md …: every report, a fixed number per page."""
    ordered = sorted(reports, key=sort_key)
    chunks = [ordered[i : i + LIST_PAGE_SIZE] for i in range(0, len(ordered), LIST_PAGE_SIZE)] or [
        []
    ]
    pages: dict[str, str] = {}
    for number, chunk in enumerate(chunks, start=1):
        name = "reports/index.md" if number == 1 else f"reports/page-{number}.md"
        pager = _pager(number, len(chunks))
        body = [f"---\n{GENERATED}\ntitle: 全部报告\n---\n\n# 全部报告（第 {number}/{len(chunks)} 页）"]
        body += [pager, report_table(chunk, ""), pager]
        pages[name] = "\n\n".join(p for p in body if p) + "\n"
    return pages


def _pager(number: int, total: int) -> str:
    if total <= 1:
        return ""

    def target(n: int) -> str:
        return "index.md" if n == 1 else f"page-{n}.md"

    links = [f"[{n}]({target(n)})" if n != number else f"**{n}**" for n in range(1, total + 1)]
    return "页码：" + " ".join(links)
