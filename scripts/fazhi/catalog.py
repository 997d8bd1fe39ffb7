"""Stage `catalog`: the bulk downloads (catalog.csv/json, indicators.csv, datapackage.json, the DCAT-AP
catalogue, all.zip), the 数据下载 page, the data dictionary and robots.txt.

Pure: it reads the per-report files from the docs tree being assembled, so sizes and checksums in the
catalogue are those of the bytes that are published.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .catalog_csv import CATALOG_COLUMNS, INDICATOR_COLUMNS, catalog_row, indicator_rows
from .datapackage import datapackage
from .dcat import catalog_jsonld
from .dictionary import dictionary_page
from .downloads import DownloadFile, listing, zip_name
from .downloads_page import downloads_page
from .model import Report
from .publication import Publication
from .tabular import csv_text
from .zips import as_bytes, deterministic_zip, reusable_entries

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


def catalog_json(reports: list[Report], files: dict[str, list[DownloadFile]]) -> dict[str, Any]:
    records = []
    for report in reports:
        record = catalog_row(report)
        record["co_issuers"] = list(report.meta.co_issuers)
        record["cc"] = list(report.meta.cc)
        record["keywords"] = list(report.keywords)
        record["topics"] = list(report.topics)
        record["unknown"] = dict(sorted(report.meta.unknown.items()))
        record.pop("unknown_fields")
        record["files"] = [
            {"name": f.name, "path": f"reports/{report.id}/{f.name}", "media_type": f.kind.media_type, "bytes": f.size, "sha256": f.sha256}
            for f in files[report.id]
        ]
        records.append(record)
    return {"schema": "fazhi/catalog/1", "count": len(records), "reports": records}


def bulk_files(
    reports: list[Report],
    files: dict[str, list[DownloadFile]],
    publication: Publication,
    previous_zip: bytes | None = None,
) -> dict[str, bytes]:
    """downloads/… file name → bytes, all.zip last since it holds the others. Members whose bytes are
    unchanged since `previous_zip` (the last all.zip) keep its compressed data."""
    catalog_csv = csv_text(CATALOG_COLUMNS, (catalog_row(r) for r in reports)).encode("utf-8")
    rows = (row for r in reports for row in indicator_rows(r))
    indicators_csv = csv_text(INDICATOR_COLUMNS, rows).encode("utf-8")
    bulk = {
        "catalog.csv": catalog_csv,
        "catalog.json": dump_json(catalog_json(reports, files), indent=None),
        "indicators.csv": indicators_csv,
        "datapackage.json": dump_json(datapackage(catalog_csv, indicators_csv, publication)),
        "catalog.jsonld": dump_json(catalog_jsonld(reports, files, publication), indent=None),
    }
    members: dict[str, bytes] = dict(bulk)
    for report in reports:
        for f in files[report.id]:
            if f.name != zip_name(report.id):
                members[f"reports/{report.id}/{f.name}"] = f.data
    bulk["all.zip"] = deterministic_zip(members, reusable_entries(previous_zip))
    return bulk


def robots_txt(publication: Publication) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if publication.base:
        lines.append(f"Sitemap: {publication.base}sitemap.xml")
    return "\n".join(lines) + "\n"


def catalog_tree(
    reports: list[Report],
    files: dict[str, list[DownloadFile]],
    publication: Publication,
    previous_zip: bytes | None = None,
) -> dict[str, str | bytes]:
    """Everything under downloads/ plus robots.txt, from the reports and their published files."""
    ordered = sorted(reports, key=lambda r: r.id)
    bulk = bulk_files(ordered, files, publication, previous_zip)
    out: dict[str, str | bytes] = {DOWNLOADS + name: data for name, data in bulk.items()}
    present = {f.kind.suffix for fs in files.values() for f in fs}
    out[DOWNLOADS + "index.md"] = downloads_page(bulk, len(reports), present, publication)
    out[DOWNLOADS + "dictionary.md"] = dictionary_page(present)
    out["robots.txt"] = robots_txt(publication)
    return out
