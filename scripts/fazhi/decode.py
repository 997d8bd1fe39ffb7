"""Bytes of a report file → text that is safe to publish, plus a log of every character removed.

Pure functions: `read` does the disk access and hands the bytes here.

Order of trials: a byte-order mark decides; otherwise strict UTF-8; otherwise a file whose lines are
partly UTF-8 and partly GB18030 is decoded line by line; otherwise charset-normalizer chooses among
GB18030, Big5 and BOM-less UTF-16, the encodings that all decode the same bytes without an error so a
strict trial order cannot tell them apart; its answer must still look like Chinese text.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from .exceptions import ReadError, UnsupportedFormatError
from .model import LogEntry

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)
_GUESSABLE = ["gb18030", "big5", "utf_16_le", "utf_16_be"]
_GUESS_LABELS = {"utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be"}
CONVERT_HINT = "save it as plain text (.txt, UTF-8) and put that file in content/reports"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    log: tuple[LogEntry, ...] = field(default=())


# --- binary formats -------------------------------------------------------------------------------

_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png", "a PNG image"),
    (b"\xff\xd8\xff", "jpeg", "a JPEG image"),
    (b"GIF87a", "gif", "a GIF image"),
    (b"GIF89a", "gif", "a GIF image"),
    (b"%PDF-", "pdf", "a PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc", "a legacy Office file (.doc/.xls/.wps)"),
    (b"{\\rtf", "rtf", "an RTF document"),
    (b"PK\x03\x04", "zip", "a ZIP archive"),
    (b"PK\x05\x06", "zip", "a ZIP archive"),
    (b"Rar!\x1a\x07", "rar", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z", "a 7-Zip archive"),
    (b"\x1f\x8b", "gzip", "a gzip archive"),
)
_ZIP_KINDS = (
    ("word/", "docx", "a Word document (.docx)"),
    ("xl/", "xlsx", "an Excel workbook (.xlsx)"),
    ("ppt/", "pptx", "a PowerPoint file (.pptx)"),
    ("content.xml", "odf", "an OpenDocument file"),
)


def sniff_format(data: bytes) -> tuple[str, str] | None:
    """(format, description) for a known binary format, by its magic bytes; None for anything else.

    This is the hook where readers for other formats plug in (`read.FORMAT_READERS`).
    """
    for magic, name, description in _MAGIC:
        if data.startswith(magic):
            return _zip_kind(data) if name == "zip" else (name, description)
    return None


def _zip_kind(data: bytes) -> tuple[str, str]:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return "zip", "a damaged ZIP archive"
    for prefix, name, description in _ZIP_KINDS:
        if any(n.startswith(prefix) for n in names):
            return name, description
    return "zip", "a ZIP archive"


def reject_binary(data: bytes, file: str) -> None:
    """Raise a clear error when the bytes are a known binary format rather than report text."""
    found = sniff_format(data)
    if found:
        name, description = found
        raise UnsupportedFormatError(
            file, f"is {description}, not report text", hint=CONVERT_HINT, format=name
        )


# --- encodings ------------------------------------------------------------------------------------


def decode_text(data: bytes, file: str) -> Decoded:
    """Decode report bytes and make the text safe: see the module docstring for the order."""
    reject_binary(data, file)
    decoded = _decode(data, file)
    if not looks_like_text(decoded.text):
        raise ReadError(
            file,
            f"does not look like text (decoded as {decoded.encoding}, mostly unprintable characters)",
            hint=CONVERT_HINT,
        )
    text, log = sanitize(decoded.text)
    if not text.strip():
        raise ReadError(file, "contains no visible text", hint="put the report text in it or remove it")
    return Decoded(text, decoded.encoding, (*decoded.log, *log))


def _decode(data: bytes, file: str) -> Decoded:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(codec), label)
            except UnicodeDecodeError as err:
                raise ReadError(
                    file,
                    f"starts with a {label} byte-order mark but is not valid {label} "
                    f"(byte {err.start + len(bom)})",
                    hint="save the report again as UTF-8",
                ) from err
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mixed = decode_mixed(data)
    if mixed is not None:
        return mixed
    return _guess(data, file)


def _guess(data: bytes, file: str) -> Decoded:
    best = from_bytes(data, cp_isolation=_GUESSABLE).best()
    if best is not None and best.encoding in _GUESSABLE:
        return Decoded(str(best), _GUESS_LABELS.get(best.encoding, best.encoding))
    try:
        return Decoded(data.decode("gb18030"), "gb18030")
    except UnicodeDecodeError as err:
        raise ReadError(
            file,
            f"is not text in UTF-8, UTF-16, GB18030/GBK or Big5 (undecodable byte at offset {err.start})",
            hint=CONVERT_HINT,
        ) from err


def decode_mixed(data: bytes) -> Decoded | None:
    """Lines partly UTF-8 and partly GB18030 (text pasted from two sources): decode each line alone.

    None when the file is not mixed: no line with non-ASCII UTF-8, or a line that neither decodes.
    """
    lines = data.split(b"\n")
    parts: list[str] = []
    log: list[LogEntry] = []
    utf8_lines = 0
    for number, line in enumerate(lines, start=1):
        try:
            parts.append(line.decode("utf-8"))
            utf8_lines += not line.isascii()
        except UnicodeDecodeError:
            try:
                parts.append(line.decode("gb18030"))
            except UnicodeDecodeError:
                return None
            log.append(
                LogEntry(
                    "decoded-line-gb18030",
                    number,
                    parts[-1].rstrip("\r"),
                    note="this line was GB18030/GBK while the rest of the file is UTF-8",
                )
            )
    if not utf8_lines or not log:
        return None
    return Decoded("\n".join(parts), "mixed: utf-8 + gb18030", tuple(log))


_TEXT_CATEGORIES = ("L", "N", "P", "S", "Z", "M")


def looks_like_text(text: str) -> bool:
    """At least 90% of the characters are letters, digits, punctuation, symbols or white space.

    Short texts pass: a few stray control characters in a short note are cleaned, not refused.
    """
    sample = text[:20000]
    if len(sample) < 200:
        return True
    good = sum(1 for c in sample if c in "\t\n\r" or _is_printable(c))
    return good / len(sample) >= 0.9


def _is_printable(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in _TEXT_CATEGORIES and category not in ("Co", "Cn")


# --- characters that must not reach a page --------------------------------------------------------

_LINE_BREAKS = {
    "\r\n": None,
    "\r": None,
    "\x0b": "vertical tab",
    "\x0c": "form feed (page break)",
    "\x1c": "file separator",
    "\x1d": "group separator",
    "\x1e": "record separator",
    "\x85": "next-line control",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
}
_BREAK_PATTERN = re.compile("|".join(re.escape(k) for k in _LINE_BREAKS))
_INVISIBLE = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space (BOM)",
    "\u180e": "Mongolian vowel separator",
    "\u00ad": "soft hyphen",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u061c": "Arabic letter mark",
    "\u202a": "bidi embedding (LRE)",
    "\u202b": "bidi embedding (RLE)",
    "\u202c": "bidi pop (PDF)",
    "\u202d": "bidi override (LRO)",
    "\u202e": "bidi override (RLO)",
    "\u2066": "bidi isolate (LRI)",
    "\u2067": "bidi isolate (RLI)",
    "\u2068": "bidi isolate (FSI)",
    "\u2069": "bidi isolate pop (PDI)",
}
_UNSAFE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f"  # control characters (tab and line breaks are handled above)
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"  # format characters (Cf) …
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"  # … including the tag characters that can hide ASCII
    "\ue000-\uf8ff\U000f0000-\U0010ffff"  # private use
    "\ufdd0-\ufdef\ufffe\uffff]"  # noncharacters
)


def describe(char: str) -> str:
    name = _INVISIBLE.get(char) or unicodedata.name(char, "")
    if not name:
        name = "control character" if unicodedata.category(char) == "Cc" else "private-use character"
    return f"U+{ord(char):04X} {name}"


def sanitize(text: str) -> tuple[str, list[LogEntry]]:
    """Unify line breaks; remove control, invisible, bidi-override and private-use characters.

    Every removal is logged with its line and the code points removed, so nothing disappears silently.
    """
    log: list[LogEntry] = []
    unified = _unify_breaks(text, log)
    lines = unified.split("\n")
    for index, line in enumerate(lines):
        found = _UNSAFE.findall(line)
        if not found:
            continue
        cleaned = _UNSAFE.sub("", line)
        names = sorted({describe(c) for c in found})
        control = any(unicodedata.category(c) == "Cc" for c in found)
        action = "removed-control" if control else "removed-invisible"
        note = f"{len(found)} removed: " + ", ".join(names)
        shown = _UNSAFE.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", line)
        log.append(LogEntry(action, index + 1, shown, cleaned, note))
        lines[index] = cleaned
    return "\n".join(lines), log


def _unify_breaks(text: str, log: list[LogEntry]) -> str:
    out: list[str] = []
    line = 1
    position = 0
    for match in _BREAK_PATTERN.finditer(text):
        segment = text[position : match.start()]
        out += [segment, "\n"]
        position = match.end()
        line += segment.count("\n")
        name = _LINE_BREAKS[match.group(0)]
        if name:
            log.append(LogEntry("line-break", line, f"<U+{ord(match.group(0)[0]):04X}>", "\\n", name))
        line += 1
    out.append(text[position:])
    return "".join(out)
