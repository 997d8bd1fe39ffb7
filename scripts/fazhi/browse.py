"""Browse pages: by region (province → city → county → township), year, level, topic, coverage.

Every long list is cut into pages of `PAGE_SIZE` with a pager that links every page, so any report is
two clicks from a list's first page. Tables are HTML with a caption and header scopes.
"""

from __future__ import annotations

from collections import Counter

from .coverage import REQUIRED_ITEMS
from .markup import GENERATED, html_text
from .meta_doctype import counted
from .model import Report
from .render import _LEVEL_NAMES, UNKNOWN
from .site import (
    Place,
    SiteContext,
    crumbs,
    href,
    link,
    place_name,
    place_of,
    report_label,
)

PAGE_SIZE = 100
LEVEL_ORDER = ("province", "city", "county", "township", "department")
KIND_NAMES = {"province": "省级", "city": "市级", "county": "县级", "township": "乡镇（街道）"}
LISTS_SUBTREE = ("county", "township")  # these pages list every report below them


def table(
    caption: str, headers: list[str], rows: list[list[str]], first_is_header: bool = True
) -> str:
    """An HTML table; cells are already-escaped HTML."""
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    body = []
    for row in rows:
        cells = [
            f'<th scope="row">{c}</th>' if i == 0 and first_is_header else f"<td>{c}</td>"
            for i, c in enumerate(row)
        ]
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f"<table><caption>{html_text(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def front(title: str) -> str:
    return f"---\n{GENERATED}\ntitle: {html_text(title)}\n---"


def year_label(year: int | None) -> str:
    return f"{year}年度" if year else "年度未注明"


def report_rows(ctx: SiteContext, here: str, ids: list[str]) -> list[list[str]]:
    """A table row per report; what does not depend on the page is made once per report (a report
    is listed on about ten pages)."""
    cells = ctx.derived.setdefault("report_rows", {})
    rows = []
    for rid in ids:
        if rid not in cells:
            cells[rid] = _row_cells(ctx, rid)
        doc, label, where_doc, where, year, level = cells[rid]
        rows.append(
            [
                f'<a href="{html_text(href(here, doc))}">{label}</a>',
                f'<a href="{html_text(href(here, where_doc))}">{where}</a>',
                year,
                level,
            ]
        )
    return rows


def _row_cells(ctx: SiteContext, rid: str) -> tuple[str, ...]:
    """The report's page, title, place page, place, year and level, escaped (see `site.link`)."""
    r = ctx.reports[rid]
    place = place_of(r)
    level = _LEVEL_NAMES.get(r.meta.level or "", UNKNOWN)
    return (
        ctx.report_doc(rid),
        html_text(report_label(r)),
        ctx.region_docs[place],
        html_text(" ".join(place) if place else "地区未注明"),
        year_label(r.meta.year),
        html_text(level),
    )


def _page_doc(base: str, number: int) -> str:
    return f"{base}index.md" if number == 1 else f"{base}page-{number}.md"


def pager(base: str, here: str, number: int, total: int) -> str:
    if total <= 1:
        return ""
    items = [
        f'<li><span aria-current="page">{n}</span></li>'
        if n == number
        else f"<li>{link(here, _page_doc(base, n), str(n))}</li>"
        for n in range(1, total + 1)
    ]
    return f'<nav class="fz-pager" aria-label="分页"><ol>{"".join(items)}</ol></nav>'


def paged(
    ctx: SiteContext,
    base: str,
    title: str,
    ids: list[str],
    head: list[str] | None = None,
    caption: str = "报告",
) -> dict[str, str]:
    """`base`index.md, `base`page-2.md …: a head (on every page), then a page of reports."""
    chunks = [ids[i : i + PAGE_SIZE] for i in range(0, len(ids), PAGE_SIZE)] or [[]]
    pages: dict[str, str] = {}
    for number, chunk in enumerate(chunks, start=1):
        here = _page_doc(base, number)
        suffix = f"（第 {number}/{len(chunks)} 页）" if len(chunks) > 1 else ""
        parts = [front(title + suffix), f"# {html_text(title)}{suffix}"]
        parts += [h(here) if callable(h) else h for h in (head or [])]
        nav = pager(base, here, number, len(chunks))
        if chunk:
            cap = f"{caption}（共 {len(ids)} 份，本页 {len(chunk)} 份）"
            parts += [
                nav,
                table(cap, ["标题", "地区", "年度", "层级"], report_rows(ctx, here, chunk)),
                nav,
            ]
        else:
            parts.append("<p>暂无报告。</p>")
        pages[here] = "\n\n".join(p for p in parts if p) + "\n"
    return pages


# ---- regions ------------------------------------------------------------------------------


def _subtree_ids(ctx: SiteContext, place: Place) -> list[str]:
    ids, stack = [], [place]
    while stack:
        node = stack.pop()
        ids += ctx.own.get(node, [])
        stack += ctx.children.get(node, [])
    return sorted(ids, key=lambda i: (-(ctx.reports[i].meta.year or 0), i))


def _years(ctx: SiteContext, place: Place) -> list[int]:
    return sorted((y for y in ctx.subtree_years.get(place, Counter()) if y), reverse=True)


def children_table(ctx: SiteContext, here: str, place: Place) -> str:
    kids = ctx.children.get(place, [])
    if not kids:
        return ""
    years = _years(ctx, place)
    rows = []
    for kid in kids:
        counts = ctx.subtree_years[kid]
        rows.append(
            [link(here, ctx.region_docs[kid], kid[-1]), str(sum(counts.values()))]
            + [str(counts.get(y, 0) or "") for y in years]
        )
    levels = "、".join(dict.fromkeys(KIND_NAMES[ctx.kinds[k]] for k in kids))
    caption = f"{place_name(place) if place else '全国'}的下级地区（{levels}）与各年度报告数"
    return table(caption, ["地区", "合计", *(f"{y}年度" for y in years)], rows)


def region_pages(ctx: SiteContext) -> dict[str, str]:
    pages: dict[str, str] = {}
    for place, doc in ctx.region_docs.items():
        if place == ():
            if ctx.own.get(()):
                head = [lambda h: crumbs(ctx, h, (), UNKNOWN_TAIL), f"<p>{NO_PLACE_NOTE}</p>"]
                pages.update(
                    paged(ctx, doc[: -len("index.md")], "地区未注明的报告", ctx.own[()], head)
                )
            continue
        pages.update(_region_page(ctx, place, doc))
    pages["regions/index.md"] = regions_index(ctx)
    return pages


UNKNOWN_TAIL = "地区未注明"
NO_PLACE_NOTE = (
    "这些报告的正文中没有找到能在行政区划表中确认的地名；编辑可在报告的元数据文件中补充。"
)


def _region_page(ctx: SiteContext, place: Place, doc: str) -> dict[str, str]:
    base = doc[: -len("index.md")]
    full = " ".join(place)
    total = sum(ctx.subtree_years[place].values())
    subtree = ctx.kinds[place] in LISTS_SUBTREE
    ids = _subtree_ids(ctx, place) if subtree else ctx.own.get(place, [])
    scope = "本地区及下级地区" if subtree else "本级"
    head = [
        lambda h: crumbs(ctx, h, place[:-1], place[-1]),
        f"<p>{html_text(full)}：共 {total} 份报告。</p>",
        lambda h: children_table(ctx, h, place),
    ]
    if ctx.children.get(place) and not subtree:
        head.append(f"<p>下级地区的报告见各地区页面。{html_text(place[-1])}本级的报告如下。</p>")
    return paged(ctx, base, place[-1], ids, head, caption=f"{place[-1]}{scope}的报告")


def regions_index(ctx: SiteContext) -> str:
    here = "regions/index.md"
    parts = [
        front("按地区浏览"),
        "# 按地区浏览",
        "<p>省 → 市 → 县（区）→ 乡镇（街道），每级列出下级地区和各年度的报告数。</p>",
    ]
    parts.append(children_table(ctx, here, ()) or "<p>暂无已确认地区的报告。</p>")
    if ctx.own.get(()):
        unknown = link(here, ctx.region_docs[()], f"地区未注明的报告（{len(ctx.own[()])} 份）")
        parts.append(f"<p>{unknown}</p>")
    return "\n\n".join(parts) + "\n"


# ---- years, levels, topics ----------------------------------------------------------------


def _ordered(reports: list[Report]) -> list[str]:
    return [
        r.id
        for r in sorted(
            reports, key=lambda r: (-(r.meta.year or 0), r.meta.region.code or "~", r.id)
        )
    ]


def year_pages(ctx: SiteContext) -> dict[str, str]:
    reports = list(ctx.reports.values())
    years = sorted({r.meta.year for r in reports if r.meta.year}, reverse=True)
    pages: dict[str, str] = {}
    here = "years/index.md"
    rows = []
    for year in years:
        of_year = [r for r in reports if r.meta.year == year]
        levels = Counter(r.meta.level for r in of_year)
        rows.append(
            [link(here, f"years/{year}/index.md", f"{year}年度"), str(len(of_year))]
            + [str(levels.get(lv, 0) or "") for lv in LEVEL_ORDER]
        )
        pages.update(paged(ctx, f"years/{year}/", f"{year}年度的报告", _ordered(of_year)))
    unknown = [r for r in reports if not r.meta.year]
    parts = [front("按年度浏览"), "# 按年度浏览"]
    headers = ["年度", "合计", *(_LEVEL_NAMES[lv] for lv in LEVEL_ORDER)]
    parts.append(
        table("各年度的报告数（按层级）", headers, rows) if rows else "<p>暂无注明年度的报告。</p>"
    )
    if unknown:
        pages.update(paged(ctx, "years/unknown/", "年度未注明的报告", _ordered(unknown)))
        parts.append(
            f"<p>{link(here, 'years/unknown/index.md', f'年度未注明的报告（{len(unknown)} 份）')}</p>"
        )
    parts.append(
        f"<p>另见：{link(here, 'levels/index.md', '按层级浏览')} · {link(here, 'coverage/index.md', '五项必报内容覆盖情况')} · "
        f"{link(here, 'reports/index.md', '全部报告')}</p>"
    )
    pages[here] = "\n\n".join(parts) + "\n"
    return pages


def level_pages(ctx: SiteContext) -> dict[str, str]:
    reports = list(ctx.reports.values())
    here = "levels/index.md"
    pages: dict[str, str] = {}
    rows = []
    for level in LEVEL_ORDER:
        of_level = [r for r in reports if r.meta.level == level]
        name = _LEVEL_NAMES[level]
        pages.update(paged(ctx, f"levels/{level}/", f"{name}报告", _ordered(of_level)))
        rows.append([link(here, f"levels/{level}/index.md", name), str(len(of_level))])
    unknown = [r for r in reports if r.meta.level not in LEVEL_ORDER]
    if unknown:
        pages.update(paged(ctx, "levels/unknown/", "层级未注明的报告", _ordered(unknown)))
        rows.append([link(here, "levels/unknown/index.md", "层级未注明"), str(len(unknown))])
    parts = [
        front("按层级浏览"),
        "# 按层级浏览",
        "<p>省、市、县（区）、乡镇（街道）人民政府和政府部门各自发布的报告。</p>",
    ]
    parts.append(table("各层级的报告数", ["层级", "报告数"], rows))
    pages[here] = "\n\n".join(parts) + "\n"
    return pages


def topic_pages(ctx: SiteContext) -> dict[str, str]:
    reports = list(ctx.reports.values())
    here = "topics/index.md"
    pages: dict[str, str] = {}
    rows = []
    for topic in ctx.topics:
        of_topic = [r for r in reports if topic.name in r.topics]
        doc = ctx.topic_doc(topic.name)
        rule = (
            f'<p>{html_text(topic.description)}</p><p class="fz-note">归类依据：正文中出现下列词语（小标题中出现计 '
            f"{topic.heading_weight} 次），加权合计不少于 {topic.min_hits} 次、每千字不少于 {topic.min_per_1000} 次，"
            f"且至少 {topic.min_terms} 个不同的词语：{html_text('、'.join(topic.terms))}。</p>"
        )
        pages.update(
            paged(ctx, doc[: -len("index.md")], f"主题：{topic.name}", _ordered(of_topic), [rule])
        )
        rows.append([link(here, doc, topic.name), html_text(topic.description), str(len(of_topic))])
    parts = [
        front("按主题浏览"),
        "# 按主题浏览",
        "<p>每份报告按正文中主题词的出现次数归入一个或多个主题；报告页上列出归类依据。</p>",
    ]
    parts.append(
        table("主题与报告数", ["主题", "说明", "报告数"], rows)
        if rows
        else "<p>未配置主题词表。</p>"
    )
    pages[here] = "\n\n".join(parts) + "\n"
    return pages


def coverage_page(ctx: SiteContext) -> dict[str, str]:
    reports = [r for r in ctx.reports.values() if counted(r)]
    headers = ["范围", "报告数", *(item.short for item in REQUIRED_ITEMS), "五项齐全"]

    def row(label: str, group: list[Report]) -> list[str]:
        n = len(group)
        cells = [sum(1 for r in group if r.required_items.get(i.key)) for i in REQUIRED_ITEMS]
        full = sum(1 for r in group if all(r.required_items.get(i.key) for i in REQUIRED_ITEMS))
        return [html_text(label), str(n), *(_share(c, n) for c in [*cells, full])]

    years = sorted({r.meta.year for r in reports if r.meta.year}, reverse=True)
    by_year = [row(f"{y}年度", [r for r in reports if r.meta.year == y]) for y in years]
    by_level = [
        row(_LEVEL_NAMES[lv], [r for r in reports if r.meta.level == lv]) for lv in LEVEL_ORDER
    ]
    items = "".join(f"<li>{html_text(i.name)}（{html_text(i.short)}）</li>" for i in REQUIRED_ITEMS)
    parts = [
        front("五项必报内容覆盖情况"),
        "# 五项必报内容覆盖情况",
        "<p>《法治政府建设与责任落实督察工作规定》要求年度报告包括以下五项内容。本站按小标题和正文用语判断每份报告涉及了哪几项（报告页顶部的标记），下表为汇总（只计年度报告，不计工作要点、通知、述法报告等其他文件）。</p>",
        f"<ol>{items}</ol>",
        table("全部报告", headers, [row("全部", reports)]),
        table("按年度", headers, by_year) if by_year else "",
        table("按层级", headers, [r for r in by_level if r[1] != "0"]) if reports else "",
    ]
    return {"coverage/index.md": "\n\n".join(p for p in parts if p) + "\n"}


def _share(count: int, total: int) -> str:
    return f"{count}（{100 * count / total:.0f}%）" if total else "—"


def browse_pages(ctx: SiteContext) -> dict[str, str]:
    pages: dict[str, str] = {}
    for build in (region_pages, year_pages, level_pages, topic_pages, coverage_page):
        pages.update(build(ctx))
    return pages
