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


def test_the_full_pipeline_corpus_gets_other_years_and_topical_neighbours(synthetic_1000):
    """fazhi.synth's 1,000 report files through every stage (places from the gazetteer, not given)."""
    from fazhi.site import build_context, place_key

    from .test_related import topic_agreement

    project, result = synthetic_1000
    reports = result.reports
    groups: dict[tuple, set[str]] = {}
    for r in reports:
        key = place_key(r)
        if key:
            groups.setdefault(key, set()).add(r.id)
    with_history = [r for r in reports if place_key(r) and len(groups[place_key(r)]) > 1]
    print(f"\n{len(reports)} reports, {sum(1 for r in reports if place_key(r))} with a place, {len(with_history)} with other years")
    assert len(with_history) > len(reports) // 4
    for r in with_history[:200]:
        html = (project.site_dir / "reports" / r.id / "index.html").read_text(encoding="utf-8")
        shown = set(re.findall(r'href="\.\./([^/"]+)/"', html.split("同一地方的其他年度报告</h2>", 1)[1].split("</ul>", 1)[0]))
        assert shown == groups[place_key(r)] - {r.id}, r.id
    ctx = build_context(reports)
    near_j, base_j, near_any, base_any = topic_agreement(reports, ctx.similar)
    print(f"topic Jaccard of similar reports {near_j:.3f} vs other-place pairs {base_j:.3f}; share ≥1 topic {near_any:.3f} vs {base_any:.3f}")
    assert near_j > base_j
