"""The per-report cache: a rebuild redoes only the reports whose inputs changed.

A report's stages are a pure function of its source bytes, its editor override, the vocabulary files and
the code, so the key is a digest of exactly those. Entries are pickles of our own `Report`s in
build/cache (never read from anywhere else); entries no build used are pruned at the end of a build.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import pickle
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .atomic import write_file
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


_PACK_MAGIC = b"fazhi-pack\n"
_LENGTH_BYTES = 8
_UNREADABLE = (pickle.UnpicklingError, EOFError, AttributeError, TypeError, ImportError, ValueError)


def read_pack(path: Path) -> dict[str, memoryview]:
    """The entries of a pack (key → pickled bytes), as views of the file mapped into memory: nothing
    is copied until an entry is unpickled. Empty when the file is missing or not a pack.

    Layout: magic, the header's length, the header (a pickle of the schema and, for each key, the
    offset and length of its bytes after the header), the entries' bytes."""
    try:
        with path.open("rb") as file:
            mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return {}
    view = memoryview(mapped)
    start = len(_PACK_MAGIC) + _LENGTH_BYTES
    if view[: len(_PACK_MAGIC)] != _PACK_MAGIC:
        return {}
    size = int.from_bytes(view[len(_PACK_MAGIC) : start], "little")
    try:
        header = pickle.loads(view[start : start + size])
    except _UNREADABLE:
        return {}
    if not isinstance(header, dict) or header.get("schema") != CACHE_SCHEMA:
        return {}
    base = start + size
    try:
        return {key: view[base + at : base + at + n] for key, (at, n) in header["entries"].items()}
    except (KeyError, TypeError, ValueError, AttributeError):
        return {}


def write_pack(path: Path, entries: dict[str, bytes | memoryview]) -> None:
    """Write a pack (see `read_pack`) in place of `path`, in one step."""
    offsets, at = {}, 0
    for key, data in entries.items():
        offsets[key] = (at, len(data))
        at += len(data)
    header = pickle.dumps({"schema": CACHE_SCHEMA, "entries": offsets}, pickle.HIGHEST_PROTOCOL)
    head = _PACK_MAGIC + len(header).to_bytes(_LENGTH_BYTES, "little") + header
    write_file(path, [head, *entries.values()])


@dataclass
class ReportCache:
    """Pickled Reports (without their id), in one pack file per project.

    One file, not one per report: a no-change rebuild then maps one file instead of reading
    thousands. The pack is rewritten only when an entry was added or went unused (pruning)."""

    folder: Path
    context: CacheContext
    hits: int = 0
    misses: int = 0
    _old: dict[str, bytes | memoryview] = field(default_factory=dict, repr=False)
    _new: dict[str, bytes | memoryview] = field(default_factory=dict, repr=False)
    keys: dict[str, str] = field(default_factory=dict, repr=False)  # file → key last asked for
    _added: bool = field(default=False, repr=False)  # an entry was put (perhaps over a broken one)

    def __post_init__(self) -> None:
        self._old = dict(read_pack(self.pack))

    @property
    def pack(self) -> Path:
        return self.folder / "pack.bin"

    def _load(self, key: str) -> object | None:
        data = self._old.get(key)
        if data is None:
            return None
        self._new[key] = data
        try:
            return pickle.loads(data)
        except _UNREADABLE:
            return None

    def key(self, src: SourceText) -> str:
        self.keys[src.source.file] = self.context.key(src)
        return self.keys[src.source.file]

    def get(self, src: SourceText) -> Report | None:
        report = self._load(self.key(src))
        if isinstance(report, Report):
            self.hits += 1
            return report
        self.misses += 1
        return None

    def put(self, src: SourceText, report: Report) -> None:
        self._new[self.key(src)] = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
        self._added = True

    def save(self) -> bool:
        """Write the entries this build used (the others are dropped); False when nothing changed."""
        if self._new.keys() == self._old.keys() and not self._added:
            return False
        self.folder.mkdir(parents=True, exist_ok=True)
        write_pack(self.pack, self._new)
        (self.folder / "pack.pickle").unlink(missing_ok=True)  # the format before
        self._old, self._added = dict(self._new), False
        return True


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
