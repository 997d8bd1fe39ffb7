"""Stage `catalog`: the bulk downloads (catalog.csv/json, indicators.csv, datapackage.json, the DCAT-AP
catalogue, one zip of report files per year), the 数据下载 page, the data dictionary and robots.txt.

Pure: it is given each report's files as published (or their `CatalogEntry`, made from them), so
sizes and checksums in the catalogue are those of the bytes that are published.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from .catalog_csv import CATALOG_COLUMNS
from .catalog_entries import CatalogEntry, catalog_entry, compact
from .catalog_zips import Reader, year_zips
from .datapackage import datapackage
from .dcat import catalog_head
from .dictionary import dictionary_page
from .downloads import DownloadFile, listing
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
        if len(parts) == 3 and parts[0] == "reports" and parts[1] in found and is_download(parts[2]):
            found[parts[1]][parts[2]] = as_bytes(content)
    return {rid: listing(files) for rid, files in found.items()}


def dump_json(data: object, indent: int | None = 2) -> bytes:
    separators = None if indent else (",", ":")
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    return (text + "\n").encode("utf-8")


def catalog_json(reports: list[Report], entries: Mapping[str, CatalogEntry]) -> bytes:
    """catalog.json, compact: the same bytes `dump_json(…, indent=None)` gives for the whole."""
    head = compact({"schema": "fazhi/catalog/1", "count": len(reports)})[:-1]
    records = ",".join(entries[r.id].record for r in reports)
    return f'{head},"reports":[{records}]}}\n'.encode()


def catalog_jsonld(
    reports: list[Report], entries: Mapping[str, CatalogEntry], publication: Publication
) -> bytes:
    kinds = {f.kind for r in reports for f in entries[r.id].files}
    context, head = catalog_head(reports, kinds, publication)
    nodes = ",".join([*(compact(n) for n in head), *(entries[r.id].dataset for r in reports)])
    return f'{{"@context":{compact(context)},"@graph":[{nodes}]}}\n'.encode()


def bulk_files(
    reports: list[Report], entries: Mapping[str, CatalogEntry], publication: Publication
) -> dict[str, bytes]:
    """downloads/… file name → bytes for the tables and catalogues (the archives are apart)."""
    lines = "".join(entries[r.id].catalog_line for r in reports)
    catalog_csv = (csv_header(CATALOG_COLUMNS) + lines).encode("utf-8")
    lines = "".join(entries[r.id].indicator_lines for r in reports)
    indicators_csv = (csv_header(INDICATOR_COLUMNS) + lines).encode("utf-8")
    return {
        "catalog.csv": catalog_csv,
        "catalog.json": catalog_json(reports, entries),
        "indicators.csv": indicators_csv,
        "datapackage.json": dump_json(datapackage(catalog_csv, indicators_csv, publication)),
        "catalog.jsonld": catalog_jsonld(reports, entries, publication),
    }


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
    out[DOWNLOADS + "index.md"] = downloads_page(bulk, archives, len(reports), present, publication)
    out[DOWNLOADS + "dictionary.md"] = dictionary_page(present)
    out["robots.txt"] = robots_txt(publication)
    return out
