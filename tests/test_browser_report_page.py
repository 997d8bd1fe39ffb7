"""A reader opens a report page: the document looks like the official form (GB/T 9704)."""

from __future__ import annotations

from .browser import browser_page, serve


def test_report_page_reads_like_the_official_document(built):
    project, result = built
    report = next(r for r in result.reports if "柱山乡" in (r.doc.title or ""))
    with serve(project.site_dir) as base, browser_page() as page:
        page.goto(f"{base}/reports/{report.id}/", wait_until="networkidle")
        h1 = page.locator("h1").first.inner_text()
        assert "\n" not in h1 and h1.endswith("关于2023年度法治政府建设情况的报告")
        assert page.locator("article h2:not(#downloads):not(.fz-related)").count() == 4  # the report's 一、 headings
        assert page.locator("article h3").count() == 4
        closing = page.locator(".fz-closing")
        assert closing.evaluate("e => getComputedStyle(e).textAlign") == "right"
        assert [t for t in closing.inner_text().split("\n") if t] == [
            "中共重庆市万州区柱山乡委员会",
            "重庆市万州区柱山乡人民政府",
            "2024年2月28日",
        ]
        assert page.locator(".fz-footer").inner_text() == "抄送：区委依法治区办。"
        lead = page.locator("strong.fz-lead").first
        assert lead.evaluate("e => getComputedStyle(e).fontWeight") in ("700", "bold")
        assert page.locator(".fz-cleaning").inner_text().startswith("整理说明")
        link = page.locator(".fz-cleaning a")
        assert link.get_attribute("href") == f"{report.id}.cleaning-log.csv"
        response = page.request.get(f"{base}/reports/{report.id}/{report.id}.cleaning-log.csv")
        assert response.ok and response.body().startswith(b"\xef\xbb\xbfline,action")
