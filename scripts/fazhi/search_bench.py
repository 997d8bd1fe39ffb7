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

from .search import B64, SEARCH_DIR, shard_of
from .searchtext import fold

PAGE = 10
MAX_KEYS = 12
MAX_CHECKS = 50  # texts checked before the browser asks to go on ("显示更多结果")


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
    while queue and len(found) < PAGE and checks < MAX_CHECKS:
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
