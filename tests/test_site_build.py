"""The built site, as a visitor meets it: links from the home page, pages that exist, sizes."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def page_links(site: Path, url: str) -> list[str]:
    """Site-internal page URLs ('/a/b/') linked from the page at `url`."""
    parser = _Links()
    parser.feed((site / url.lstrip("/") / "index.html").read_text(encoding="utf-8"))
    found = []
    for href in parser.hrefs:
        target = urlparse(urljoin("http://site" + url, href))
        if target.netloc != "site" or not target.path.endswith("/"):
            continue
        found.append(unquote(target.path))
    return found


def clicks_from_home(site: Path, depth: int) -> dict[str, int]:
    seen = {"/": 0}
    frontier = ["/"]
    for level in range(1, depth + 1):
        nxt = []
        for url in frontier:
            for target in page_links(site, url):
                if target not in seen and (site / target.lstrip("/") / "index.html").is_file():
                    seen[target] = level
                    nxt.append(target)
        frontier = nxt
    return seen


def test_every_report_is_within_three_clicks_of_the_home_page(browse_site):
    project, reports = browse_site
    reached = clicks_from_home(project.site_dir, 3)
    missing = [r.id for r in reports if f"/reports/{r.id}/" not in reached]
    assert missing == []


def test_internal_links_all_lead_to_pages(browse_site):
    project, reports = browse_site
    site = project.site_dir
    pages = ["/", "/regions/", "/years/", "/topics/", "/coverage/", "/levels/", f"/reports/{reports[0].id}/"]
    for url in pages:
        for target in page_links(site, url):
            assert (site / target.lstrip("/") / "index.html").is_file(), f"{url} → {target}"


def test_report_page_shows_breadcrumbs_badges_and_neighbours(browse_site):
    project, reports = browse_site
    shown = next(r for r in reports if r.meta.level == "township")
    html = (project.site_dir / "reports" / shown.id / "index.html").read_text(encoding="utf-8")
    crumbs = re.search(r'<nav class="fz-crumbs" aria-label="位置">(.*?)</nav>', html).group(1)
    region = shown.meta.region
    for name in (region.province, region.township):
        assert f">{name}</a>" in crumbs
    assert html.count('class="fz-badge fz-') == 5
    assert "相似报告" in html and "主题与关键词" in html


def test_pages_have_lang_zh_cn_and_captioned_tables(browse_site):
    project, _ = browse_site
    for page in ("index.html", "regions/index.html", "years/index.html", "coverage/index.html"):
        html = (project.site_dir / page).read_text(encoding="utf-8")
        assert '<html lang="zh-CN"' in html
        assert html.count("<table") == html.count("<caption>"), page
