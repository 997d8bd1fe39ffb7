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

import gc
import hashlib
import marshal
import mmap
import struct
import threading
import zlib
from array import array
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path
from typing import Any

from .atomic import write_file

FORMAT = b"fazhi-prepared-table/2\n"
VALUE_FORMAT = b"fazhi-prepared-value/1\n"
_SIZES = struct.Struct("<QQ1s")  # header length, bucket count, values: m(arshal), q or d
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


def write_table(
    path: Path,
    key: str,
    header: Any,
    entries: Mapping[str, Any],
    bucket_key: Callable[[str], str],
    count: int,
    numbers: str = "",
) -> None:
    """Write `entries` in `count` buckets by `bucket_key(entry name)`.

    `numbers`: "q" when every value is an integer (64-bit), "d" when every value is a float; the
    names are then kept as one text and the values as one array, which numpy sorts into buckets
    (half a million entries in a quarter of a second). Otherwise each bucket is a marshalled dict
    (values: anything marshal keeps). `header` (marshallable) is read whole on every opening: keep
    it small."""
    enabled = gc.isenabled()
    gc.disable()  # half a million new references to old objects: nothing for the collector to find
    try:
        _write_table(path, key, header, entries, bucket_key, count, numbers)
    finally:
        if enabled:
            gc.enable()


def _write_table(
    path: Path,
    key: str,
    header: Any,
    entries: Mapping[str, Any],
    bucket_key: Callable[[str], str],
    count: int,
    numbers: str,
) -> None:
    import numpy as np

    names = list(entries)
    keys = names if bucket_key is whole_key else map(bucket_key, names)
    crcs = np.fromiter(map(zlib.crc32, map(str.encode, keys)), dtype=np.uint32, count=len(names))
    buckets = crcs % np.uint32(count)
    order = np.argsort(buckets, kind="stable")
    bounds = np.searchsorted(buckets[order], np.arange(count + 1), side="left")
    bounds[-1] = len(names)
    reorder = itemgetter(*order.tolist()) if len(names) > 1 else lambda items: tuple(items)
    names = list(reorder(names))
    values = list(reorder(list(entries.values())))
    head = marshal.dumps((key, header))
    if numbers:
        text = "".join(("\n".join(names), "\n")).encode("utf-8") if names else b""
        ends = np.flatnonzero(np.frombuffer(text, dtype=np.uint8) == 10)
        if len(ends) != len(names):
            raise ValueError("a name contains a line break")
        starts = np.concatenate(([0], ends + 1)).astype(np.uint64)
        index = bounds.astype(np.uint64).tobytes() + starts[bounds].tobytes()
        chunks = [index, text, array(numbers, values).tobytes()]
    else:
        chunks = [
            marshal.dumps(dict(zip(names[a:b], values[a:b], strict=True)))
            for a, b in zip(bounds.tolist(), bounds[1:].tolist(), strict=False)
        ]
        offsets = np.concatenate(([0], np.cumsum([len(c) for c in chunks]))).astype(np.uint64)
        chunks.insert(0, offsets.tobytes())
    fixed = _SIZES.pack(len(head), count, numbers.encode("ascii") or b"m")
    write_file(path, [FORMAT, fixed, head, *chunks])


def whole_key(name: str) -> str:
    """The bucket key of a table whose entries are looked up by their whole name."""
    return name


class Table:
    """A prepared-table file opened for reading: `bucket(i)` reads one bucket's entries."""

    def __init__(self, path: Path, key: str, bucket_key: Callable[[str], str]) -> None:
        try:
            with path.open("rb") as handle:
                self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError) as error:
            raise TableUnreadable(f"{path}: {error}") from None
        self.path = path
        self.bucket_key = bucket_key
        try:
            found = self._read_layout()
        except (ValueError, EOFError, TypeError, struct.error) as error:
            raise TableUnreadable(f"{path}: {error}") from None
        if found != key:
            raise TableUnreadable(f"{path}: made from other inputs")

    def _read_layout(self) -> str:
        start = len(FORMAT) + _SIZES.size
        if self._map[: len(FORMAT)] != FORMAT:
            raise ValueError("not a prepared table")
        head_size, self.count, kind = _SIZES.unpack(self._map[len(FORMAT) : start])
        self.numbers = "" if kind == b"m" else kind.decode("ascii")
        found, self.header = marshal.loads(self._map[start : start + head_size])
        position = start + head_size
        self._bounds = self._array(position)
        position += 8 * (self.count + 1)
        if self.numbers:
            self._starts = self._array(position)
            self._text = position + 8 * (self.count + 1)
            self._values = self._text + self._starts[-1]
            size = self._values + 8 * self._bounds[-1]
        else:
            self._blobs = position
            size = position + self._bounds[-1]
        if size != len(self._map):
            raise ValueError("truncated")
        return found

    def _array(self, position: int) -> array:
        numbers = array("Q")
        numbers.frombytes(self._map[position : position + 8 * (self.count + 1)])
        return numbers

    def bucket(self, index: int) -> dict[str, Any]:
        """The entries of bucket `index`, read from the file (callers keep what they need)."""
        try:
            if not self.numbers:
                start, end = self._bounds[index], self._bounds[index + 1]
                bucket = marshal.loads(self._map[self._blobs + start : self._blobs + end])
                if not isinstance(bucket, dict):
                    raise TypeError("not a table")
                return bucket
            first, last = self._bounds[index], self._bounds[index + 1]
            if first == last:
                return {}
            start, end = self._text + self._starts[index], self._text + self._starts[index + 1] - 1
            values = array(self.numbers)
            values.frombytes(self._map[self._values + 8 * first : self._values + 8 * last])
            return dict(zip(self._map[start:end].decode("utf-8").split("\n"), values, strict=True))
        except (ValueError, EOFError, TypeError, IndexError) as error:
            raise TableUnreadable(f"{self.path}: bucket {index}: {error}") from None

    def bucket_index(self, name: str) -> int:
        return zlib.crc32(self.bucket_key(name).encode("utf-8")) % self.count

    def columns(self) -> tuple[list[str], array]:
        """Every name and value of a table of numbers (in bucket order), read in one go."""
        if not self.numbers:
            raise TypeError("only a table of numbers is kept in columns")
        try:
            text = self._map[self._text : self._values - 1].decode("utf-8")
            values = array(self.numbers)
            values.frombytes(self._map[self._values :])
        except ValueError as error:
            raise TableUnreadable(f"{self.path}: {error}") from None
        names = text.split("\n") if text or len(values) else []
        if len(names) != len(values):
            raise TableUnreadable(f"{self.path}: names and values differ in number")
        return names, values


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
        try:
            old.unlink(missing_ok=True)
        except OSError:  # still open elsewhere (Windows): removed by a later build
            continue


def save_table(
    name: str,
    key: str,
    header: Any,
    entries: Mapping[str, Any],
    bucket_key: Callable[[str], str],
    count: int,
    numbers: str = "",
) -> None:
    """Write the prepared table `name` where `use_tables` points (nothing when it points nowhere);
    tables of the same name made from other inputs are removed. A folder that cannot be written
    only means the next build builds the table in memory again."""
    path = table_path(name, key)
    if path is None:
        return
    try:
        _remove_stale(path, name)
        write_table(path, key, header, entries, bucket_key, count, numbers)
    except (OSError, ValueError, TypeError, OverflowError):
        return


def save_value(name: str, key: str, value: Any) -> None:
    """Keep `value` (marshallable) made from inputs `key` where `use_tables` points, if anywhere.
    The file carries the CRC-32 of its value, so a damaged one is never read back."""
    path = table_path(name, key)
    if path is None:
        return
    try:
        payload = marshal.dumps((key, value))
        _remove_stale(path, name)
        write_file(path, [VALUE_FORMAT, zlib.crc32(payload).to_bytes(4, "little"), payload])
    except (OSError, ValueError):
        return


def load_value(name: str, key: str) -> Any | None:
    """The value `save_value` kept for `name` and `key`; None when there is none, it is unreadable
    or damaged."""
    path = table_path(name, key)
    if path is None:
        return None
    start = len(VALUE_FORMAT) + 4
    try:
        data = path.read_bytes()
        crc = int.from_bytes(data[len(VALUE_FORMAT) : start], "little")
        if not data.startswith(VALUE_FORMAT) or zlib.crc32(data[start:]) != crc:
            return None
        found, value = marshal.loads(data[start:])
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return value if found == key else None


def kept_yaml(name: str, path: Path) -> Any:
    """The YAML data of `path`, parsed once and kept as a value (`save_value`, by a digest of the
    file and the YAML library) where `use_tables` points: parsing costs a fresh process more
    than the few reports a rebuild processes. Parse errors are raised as `yaml.safe_load` raises
    them."""
    import yaml

    key = inputs_key(name, yaml.__version__, path)
    kept = load_value(name, key)
    if kept is None:
        kept = yaml.safe_load(path.read_text(encoding="utf-8"))
        save_value(name, key, kept)
    return kept
