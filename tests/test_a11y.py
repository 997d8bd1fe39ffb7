"""axe-core in headless Chromium: no serious or critical violation on each kind of page.

axe-core comes from the npm lock file (`make test` runs `npm ci` when node_modules is missing); it is
injected into the page under test and never shipped with the site.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .browser import browser_page, serve

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def pages_to_check(site: Path, report_id: str) -> list[str]:
    region = sorted(p for p in (site / "regions").glob("*/*/*/index.html"))[0]
    pages = ["/", "/" + str(region.parent.relative_to(site)) + "/", f"/reports/{report_id}/", "/years/", "/topics/"]
    if (site / "downloads" / "index.html").is_file():
        pages.append("/downloads/")
    return pages


def axe_violations(page, url: str) -> list[dict]:
    page.goto(url, wait_until="networkidle")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => JSON.stringify(await axe.run(document))")
    return [v for v in json.loads(result)["violations"] if v["impact"] in BLOCKING]


def test_no_serious_or_critical_axe_violations(browse_site):
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `make test` (it runs `npm ci`)")
    project, reports = browse_site
    found: dict[str, list[str]] = {}
    with serve(project.site_dir) as base, browser_page(bypass_csp=True) as page:
        for path in pages_to_check(project.site_dir, reports[0].id):
            violations = axe_violations(page, base + path)
            if violations:
                found[path] = [
                    f"{v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]['target']}" for v in violations
                ]
    assert found == {}


def test_keyboard_reaches_the_breadcrumbs_and_the_neighbour_links(browse_site):
    project, reports = browse_site
    shown = next(r for r in reports if r.meta.level == "township")
    with serve(project.site_dir) as base, browser_page() as page:
        page.goto(f"{base}/reports/{shown.id}/", wait_until="networkidle")
        reached: list[str] = []
        for _ in range(60):
            page.keyboard.press("Tab")
            reached.append(page.evaluate("document.activeElement.closest('nav.fz-crumbs, .fz-badges') ? 'in' : ''"))
        assert "in" in reached
        crumb = page.locator("nav.fz-crumbs a").nth(2)
        crumb.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "/regions/" in page.url
