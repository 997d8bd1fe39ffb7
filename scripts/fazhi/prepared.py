"""Prepared tables: large lookup tables (jieba's dictionary, the IDF table, the gazetteer) written once
to build/cache and read back a few entries at a time.

Loading such a table whole costs a fresh process a quarter to two thirds of a second each, far more
than a rebuild of one changed report needs: that report consults a few thousand of the table's
hundreds of thousands of entries. A prepared table is a file of buckets: each entry goes to the
bucket numbered by a stable hash (crc32) of its bucket key, each bucket is a marshalled dict, and an
array of offsets finds a bucket without reading the others. A reader loads only the buckets of the
keys it is asked for.

The file is named by a digest of everything its content is made from (`inputs_key`), written
atomically, and checked on opening (magic, key, size); a file that fails the check is rebuilt.
Tables are written only where `use_tables` points (the build points it at build/cache/tables);
without it every table is built in memory as before.
"""

from __future__ import annotations

import hashlib
import marshal
import mmap
import os
import struct
import tempfile
import threading
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

FORMAT = b"fazhi-prepared-table/1\n"
_SIZES = struct.Struct("<QQ")  # header length, bucket count
_lock = threading.Lock()
_state: dict[str, Path | None] = {}


class TableUnreadable(Exception):
    """A prepared-table file that is missing, truncated or made from other inputs."""


def use_tables(folder: Path | None) -> None:
    """Keep prepared tables in `folder` from now on (None: build every table in memory)."""
    with _lock:
        _state["folder"] = folder


@contextmanager
def tables_in(folder: Path) -> Iterator[None]:
    """Keep prepared tables in `folder` while in this block (a build: its build/cache/tables)."""
    before = tables_folder()
    use_tables(folder)
    try:
        yield
    finally:
        use_tables(before)


def tables_folder() -> Path | None:
    with _lock:
        return _state.get("folder")


def inputs_key(*parts: bytes | str | Path) -> str:
    """sha256 over `parts`: bytes and strings as they are, files by their content (or as absent)."""
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path):
            data = part.read_bytes() if part.is_file() else b"\0absent"
            h.update(hashlib.sha256(data).digest())
        else:
            h.update(hashlib.sha256(part.encode("utf-8") if isinstance(part, str) else part).digest())
    return h.hexdigest()


def bucket_of(key: str, count: int) -> int:
    return zlib.crc32(key.encode("utf-8")) % count


def _write_atomically(path: Path, chunks: Iterable[bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.writelines(chunks)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_table(
    path: Path,
    key: str,
    header: Any,
    entries: Iterable[tuple[str, Any]],
    bucket_key: Callable[[str], str],
    count: int,
) -> None:
    """Write `entries` (marshallable values) in `count` buckets by `bucket_key(entry key)`.

    `header` (marshallable) is read whole on every opening: keep it small."""
    buckets: list[dict[str, Any]] = [{} for _ in range(count)]
    crc = zlib.crc32
    for name, value in entries:
        buckets[crc(bucket_key(name).encode("utf-8")) % count][name] = value
    blobs = [marshal.dumps(bucket) for bucket in buckets]
    offsets = array("Q", [0])
    total = 0
    for blob in blobs:
        total += len(blob)
        offsets.append(total)
    head = marshal.dumps((key, header))
    _write_atomically(path, [FORMAT + _SIZES.pack(len(head), count) + head + offsets.tobytes(), *blobs])


class Table:
    """A prepared-table file opened for reading: `get(name)` loads the one bucket `name` is in."""

    def __init__(self, path: Path, key: str, bucket_key: Callable[[str], str]) -> None:
        try:
            with path.open("rb") as handle:
                self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError) as error:
            raise TableUnreadable(f"{path}: {error}") from None
        self.path = path
        self.bucket_key = bucket_key
        start = len(FORMAT) + _SIZES.size
        try:
            if self._map[: len(FORMAT)] != FORMAT:
                raise ValueError("not a prepared table")
            head_size, self.count = _SIZES.unpack(self._map[len(FORMAT) : start])
            found, self.header = marshal.loads(self._map[start : start + head_size])
            self._offsets = array("Q")
            self._offsets.frombytes(self._map[start + head_size : start + head_size + 8 * (self.count + 1)])
            self._base = start + head_size + 8 * (self.count + 1)
        except (ValueError, EOFError, TypeError, struct.error) as error:
            raise TableUnreadable(f"{path}: {error}") from None
        if found != key:
            raise TableUnreadable(f"{path}: made from other inputs")
        if len(self._offsets) != self.count + 1 or self._base + self._offsets[-1] != len(self._map):
            raise TableUnreadable(f"{path}: truncated")

    def bucket(self, index: int) -> dict[str, Any]:
        """The entries of bucket `index`, read from the file (callers keep what they need)."""
        start, end = self._base + self._offsets[index], self._base + self._offsets[index + 1]
        try:
            bucket = marshal.loads(self._map[start:end])
        except (ValueError, EOFError, TypeError) as error:
            raise TableUnreadable(f"{self.path}: bucket {index}: {error}") from None
        if not isinstance(bucket, dict):
            raise TableUnreadable(f"{self.path}: bucket {index} is not a table")
        return bucket

    def bucket_index(self, name: str) -> int:
        return zlib.crc32(self.bucket_key(name).encode("utf-8")) % self.count



def table_path(name: str, key: str) -> Path | None:
    folder = tables_folder()
    return None if folder is None else folder / f"{name}-{key[:24]}.table"


def open_table(name: str, key: str, bucket_key: Callable[[str], str]) -> Table | None:
    """The prepared table `name` made from inputs `key`; None when no folder is set or the file is
    missing or unreadable (the caller then builds the table in memory and may `save_table` it)."""
    path = table_path(name, key)
    if path is None:
        return None
    try:
        return Table(path, key, bucket_key)
    except TableUnreadable:
        return None


def _remove_stale(path: Path, name: str) -> None:
    """Remove the tables of `name` made from other inputs except the newest (a project built in
    turn with two dictionaries keeps both)."""
    stale = sorted(
        (p for p in path.parent.glob(f"{name}-*.table") if p != path),
        key=lambda p: p.stat().st_mtime_ns,
    )
    for old in stale[:-1]:
        old.unlink(missing_ok=True)


def save_table(
    name: str,
    key: str,
    header: Any,
    entries: Iterable[tuple[str, Any]],
    bucket_key: Callable[[str], str],
    count: int,
) -> None:
    """Write the prepared table `name` where `use_tables` points (nothing when it points nowhere);
    tables of the same name made from other inputs are removed. A folder that cannot be written
    only means the next build builds the table in memory again."""
    path = table_path(name, key)
    if path is None:
        return
    try:
        _remove_stale(path, name)
        write_table(path, key, header, entries, bucket_key, count)
    except OSError:
        return


def save_value(name: str, key: str, value: Any) -> None:
    """Keep `value` (marshallable) made from inputs `key` where `use_tables` points, if anywhere."""
    path = table_path(name, key)
    if path is None:
        return
    try:
        _remove_stale(path, name)
        _write_atomically(path, [FORMAT, marshal.dumps((key, value))])
    except OSError:
        return


def load_value(name: str, key: str) -> Any | None:
    """The value `save_value` kept for `name` and `key`; None when there is none or it is unreadable."""
    path = table_path(name, key)
    if path is None:
        return None
    try:
        data = path.read_bytes()
        if not data.startswith(FORMAT):
            return None
        found, value = marshal.loads(data[len(FORMAT) :])
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return value if found == key else None
