"""An append-only file of byte records, with a small index beside it: what the report cache keeps.

`<name>.bin` holds records (each one or more parts) one after the other behind a header naming the
file (a random id); `<name>.idx` says, for each key, where its parts are, how long they are and
their CRC-32. A build that adds one record appends it and rewrites the index only, instead of the
whole file; records no build uses any more are dropped from the index, and the data file is written
again without them once they are more than a third of it.

Nothing damaged is used: a part is handed out only when it lies inside the file and its CRC-32 is
the one the index recorded; an index that does not name the data file (a different id, or a data
file written after it) or cannot be read counts as empty. The index is written (in one step) after
the data it points to, so a build killed in between leaves records the index does not know.
"""

from __future__ import annotations

import mmap
import os
import pickle
import secrets
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_file

MAGIC = b"fazhi-segments\n"
ID_BYTES = 16
HEADER_BYTES = len(MAGIC) + ID_BYTES
_UNREADABLE = (pickle.UnpicklingError, EOFError, AttributeError, TypeError, ImportError, ValueError)

# key → (offset of the first part, the parts' lengths, their CRC-32s)
Place = tuple[int, tuple[int, ...], tuple[int, ...]]


def _mapped(path: Path) -> memoryview | None:
    try:
        with path.open("rb") as file:
            return memoryview(mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError):  # missing, or empty (mmap refuses a length of 0)
        return None


def _index(path: Path, schema: str, file_id: bytes) -> dict[str, Place]:
    try:
        loaded = pickle.loads(path.read_bytes())
    except (OSError, *_UNREADABLE):
        return {}
    if not isinstance(loaded, dict) or loaded.get("schema") != schema:
        return {}
    entries = loaded.get("entries")
    return entries if loaded.get("file") == file_id and isinstance(entries, dict) else {}


@dataclass
class SegmentPack:
    """Records by key in `folder`/`name`.bin, indexed by `folder`/`name`.idx (see the module)."""

    folder: Path
    name: str
    schema: str
    _data: memoryview | None = field(default=None, repr=False)
    _file_id: bytes = field(default=b"", repr=False)
    _old: dict[str, Place] = field(default_factory=dict, repr=False)
    _kept: dict[str, Place] = field(default_factory=dict, repr=False)
    _added: dict[str, list[bytes]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._open()

    @property
    def data_path(self) -> Path:
        return self.folder / f"{self.name}.bin"

    @property
    def index_path(self) -> Path:
        return self.folder / f"{self.name}.idx"

    def _open(self) -> None:
        self._data, self._file_id, self._old = _mapped(self.data_path), b"", {}
        if self._data is None or bytes(self._data[: len(MAGIC)]) != MAGIC:
            return
        self._file_id = bytes(self._data[len(MAGIC) : HEADER_BYTES])
        self._old = _index(self.index_path, self.schema, self._file_id)

    def get(self, key: str) -> list[memoryview] | None:
        """The record's parts, views of the mapped file (nothing is copied); None when the key is
        unknown or any part is damaged. A record asked for is kept by `save`."""
        place = self._old.get(key)
        if place is None or self._data is None:
            return None
        try:
            at, lengths, crcs = place
            parts = []
            for length, crc in zip(lengths, crcs, strict=True):
                part = self._data[at : at + length]
                if at < HEADER_BYTES or len(part) != length or zlib.crc32(part) != crc:
                    return None
                parts.append(part)
                at += length
        except (TypeError, ValueError):
            return None
        self._kept[key] = place
        self._added.pop(key, None)
        return parts

    def put(self, key: str, parts: list[bytes]) -> None:
        self._kept.pop(key, None)
        self._added[key] = parts

    def save(self) -> bool:
        """Append the records added, index those asked for or added; False when nothing changed."""
        if not self._added and self._kept.keys() == self._old.keys():
            return False
        self.folder.mkdir(parents=True, exist_ok=True)
        size = len(self._data) if self._data is not None and self._file_id else 0
        live = sum(sum(lengths) for _, lengths, _ in self._kept.values())
        added = sum(len(p) for parts in self._added.values() for p in parts)
        if size and 2 * (size - HEADER_BYTES - live) <= live + added:
            entries = self._append(size)
        else:
            entries = self._rewrite()
        record = {"schema": self.schema, "file": self._file_id, "entries": entries}
        write_file(self.index_path, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
        self._open()
        self._kept, self._added = {}, {}
        return True

    def _append(self, size: int) -> dict[str, Place]:
        entries = dict(self._kept)
        with self.data_path.open("r+b") as out:
            end = out.seek(0, os.SEEK_END)
            if end < size:  # cut short since it was mapped: what it held is not to be trusted
                self._kept = {}
                return self._rewrite()
            for key, parts in self._added.items():
                entries[key] = (end, *_facts(parts))
                out.writelines(parts)
                end += sum(len(p) for p in parts)
        return entries

    def _rewrite(self) -> dict[str, Place]:
        """A new data file with the records kept and added, under a new id."""
        file_id, entries, at = secrets.token_bytes(ID_BYTES), {}, HEADER_BYTES
        chunks: list[bytes | memoryview] = [MAGIC + file_id]
        records: Iterable[tuple[str, list]] = [
            *((k, self._parts(p)) for k, p in self._kept.items()),
            *self._added.items(),
        ]
        for key, parts in records:
            entries[key] = (at, *_facts(parts))
            chunks.extend(parts)
            at += sum(len(p) for p in parts)
        write_file(self.data_path, chunks)
        self._file_id = file_id
        return entries

    def _parts(self, place: Place) -> list[memoryview]:
        at, lengths, _ = place
        assert self._data is not None
        parts = []
        for length in lengths:
            parts.append(self._data[at : at + length])
            at += length
        return parts


def _facts(parts: list) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return tuple(len(p) for p in parts), tuple(zlib.crc32(p) for p in parts)
