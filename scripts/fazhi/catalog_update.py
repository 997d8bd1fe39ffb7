"""The catalogue of a rebuild, made one report year at a time.

A year's files (its shards' tables and catalogues, its archives) are made from its reports' catalogue
entries, the publication settings and the place of its shards in the chain of catalogue pages. When
none of these moved since the files in docs were made (the docs manifest keeps a digest of them per
year), the files are kept as they are, and only their sizes and checksums, also kept in the
manifest, go into the overview files (catalog.json, catalog.jsonld, datapackage.json, the 数据下载
page). After one report changed, one year is made again instead of all of them, and only that year's
catalogue entries are loaded (build/cache/catalog-entries/<year>.pickle).

The files made are those `catalog.assembled_tree` makes from all the entries: the same functions
make each year's files and the overview from their facts.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict, astuple, dataclass
from pathlib import Path

from .cache import code_version
from .catalog import (
    DOWNLOADS,
    FileFacts,
    catalog_jsonld,
    file_facts,
    is_download,
    overview_files,
    pages,
    pages_tree,
    shard_bulk,
)
from .catalog_entries import CatalogEntry, catalog_entry
from .catalog_shards import Shard, shard_files, shards_at, year_key, year_rank, year_shards
from .catalog_zips import ARCHIVE_NAME, year_zips
from .downloads import KINDS, OTHER, listing
from .incremental import EntryStore
from .model import Report
from .publication import Publication, publication_from_env
from .write import DocsTree, read_folder_files
from .zips import Reusable, reusable_entries

KIND_BY_SUFFIX = {k.suffix: k for k in (*KINDS, OTHER)}


@dataclass(frozen=True)
class YearRecord:
    """What the manifest keeps of one year's files."""

    content: str  # digest of the year's reports (ids, entry keys) and the publication settings
    key: str  # `content` and the pages of its shards (its catalogues link the next and last page)
    starts: list[int]  # where each shard starts among the year's reports (in id order)
    files: dict[str, list]  # downloads/ file name → [size, sha256]
    kinds: list[str]  # suffixes of the kinds of file its reports publish

    @classmethod
    def from_json(cls, data: object) -> YearRecord | None:
        try:
            return cls(**data)  # type: ignore[arg-type]
        except TypeError:
            return None


def _digest(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


@dataclass
class YearCatalog:
    """The inputs of a catalogue rebuild: the docs it is made from and what its entries are made of."""

    docs: Path
    keys: Mapping[str, str]  # report id → a digest of everything its catalogue entry is made from
    publication: Publication
    store_dir: Path  # build/cache/catalog-entries

    def entries(self, group: list[Report], stem: str) -> dict[str, CatalogEntry]:
        """The year's catalogue entries: from its store when the folder was rendered from the same
        inputs, else made from the files in the folder."""
        store = EntryStore(self.store_dir / f"{stem}.pickle")
        out: dict[str, CatalogEntry] = {}
        for report in group:
            key = self.keys.get(report.id)
            if key is None:
                out[report.id] = self.make_entry(report)
                continue
            digest = hashlib.sha256(f"{key}\0{self.publication!r}".encode()).hexdigest()
            entry = store.get(digest, lambda report=report: self.make_entry(report))
            out[report.id] = entry if isinstance(entry, CatalogEntry) else self.make_entry(report)
        store.save()
        return out

    def make_entry(self, report: Report) -> CatalogEntry:
        folder = self.docs / "reports" / report.id
        found = {n: d for n, d in read_folder_files(folder).items() if is_download(n)}
        return catalog_entry(report, listing(found), self.publication)

    def read(self, report_id: str, name: str) -> bytes:
        return (self.docs / "reports" / report_id / name).read_bytes()

    def reusable(self, stem: str) -> Reusable:
        """The entries of the year's previous archives."""
        reuse: Reusable = {}
        for archive in sorted((self.docs / DOWNLOADS).glob("all-*.zip")):
            found = ARCHIVE_NAME.match(archive.name)
            if found and found.group(1) == stem:
                reuse.update(reusable_entries(archive.read_bytes()))
        return reuse

    def year_files(
        self, group: list[Report], cut: list[Shard], paged: dict, entries: dict
    ) -> dict[str, bytes]:
        files: dict[str, bytes] = {}
        for shard in cut:
            files |= shard_bulk(shard, paged[shard.key], entries, self.publication)
        stem = year_key(group[0].meta.year)
        return files | year_zips(group, entries, self.read, self.reusable(stem))

    def content(self, group: list[Report]) -> str:
        """"" when a report's entry key is unknown: then the year is always made again."""
        keys = [(r.id, self.keys.get(r.id)) for r in group]
        if any(key is None for _, key in keys):
            return ""
        return _digest(repr(self.publication), keys)

    def kept(self, record: YearRecord | None, content: str) -> bool:
        if record is None or not content or record.content != content:
            return False
        return all((self.docs / DOWNLOADS / name).is_file() for name in record.files)


def by_year(reports: list[Report]) -> dict[int | None, list[Report]]:
    """Reports in id order by year, newest year first, undated last."""
    groups: dict[int | None, list[Report]] = defaultdict(list)
    for report in sorted(reports, key=lambda r: r.id):
        groups[report.meta.year].append(report)
    return {year: groups[year] for year in sorted(groups, key=year_rank)}


def starts_of(cut: list[Shard]) -> list[int]:
    starts, at = [], 0
    for shard in cut:
        starts.append(at)
        at += len(shard.reports)
    return starts


def update_years(
    job: YearCatalog, reports: list[Report], old: Mapping[str, object]
) -> tuple[DocsTree, list[str], dict[str, dict]]:
    """The catalogue files to write (the years made again, the overview files and pages), the names
    of all catalogue files, and the record of every year for the manifest."""
    groups = by_year(reports)
    contents = {year: job.content(group) for year, group in groups.items()}
    entries: dict[str, CatalogEntry] = {}
    cuts: dict[int | None, list[Shard]] = {}
    kept: dict[int | None, YearRecord] = {}
    for year, group in groups.items():
        record = YearRecord.from_json(old.get(year_key(year)))
        if record is not None and job.kept(record, contents[year]):
            kept[year] = record
            cuts[year] = shards_at(year, group, record.starts)
        else:
            entries |= job.entries(group, year_key(year))
            cuts[year] = year_shards(year, group, entries)
    cut = [shard for year in groups for shard in cuts[year]]
    paged = {shard.key: page for shard, page in zip(cut, pages(cut), strict=True)}
    tree: DocsTree = {}
    records: dict[str, YearRecord] = {}
    for year, group in groups.items():
        key = _digest(contents[year], [astuple(paged[s.key]) for s in cuts[year]])
        if year in kept and kept[year].key == key:
            records[year_key(year)] = kept[year]
            continue
        if group[0].id not in entries:
            entries |= job.entries(group, year_key(year))
        if year in kept:  # only the chain of pages moved (a report came or went): its catalogues
            files = {
                shard_files(s.key)["catalog_jsonld"]: catalog_jsonld(
                    s, entries, job.publication, paged[s.key]
                )
                for s in cuts[year]
            }
        else:
            files = job.year_files(group, cuts[year], paged, entries)
        tree |= {DOWNLOADS + name: data for name, data in files.items()}
        suffixes = sorted({f.kind.suffix for r in group for f in entries[r.id].files})
        facts = dict(kept[year].files) if year in kept else {}
        facts |= {name: list(astuple(file_facts(data))) for name, data in files.items()}
        records[year_key(year)] = YearRecord(
            contents[year], key, starts_of(cuts[year]), facts, suffixes
        )
    tree |= overview(job.publication, cut, records, groups)
    for stale in job.store_dir.glob("*.pickle"):
        if stale.stem not in records:
            stale.unlink(missing_ok=True)
    names = [*tree, *(DOWNLOADS + n for r in records.values() for n in r.files)]
    return tree, sorted(set(names)), {stem: asdict(r) for stem, r in records.items()}


def overview(
    publication: Publication,
    cut: list[Shard],
    records: Mapping[str, YearRecord],
    groups: Mapping[int | None, list[Report]],
) -> DocsTree:
    """The overview files and pages, from the facts of every year's files."""
    facts = {n: FileFacts(*f) for r in records.values() for n, f in r.files.items()}
    present = {s for r in records.values() for s in r.kinds}
    top = overview_files(cut, facts, {KIND_BY_SUFFIX[s] for s in present}, publication)
    sizes = {n: f.size for n, f in facts.items()} | {n: len(d) for n, d in top.items()}
    archives = [n for n in facts if ARCHIVE_NAME.match(n)]
    counts = {year_key(year): len(group) for year, group in groups.items()}
    tree: DocsTree = {DOWNLOADS + n: data for n, data in top.items()}
    return tree | pages_tree(sizes, archives, counts, present, publication)


def catalog_files(
    docs: Path,
    reports: list[Report],
    inputs: Mapping[str, str],
    folders: Mapping[str, str],
    cache_dir: Path,
    years: dict[str, dict],
) -> tuple[DocsTree, list[str], dict[str, dict]]:
    """Bulk downloads and catalogues, made from the per-report files as written, so the sizes and
    checksums they state are those of the published bytes. Only the years whose reports or pages
    changed are made again; `inputs`: each report's cache key by id; `folders`: the render key of
    each report folder, as the docs manifest says; `years`: what the manifest says of each year."""
    (cache_dir / "catalog-entries.pickle").unlink(missing_ok=True)  # one pickle for all years before
    keys = entry_keys(reports, inputs, folders)
    job = YearCatalog(docs, keys, publication_from_env(), cache_dir / "catalog-entries")
    return update_years(job, reports, years)


def entry_keys(
    reports: list[Report], inputs: Mapping[str, str], folders: Mapping[str, str]
) -> dict[str, str]:
    """Report id → a digest of what its catalogue entry is made from: its files, which are made
    from the stages' result (given by its cache key), its id and the code, not from its links to
    other reports, which change when another report does. Else its folder's render key."""
    code = code_version()
    keys = {}
    for report in reports:
        if report.id in inputs:
            made_of = f"{code}\0{inputs[report.id]}\0{report.id}"
            keys[report.id] = hashlib.sha256(made_of.encode()).hexdigest()
        elif f"reports/{report.id}" in folders:
            keys[report.id] = folders[f"reports/{report.id}"]
    return keys
