"""How the bulk tables and catalogues are cut: one set of files per report year (`catalog-2023.csv`,
`indicators-2023.csv`, `catalog-2023.json`, `catalog-2023.jsonld`; reports whose year is unknown
under `undated`), a year cut into numbered parts (`catalog-2023-1.csv` …) when one of its files
would pass `catalog_zips.PART_BYTES`.

All files of a shard hold the same reports, so indicators-2023.csv refers only to ids in
catalog-2023.csv, and every file stays a bounded size however many reports the portal holds
(and indicators.csv below the row limit of a spreadsheet).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

from .catalog_entries import CatalogEntry
from .catalog_zips import PART_BYTES
from .model import Report

SHARD_BYTES = PART_BYTES  # no bulk file passes it unless one report alone does
SHARD_NAME = re.compile(r"^(catalog|indicators)-(\d{4}|undated)(?:-(\d+))?\.(csv|json|jsonld)$")


@dataclass(frozen=True)
class Shard:
    key: str  # "2023", "2023-2" (a part), "undated"
    year: int | None
    part: int | None  # None when the year is not cut
    reports: tuple[Report, ...]


def shard_label(shard: Shard) -> str:
    span = f"{shard.year} 年度" if shard.year else "未注明年度"
    return span + (f"（第 {shard.part} 部分）" if shard.part else "")


def year_key(year: int | None) -> str:
    return str(year) if year else "undated"


def entry_sizes(entry: CatalogEntry) -> tuple[int, ...]:
    """Bytes the report adds to each of its shard's files (csv, indicators, json, jsonld)."""
    pieces = (entry.catalog_line, entry.indicator_lines, entry.record, entry.dataset)
    sizes = [len(p.encode("utf-8")) + 1 for p in pieces]
    sizes[-1] += entry.head_bytes
    return tuple(sizes)


def cut(sizes: list[tuple[int, ...]], limit: int) -> list[int]:
    """Start index of each part: reports in order, a new part when any file would pass `limit`
    (a report is never split). The budget keeps a share of the limit for the files' heads."""
    budget = limit * 9 // 10
    starts = [0]
    totals = [0] * (len(sizes[0]) if sizes else 0)
    for index, size in enumerate(sizes):
        grown = [t + s for t, s in zip(totals, size, strict=True)]
        if index > starts[-1] and max(grown) > budget:
            starts.append(index)
            grown = list(size)
        totals = grown
    return starts


def shards(reports: list[Report], entries: Mapping[str, CatalogEntry]) -> list[Shard]:
    """The reports in id order grouped by year (newest first, undated last), years cut in parts."""
    by_year: dict[int | None, list[Report]] = defaultdict(list)
    for report in sorted(reports, key=lambda r: r.id):
        by_year[entries[report.id].year].append(report)
    out: list[Shard] = []
    for year in sorted(by_year, key=year_rank):
        out.extend(year_shards(year, by_year[year], entries))
    return out


def year_rank(year: int | None) -> tuple[bool, int]:
    """Newest year first, undated last."""
    return (year is None, -(year or 0))


def year_shards(
    year: int | None, group: list[Report], entries: Mapping[str, CatalogEntry]
) -> list[Shard]:
    """One year's reports (in id order) cut in parts (see `shards`)."""
    starts = cut([entry_sizes(entries[r.id]) for r in group], SHARD_BYTES)
    return shards_at(year, group, starts)


def shards_at(year: int | None, group: list[Report], starts: list[int]) -> list[Shard]:
    """One year's shards, cut at these start indexes (one shard: [0])."""
    out = []
    bounds = [*starts, len(group)]
    for number, (start, end) in enumerate(pairwise(bounds), start=1):
        part = number if len(starts) > 1 else None
        key = year_key(year) + (f"-{part}" if part else "")
        out.append(Shard(key, year, part, tuple(group[start:end])))
    return out


def shard_files(key: str) -> dict[str, str]:
    """Role → file name of one shard's files."""
    return {
        "catalog_csv": f"catalog-{key}.csv",
        "indicators_csv": f"indicators-{key}.csv",
        "catalog_json": f"catalog-{key}.json",
        "catalog_jsonld": f"catalog-{key}.jsonld",
    }
