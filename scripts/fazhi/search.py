"""Site search, build side: the built report pages and site pages → a sharded character index in search/.

The text indexed is the text each built page shows in its article (see `search_html`), so a result is right
exactly when the page a visitor opens contains the query.

Why characters, not words: a word index answers a query only if the query is cut into the same words as the
text around each occurrence, which no query-time segmenter can guarantee (jieba's cut of 法治政府建设 in a sentence
depends on its neighbours; the issue measured a third of queries wrong). Every page that contains a query
contains all of the query's character bigrams, so intersecting bigram postings never misses a page; the browser
then keeps only pages whose text contains the literal (folded) query, so it never shows a page that lacks it.

Files (all JSON, fetched by fazhi-search.js; `v` in the manifest busts caches between builds):
- search/manifest.json  counts, shard count, the t2s table the browser needs, browse links.
- search/k/<n>.json     postings for the keys (single characters and bigrams) whose hash falls in shard n:
                        key → [documents, documents whose title/place holds the key], gap lists in base-64 digits.
- search/d/<n>.json     [url, title, place, year, kind] of documents n·DOC_CHUNK … (n+1)·DOC_CHUNK-1.
- search/t/<i>.json     the text of document i as sections [heading, [block, …]], for the literal check
                        and the snippet; fetched only for the documents a result page shows.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field

from .model import Report
from .render import UNKNOWN
from .search_html import PageText, Section
from .searchtext import browser_table, fold
from .write import DocsTree

SEARCH_DIR = "search"
DOC_CHUNK = 256
SHARD_TARGET_BYTES = 24_000
SEP = "\x00"  # between blocks while collecting keys: no key spans two blocks
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
# Offered when a query finds nothing, those of them that the site has (name, folder).
BROWSE_PAGES = (("按地区浏览", "regions/"), ("按年度浏览", "years/"), ("按主题浏览", "topics/"), ("全部报告", "reports/"))


@dataclass(frozen=True)
class SearchDoc:
    """One searchable page: its URL (relative to the site root), what a result shows, and its text."""

    url: str
    title: str
    place: str
    year: int | None
    sections: tuple[Section, ...]
    kind: str = "report"


def report_place(report: Report) -> str:
    region = report.meta.region
    named = [p for p in (region.province, region.city, region.county, region.township) if p]
    return "".join(named) or report.meta.issuer or ""


def report_doc(report: Report, page: PageText) -> SearchDoc:
    """A report page: text as the built page shows it, place and year from the metadata."""
    return SearchDoc(
        url=f"reports/{report.id}/",
        title=page.title or report.meta.title or report.source.file,
        place=report_place(report),
        year=report.meta.year,
        sections=page.sections,
    )


def site_page_doc(url: str, page: PageText) -> SearchDoc:
    return SearchDoc(url, page.title or url, "", None, page.sections, kind="page")


def keys_of(folded: str) -> set[str]:
    """Index keys of folded text: its characters and adjacent pairs; SEP separates blocks."""
    keys = set(folded) | set(map(str.__add__, folded, folded[1:]))
    return {k for k in keys if SEP not in k} if SEP in folded else keys


def folded_blocks(texts: list[str]) -> str:
    return SEP.join(fold(t.replace(SEP, "")) for t in texts)


def shard_of(key: str, shards: int) -> int:
    """FNV-1a over UTF-16 code units, as fazhi-search.js computes it."""
    h = 0x811C9DC5
    data = key.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % shards


def encode_gaps(ids: list[int]) -> str:
    """Ascending ids as gaps in base-64 digits: 5 bits a digit, the sixth bit says 'more digits follow'."""
    out, last = [], -1
    for doc in ids:
        gap = doc - last - 1
        last = doc
        while gap >= 32:
            out.append(B64[32 | (gap & 31)])
            gap >>= 5
        out.append(B64[gap])
    return "".join(out)


@dataclass
class Postings:
    all: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    fields: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))


def postings(docs: list[SearchDoc]) -> Postings:
    result = Postings()
    for number, doc in enumerate(docs):
        keys = keys_of(folded_blocks([b for s in doc.sections for b in s.blocks]))
        for key in keys:
            result.all[key].append(number)
        for key in keys_of(folded_blocks([doc.title, doc.place])) & keys:
            result.fields[key].append(number)
    return result


def shard_files(index: Postings) -> dict[int, dict[str, list[str]]]:
    encoded = {k: [encode_gaps(v), encode_gaps(index.fields.get(k, []))] for k, v in index.all.items()}
    total = sum(len(k) + len(a) + len(f) + 10 for k, (a, f) in encoded.items())
    shards = max(1, -(-total // SHARD_TARGET_BYTES))
    files: dict[int, dict[str, list[str]]] = {n: {} for n in range(shards)}
    for key in sorted(encoded):
        files[shard_of(key, shards)][key] = encoded[key]
    return files


def doc_text(doc: SearchDoc) -> dict[str, list]:
    return {"s": [[s.heading, list(s.blocks)] for s in doc.sections]}


def compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def search_tree(docs: list[SearchDoc], browse: list[dict[str, str]]) -> DocsTree:
    """Every file of the search index, keyed by its path under search/."""
    index = postings(docs)
    shards = shard_files(index)
    chars = {k for k in index.all if len(k) == 1}
    tree: DocsTree = {}
    for number, keys in shards.items():
        tree[f"k/{number}.json"] = compact(keys)
    for start in range(0, len(docs), DOC_CHUNK):
        rows = [[d.url, d.title, d.place, d.year, d.kind] for d in docs[start : start + DOC_CHUNK]]
        tree[f"d/{start // DOC_CHUNK}.json"] = compact(rows)
    for number, doc in enumerate(docs):
        tree[f"t/{number}.json"] = compact(doc_text(doc))
    digest = hashlib.sha256("".join(str(tree[p]) for p in sorted(tree)).encode()).hexdigest()
    manifest = {
        "v": digest[:12],
        "docs": len(docs),
        "shards": len(shards),
        "chunk": DOC_CHUNK,
        "t2s": browser_table(chars),
        "browse": browse,
        "unknown": UNKNOWN,
    }
    tree["manifest.json"] = compact(manifest)
    return tree
