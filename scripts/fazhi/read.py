"""Stage `read`: find the report files, refuse the unsafe ones, decode the rest. The only input I/O.

Decoding itself (encodings, binary formats, invisible characters) is in `decode`.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from .decode import CONVERT_HINT, Decoded, decode_text, sniff_format
from .exceptions import FazhiError, ReadError, UnsafeInputError, UnsupportedFormatError
from .model import Problem, Source, SourceText
from .overrides import load_override, override_path
from .sources import READERS

REPORT_SUFFIXES = (".txt", ".md")
OVERRIDE_SUFFIX = ".meta.yml"
# Files editors download that are not (yet) readable: named in the problem list, not skipped silently.
DOCUMENT_SUFFIXES = (
    ".pdf", ".docx", ".doc", ".wps", ".rtf", ".odt", ".html", ".htm", ".mht", ".mhtml",
    ".xls", ".xlsx", ".et", ".pptx", ".png", ".jpg", ".jpeg", ".gif", ".zip", ".rar", ".7z",
)  # fmt: skip
SYSTEM_FILES = (".DS_Store", "Thumbs.db", "desktop.ini", ".gitkeep")
MAX_REPORT_BYTES = 2 * 1024 * 1024
# A PDF or Word file carries fonts, seals and pictures besides its text: a larger file is still one report.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
DOCUMENT_LIMITS = {".pdf": MAX_DOCUMENT_BYTES, ".docx": MAX_DOCUMENT_BYTES}
MAX_LINE_CHARS = 50_000
MAX_OVERRIDE_BYTES = 64 * 1024
_CONTROL = re.compile("[\x00-\x1f\x7f]")

# Readers for formats other than plain text, by the format `decode.sniff_format` names or by suffix
# (".html"): web pages, Word and PDF files (see `sources`). A reader raises ReadError.
FORMAT_READERS: dict[str, Callable[[bytes, str], Decoded]] = dict(READERS)


def decode_bytes(data: bytes, file: str) -> Decoded:
    """Decode the bytes of a plain-text report; see `decode.decode_text`."""
    if not data:
        raise ReadError(file, "the file is empty (0 bytes)", hint="remove it or put the report text in it")
    if not data.strip():
        raise ReadError(
            file, "contains only white space", hint="remove it or put the report text in it"
        )
    return decode_text(data, file)


def decode_any(data: bytes, file: str) -> Decoded:
    """Pick the reader by the file's content first (magic bytes), then by its suffix.

    A .txt or .md file is always read as text: one that is really a PDF or a Word file is refused
    (its raw download would carry the wrong suffix), with a hint to give it its own suffix.
    """
    found = sniff_format(data)
    suffix = Path(file).suffix.lower()
    reader = FORMAT_READERS.get(found[0] if found else "") or FORMAT_READERS.get(suffix)
    if reader is not None and suffix not in REPORT_SUFFIXES:
        return check_lines(reader(data, file), file)
    if suffix in REPORT_SUFFIXES or not data:
        return check_lines(decode_bytes(data, file), file)
    what = f"is {found[1]}" if found else f"is a {suffix} file"
    raise UnsupportedFormatError(
        file,
        f"{what}; reports are read from .txt, .md, .html, .docx and .pdf files",
        hint=CONVERT_HINT,
        format=found[0] if found else suffix,
    )


def check_lines(decoded: Decoded, file: str) -> Decoded:
    """Refuse a text whose line breaks were lost: one huge line is not a readable page."""
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise UnsafeInputError(
                file,
                f"line {number} is {len(line):,} characters long (at most {MAX_LINE_CHARS:,})",
                line=number,
                hint="the line breaks were probably lost: save the text again with its paragraphs",
            )
    return decoded


def check_path(
    path: Path, name: str, allowed: Path, limit: int = MAX_REPORT_BYTES
) -> os.stat_result:
    """Refuse names that cannot be shown or stored safely, links out of `allowed`, and huge files;
    return the file's stat (of the file a link points to)."""
    if name != name.encode("utf-8", "surrogateescape").decode("utf-8", "replace"):
        raise UnsafeInputError(shown_name(name), "the file name is not valid UTF-8", hint="rename it")
    if _CONTROL.search(name):
        raise UnsafeInputError(
            shown_name(name), "the file name contains control characters", hint="rename it"
        )
    status = path.lstat()
    if stat.S_ISLNK(status.st_mode):
        if not path.resolve().is_relative_to(allowed.resolve()):
            raise UnsafeInputError(
                name,
                f"is a link to a file outside {allowed.name}/",
                hint="copy the file into content/reports instead of linking to it",
            )
        status = path.stat()
    size = status.st_size
    if size > limit:
        shown = f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"
        most = f"{limit // 1024 // 1024} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
        raise UnsafeInputError(
            name,
            f"is {shown}; at most {most} is accepted",
            hint="check that it is one report and not a collection or a scan; split it if needed",
        )
    return status


def shown_name(name: str) -> str:
    """A file name safe to print on one line: undecodable bytes and control characters escaped."""
    raw = name.encode("utf-8", "surrogateescape")
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(c if ord(c) >= 32 and ord(c) != 127 else f"\\x{ord(c):02x}" for c in text)


Decoder = Callable[[bytes, str], Decoded]


class Recall(Protocol):
    """What the previous build remembers of each file (`source_index.SourceIndex`)."""

    def known(self, name: str, status: os.stat_result) -> Source | None: ...

    def remember(self, name: str, status: os.stat_result, source: Source) -> None: ...


def read_source(
    path: Path,
    root: Path,
    *,
    allowed: Path | None = None,
    decode: Decoder = decode_any,
    recall: Recall | None = None,
    reuse: bool = True,
    names: frozenset[str] | None = None,
) -> SourceText:
    """Read one report file below `root` into a SourceText. Links must stay inside `allowed`.

    With `recall` (and `reuse`), a file whose stat is that of the last build is not read: its
    SourceText has the Source recorded then, no text and no bytes (`loaded` is False). `names`: the
    names in the file's folder, when known (an override is looked for only if its name is there)."""
    name = path.relative_to(root).as_posix()
    limit = DOCUMENT_LIMITS.get(path.suffix.lower(), MAX_REPORT_BYTES)
    status = check_path(path, name, allowed or root, limit)
    known = recall.known(name, status) if recall is not None and reuse else None
    if known is not None:
        override, override_file = read_override(path, root, allowed or root, names)
        return SourceText(
            source=known, text="", override=override, override_file=override_file, loaded=False
        )
    data = path.read_bytes()
    decoded = decode(data, name)
    source = Source(
        file=name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
        size=len(data),
    )
    override, override_file = read_override(path, root, allowed or root, names)
    if recall is not None:
        recall.remember(name, status, source)
    return SourceText(
        source=source,
        text=decoded.text,
        raw=data,
        log=decoded.log,
        override=override,
        override_file=override_file,
    )


def read_override(
    path: Path, root: Path, allowed: Path, names: frozenset[str] | None = None
) -> tuple[dict | None, str | None]:
    """The editor override beside `path`, held to the same link and size rules as reports.
    `names`: those in its folder, when known (then a missing override costs no file system call)."""
    if names is not None and _stem(path.name) + OVERRIDE_SUFFIX not in names:
        return None, None
    override = override_path(path)
    if override.is_file() or override.is_symlink():
        name = override.relative_to(root).as_posix()
        check_path(override, name, allowed, limit=MAX_OVERRIDE_BYTES)
    return load_override(path, root)


def _suffix(name: str) -> str:
    """`PurePath(name).suffix`, without making a path."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _stem(name: str) -> str:
    """`PurePath(name).stem`, without making a path."""
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def is_candidate_name(name: str) -> bool:
    if name in SYSTEM_FILES or name.startswith("._") or name.endswith(OVERRIDE_SUFFIX):
        return False
    return _suffix(name).lower() in REPORT_SUFFIXES + DOCUMENT_SUFFIXES


def scan_folder(root: Path) -> tuple[list[Path], frozenset[str]]:
    """The report files directly in `root`, in a stable order (hidden ones included: see
    `read_all`), and the names of everything in it, from one listing of the folder."""
    if not root.is_dir():
        return [], frozenset()
    with os.scandir(root) as listing:
        entries = list(listing)
    files = [
        e.name
        for e in entries
        if is_candidate_name(e.name) and (e.is_symlink() or e.is_file())
    ]
    return [root / name for name in sorted(files)], frozenset(e.name for e in entries)


def find_report_files(root: Path) -> list[Path]:
    """Report files directly in `root`, in a stable order (hidden ones included: see `read_all`)."""
    return scan_folder(root)[0]


def read_all(
    root: Path,
    *,
    allowed: Path | None = None,
    decode: Decoder = decode_any,
    recall: Recall | None = None,
) -> tuple[list[SourceText], list[Problem]]:
    """Read every report in `root`; unreadable files become Problems and the rest go on.

    Links may point anywhere inside `allowed` (default: the folder above `root`, i.e. content/).
    With `recall`, files unchanged since the last build are not read (see `read_source`).
    """
    allowed = allowed or root.parent
    texts: list[SourceText] = []
    problems: list[Problem] = []
    files, names = scan_folder(root)
    for path in files:
        if path.name.startswith("."):
            problems.append(hidden_file(path.name))
            continue
        try:
            texts.append(
                read_source(
                    path, root, allowed=allowed, decode=decode, recall=recall, names=names
                )
            )
        except FazhiError as err:
            problems.append(Problem(err.file, err.detail, err.hint, err.line))
        except OSError as err:
            problems.append(Problem(shown_name(path.name), f"cannot be read: {err.strerror}"))
    unique, duplicates = drop_duplicates(texts)
    return unique, problems + duplicates


def reread(
    text: SourceText, root: Path, *, allowed: Path | None = None, recall: Recall | None = None
) -> SourceText | Problem:
    """The whole SourceText of one that was not `loaded` (its report was not in the cache after all)."""
    if text.loaded:
        return text
    path = root / text.source.file
    try:
        return read_source(path, root, allowed=allowed or root.parent, recall=recall, reuse=False)
    except FazhiError as err:
        return Problem(err.file, err.detail, err.hint, err.line)
    except OSError as err:
        return Problem(shown_name(path.name), f"cannot be read: {err.strerror}")


class SourceBytes(dict[str, bytes]):
    """Report id → the bytes of its source file. Those of files that were not read (see `reread`) are
    read when first asked for, and must still have the digest they were published under."""

    def __init__(self, root: Path | None = None) -> None:
        super().__init__()
        self.root = root
        self.unread: dict[str, Source] = {}

    def defer(self, key: str, source: Source) -> None:
        self.unread[key] = source

    def __missing__(self, key: str) -> bytes:
        source = self.unread.get(key)
        if source is None or self.root is None:
            raise KeyError(key)
        data = (self.root / source.file).read_bytes()
        if hashlib.sha256(data).hexdigest() != source.sha256:
            raise ReadError(source.file, "changed while the site was being built", hint="build again")
        self[key] = data
        return data

    def only(self, keys: set[str]) -> SourceBytes:
        kept = SourceBytes(self.root)
        kept.update({k: v for k, v in self.items() if k in keys})
        kept.unread = {k: v for k, v in self.unread.items() if k in keys}
        return kept


def hidden_file(name: str) -> Problem:
    return Problem(
        shown_name(name),
        "is hidden (its name starts with a dot), so it is not published",
        hint="rename it without the leading dot if it is a report",
        severity="warning",
    )


def drop_duplicates(texts: list[SourceText]) -> tuple[list[SourceText], list[Problem]]:
    """Keep the first file (by name) of each content; the others become warnings naming both."""
    first: dict[str, str] = {}
    kept: list[SourceText] = []
    problems: list[Problem] = []
    for text in sorted(texts, key=lambda t: t.source.file):
        original = first.setdefault(text.source.sha256, text.source.file)
        if original == text.source.file:
            kept.append(text)
            continue
        problems.append(
            Problem(
                text.source.file,
                f"has the same content as {original}; only {original} is published",
                hint="delete one of the two files",
                severity="warning",
            )
        )
    return kept, problems
