"""A visitor opens the home page in a real browser and follows a link to a report."""

from __future__ import annotations

from .browser import browser_page, serve


def test_home_page_opens_and_links_to_a_report(built):
    project, result = built
    errors: list[str] = []
    with serve(project.site_dir) as base, browser_page() as page:
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
        page.goto(base + "/", wait_until="networkidle")
        assert page.locator("html").get_attribute("lang", timeout=5000).startswith("zh")
        first = result.reports[0]
        page.locator(f'a[href="reports/{first.id}/"]').first.click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith(f"/reports/{first.id}/")
        assert page.locator("h1").count() >= 1
    assert errors == []
