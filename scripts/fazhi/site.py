"""The site-wide context: every report placed in the region tree, by year, level, topic and neighbours.

Computed once from all reports (`build_context`), then handed to the report-page renderer
(`report_sections`) and to the browse pages (`fazhi.browse`). Places are tuples of names from the
province down (`('广西壮族自治区', '柳州市', '鹿寨县', '拉沟乡')`); `()` is "place not known".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from .coverage import REQUIRED_ITEMS
from .ids import short_name, slug
from .markup import html_text
from .meta_doctype import counted
from .model import Report
from .related import Neighbour, Similarities, similar_reports
from .term_matrix import TermCounts, Terms
from .topics import Topic

Place = tuple[str, ...]
PLACE_LEVELS = ("省级", "市级", "县级", "乡镇（街道）")
SAME_COUNTY_SHOWN = 20
UNKNOWN_PLACE = "地区未注明"
SECTION = (
    " { .fz-related }"  # attr_list: the site's own sections, told apart from the report's headings
)


KINDS = ("province", "city", "county", "township")


def place_with_kinds(report: Report) -> tuple[Place, tuple[str, ...]]:
    """The report's place from the province down, stopping at the first unknown level, and what
    each name is (municipalities skip the city: 重庆市 → 江北区 is province → county)."""
    region = report.meta.region
    return _place_with_kinds(region.province, region.city, region.county, region.township)


@lru_cache(maxsize=65536)
def _place_with_kinds(*names_in_order: str | None) -> tuple[Place, tuple[str, ...]]:
    """Asked about 20 times per report per build: cached by the four names."""
    names: list[str] = []
    kinds: list[str] = []
    for kind, name in zip(KINDS, names_in_order, strict=True):
        if not name and kind == "city" and names_in_order[2]:
            continue  # a municipality's district or a county under the province directly
        if not name:
            break
        if names and name == names[-1]:
            continue
        names.append(name)
        kinds.append(kind)
    return tuple(names), tuple(kinds)


def place_of(report: Report) -> Place:
    return place_with_kinds(report)[0]


def place_key(report: Report) -> tuple[Place, str | None, str | None] | None:
    """Reports with the same key are the same body in different years; None when not known."""
    place = place_of(report)
    if not place:
        return None
    level = report.meta.level
    issuer = report.meta.issuer if level == "department" else None
    if level == "department" and not issuer:
        return None
    return place, level, issuer


def county_of(report: Report) -> Place | None:
    place, kinds = place_with_kinds(report)
    return place[: kinds.index("county") + 1] if "county" in kinds else None


@dataclass
class SiteContext:
    reports: dict[str, Report]
    region_docs: dict[Place, str]  # place → its page in the docs tree
    children: dict[Place, list[Place]]
    own: dict[Place, list[str]]  # report ids whose place is exactly this one
    subtree_years: dict[Place, Counter]
    kinds: dict[Place, str] = field(default_factory=dict)  # province | city | county | township
    same_place: dict[str, list[str]] = field(default_factory=dict)
    same_county_year: dict[tuple[Place, int], list[str]] = field(default_factory=dict)
    similar: dict[str, list[Neighbour]] = field(default_factory=dict)
    topics: list[Topic] = field(default_factory=list)
    # what pages make from the above, kept once made (`browse.report_rows`' cells); never copied
    derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def topic_doc(self, name: str) -> str:
        slugs = {t.name: t.slug for t in self.topics}
        return f"topics/{slugs[name]}/index.md" if name in slugs else "topics/index.md"

    def report_doc(self, report_id: str) -> str:
        return f"reports/{report_id}/index.md"


def place_slug(name: str) -> str:
    return slug(short_name(name)) or "x"


def _region_slugs(places: set[Place], place_slug: Callable[[str], str]) -> dict[Place, str]:
    """A readable, URL-safe folder per place (pinyin), unique among siblings."""
    docs: dict[Place, str] = {(): "regions/unknown/index.md"}
    folder: dict[Place, str] = {}
    by_parent: dict[Place, list[Place]] = defaultdict(list)
    for place in places:
        by_parent[place[:-1]].append(place)
    for depth in range(1, max((len(p) for p in places), default=0) + 1):
        for parent in sorted({p[:-1] for p in places if len(p) == depth}):
            taken: set[str] = set()
            for place in sorted(by_parent[parent]):
                base = place_slug(place[-1])
                name, n = base, 1
                while name in taken or name == "unknown":
                    n += 1
                    name = f"{base}-{n}"
                taken.add(name)
                folder[place] = (folder[parent] + "/" if parent else "regions/") + name
                docs[place] = folder[place] + "/index.md"
    return docs


def build_context(
    reports: list[Report],
    topics: list[Topic] | None = None,
    neighbours: int = 5,
    counts: tuple[Terms, list[TermCounts]] | None = None,
    slug_of: Callable[[str], str] | None = None,
    similarities: list[Similarities] | None = None,
) -> SiteContext:
    """Everything the browse pages and the report pages' link sections need, computed once.
    `counts`: the reports' term counts (`term_matrix`), when known; `slug_of`: a place name's
    folder name (`place_slug`), when remembered; `similarities`: the last build's similarity
    matrix, replaced by this one's (see `related.similar_reports`)."""
    places = {r.id: place_with_kinds(r) for r in reports}
    keys = {r.id: place_key(r) for r in reports}
    kinds: dict[Place, str] = {}
    for place, kind in places.values():
        kinds.update((place[:n], kind[n - 1]) for n in range(1, len(place) + 1))
    all_places = set(kinds)
    children: dict[Place, list[Place]] = defaultdict(list)
    for place in sorted(all_places):
        children[place[:-1]].append(place)
    own: dict[Place, list[str]] = defaultdict(list)
    subtree_years: dict[Place, Counter] = defaultdict(Counter)
    by_key: dict[tuple, list[Report]] = defaultdict(list)
    by_county_year: dict[tuple[Place, int], list[str]] = defaultdict(list)
    for report in sorted(reports, key=lambda r: (-(r.meta.year or 0), r.id)):
        place, kind = places[report.id]
        own[place].append(report.id)
        for n in range(len(place) + 1):
            subtree_years[place[:n]][report.meta.year or 0] += 1
        key = keys[report.id]
        if key:
            by_key[key].append(report)
        if "county" in kind and report.meta.year:
            county = place[: kind.index("county") + 1]
            by_county_year[(county, report.meta.year)].append(report.id)
    same_place = {
        r.id: [o.id for o in group if o.id != r.id] for group in by_key.values() for r in group
    }
    ids = [r.id for r in reports]
    groups = [repr(keys[r.id]) if keys[r.id] else None for r in reports]
    terms, counted = counts or (None, None)
    tokens = [] if counts else [r.tokens.split() for r in reports]
    similar = similar_reports(
        ids, tokens, groups, neighbours, terms=terms, counted=counted, memory=similarities
    )
    return SiteContext(
        reports={r.id: r for r in reports},
        region_docs=_region_slugs(all_places, slug_of or place_slug),
        children=dict(children),
        own=dict(own),
        subtree_years=dict(subtree_years),
        kinds=kinds,
        same_place=same_place,
        same_county_year=dict(by_county_year),
        similar=similar,
        topics=list(topics or []),
    )


# ---- links and HTML helpers shared with fazhi.browse -----------------------------------------


def doc_url(doc: str) -> str:
    """The URL folder MkDocs gives a docs file (use_directory_urls): a/index.md → a/, a/p-2.md → a/p-2/."""
    head, _, name = doc.rpartition("/")
    stem = name[: -len(".md")] if name.endswith(".md") else name
    if stem == "index":
        return head
    return f"{head}/{stem}" if head else stem


@lru_cache(maxsize=65536)
def _url_parts(doc: str) -> tuple[str, ...]:
    """A docs file's URL folder as path segments; the same few thousand pages are linked again and again."""
    return tuple(p for p in doc_url(doc).split("/") if p not in ("", "."))


def href(from_doc: str, to_doc: str) -> str:
    """Relative link from one page to another, as the built site needs it."""
    to_parts, from_parts = _url_parts(to_doc), _url_parts(from_doc)
    common = 0
    for a, b in zip(to_parts, from_parts, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(from_parts) - common) + list(to_parts[common:]))
    return rel + "/" if rel else "./"


def relative_path(target: str, start: str) -> str:
    """posixpath.relpath for two site-relative paths, without its abspath/getcwd per call
    (tens of thousands of links per build)."""
    to_parts = [p for p in target.split("/") if p not in ("", ".")]
    from_parts = [p for p in start.split("/") if p not in ("", ".")]
    common = 0
    for a, b in zip(to_parts, from_parts, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(from_parts) - common) + to_parts[common:]
    return "/".join(parts) or "."


def link(from_doc: str, to_doc: str, text: str) -> str:
    return f'<a href="{html_text(href(from_doc, to_doc))}">{html_text(text)}</a>'


def report_label(report: Report) -> str:
    return report.meta.title or f"未注明标题的报告（{report.source.file}）"


def place_name(place: Place) -> str:
    return place[-1] if place else UNKNOWN_PLACE


def crumbs(
    ctx: SiteContext, here: str, place: Place, tail: str | None = None, unknown: bool = False
) -> str:
    """Breadcrumbs: 首页 › 按地区 › province › … › place (› tail); `unknown`: the 地区未注明 page."""
    items = [link(here, "index.md", "首页"), link(here, "regions/index.md", "按地区")]
    for n in range(1, len(place) + 1):
        items.append(link(here, ctx.region_docs[place[:n]], place[n - 1]))
    if unknown:
        items.append(link(here, ctx.region_docs[()], UNKNOWN_PLACE))
    if tail:
        items.append(f'<span aria-current="page">{html_text(tail)}</span>')
    inner = "".join(f"<li>{item}</li>" for item in items)
    return f'<nav class="fz-crumbs" aria-label="位置"><ol>{inner}</ol></nav>'


def badges(report: Report, here: str) -> str:
    """The five required items as a row of badges; each says covered or not in words, not colour."""
    spans = []
    for item in REQUIRED_ITEMS:
        covered = report.required_items.get(item.key, False)
        mark, state = ("✓", "已涉及") if covered else ("✗", "未见")
        evidence = report.coverage_evidence.get(item.key, "正文和标题中未找到")
        title = html_text(f"{item.name}：{state}（{evidence}）")
        css = "fz-badge fz-yes" if covered else "fz-badge fz-no"
        spans.append(
            f'<li class="{css}" title="{title}"><span aria-hidden="true">{mark}</span> '
            f'{html_text(item.short)}<span class="fz-sr">：{state}</span></li>'
        )
    more = link(here, "coverage/index.md", "五项必报内容")
    return f'<div class="fz-badges"><p>{more}：</p><ul>{"".join(spans)}</ul></div>'


# ---- the report page's own sections -----------------------------------------------------------


def _report_list(ctx: SiteContext, here: str, ids: list[str], with_place: bool = False) -> str:
    items = []
    for rid in ids:
        other = ctx.reports[rid]
        year = f"{other.meta.year}年度" if other.meta.year else "年度未注明"
        where = f"{place_name(place_of(other))} · " if with_place else ""
        label = link(here, ctx.report_doc(rid), report_label(other))
        items.append(f"<li>{html_text(where + year)}：{label}</li>")
    return f"<ul>{''.join(items)}</ul>"


def lead_sections(report: Report, ctx: SiteContext) -> tuple[str, ...]:
    """Above the text: where the report sits (breadcrumbs) and the required-items badges, which
    only an annual report (or one whose kind is undecided) is held to: a plan or a 述法 report
    missing 存在的不足 is no shortcoming."""
    here = ctx.report_doc(report.id)
    year = f"{report.meta.year}年度" if report.meta.year else "年度未注明"
    place = place_of(report)
    trail = crumbs(ctx, here, place, year, unknown=not place)
    return (trail, badges(report, here)) if counted(report) else (trail,)


def neighbour_sections(report: Report, ctx: SiteContext) -> tuple[str, ...]:
    """Below the text: other years, same county and year, similar reports, topics and keywords."""
    here = ctx.report_doc(report.id)
    parts: list[str] = []
    others = ctx.same_place.get(report.id, [])
    if others:
        parts += [f"## 同一地方的其他年度报告{SECTION}", _report_list(ctx, here, others)]
    county = county_of(report)
    if county and report.meta.year:
        same = [
            rid
            for rid in ctx.same_county_year.get((county, report.meta.year), [])
            if rid != report.id and rid not in others
        ]
        if same:
            parts += [
                f"## {county[-1]}同年度的其他报告{SECTION}",
                _report_list(ctx, here, same[:SAME_COUNTY_SHOWN], True),
            ]
            if len(same) > SAME_COUNTY_SHOWN:
                more = link(here, ctx.region_docs[county], f"{county[-1]}的全部 {len(same)} 份")
                parts.append(f"<p>仅列出前 {SAME_COUNTY_SHOWN} 份，另见{more}。</p>")
    similar = [n.id for n in ctx.similar.get(report.id, [])]
    if similar:
        parts += [
            f"## 相似报告{SECTION}",
            '<p class="fz-note">按正文用词（TF-IDF 余弦相似度）计算，不含同一地方的其他年度。</p>',
        ]
        parts.append(_report_list(ctx, here, similar, True))
    parts.append(topic_section(report, ctx, here))
    return tuple(parts)


def page_links_inputs(
    report: Report, ctx: SiteContext, key: str, shown: Mapping[str, str]
) -> tuple:
    """Everything `lead_sections` and `neighbour_sections` read: the report (`key`, its cache key,
    determines it but for its id and page links), the pages of its place and of the places above,
    and the reports it lists, with what a list shows of each (`shown`: a digest by id of their
    title, place and year at least). The topics' pages come from the vocabulary, which the cache
    key covers."""
    place = place_of(report)
    others = ctx.same_place.get(report.id, [])
    county = county_of(report)
    same = ctx.same_county_year.get((county, report.meta.year), []) if county else []
    similar = tuple(n.id for n in ctx.similar.get(report.id, []))
    return (
        key,
        report.id,
        tuple(ctx.region_docs[place[:n]] for n in range(len(place) + 1)),
        tuple(others),
        tuple(same),
        ctx.region_docs.get(county) if county else None,
        similar,
        tuple(shown[rid] for rid in (*others, *same, *similar)),
    )


def topic_section(report: Report, ctx: SiteContext, here: str) -> str:
    lines = [f"## 主题与关键词{SECTION}"]
    if report.topics:
        names = "、".join(link(here, ctx.topic_doc(t), t) for t in report.topics)
        lines.append(f"<p>主题：{names}</p>")
    else:
        lines.append("<p>主题：未归入任何主题（正文中没有足够的主题词）。</p>")
    evidence = [e for e in report.topic_evidence if e.assigned]
    if evidence:
        rows = "".join(
            f"<li>{html_text(e.topic)}：{html_text('、'.join(f'{t}×{n}' for t, n in list(e.terms.items())[:6]))}"
            f"（加权 {e.hits} 次，每千字 {e.per_1000}）</li>"
            for e in evidence
        )
        lines.append(
            f'<details class="fz-evidence"><summary>归类依据</summary><ul>{rows}</ul></details>'
        )
    if report.keywords:
        lines.append(f"<p>关键词：{html_text('、'.join(report.keywords))}</p>")
    return "\n\n".join(lines)


def with_page_links(reports: list[Report], ctx: SiteContext) -> list[Report]:
    """Each report with the sections of its page that link to other pages of the site."""
    return [
        replace(r, page_links={"lead": lead_sections(r, ctx), "extra": neighbour_sections(r, ctx)})
        for r in reports
    ]
