"""Stage `read`: find the report files, decode them, load editor overrides. The only input I/O."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .exceptions import OverrideError, ReadError
from .model import Problem, Source, SourceText
from .overrides import load_override

REPORT_SUFFIXES = (".txt", ".md")
OVERRIDE_SUFFIX = ".meta.yml"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes, file: str) -> Decoded:
    """Decode report bytes: BOMs first, then strict UTF-8, then strict GB18030 (a superset of GBK)."""
    if not data.strip():
        raise ReadError(
            file, "the file is empty", hint="remove it or replace it with the report text"
        )
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", "utf-8-sig", file)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", "utf-16", file)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return Decoded(data.decode("gb18030"), "gb18030")
    except UnicodeDecodeError as err:
        raise ReadError(
            file,
            f"not text in UTF-8, UTF-16 or GB18030 (undecodable byte at offset {err.start})",
            hint="save the report as UTF-8 text",
        ) from err


def _strict(data: bytes, codec: str, label: str, file: str) -> Decoded:
    try:
        return Decoded(data.decode(codec), label)
    except UnicodeDecodeError as err:
        raise ReadError(
            file, f"declares {label} by its byte-order mark but is not valid {label}"
        ) from err


def read_source(path: Path, root: Path) -> SourceText:
    """Read one report file below `root` into a SourceText."""
    name = path.relative_to(root).as_posix()
    data = path.read_bytes()
    decoded = decode_bytes(data, name)
    source = Source(
        file=name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
        size=len(data),
    )
    override, override_file = load_override(path, root)
    return SourceText(
        source=source,
        text=decoded.text,
        raw=data,
        override=override,
        override_file=override_file,
    )


def find_report_files(root: Path) -> list[Path]:
    """Report files directly in `root`, in a stable order. Hidden files are skipped."""
    if not root.is_dir():
        return []
    return sorted(
        p
        for p in root.iterdir()
        if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES and not p.name.startswith(".")
    )


def read_all(root: Path) -> tuple[list[SourceText], list[Problem]]:
    """Read every report in `root`; unreadable files become Problems and the rest go on."""
    texts: list[SourceText] = []
    problems: list[Problem] = []
    for path in find_report_files(root):
        try:
            texts.append(read_source(path, root))
        except (ReadError, OverrideError) as err:
            problems.append(Problem(err.file, err.detail, err.hint, err.line))
        except OSError as err:
            problems.append(Problem(path.name, f"cannot be read: {err.strerror}"))
    return texts, problems
