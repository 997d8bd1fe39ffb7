"""What the browser downloads for a first search, computed from a built site (for `make bench`).

`first_query_bytes` replays fazhi-search.js's plan on the files in site/search: the manifest, the shards of the
query's keys, then candidate texts a batch at a time until a result page is full (or MAX_CHECKS texts were
checked), and the document rows of the
results. tests/test_search_browser.py checks that it equals what Chromium actually fetches.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .search import SEARCH_DIR, shard_of
from .search_postings import B64
from .searchtext import fold

PAGE = 10
MAX_KEYS = 12
MAX_CHECKS = 50  # texts checked before the browser asks to go on ("显示更多结果")
ALL_AT_ONCE = 100  # a site with at most this many documents is checked completely on the first search


def query_keys(folded: str) -> list[str]:
    """Single characters for a one-character query, else its distinct bigrams (at most MAX_KEYS, spread over
    the query and always covering every character), as the JS does."""
    if len(folded) == 1:
        return [folded]
    starts = list(range(len(folded) - 1))
    if len(starts) > MAX_KEYS:
        cover = list(range(0, len(folded) - 1, 2))
        if cover[-1] != len(folded) - 2:
            cover.append(len(folded) - 2)
        step = (len(cover) - 1) / (MAX_KEYS - 1)
        starts = cover if len(cover) <= MAX_KEYS else [cover[_round_half_up(k * step)] for k in range(MAX_KEYS)]
    keys = [folded[s : s + 2] for s in starts]
    return list(dict.fromkeys(keys))


def _round_half_up(x: float) -> int:
    return int(x + 0.5)


def decode_gaps(text: str) -> list[int]:
    ids, last, gap, shift = [], -1, 0, 0
    for char in text:
        digit = B64.index(char)
        gap |= (digit & 31) << shift
        if digit & 32:
            shift += 5
            continue
        last += gap + 1
        ids.append(last)
        gap, shift = 0, 0
    return ids


@dataclass
class Fetches:
    """The files one search downloads, in order, each once."""

    site: Path
    files: dict[str, int] = field(default_factory=dict)

    def json(self, rel: str) -> object:
        path = self.site / SEARCH_DIR / rel
        data = path.read_bytes()
        self.files.setdefault(rel, len(data))
        return json.loads(data)

    @property
    def total(self) -> int:
        return sum(self.files.values())


def candidates(fetches: Fetches, manifest: dict, q: str) -> list[int]:
    keys = query_keys(q)
    shards = [fetches.json(f"k/{shard_of(k, manifest['shards'])}.json") for k in keys]
    entries = [shard.get(k) for shard, k in zip(shards, keys, strict=True)]
    if not all(entries):
        return []
    found = set.intersection(*(set(decode_gaps(e[0])) for e in entries))
    first = set.intersection(*(set(decode_gaps(e[1])) for e in entries))
    return sorted(found & first) + sorted(found - first)


def contains(fetches: Fetches, doc: int, q: str) -> bool:
    text = fetches.json(f"t/{doc}.json")
    return any(q in fold(block) for _, blocks in text["s"] for block in blocks)


def first_page(site_dir: Path, query: str) -> tuple[list[int], Fetches]:
    """The documents on the first result page and the files fetched to show them."""
    fetches = Fetches(site_dir)
    manifest = fetches.json("manifest.json")
    q = fold(query.strip())
    queue = candidates(fetches, manifest, q) if q else []
    found: list[int] = []
    checks = 0
    small = manifest["docs"] <= ALL_AT_ONCE
    while queue and (small or (len(found) < PAGE and checks < MAX_CHECKS)):
        batch, queue = queue[:PAGE], queue[PAGE:]
        checks += PAGE
        for doc in batch:
            if contains(fetches, doc, q):
                fetches.json(f"d/{doc // manifest['chunk']}.json")
                found.append(doc)
    return found, fetches


def first_query_bytes(site_dir: Path, query: str) -> int:
    """Bytes a visitor's browser downloads for `query` as the first search on a page (search files only)."""
    return first_page(site_dir, query)[1].total


BENCH_QUERIES = ("法治政府建设", "行政复议", "三重一大", "法", "政府法治", "量子计算")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def bench_metrics(site_dir: Path, queries: tuple[str, ...] = BENCH_QUERIES) -> dict[str, float]:
    """`search_first_query_bytes`: the most any of `queries` downloads as a first search (replayed);
    `search_first_result_ms`: the slowest time from query to first answer, measured in Chromium with a cold
    cache (needs Playwright; the 120 ms typing pause before a search starts is not included)."""
    metrics: dict[str, float] = {
        "search_first_query_bytes": max(first_query_bytes(site_dir, q) for q in queries)
    }
    timings = browser_first_result_ms(site_dir, queries)
    if timings:
        metrics["search_first_result_ms"] = max(timings.values())
    return metrics


def browser_first_result_ms(site_dir: Path, queries: tuple[str, ...]) -> dict[str, float]:
    """Per query, in a fresh browser context each time; {} when Playwright or Chromium is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {}
    if not Path(CHROMIUM).exists():
        return {}
    from .serve import serve_site

    timings = {}
    with serve_site(site_dir) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                page.goto(base + "/", wait_until="load")
                page.fill("#fz-search-input", query)
                page.wait_for_selector("[data-fz-search][data-ms]", timeout=60_000)
                timings[query] = float(page.get_attribute("[data-fz-search]", "data-ms") or 0)
                context.close()
        finally:
            browser.close()
    return timings
