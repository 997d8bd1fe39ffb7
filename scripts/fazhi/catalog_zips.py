"""The bulk archives: every report's files, one zip per report year (`all-2023.zip`; reports whose
year is unknown in `all-undated.zip`), a year split into numbered parts (`all-2023-1.zip` …) when
its archive would pass `PART_BYTES`, so that no published file grows without bound.

A year's archive changes only when one of its reports does, and entries whose name, CRC and size
are those of an entry in a previous archive keep its compressed bytes (`zips.reusable_entries`):
a file is read and compressed only when it is new or changed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from .catalog_entries import CatalogEntry
from .downloads import zip_name
from .model import Report
from .zips import Member, Reusable, member, zip_bytes

PART_BYTES = 16 * 1024 * 1024  # well below the 20 MB a single published file may have
_ENTRY_OVERHEAD = 76  # local header and central record, without the name (twice)
ARCHIVE_NAME = re.compile(r"^all-(\d{4}|undated)(?:-(\d+))?\.zip$")

# (report id, file name) → the file's bytes as published
Reader = Callable[[str, str], bytes]


def year_stem(year: int | None) -> str:
    return f"all-{year}" if year else "all-undated"


def report_members(entry: CatalogEntry, read: Reader, reuse: Reusable) -> list[Member]:
    """The report's files (its own zip excepted) as archive entries under reports/<id>/."""
    members = []
    for f in entry.files:
        if f.name == zip_name(entry.report_id):
            continue
        name = f"reports/{entry.report_id}/{f.name}"
        deflated = reuse.get((name, f.crc, f.size))
        if deflated is not None:
            members.append(Member(name, f.crc, f.size, deflated))
        else:
            members.append(member(name, read(entry.report_id, f.name), {}))
    return members


def parts(groups: list[list[Member]]) -> list[list[Member]]:
    """Reports' entries (one list per report, in id order) cut into archives of at most
    `PART_BYTES` where possible (a report is never split)."""
    out: list[list[Member]] = [[]]
    size = 0
    for group in groups:
        grown = sum(len(m.deflated) + 2 * len(m.name.encode()) + _ENTRY_OVERHEAD for m in group)
        if out[-1] and size + grown > PART_BYTES:
            out.append([])
            size = 0
        out[-1].extend(group)
        size += grown
    return out


def year_zips(
    reports: list[Report], entries: dict[str, CatalogEntry], read: Reader, reuse: Reusable
) -> dict[str, bytes]:
    """Archive name → bytes, for the reports in id order."""
    by_year: dict[str, list[list[Member]]] = defaultdict(list)
    for report in sorted(reports, key=lambda r: r.id):
        entry = entries[report.id]
        by_year[year_stem(entry.year)].append(report_members(entry, read, reuse))
    archives: dict[str, bytes] = {}
    for stem, groups in sorted(by_year.items()):
        cut = parts(groups)
        for number, members in enumerate(cut, start=1):
            name = f"{stem}.zip" if len(cut) == 1 else f"{stem}-{number}.zip"
            archives[name] = zip_bytes(members)
    return archives
