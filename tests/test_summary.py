"""Summary pages, charts and indicator downloads, checked in the built site (seeds and 1,000 synthetic)."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote

import pytest

from fazhi.charts import Series, bar_chart, distribution
from fazhi.indicator_views import anchor, text_directive
from fazhi.summary import TABLE_PAGE_ROWS

from .browser import browser_page, serve

CELL_LINK = re.compile(r'href="((?:\.\./)+)reports/([^/]+)/#:~:text=([^"]+)"')


def _html(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def _sentence_found(page: str, directive: str) -> bool:
    """Some paragraph (or table row) of the page holds the directive's start and, after it, its end."""
    parts = ["".join(unquote(p).split()) for p in unescape(directive).split(",")]
    for match in re.finditer(r"<(p|tr)(?:\s[^>]*)?>(.*?)</\1>", page, re.S):
        text = "".join(re.sub(r"<[^>]+>", "", unescape(match.group(2))).split())
        start = text.find(parts[0])
        if start >= 0 and (len(parts) == 1 or text.find(parts[1], start) >= 0):
            return True
    return False


def test_stats_pages_are_in_the_site(built):
    project, result = built
    site = project.site_dir
    index = _html(site, "stats/index.html")
    assert f"<strong>{len(result.reports)}</strong>" in index
    assert 'href="charts/"' in index and 'href="indicators/"' in index
    assert 'href="stats/"' in _html(site, "index.html")
    assert ">统计<" in _html(site, "index.html")


def test_report_page_links_each_indicator_to_its_sentence(built):
    project, result = built
    for report in result.reports:
        page = _html(project.site_dir, f"reports/{report.id}/index.html")
        links = re.findall(r'<a href="\./#:~:text=([^"]+)" title', page)
        assert len(links) == len(report.indicators), report.id
        for directive in links:
            assert _sentence_found(page, directive), (report.id, directive)


def test_summary_table_cells_link_to_source_sentences(built):
    project, _ = built
    page = _html(project.site_dir, "stats/indicators/index.html")
    links = CELL_LINK.findall(page)
    assert links
    for up, report_id, directive in links:
        assert up == "../../"
        target = _html(project.site_dir, f"reports/{report_id}/index.html")
        assert _sentence_found(target, directive), (report_id, directive)


def test_indicator_downloads_are_rfc4180_csv_with_bom_and_json(built):
    project, result = built
    for report in result.reports:
        folder = project.site_dir / "reports" / report.id
        raw = (folder / f"{report.id}.indicators.csv").read_bytes()
        assert raw.startswith("\ufeff".encode())
        text = raw.decode("utf-8-sig")
        assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert len(rows) == len(report.indicators)
        data = json.loads((folder / f"{report.id}.indicators.json").read_text(encoding="utf-8"))
        assert [r["value"] for r in data["indicators"]] == [i.value for i in report.indicators]
        assert [r["text"] for r in rows] == [i.text for i in report.indicators]


def test_charts_are_inline_svg_with_text_and_data_tables(built):
    project, _ = built
    page = _html(project.site_dir, "stats/charts/index.html")
    svgs = re.findall(r"<svg class=\"fz-chart\".*?</svg>", page, re.S)
    assert len(svgs) >= 3
    assert all("<text" in s for s in svgs)
    assert page.count('<table class="fz-chart-data">') == len(svgs)
    assert "各年度报告数量" in page and "各省份报告数量" in page


def test_bar_chart_draws_one_bar_per_point():
    svg = bar_chart(Series("标题", "年度", "报告数", (("2022", 3), ("2023", 0))))
    assert svg.count("<rect") == 2 and "<text" in svg and "标题" in svg


@pytest.mark.parametrize(
    ("values", "unit", "expected"),
    [
        ([100, 96, 100, 50], "%", {"100%": 2, "95–100%": 1, "0–60%": 1}),
        ([0, 3, 12, 250], "件", {"0 件": 1, "1–4 件": 1, "10–19 件": 1, "200 及以上 件": 1}),
    ],
)
def test_distribution_bins(values, unit, expected):
    got = {label: n for label, n in distribution(values, unit) if n}
    assert got == expected


def test_text_directive_is_short_and_escapes_separators():
    assert text_directive("短句-1,2 a&b") == "text=短句%2D1%2C2%20a%26b"
    long = text_directive("甲" * 40)
    assert long.count(",") == 1


def test_sorting_a_column_in_the_browser(built):
    project, _ = built
    with serve(project.site_dir) as base, browser_page() as page:
        page.goto(base + "/stats/indicators/", wait_until="networkidle")
        header = page.locator("table.fz-sortable thead th button").nth(2)
        header.click()
        years = page.locator("table.fz-sortable tbody tr td:nth-child(3)").all_inner_texts()
        assert years == sorted(years, key=lambda y: (not y[:1].isdigit(), y))
        header.click()
        again = page.locator("table.fz-sortable tbody tr td:nth-child(3)").all_inner_texts()
        known = [y for y in again if y[:1].isdigit()]
        assert known == sorted(known, reverse=True)


def test_fragment_fallback_marks_the_sentence(built):
    """fazhi-fragment.js finds the paragraph of a text fragment (what non-supporting browsers get)."""
    project, result = built
    report = next(r for r in result.reports if r.indicators)
    indicator = report.indicators[-1]
    with serve(project.site_dir) as base, browser_page() as page:
        page.goto(f"{base}/reports/{report.id}/", wait_until="networkidle")
        page.evaluate(f"window.fazhiShowFragment({json.dumps('#' + anchor(indicator))})")
        page.wait_for_selector(".fz-fragment-target", timeout=5000)
        marked = "".join(page.locator(".fz-fragment-target").first.inner_text().split())
        sentence = page.locator("mark.fz-fragment-sentence")
        exact = "".join(sentence.first.inner_text().split()) if sentence.count() else None
    assert "".join(indicator.text.split()) in marked
    assert exact in (None, "".join(indicator.text.split()))


def test_summary_pages_stay_small_at_1000_reports(synthetic_1000):
    project, result = synthetic_1000
    assert len(result.reports) == 1000
    stats = project.site_dir / "stats"
    pages = sorted((stats / "indicators").glob("**/index.html"))
    assert len(pages) == math.ceil(1000 / TABLE_PAGE_ROWS)
    for page in [stats / "index.html", stats / "charts" / "index.html", *pages]:
        assert page.stat().st_size < 400_000, page
    index = _html(project.site_dir, "stats/index.html")
    assert "<strong>1000</strong>" in index
    table_rows = sum(
        _html(project.site_dir, str(p.relative_to(project.site_dir))).count("<tr><td><a")
        for p in pages
    )
    assert table_rows == 1000


def test_money_is_charted_in_wan_yuan_and_totals_over_years_are_not_the_years_figure():
    from dataclasses import replace

    from fazhi.indicators import Canonical
    from fazhi.model import Indicator
    from fazhi.summary import chart_series, first_by_canonical

    from .test_catalog import make_report

    vocab = (Canonical("罚没款", frozenset({"元", "万元", "亿元"}), (("罚没",),), chart=True),)

    def fines(number: int, *found: tuple[float, str, str]) -> object:
        indicators = [
            Indicator("罚没款", value, unit, False, "罚没款", "", "罚没款", kind=kind)
            for value, unit, kind in found
        ]
        return replace(make_report(number), indicators=indicators)

    reports = [
        fines(1, (4580, "万元", "cumulative"), (386.5, "万元", "result")),
        fines(2, (1.2, "亿元", "result")),
        fines(3, (50000, "元", "result")),
    ]
    assert first_by_canonical(reports[0])["罚没款"].value == 386.5
    chart = chart_series(reports, vocab)[-1]
    assert chart.title == "罚没款的分布（3 份报告，单位：万元）"
    assert sum(count for _, count in chart.points) == 3
