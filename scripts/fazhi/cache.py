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

PACKAGE_DIR = Path(__file__).resolve().parent
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
    return [
        p for p in root.rglob("*") if p.is_file() and not _SKIP_DIRS.intersection(p.parts)
    ]


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
            "fazhi-report-cache/1",
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
    """Pickled Reports (without their id) in `folder`, one file per key."""

    folder: Path
    context: CacheContext
    used: set[str] = field(default_factory=set)
    hits: int = 0
    misses: int = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, src: SourceText) -> Report | None:
        key = self.context.key(src)
        self.used.add(key)
        path = self._path(key)
        try:
            data = path.read_bytes()
            report = pickle.loads(data)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ImportError):
            self.misses += 1
            return None
        if not isinstance(report, Report):
            self.misses += 1
            return None
        self.hits += 1
        return report

    def put(self, src: SourceText, report: Report) -> None:
        key = self.context.key(src)
        self.used.add(key)
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)

    def prune(self) -> int:
        """Delete entries this build did not use; return how many."""
        removed = 0
        for path in self.folder.glob("*/*.pickle"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


def render_key(report: Report, raw_sha256: str) -> str:
    """Digest of everything a report's own pages are rendered from: the final Report and the code."""
    data = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.sha256(code_version().encode() + raw_sha256.encode() + data).hexdigest()
