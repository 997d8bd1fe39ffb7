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


def deterministic_zip(files: Mapping[str, str | bytes], reuse: Reusable | None = None) -> bytes:
    """A zip of `files` (archive path → content), deflated, entries in sorted order. Entries found in
    `reuse` with the same name, CRC and size are not compressed again."""
    reuse = reuse or {}
    out = io.BytesIO()
    central = []
    for name in sorted(files):
        data = as_bytes(files[name])
        crc, size = zlib.crc32(data), len(data)
        deflated = reuse.get((name, crc, size))
        if deflated is None:
            deflated = _deflate(data)
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), _UTF8_NAME
        offset = out.tell()
        sizes = (crc, len(deflated), size, len(encoded))
        out.write(_LOCAL.pack(b"PK\003\004", _VERSION, 0, flags, 8, _DOS_TIME, _DOS_DATE, *sizes, 0))
        out.write(encoded)
        out.write(deflated)
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
