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
from dataclasses import dataclass, replace

import numpy as np

from .model import Report
from .render import UNKNOWN
from .search_html import PageText, Section
from .search_postings import CODE_BITS, fold_codes, key_codes, key_string, postings, shards_of
from .searchtext import browser_table
from .write import DocsTree

SEARCH_DIR = "search"
DOC_CHUNK = 256
SHARD_TARGET_BYTES = 24_000
SEP = "\x00"  # between blocks while collecting keys: no key spans two blocks
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


def report_stub(report: Report) -> SearchDoc:
    """A report page's document before the page is read (see `with_page`): place and year from the
    metadata, the metadata's title in case the page has none, no text yet."""
    title = report.meta.title or report.source.file
    return SearchDoc(f"reports/{report.id}/", title, report_place(report), report.meta.year, ())


def with_page(stub: SearchDoc, page: PageText) -> SearchDoc:
    """The document with the text its built page shows (and the page's title, when it has one)."""
    return replace(stub, title=page.title or stub.title, sections=page.sections)


def site_page_doc(url: str, page: PageText) -> SearchDoc:
    return SearchDoc(url, page.title or url, "", None, page.sections, kind="page")


def folded_blocks(texts: list[str]) -> np.ndarray:
    """The folded code points of `texts`, SEP (0) between blocks; `fold` maps each character on its own."""
    joined = SEP.join(texts)
    if joined.count(SEP) != max(0, len(texts) - 1):
        joined = SEP.join(t.replace(SEP, "") for t in texts)
    return fold_codes(joined)


def keys_of(texts: list[str]) -> set[str]:
    """Index keys of blocks of text: their folded characters and adjacent pairs within a block."""
    return {key_string(code) for code in key_codes(folded_blocks(texts)).tolist()}


def shard_of(key: str, shards: int) -> int:
    """FNV-1a over UTF-16 code units, as fazhi-search.js computes it."""
    h = 0x811C9DC5
    data = key.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % shards


@dataclass(frozen=True)
class IndexedDoc:
    """A document as the index needs it: its row, its text file, and its keys (see `search_postings`)."""

    row: tuple[str, str, str, int | None, str]
    text: bytes
    keys: np.ndarray
    field_keys: np.ndarray  # keys of the title and place that the text has too


def index_doc(doc: SearchDoc) -> IndexedDoc:
    """The per-document part of indexing (run in the worker that read the page)."""
    keys = key_codes(folded_blocks([b for s in doc.sections for b in s.blocks]))
    fields = np.intersect1d(
        key_codes(folded_blocks([doc.title, doc.place])), keys, assume_unique=True
    )
    row = (doc.url, doc.title, doc.place, doc.year, doc.kind)
    return IndexedDoc(row, compact(doc_text(doc)).encode("utf-8"), keys, fields)


def shard_files(docs: list[IndexedDoc]) -> dict[int, dict[str, list[str]]]:
    """key → [documents, documents whose title/place holds it], hash-sharded into ~SHARD_TARGET_BYTES files."""
    every = postings([d.keys for d in docs])
    fields = postings([d.field_keys for d in docs])
    at = np.searchsorted(every.keys, fields.keys)
    field_start = np.zeros(len(every.keys), np.int64)
    field_end = np.zeros(len(every.keys), np.int64)
    field_start[at], field_end[at] = fields.start, fields.end
    key_length = 1 + ((every.keys & np.uint64((1 << CODE_BITS) - 1)) > 0)
    sizes = key_length + (every.end - every.start) + (field_end - field_start) + 10
    shards = max(1, -(-int(sizes.sum()) // SHARD_TARGET_BYTES))
    files: dict[int, dict[str, list[str]]] = {n: {} for n in range(shards)}
    text, field_text = every.text, fields.text
    for code, shard, a0, a1, f0, f1 in zip(
        every.keys.tolist(),
        shards_of(every.keys, shards).tolist(),
        every.start.tolist(),
        every.end.tolist(),
        field_start.tolist(),
        field_end.tolist(),
        strict=True,
    ):
        files[shard][key_string(code)] = [text[a0:a1], field_text[f0:f1]]
    return files


def doc_text(doc: SearchDoc) -> dict[str, list]:
    return {"s": [[s.heading, list(s.blocks)] for s in doc.sections]}


def compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def search_tree(docs: list[IndexedDoc], browse: list[dict[str, str]]) -> DocsTree:
    """Every file of the search index, keyed by its path under search/."""
    shards = shard_files(docs)
    tree: DocsTree = {}
    for number, keys in shards.items():
        tree[f"k/{number}.json"] = compact(keys).encode("utf-8")
    for start in range(0, len(docs), DOC_CHUNK):
        rows = [list(d.row) for d in docs[start : start + DOC_CHUNK]]
        tree[f"d/{start // DOC_CHUNK}.json"] = compact(rows).encode("utf-8")
    for number, doc in enumerate(docs):
        tree[f"t/{number}.json"] = doc.text
    digest = hashlib.sha256()
    for path in sorted(tree):
        digest.update(tree[path])  # type: ignore[arg-type]
    chars = {k for shard in shards.values() for k in shard if len(k) == 1}
    manifest = {
        "v": digest.hexdigest()[:12],
        "docs": len(docs),
        "shards": len(shards),
        "chunk": DOC_CHUNK,
        "t2s": browser_table(chars),
        "browse": browse,
        "unknown": UNKNOWN,
    }
    tree["manifest.json"] = compact(manifest).encode("utf-8")
    return tree
