from __future__ import annotations

import posixpath
import re
from collections import defaultdict

import pytest

from fazhi.browse import PAGE_SIZE, browse_pages
from fazhi.model import Document, Region, Report, ReportMeta, Source
from fazhi.site import (
    build_context,
    href,
    lead_sections,
    neighbour_sections,
    place_of,
    relative_path,
)


def report(rid: str, year: int | None, level: str | None = "township", **region: str) -> Report:
    meta = ReportMeta(title=f"报告{rid}", year=year, level=level, region=Region(**region))  # type: ignore[arg-type]
    return Report(rid, Source(f"{rid}.txt", "0" * 64, "utf-8", 1), Document([]), meta)


LAGOU = {"province": "广西壮族自治区", "city": "柳州市", "county": "鹿寨县", "township": "拉沟乡"}
ZHAIS = {**LAGOU, "township": "寨沙镇"}


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("reports/a/index.md", "regions/gx/index.md", "../../regions/gx/"),
        ("years/2023/page-2.md", "reports/a/index.md", "../../../reports/a/"),
        ("years/2023/index.md", "years/2023/page-2.md", "page-2/"),
        ("years/2023/page-2.md", "years/2023/index.md", "../"),
        ("regions/index.md", "index.md", "../"),
        ("index.md", "topics/index.md", "topics/"),
        ("index.md", "index.md", "./"),
    ],
)
def test_links_point_where_mkdocs_puts_the_pages(source: str, target: str, expected: str):
    assert href(source, target) == expected


@pytest.mark.parametrize(
    ("region", "place"),
    [
        (LAGOU, ("广西壮族自治区", "柳州市", "鹿寨县", "拉沟乡")),
        (
            {"province": "重庆市", "city": "重庆市", "county": "万州区", "township": "柱山乡"},
            ("重庆市", "万州区", "柱山乡"),
        ),
        # metadata leaves the city null for a municipality's districts (and 省直辖 counties)
        (
            {"province": "重庆市", "county": "城口县", "township": "左岚乡"},
            ("重庆市", "城口县", "左岚乡"),
        ),
        (
            {"province": "广西壮族自治区", "township": "拉沟乡"},
            ("广西壮族自治区",),
        ),  # a gap ends the place
        ({}, ()),
    ],
)
def test_place_runs_from_the_province_down(region: dict, place: tuple):
    assert place_of(report("x", 2023, **region)) == place


def test_other_years_same_county_and_unknown_places_on_a_small_corpus():
    reports = [
        report("l21", 2021, **LAGOU),
        report("l22", 2022, **LAGOU),
        report("z22", 2022, **ZHAIS),
        report("c22", 2022, "county", **{k: v for k, v in LAGOU.items() if k != "township"}),
        report("u", 2022),
    ]
    ctx = build_context(reports)
    assert ctx.same_place["l22"] == ["l21"]
    assert ctx.same_place["z22"] == []
    page = "\n".join(neighbour_sections(reports[1], ctx))
    assert "同一地方的其他年度报告" in page and 'href="../l21/"' in page
    assert (
        "鹿寨县同年度的其他报告" in page and 'href="../z22/"' in page and 'href="../c22/"' in page
    )
    crumbs = lead_sections(reports[1], ctx)[0]
    assert re.findall(r">([^<>]+)</a>", crumbs) == [
        "首页",
        "按地区",
        "广西壮族自治区",
        "柳州市",
        "鹿寨县",
        "拉沟乡",
    ]
    assert "2022年度" in crumbs
    unknown = lead_sections(reports[4], ctx)[0]
    assert "地区未注明" in unknown
    pages = browse_pages(ctx)
    assert (
        "regions/unknown/index.md" in pages
        and 'href="../../reports/u/"' in pages["regions/unknown/index.md"]
    )


def truth_other_years(reports: list[Report]) -> dict[str, set[str]]:
    """From the generator's metadata, independently of fazhi.site: same place, level (and issuer)."""
    groups: dict[tuple, set[str]] = defaultdict(set)
    for r in reports:
        region = r.meta.region
        issuer = r.meta.issuer if r.meta.level == "department" else None
        groups[(region.code, r.meta.level, issuer)].add(r.id)
    return {rid: group - {rid} for group in groups.values() for rid in group}


def linked_reports(section: str) -> set[str]:
    return set(re.findall(r'href="\.\./([^/"]+)/"', section))


def test_other_years_links_appear_where_they_should(browse_corpus):
    ctx = build_context(browse_corpus)
    truth = truth_other_years(browse_corpus)
    with_history = [r for r in browse_corpus if truth[r.id]]
    assert len(with_history) > 0.8 * len(browse_corpus)  # the corpus has several years per place
    for r in browse_corpus:
        sections = neighbour_sections(r, ctx)
        other = [
            s
            for i, s in enumerate(sections)
            if i and sections[i - 1].startswith("## 同一地方的其他年度报告")
        ]
        assert (linked_reports(other[0]) if other else set()) == truth[r.id], r.id
        years = {ctx.reports[i].meta.year for i in truth[r.id]}
        assert r.meta.year not in years


def test_every_place_has_a_page_and_lists_stay_small(browse_corpus):
    ctx = build_context(browse_corpus)
    pages = browse_pages(ctx)
    for place in {place_of(r) for r in browse_corpus}:
        for n in range(1, len(place) + 1):
            assert ctx.region_docs[place[:n]] in pages
    for name, text in pages.items():
        assert text.count('href="') <= PAGE_SIZE * 3 + 100, name
    listed = defaultdict(int)
    for name, text in pages.items():
        if name.startswith("years/2"):
            for rid in re.findall(r'reports/([^/"]+)/"', text):
                listed[rid] += 1
    assert sorted(listed) == sorted(r.id for r in browse_corpus)
    assert set(listed.values()) == {1}


@pytest.mark.parametrize(
    ("target", "start"),
    [
        ("", ""),
        ("reports/a", ""),
        ("", "years/2023/page-2"),
        ("reports/a", "reports/b"),
        ("regions/gx/lz", "regions/gx"),
        ("regions/gx", "regions/gx/lz/lc"),
        ("stats/indicators", "stats/indicators/page-3"),
        ("a/b/c", "a/x/y/z"),
    ],
)
def test_relative_path_agrees_with_posixpath(target: str, start: str):
    assert relative_path(target, start) == posixpath.relpath(target or ".", start or ".")
