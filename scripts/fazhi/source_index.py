"""Which report files are unchanged since the last build, told by their `stat` alone (as git's index
and make do), so a rebuild neither reads nor decodes them.

build/cache/sources.json remembers, for each file read, its size, inode, mtime and ctime and the
`Source` it was read into (digest, encoding). A file whose stat is the same is taken to have the same
bytes. Every write changes a file's ctime to the time of the write, which the user cannot set back, so
an edit is missed only if it happens within the timestamp granularity of the stat that was recorded
(git's "racy" case). A file is therefore remembered only when its mtime and ctime are safely older than
the moment the build started looking at it: a later edit cannot carry the same timestamps.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_file
from .model import Source

INDEX_SCHEMA = "fazhi/source-index/1"
# How much older than the scan a timestamp must be: the kernel stamps files from a clock that lags
# the real time by a tick, and file systems round times (whole seconds, or two on FAT).
FINE_MARGIN_NS = 100_000_000
COARSE_MARGIN_NS = 2_000_000_000
_SECOND_NS = 1_000_000_000

Stamp = tuple[int, int, int, int]  # size, inode, mtime_ns, ctime_ns


def stamp(status: os.stat_result) -> Stamp:
    return (status.st_size, status.st_ino, status.st_mtime_ns, status.st_ctime_ns)


def settled(status: os.stat_result, scan_ns: int) -> bool:
    """Whether a file's timestamps are old enough that no later write can repeat them."""
    newest = max(status.st_mtime_ns, status.st_ctime_ns)
    coarse = status.st_mtime_ns % _SECOND_NS == 0 and status.st_ctime_ns % _SECOND_NS == 0
    return newest < scan_ns - (COARSE_MARGIN_NS if coarse else FINE_MARGIN_NS)


@dataclass
class SourceIndex:
    """The previous build's stats and Sources (for the same code: decoding depends on it), and those
    of this build, saved in place of the old ones."""

    path: Path
    code: str
    scan_ns: int = field(default_factory=time.time_ns)
    _old: dict[str, list] = field(default_factory=dict, repr=False)
    _new: dict[str, list] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, path: Path, code: str) -> SourceIndex:
        index = cls(path, code)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return index
        if isinstance(data, dict) and data.get("schema") == INDEX_SCHEMA and data.get("code") == code:
            files = data.get("files")
            index._old = files if isinstance(files, dict) else {}
        return index

    def known(self, name: str, status: os.stat_result) -> Source | None:
        """The Source `name` was read into, if its stat is the one recorded then."""
        entry = self._old.get(name)
        if not isinstance(entry, list) or len(entry) != 7 or tuple(entry[:4]) != stamp(status):
            return None
        sha256, encoding, url = entry[4:]
        self._new[name] = entry
        return Source(file=name, sha256=sha256, encoding=encoding, size=status.st_size, url=url)

    def remember(self, name: str, status: os.stat_result, source: Source) -> None:
        self._new.pop(name, None)
        if source.size == status.st_size and settled(status, self.scan_ns):
            self._new[name] = [*stamp(status), source.sha256, source.encoding, source.url]

    def save(self) -> None:
        """Write the index when it differs from the one read (files new, changed or gone)."""
        if self._new == self._old:
            return
        record = {"schema": INDEX_SCHEMA, "code": self.code, "files": self._new}
        write_file(self.path, json.dumps(record, ensure_ascii=False))
        self._old = dict(self._new)
