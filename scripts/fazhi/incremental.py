"""Incremental build: per-report stages from the cache or the worker pool, and a docs folder that is
rewritten only where its content changed.

build/cache/docs-manifest.json remembers, for each report folder in build/docs, the digest of what it
was rendered from, and for every other file the digest of its bytes. A rebuild renders and writes only
the folders and files whose digest moved, and deletes what is no longer produced.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_file
from .cache import ReportCache, code_version, render_key
from .model import Problem, Report, SourceText
from .parallel import MIN_PARALLEL, iter_reports, map_reports, worker_count
from .publication import publication_from_env
from .site_files import report_files
from .write import DocsTree, replace_files

MANIFEST_SCHEMA = "fazhi/docs-manifest/1"
ENTRIES_SCHEMA = "fazhi/catalog-entries/1"


def _noop(_: int) -> None:
    return None


@contextmanager
def collector_paused() -> Iterator[None]:
    """Unpickling thousands of cached Reports allocates millions of objects, none of them in a
    reference cycle; the cyclic garbage collector would scan them again and again (half the CPU of
    a no-change rebuild). They are moved out of its sight (`gc.freeze`): reference counting still
    frees them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _nothing() -> None:
    return None


def _loaded(text: SourceText) -> SourceText | Problem:
    return text


def process_all(
    texts: list[SourceText],
    cache: ReportCache,
    process: Callable[[SourceText], Report | Problem],
    *,
    workers: int | None = None,
    on_done: Callable[[int], None] = _noop,
    before_fork: Callable[[], None] = _nothing,
    load: Callable[[SourceText], SourceText | Problem] = _loaded,
) -> tuple[list[tuple[Report, SourceText]], list[Problem]]:
    """Each source → its Report (without id), from the cache when its inputs are unchanged.

    `process` turns one source into a Report, or into a Problem when it fails; it runs in worker
    processes, so it must be a module-level function. `before_fork` runs first when the work is
    spread over workers (e.g. to load dictionaries once, shared by the forked workers). `load` reads
    a source that was not read (`SourceText.loaded`) when its report is not in the cache.
    """
    with collector_paused():
        cached = [cache.get(t) for t in texts]
    sources = [t if hit is not None else load(t) for t, hit in zip(texts, cached, strict=True)]
    todo = [
        t
        for t, report in zip(sources, cached, strict=True)
        if report is None and isinstance(t, SourceText)
    ]
    on_done(len(texts) - len(todo))
    if len(todo) >= MIN_PARALLEL and (workers or worker_count()) > 1:
        before_fork()
    outcomes = iter(map_reports(process, todo, workers=workers, on_done=on_done))
    done: list[tuple[Report, SourceText]] = []
    problems: list[Problem] = []
    for text, hit in zip(sources, cached, strict=True):
        if isinstance(text, Problem):
            problems.append(text)
            continue
        report: Report | Problem | None = hit
        if report is None:
            outcome = next(outcomes)
            if outcome.failed is not None:
                message = f"could not be processed ({outcome.failed.error})"
                hint = "this is a bug in fazhi: please report it together with this file"
                report = Problem(text.source.file, message, hint)
            else:
                report = outcome.value
        if isinstance(report, Problem):
            problems.append(report)
        elif report is not None:
            if hit is None:
                cache.put(text, report)
            done.append((report, text))
    return done, problems


def _render(item: tuple[Report, bytes]) -> DocsTree:
    return report_files(*item)


def _digest(content: str | bytes) -> str:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()


@dataclass
class DocsManifest:
    code: str = ""
    reports: dict[str, str] = field(default_factory=dict)  # "reports/<id>" → render key
    files: dict[str, str] = field(default_factory=dict)  # other path → sha256 of its bytes
    catalog_key: str = ""  # digest of what the catalogue files were made from (see `catalog_key`)
    catalog_files: list[str] = field(default_factory=list)
    inputs: str = ""  # digest of everything the whole tree was made from (see `docs_current`)
    catalog_years: dict[str, dict] = field(default_factory=dict)  # see `catalog_update`

    @classmethod
    def load(cls, path: Path) -> DocsManifest | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("schema") != MANIFEST_SCHEMA:
            return None
        catalog = data.get("catalog", {})
        return cls(
            data.get("code", ""),
            dict(data["reports"]),
            dict(data["files"]),
            str(catalog.get("key", "")),
            list(catalog.get("files", [])),
            str(data.get("inputs", "")),
            dict(catalog.get("years", {})),
        )

    def save(self, path: Path) -> None:
        record = {"schema": MANIFEST_SCHEMA, "code": self.code}
        record |= {"reports": self.reports, "files": self.files}
        record["catalog"] = {
            "key": self.catalog_key,
            "files": self.catalog_files,
            "years": self.catalog_years,
        }
        record["inputs"] = self.inputs
        write_file(path, json.dumps(record, ensure_ascii=False))


def _write_folder(docs: Path, folder: str, tree: DocsTree) -> None:
    target = docs / folder
    if target.exists():
        shutil.rmtree(target)
    for rel, content in tree.items():
        path = docs / rel
        if not path.resolve().is_relative_to(target.resolve()):
            raise ValueError(f"refusing to write outside {folder}: {rel}")
        write_file(path, content)


def _folders(parent: Path) -> set[str]:
    """The names of the folders in `parent`, from one listing."""
    try:
        with os.scandir(parent) as listing:
            return {e.name for e in listing if e.is_dir()}
    except FileNotFoundError:
        return set()


def update_docs(
    docs: Path,
    manifest_path: Path,
    reports: list[Report],
    raws: Mapping[str, bytes],
    shared: DocsTree,
    *,
    workers: int | None = None,
    on_done: Callable[[int], None] = _noop,
    inputs: Mapping[str, str] | None = None,
) -> tuple[int, DocsManifest]:
    """Bring `docs` up to date with these reports and shared files; return how many reports were
    rendered and the manifest written. `raws`: each report's source bytes by id, asked for only
    for the reports rendered. `inputs`: each report's cache key by id, when known (see
    `cache.render_key`)."""
    old = DocsManifest.load(manifest_path)
    if old is None or old.code != code_version() or not docs.is_dir():
        if docs.exists():
            shutil.rmtree(docs)
        old = DocsManifest()
    manifest_path.unlink(missing_ok=True)
    new = DocsManifest(
        code_version(),
        catalog_key=old.catalog_key,
        catalog_files=old.catalog_files,
        catalog_years=old.catalog_years,
    )
    stale: list[tuple[Report, bytes]] = []
    site = publication_from_env().site_url
    present = _folders(docs / "reports")
    for report in reports:
        folder = f"reports/{report.id}"
        key = (inputs or {}).get(report.id)
        new.reports[folder] = render_key(report, report.source.sha256, key, site)
        if old.reports.get(folder) != new.reports[folder] or report.id not in present:
            stale.append((report, raws[report.id]))
    on_done(len(reports) - len(stale))
    outcomes = iter_reports(_render, stale, workers=workers, on_done=on_done)
    for (report, _), outcome in zip(stale, outcomes, strict=True):
        if outcome.failed is not None:
            raise RuntimeError(f"{report.source.file}: rendering failed: {outcome.failed.detail}")
        _write_folder(docs, f"reports/{report.id}", outcome.value or {})
    for folder in old.reports.keys() - new.reports.keys():
        shutil.rmtree(docs / folder, ignore_errors=True)
    root = str(docs)
    for rel, content in shared.items():
        new.files[rel] = _digest(content)
        if old.files.get(rel) != new.files[rel] or not os.path.isfile(os.path.join(root, rel)):
            write_file(docs / rel, content)
    for rel in old.files.keys() - new.files.keys():
        (docs / rel).unlink(missing_ok=True)
    new.save(manifest_path)
    return len(stale), new


def catalog_key(manifest: DocsManifest, publication: str) -> str:
    """Digest of what the catalogue is made from: every report folder's render key (which covers the
    report, its source and the code) and the publication settings."""
    data = json.dumps([manifest.code, publication, sorted(manifest.reports.items())])
    return _digest(data)


# (the manifest's records of the catalogue's years, its render key of each report folder) →
# (files to write, names of all catalogue files, the new records); see `catalog_update.update_years`
CatalogMaker = Callable[
    [dict[str, dict], dict[str, str]], tuple[DocsTree, list[str], dict[str, dict]]
]


def update_catalog(
    docs: Path,
    manifest_path: Path,
    publication: str,
    make: CatalogMaker,
    inputs: str,
    manifest: DocsManifest | None = None,
) -> bool:
    """Write the catalogue files `make` produces, unless their inputs are those of the catalogue
    already in `docs`, and record the tree as complete and made from `inputs` (see
    `docs_current`); return whether the catalogue was made again. `manifest`: the one
    `update_docs` just wrote, when at hand (else it is read)."""
    manifest = manifest or DocsManifest.load(manifest_path)
    if manifest is None:
        raise RuntimeError(f"{manifest_path}: the docs manifest is missing")
    key = catalog_key(manifest, publication)
    present = all((docs / rel).is_file() for rel in manifest.catalog_files)
    made = not (manifest.catalog_key == key and manifest.catalog_files and present)
    if made:
        tree, names, years = make(manifest.catalog_years, manifest.reports)
        replace_files(tree, docs)
        for rel in set(manifest.catalog_files) - set(names) - manifest.files.keys():
            (docs / rel).unlink(missing_ok=True)
        manifest.catalog_key, manifest.catalog_files, manifest.catalog_years = key, names, years
    manifest.inputs = inputs
    manifest.save(manifest_path)
    return made


def docs_current(docs: Path, manifest_path: Path, inputs: str) -> bool:
    """Whether `docs` was made, completely, from exactly these inputs: then assembling, rendering and
    the catalogue can all be skipped. `inputs` digests every input of the tree (see
    `build.docs_inputs`); the manifest holds it only once a build finished writing the tree."""
    manifest = DocsManifest.load(manifest_path)
    if not inputs or manifest is None or manifest.inputs != inputs:
        return False
    if manifest.code != code_version() or not docs.is_dir():
        return False
    files = [*manifest.files, *manifest.catalog_files]
    return all((docs / f).is_dir() for f in manifest.reports) and all(
        (docs / f).is_file() for f in files
    )


@dataclass
class EntryStore:
    """Each report's `CatalogEntry`, by the digest of what its folder was rendered from and the
    publication settings, in one pickle in build/cache (entries this build did not use are dropped)."""

    path: Path
    _old: dict[str, object] = field(default_factory=dict, repr=False)
    _new: dict[str, object] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        try:
            with collector_paused():
                loaded = pickle.loads(self.path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ImportError):
            loaded = None
        if isinstance(loaded, dict) and loaded.get("schema") == ENTRIES_SCHEMA:
            self._old = loaded["entries"]

    def get(self, key: str, make: Callable[[], object]) -> object:
        value = self._old.get(key)
        self._new[key] = make() if value is None else value
        return self._new[key]

    def save(self) -> None:
        if self._new.keys() == self._old.keys():
            return
        record = {"schema": ENTRIES_SCHEMA, "entries": self._new}
        write_file(self.path, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
