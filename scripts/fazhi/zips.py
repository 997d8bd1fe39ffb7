"""Deterministic zip files: fixed timestamps and permissions, entries sorted, so two builds of the
same content give byte-identical archives (and stable checksums in the catalogue).

The archive is written here rather than by `zipfile` so that an entry whose bytes are unchanged can
take its compressed data from the previous archive: re-zipping every report's files after one report
changed cost seconds at 1,000 reports. The bytes are those `zipfile` writes (tests/test_catalog.py).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
_DOS_DATE = (FIXED_TIME[0] - 1980) << 9 | FIXED_TIME[1] << 5 | FIXED_TIME[2]
_DOS_TIME = 0
_VERSION = 20  # "2.0": deflate
_UNIX = 3  # create_system: the permission bits below mean the same everywhere
_MODE = 0o100644 << 16
_UTF8_NAME = 0x800
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")

# (name, crc32, size) → deflated bytes
Reusable = dict[tuple[str, int, int], bytes]


def as_bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def reusable_entries(archive: bytes | None) -> Reusable:
    """The deflated entries of a previous archive, by name, CRC and size; empty when unreadable."""
    if not archive:
        return {}
    found: Reusable = {}
    try:
        with zipfile.ZipFile(io.BytesIO(archive)) as old:
            for info in old.infolist():
                if info.compress_type != zipfile.ZIP_DEFLATED:
                    continue
                start = info.header_offset
                fields = _LOCAL.unpack_from(archive, start)
                data_start = start + _LOCAL.size + fields[-2] + fields[-1]
                deflated = archive[data_start : data_start + info.compress_size]
                found[(info.filename, info.CRC, info.file_size)] = deflated
    except (zipfile.BadZipFile, struct.error, ValueError, OSError):
        return {}
    return found


@dataclass(frozen=True)
class Member:
    """One entry of an archive, already deflated."""

    name: str
    crc: int
    size: int
    deflated: bytes


def member(name: str, data: bytes, reuse: Reusable) -> Member:
    """`data` as an archive entry: its deflated bytes taken from `reuse` when name, CRC and size match."""
    crc, size = zlib.crc32(data), len(data)
    deflated = reuse.get((name, crc, size))
    return Member(name, crc, size, _deflate(data) if deflated is None else deflated)


def deterministic_zip(files: Mapping[str, str | bytes], reuse: Reusable | None = None) -> bytes:
    """A zip of `files` (archive path → content), deflated, entries in sorted order. Entries found in
    `reuse` with the same name, CRC and size are not compressed again."""
    reuse = reuse or {}
    return zip_bytes([member(name, as_bytes(files[name]), reuse) for name in files])


def zip_bytes(members: list[Member]) -> bytes:
    """The archive of these entries, in name order."""
    out = io.BytesIO()
    central = []
    for entry in sorted(members, key=lambda m: m.name):
        try:
            encoded, flags = entry.name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = entry.name.encode("utf-8"), _UTF8_NAME
        offset = out.tell()
        sizes = (entry.crc, len(entry.deflated), entry.size, len(encoded))
        out.write(_LOCAL.pack(b"PK\003\004", _VERSION, 0, flags, 8, _DOS_TIME, _DOS_DATE, *sizes, 0))
        out.write(encoded)
        out.write(entry.deflated)
        central.append(
            _CENTRAL.pack(
                b"PK\001\002", _VERSION, _UNIX, _VERSION, 0, flags, 8, _DOS_TIME, _DOS_DATE,
                *sizes, 0, 0, 0, 0, _MODE, offset,
            )
            + encoded
        )
    start = out.tell()
    for record in central:
        out.write(record)
    count, length = len(central), out.tell() - start
    out.write(_END.pack(b"PK\005\006", 0, 0, count, count, length, start, 0))
    return out.getvalue()
