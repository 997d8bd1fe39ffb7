from __future__ import annotations

import re

from fazhi.assemble import HOME_LATEST, LIST_PAGE_SIZE, home_page, list_pages
from fazhi.model import Document, Report, ReportMeta, Source


def reports(n: int) -> list[Report]:
    return [
        Report(
            f"r{i:05d}",
            Source(f"{i}.txt", "0" * 64, "utf-8", 1),
            Document([]),
            ReportMeta(year=2019 + i % 5),
        )
        for i in range(n)
    ]


def test_home_page_size_stays_constant_as_reports_grow():
    small, large = home_page(reports(HOME_LATEST)), home_page(reports(20 * HOME_LATEST))
    assert small.count('href="reports/') == HOME_LATEST
    assert large.count('href="reports/r') == HOME_LATEST
    assert f"[查看全部 {20 * HOME_LATEST} 份报告](reports/index.md)" in large


def test_list_pages_hold_every_report_once():
    pages = list_pages(reports(LIST_PAGE_SIZE + 3))
    assert sorted(pages) == ["reports/index.md", "reports/page-2.md"]
    links = re.findall(r"\]\((r\d+)/index\.md\)", "".join(pages.values()))
    assert sorted(links) == [f"r{i:05d}" for i in range(LIST_PAGE_SIZE + 3)]
