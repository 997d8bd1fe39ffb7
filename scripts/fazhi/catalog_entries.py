"""One report's share of the bulk catalogue: its catalog.csv line, indicators.csv lines, catalog.json
record, DCAT dataset node and file list, each already serialised.

The bulk files are these pieces put together, so a rebuild after one report changed makes the pieces
of that report only and takes the others from the cache (see `build.catalog_files`), instead of
reading and serialising every report's files again.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from typing import Any

from .catalog_csv import CATALOG_COLUMNS, catalog_row
from .dcat import dataset, report_head_bytes
from .downloads import DownloadFile, FileKind
from .indicator_views import INDICATOR_COLUMNS, indicator_rows
from .model import Report
from .publication import Publication
from .tabular import csv_rows


@dataclass(frozen=True)
class FileEntry:
    """A published file as the catalogue and the bulk zips need it (without its bytes)."""

    name: str
    size: int
    sha256: str
    crc: int  # zip CRC-32: a previous archive's entry is reused only when it matches
    kind: FileKind


@dataclass(frozen=True)
class CatalogEntry:
    report_id: str
    year: int | None
    files: tuple[FileEntry, ...]
    catalog_line: str
    indicator_lines: str
    record: str  # compact JSON of its catalog.json record
    dataset: str  # compact JSON of its DCAT-AP dataset node
    head_bytes: int  # at most what it adds to its DCAT catalogue's head (`dcat.report_head_bytes`)


def compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def catalog_record(report: Report, files: tuple[FileEntry, ...]) -> dict[str, Any]:
    """The report's record in catalog.json: catalog.csv's columns with lists as arrays, and its files."""
    record = catalog_row(report)
    record["co_issuers"] = list(report.meta.co_issuers)
    record["cc"] = list(report.meta.cc)
    record["keywords"] = list(report.keywords)
    record["topics"] = list(report.topics)
    record["unknown"] = dict(sorted(report.meta.unknown.items()))
    record.pop("unknown_fields")
    record["files"] = [
        {"name": f.name, "path": f"reports/{report.id}/{f.name}", "media_type": f.kind.media_type, "bytes": f.size, "sha256": f.sha256}
        for f in files
    ]  # fmt: skip
    return record


def catalog_entry(
    report: Report, files: list[DownloadFile], publication: Publication
) -> CatalogEntry:
    listed = tuple(FileEntry(f.name, f.size, f.sha256, zlib.crc32(f.data), f.kind) for f in files)
    return CatalogEntry(
        report_id=report.id,
        year=report.meta.year,
        files=listed,
        catalog_line=csv_rows(CATALOG_COLUMNS, [catalog_row(report)]),
        indicator_lines=csv_rows(INDICATOR_COLUMNS, indicator_rows(report)),
        record=compact(catalog_record(report, listed)),
        dataset=compact(dataset(report, listed, publication)),
        head_bytes=report_head_bytes(report, publication),
    )
