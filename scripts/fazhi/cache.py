"""The per-report cache: a rebuild redoes only the reports whose inputs changed.

A report's stages are a pure function of its source bytes, its editor override, the vocabulary files and
the code, so the key is a digest of exactly those. Entries are pickles of our own `Report`s in
build/cache (never read from anywhere else), checked against their CRC-32 before use; entries no
build used are pruned at the end of a build.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any, SupportsIndex

from .model import Report, SourceText
from .publication import publication_from_env
from .segment_pack import SegmentPack

PACKAGE_DIR = Path(__file__).resolve().parent
CACHE_SCHEMA = "fazhi-report-cache/3"
_SKIP_DIRS = {"__pycache__"}


def digest_files(paths: list[Path], root: Path) -> str:
    """sha256 over the names (relative to `root`) and bytes of `paths`, in name order."""
    h = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.relative_to(root).as_posix()):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def files_below(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return [p for p in root.rglob("*") if p.is_file() and not _SKIP_DIRS.intersection(p.parts)]


@cache
def code_version() -> str:
    """Digest of the fazhi package: every module, template, asset and data file it ships."""
    return digest_files(files_below(PACKAGE_DIR), PACKAGE_DIR)


def vocabulary_version(vocab_dir: Path) -> str:
    """Digest of the project's vocabulary files (jieba user dictionary, indicator names, topics)."""
    return digest_files(files_below(vocab_dir), vocab_dir)


@dataclass(frozen=True)
class CacheContext:
    """Everything besides the report itself that a report's stages depend on."""

    code: str
    vocabulary: str

    def key(self, src: SourceText) -> str:
        override = json.dumps(src.override, ensure_ascii=False, sort_keys=True, default=str)
        parts = [
            CACHE_SCHEMA,
            self.code,
            self.vocabulary,
            src.source.file,
            src.source.sha256,
            src.source.encoding,
            src.source.url or "",
            src.override_file or "",
            override,
        ]
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


_UNREADABLE = (pickle.UnpicklingError, EOFError, AttributeError, TypeError, ImportError, ValueError)
# fields kept apart from the rest and unpickled only when first read: what only a report's own pages
# and the site-wide pages made from every report need (a rebuild reads them for the changed reports)
DEFERRED = (
    ("indicators",),
    ("doc", "outline", "keywords", "topic_evidence", "coverage_evidence", "tokens"),
)
_DEFERRED_NAMES = {name for group in DEFERRED for name in group}
HEAD = tuple(f.name for f in fields(Report) if f.name not in _DEFERRED_NAMES)
_ALL = tuple(f.name for f in fields(Report))


class _Deferred:
    """A field of a `CachedReport` that is unpickled on first read (from its group's bytes)."""

    def __init__(self, group: int) -> None:
        self.group = group
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, report: CachedReport | None, owner: type | None = None) -> Any:
        if report is None:
            return self
        values = report.__dict__
        if self.name not in values:
            report._fill(self.group)
        return values[self.name]

    def __set__(self, report: CachedReport, value: Any) -> None:
        report.__dict__[self.name] = value


class CachedReport(Report):
    """A `Report` from the cache whose `DEFERRED` fields are unpickled when first read: a rebuild
    after one change reads them for a few reports only. It equals, prints, copies and pickles as
    the plain `Report` it stands for; making one anew (`dataclasses.replace`) makes a plain one."""

    __slots__ = ("_pending",)
    _pending: list[bytes | memoryview | None]

    def __new__(cls, *args: Any, **kwargs: Any) -> Report:  # type: ignore[misc]
        return Report(*args, **kwargs)

    @classmethod
    def of(cls, head: dict[str, Any], groups: list[bytes | memoryview]) -> CachedReport:
        report = object.__new__(cls)
        report.__dict__.update(head)
        report._pending = list(groups)
        return report

    def _fill(self, group: int) -> None:
        data = self._pending[group]
        if data is None:
            return
        values = pickle.loads(data)
        for name, value in zip(DEFERRED[group], values, strict=True):
            self.__dict__.setdefault(name, value)
        self._pending[group] = None

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _ALL)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Report):
            return NotImplemented
        return self._values() == tuple(getattr(other, name) for name in _ALL)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = Report.__repr__(self)
        return "Report" + shown[len(type(self).__qualname__) :]

    def __copy__(self) -> CachedReport:
        twin = object.__new__(CachedReport)
        twin.__dict__.update(self.__dict__)
        twin._pending = list(self._pending)
        return twin

    def __reduce_ex__(self, protocol: SupportsIndex) -> tuple[Any, ...]:
        return Report, self._values()


def _defer_fields() -> None:
    for number, group in enumerate(DEFERRED):
        for name in group:
            deferred = _Deferred(number)
            deferred.__set_name__(CachedReport, name)
            setattr(CachedReport, name, deferred)


_defer_fields()


def report_parts(report: Report) -> list[bytes]:
    """A report as the cache keeps it: its head fields, then each `DEFERRED` group, pickled apart."""
    head = {name: getattr(report, name) for name in HEAD}
    groups = [tuple(getattr(report, name) for name in group) for group in DEFERRED]
    return [pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL) for part in (head, *groups)]


@dataclass
class ReportCache:
    """Reports (without their id) in an append-only pack (`segment_pack`, build/cache/reports/pack.*).

    One file, not one per report: a no-change rebuild then maps one file instead of reading
    thousands, and one changed report appends its record instead of writing the file again. Each
    record is the report's head and its deferred groups, pickled apart (see `CachedReport`)."""

    folder: Path
    context: CacheContext
    hits: int = 0
    misses: int = 0
    keys: dict[str, str] = field(default_factory=dict, repr=False)  # file → key last asked for
    _pack: SegmentPack | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._pack = SegmentPack(self.folder, "pack", CACHE_SCHEMA)

    def _load(self, key: str) -> Report | None:
        assert self._pack is not None
        parts = self._pack.get(key)
        if parts is None or len(parts) != 1 + len(DEFERRED):
            return None
        try:
            head = pickle.loads(parts[0])
        except _UNREADABLE:
            return None
        if not isinstance(head, dict) or set(head) != set(HEAD):
            return None
        return CachedReport.of(head, parts[1:])

    def key(self, src: SourceText) -> str:
        self.keys[src.source.file] = self.context.key(src)
        return self.keys[src.source.file]

    def get(self, src: SourceText) -> Report | None:
        report = self._load(self.key(src))
        if report is not None:
            self.hits += 1
            return report
        self.misses += 1
        return None

    def put(self, src: SourceText, report: Report) -> None:
        assert self._pack is not None
        self._pack.put(self.key(src), report_parts(report))

    def save(self) -> bool:
        """Keep the entries this build used (the others are dropped); False when nothing changed."""
        assert self._pack is not None
        saved = self._pack.save()
        if saved:
            (self.folder / "pack.pickle").unlink(missing_ok=True)  # a format before
        return saved


def render_key(
    report: Report, raw_sha256: str, inputs: str | None = None, site: str | None = None
) -> str:
    """Digest of everything a report's own pages are rendered from: the final Report, the code
    and the site's address (pages carry absolute URLs when FAZHI_SITE_URL is set).

    With `inputs`, the report's cache key (`CacheContext.key`), the Report is digested as what it is
    made of: the stages' result, which that key determines, plus its id and page links (given by the
    whole site). Without it, its `repr`: not pickle, which depends on which equal strings happen to
    be one object, so the same report fresh from the stages and from the cache would differ.
    `site`: the site's address, when the caller has it at hand (else from the environment)."""
    if inputs is None:
        data = repr(report).encode("utf-8", "surrogatepass")
    else:
        made_of = (inputs, report.id, report.page_links)
        data = repr(made_of).encode("utf-8", "surrogatepass")
    address = (publication_from_env().site_url if site is None else site).encode()
    head = code_version().encode() + raw_sha256.encode() + address
    return hashlib.sha256(head + data).hexdigest()
