"""Stage `catalog`: the bulk downloads (per year, see `catalog_shards`: catalog-<year>.csv/.json,
indicators-<year>.csv, catalog-<year>.jsonld; over them catalog.json, catalog.jsonld and
datapackage.json; one zip of report files per year), the 数据下载 page, the data dictionary and robots.txt.

Pure: it is given each report's files as published (or their `CatalogEntry`, made from them), so
sizes and checksums in the catalogue are those of the bytes that are published.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from .catalog_csv import CATALOG_COLUMNS
from .catalog_entries import CatalogEntry, catalog_entry, compact
from .catalog_shards import Shard, shard_files, shard_label, shards, year_key
from .catalog_zips import Reader, year_zips
from .datapackage import datapackage
from .dcat import Page, catalog_head, top_catalog
from .dictionary import dictionary_page
from .downloads import DownloadFile, FileKind, listing
from .downloads_page import downloads_page
from .indicator_views import INDICATOR_COLUMNS
from .model import Report
from .publication import Publication
from .tabular import csv_header
from .zips import Reusable, as_bytes

DOWNLOADS = "downloads/"


def is_download(name: str) -> bool:
    """A file in a report's folder that is offered for download (everything but pages)."""
    return "/" not in name and not name.endswith(".md")


def report_downloads(
    reports: list[Report], tree: Mapping[str, str | bytes]
) -> dict[str, list[DownloadFile]]:
    """Each report's download files, taken from a docs tree (path → content)."""
    found: dict[str, dict[str, bytes]] = {r.id: {} for r in reports}
    for key, content in tree.items():
        parts = key.split("/", 2)
        if (
            len(parts) == 3
            and parts[0] == "reports"
            and parts[1] in found
            and is_download(parts[2])
        ):
            found[parts[1]][parts[2]] = as_bytes(content)
    return {rid: listing(files) for rid, files in found.items()}


def dump_json(data: object, indent: int | None = 2) -> bytes:
    separators = None if indent else (",", ":")
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    return (text + "\n").encode("utf-8")


def pages(shards: list[Shard]) -> list[Page]:
    documents = [shard_files(s.key)["catalog_jsonld"] for s in shards]
    total = sum(len(s.reports) for s in shards)
    return [
        Page(
            doc,
            shard_label(s),
            documents[i + 1] if i + 1 < len(documents) else None,
            documents[-1],
            total,
        )
        for i, (s, doc) in enumerate(zip(shards, documents, strict=True))
    ]


def catalog_json(shard: Shard, entries: Mapping[str, CatalogEntry]) -> bytes:
    """A shard's catalog-<key>.json, compact: the bytes `dump_json(…, indent=None)` gives."""
    head = compact({"schema": "fazhi/catalog/1", "year": shard.year, "count": len(shard.reports)})[
        :-1
    ]
    records = ",".join(entries[r.id].record for r in shard.reports)
    return f'{head},"reports":[{records}]}}\n'.encode()


def catalog_jsonld(
    shard: Shard, entries: Mapping[str, CatalogEntry], publication: Publication, page: Page
) -> bytes:
    reports = list(shard.reports)
    kinds = {f.kind for r in reports for f in entries[r.id].files}
    context, head = catalog_head(reports, kinds, publication, page)
    nodes = ",".join([*(compact(n) for n in head), *(entries[r.id].dataset for r in reports)])
    return f'{{"@context":{compact(context)},"@graph":[{nodes}]}}\n'.encode()


def shard_tables(shard: Shard, entries: Mapping[str, CatalogEntry]) -> tuple[bytes, bytes]:
    lines = "".join(entries[r.id].catalog_line for r in shard.reports)
    catalog_csv = (csv_header(CATALOG_COLUMNS) + lines).encode("utf-8")
    lines = "".join(entries[r.id].indicator_lines for r in shard.reports)
    return catalog_csv, (csv_header(INDICATOR_COLUMNS) + lines).encode("utf-8")


@dataclass(frozen=True)
class FileFacts:
    """What the overview files state of a per-year file: its size and checksum."""

    size: int
    sha256: str


def file_facts(data: bytes) -> FileFacts:
    return FileFacts(len(data), hashlib.sha256(data).hexdigest())


def catalog_index(shards: list[Shard], facts: Mapping[str, FileFacts]) -> dict[str, object]:
    """catalog.json: where each year's files are, with their sizes and checksums."""
    parts = []
    for shard in shards:
        names = shard_files(shard.key)
        listed = {
            role: {"path": n, "bytes": facts[n].size, "sha256": facts[n].sha256}
            for role, n in names.items()
        }
        parts.append(
            {"year": shard.year, "part": shard.part, "count": len(shard.reports), "files": listed}
        )
    count = sum(len(s.reports) for s in shards)
    return {"schema": "fazhi/catalog-index/1", "count": count, "parts": parts}


def shard_bulk(
    shard: Shard, page: Page, entries: Mapping[str, CatalogEntry], publication: Publication
) -> dict[str, bytes]:
    """One shard's tables and catalogues (downloads/… file name → bytes)."""
    names = shard_files(shard.key)
    catalog_csv, indicators_csv = shard_tables(shard, entries)
    return {
        names["catalog_csv"]: catalog_csv,
        names["indicators_csv"]: indicators_csv,
        names["catalog_json"]: catalog_json(shard, entries),
        names["catalog_jsonld"]: catalog_jsonld(shard, entries, publication, page),
    }


def overview_files(
    cut: list[Shard], facts: Mapping[str, FileFacts], kinds: set[FileKind], publication: Publication
) -> dict[str, bytes]:
    """datapackage.json, catalog.json and catalog.jsonld: over every shard, from its files' facts."""
    tables = []
    for shard in cut:
        names = shard_files(shard.key)
        tables.append((shard, facts[names["catalog_csv"]], facts[names["indicators_csv"]]))
    return {
        "datapackage.json": dump_json(datapackage(tables, publication)),
        "catalog.json": dump_json(catalog_index(cut, facts)),
        "catalog.jsonld": dump_json(top_catalog(pages(cut), kinds, publication), indent=None),
    }


def bulk_files(
    reports: list[Report], entries: Mapping[str, CatalogEntry], publication: Publication
) -> dict[str, bytes]:
    """downloads/… file name → bytes for the tables and catalogues (the archives are apart)."""
    cut = shards(sorted(reports, key=lambda r: r.id), entries)
    out: dict[str, bytes] = {}
    for shard, page in zip(cut, pages(cut), strict=True):
        out |= shard_bulk(shard, page, entries, publication)
    kinds = {f.kind for r in reports for f in entries[r.id].files}
    facts = {name: file_facts(data) for name, data in out.items()}
    return {**overview_files(cut, facts, kinds, publication), **out}


def robots_txt(publication: Publication) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if publication.base:
        lines.append(f"Sitemap: {publication.base}sitemap.xml")
    return "\n".join(lines) + "\n"


def catalog_tree(
    reports: list[Report],
    files: dict[str, list[DownloadFile]],
    publication: Publication,
) -> dict[str, str | bytes]:
    """Everything under downloads/ plus robots.txt, from the reports and their published files."""
    entries = {r.id: catalog_entry(r, files[r.id], publication) for r in reports}
    data = {(rid, f.name): f.data for rid, fs in files.items() for f in fs}
    return assembled_tree(reports, entries, publication, lambda rid, name: data[rid, name], {})


def assembled_tree(
    reports: list[Report],
    entries: Mapping[str, CatalogEntry],
    publication: Publication,
    read: Reader,
    reuse: Reusable,
) -> dict[str, str | bytes]:
    """`catalog_tree` from each report's `CatalogEntry`; `read` gives a report file's bytes when an
    archive entry cannot be taken from `reuse` (the previous archives)."""
    ordered = sorted(reports, key=lambda r: r.id)
    bulk = bulk_files(ordered, entries, publication)
    archives = year_zips(ordered, dict(entries), read, reuse)
    out: dict[str, str | bytes] = {DOWNLOADS + n: data for n, data in (bulk | archives).items()}
    present = {f.kind.suffix for r in ordered for f in entries[r.id].files}
    counts = Counter(year_key(entries[r.id].year) for r in ordered)
    sizes = {n: len(data) for n, data in (bulk | archives).items()}
    return out | pages_tree(sizes, list(archives), counts, present, publication)


def pages_tree(
    sizes: Mapping[str, int],
    archives: list[str],
    counts: Mapping[str, int],
    present: set[str],
    publication: Publication,
) -> dict[str, str | bytes]:
    """The 数据下载 page, the data dictionary and robots.txt. `sizes`: of every downloads/ file but
    those pages; `archives`: the archives' names; `counts`: reports per year key."""
    return {
        DOWNLOADS + "index.md": downloads_page(sizes, archives, counts, present, publication),
        DOWNLOADS + "dictionary.md": dictionary_page(present),
        "robots.txt": robots_txt(publication),
    }
