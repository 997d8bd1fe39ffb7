"""The per-report cache: a rebuild redoes only the reports whose inputs changed.

A report's stages are a pure function of its source bytes, its editor override, the vocabulary files and
the code, so the key is a digest of exactly those. Entries are pickles of our own `Report`s in
build/cache (never read from anywhere else); entries no build used are pruned at the end of a build.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .model import Report, SourceText
from .publication import publication_from_env

PACKAGE_DIR = Path(__file__).resolve().parent
CACHE_SCHEMA = "fazhi-report-cache/2"
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


@dataclass
class ReportCache:
    """Pickled Reports (without their id), in one pack file per project.

    One file, not one per report: a no-change rebuild then reads one file instead of thousands. The
    pack is loaded whole, and rewritten only when an entry was added or went unused (pruning)."""

    folder: Path
    context: CacheContext
    hits: int = 0
    misses: int = 0
    _old: dict[str, bytes] = field(default_factory=dict, repr=False)
    _new: dict[str, bytes] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        try:
            loaded = pickle.loads(self.pack.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ImportError):
            loaded = None
        if isinstance(loaded, dict) and loaded.get("schema") == CACHE_SCHEMA:
            self._old = loaded["entries"]

    @property
    def pack(self) -> Path:
        return self.folder / "pack.pickle"

    def _load(self, key: str) -> object | None:
        data = self._old.get(key)
        if data is None:
            return None
        self._new[key] = data
        try:
            return pickle.loads(data)
        except (pickle.UnpicklingError, EOFError, AttributeError, TypeError, ImportError):
            return None

    def get(self, src: SourceText) -> Report | None:
        report = self._load(self.context.key(src))
        if isinstance(report, Report):
            self.hits += 1
            return report
        self.misses += 1
        return None

    def put(self, src: SourceText, report: Report) -> None:
        self._new[self.context.key(src)] = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)

    def save(self) -> bool:
        """Write the entries this build used (the others are dropped); False when nothing changed."""
        if self._new.keys() == self._old.keys():
            return False
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.pack.with_suffix(f".{os.getpid()}.tmp")
        record = {"schema": CACHE_SCHEMA, "entries": self._new}
        tmp.write_bytes(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, self.pack)
        self._old = dict(self._new)
        return True


def render_key(report: Report, raw_sha256: str, inputs: str | None = None) -> str:
    """Digest of everything a report's own pages are rendered from: the final Report, the code
    and the site's address (pages carry absolute URLs when FAZHI_SITE_URL is set).

    With `inputs`, the report's cache key (`CacheContext.key`), the Report is digested as what it is
    made of: the stages' result, which that key determines, plus its id and page links (given by the
    whole site). Without it, its `repr`: not pickle, which depends on which equal strings happen to
    be one object, so the same report fresh from the stages and from the cache would differ."""
    if inputs is None:
        data = repr(report).encode("utf-8", "surrogatepass")
    else:
        made_of = (inputs, report.id, report.page_links)
        data = repr(made_of).encode("utf-8", "surrogatepass")
    site = publication_from_env().site_url.encode()
    return hashlib.sha256(code_version().encode() + raw_sha256.encode() + site + data).hexdigest()
