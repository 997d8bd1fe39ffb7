"""Search at portal scale: 1,000 synthetic reports, queries typed into the real search box."""

from __future__ import annotations

from fazhi.search_bench import first_query_bytes
from fazhi.search_html import page_text

from .browser import browser_page, serve
from .search_driver import literal_form, load_queries, search

FIRST_QUERY_BUDGET = 1_000_000  # bytes of search files for a first query at 1,000 reports


def report_lines(project, reports) -> dict[str, list[str]]:
    lines = {}
    for report in reports:
        html = (project.site_dir / "reports" / report.id / "index.html").read_text(encoding="utf-8")
        blocks = [b for s in page_text(html).sections for b in s.blocks]
        lines[f"reports/{report.id}/"] = [literal_form(b) for b in blocks]
    return lines


def test_synthetic_queries_find_exactly_the_pages_containing_them(synthetic_1000):
    project, result = synthetic_1000
    lines = report_lines(project, result.reports)
    wrong = {}
    with serve(project.site_dir) as base, browser_page() as page:
        page.goto(base + "/", wait_until="networkidle")
        for query in load_queries("synthetic.yml"):
            wanted = literal_form(query)
            expected = {url for url, text in lines.items() if any(wanted in t for t in text)}
            found = search(page, query)
            if set(found) != expected or len(found) != len(set(found)):
                wrong[query] = (len(found), len(expected))
    assert wrong == {}


def test_first_query_downloads_stay_within_budget(synthetic_1000):
    project, _ = synthetic_1000
    for query in ("法治政府建设", "行政复议", "法", "政府法治", "量子计算"):
        assert first_query_bytes(project.site_dir, query) < FIRST_QUERY_BUDGET, query
