"""Deterministic zip files: fixed timestamps and permissions, entries sorted, so two builds of the
same content give byte-identical archives (and stable checksums in the catalogue)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


def as_bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def deterministic_zip(files: Mapping[str, str | bytes]) -> bytes:
    """A zip of `files` (archive path → content), deflated, entries in sorted order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permission bits below mean the same everywhere
            info.external_attr = 0o100644 << 16
            archive.writestr(info, as_bytes(files[name]), compresslevel=6)
    return buffer.getvalue()
