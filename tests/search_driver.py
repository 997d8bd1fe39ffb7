"""Drive the site's search box as a visitor does, and compute which pages should match without the index.

Expected pages come from the page text Chromium shows (article innerText), with OpenCC's own t2s converter and
NFKC: independent of fazhi's index, folding table and HTML parsing.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

import yaml

QUERIES = Path(__file__).parent / "queries"
SEARCH_BOX = "#fz-search-input"
ROOT = "[data-fz-search]"


@cache
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


def literal_form(text: str) -> str:
    return _t2s().convert(unicodedata.normalize("NFKC", "".join(text.split()))).lower()


def load_queries(name: str) -> list[str]:
    data = yaml.safe_load((QUERIES / name).read_text(encoding="utf-8"))
    return [str(entry["q"]) for entry in data["queries"]]


def page_lines(page, url: str) -> list[str]:
    """The literal form of each line of the page's article, as the browser renders it, without the parts
    marked `data-search-exclude` (text about other pages, such as related-report lists)."""
    page.goto(url, wait_until="domcontentloaded")
    page.evaluate("document.querySelectorAll('article [data-search-exclude]').forEach(e => e.remove())")
    return [literal_form(line) for line in page.locator("article").first.inner_text().splitlines()]


def expected_pages(lines: dict[str, list[str]], query: str) -> set[str]:
    wanted = literal_form(query)
    return {url for url, text in lines.items() if any(wanted in line for line in text)}


def search(page, query: str) -> list[str]:
    """Enter `query` in the search box as an input-method commit does (the whole text at once, no key-up;
    then End), follow "more" to the end; returns the result URLs (relative to the site root) in order."""
    box = page.locator(SEARCH_BOX)
    box.click()
    box.fill(query)
    page.keyboard.press("End")
    done = "(q) => { const r = document.querySelector('[data-fz-search]');" \
        " return r.dataset.query === q && ['done', 'partial'].includes(r.dataset.state); }"
    page.wait_for_function(done, arg=query.strip(), timeout=15000)
    while page.locator(ROOT).get_attribute("data-state") == "partial":
        page.locator(".fz-more").click()
        page.wait_for_function(
            "() => ['done', 'partial'].includes(document.querySelector('[data-fz-search]').dataset.state)"
        )
    return page.locator(".fz-search-results a").evaluate_all("els => els.map(a => a.dataset.url)")
