"""Reports as they are published: web pages, Word and PDF files → report text for cleaning.

`READERS` maps a format (as `decode.sniff_format` names it, or a file suffix) to a reader
(bytes, file name) → Decoded; `read.decode_any` picks one. Every reader's text flows into the same
cleaning and extraction as a .txt report; what a reader drops (web-page chrome, PDF running
headers) is in its log. Formats that cannot be read get an error saying what to do instead.
"""

from __future__ import annotations

from collections.abc import Callable

from .decode import Decoded, sanitize
from .exceptions import UnsupportedFormatError

Reader = Callable[[bytes, str], Decoded]


# The readers import their parsers (python-docx, pdfminer, lxml) when a file of theirs is read: most
# projects publish text files only, and every `fazhi` command would otherwise load all three.
def read_docx(data: bytes, file: str) -> Decoded:
    from .sources_docx import read_docx as read

    return read(data, file)


def read_pdf(data: bytes, file: str) -> Decoded:
    from .sources_pdf import read_pdf as read

    return read(data, file)


def read_html(data: bytes, file: str) -> Decoded:
    from .sources_html import read_html as read

    return read(data, file)


def refuse_doc(data: bytes, file: str) -> Decoded:
    raise UnsupportedFormatError(
        file,
        "is a legacy Office file (.doc/.wps), which is not supported",
        hint="open it in Word or WPS and save it as .docx (or as plain text .txt)",
        format="doc",
    )


def made_safe(reader: Reader) -> Reader:
    """The reader, with its text made safe as a .txt report's is (control, zero-width, bidi and
    private-use characters removed and logged; see `decode.sanitize`)."""

    def read(data: bytes, file: str) -> Decoded:
        decoded = reader(data, file)
        text, log = sanitize(decoded.text)
        return Decoded(text, decoded.encoding, (*decoded.log, *log))

    read.__name__ = reader.__name__
    return read


READERS: dict[str, Reader] = {
    "docx": made_safe(read_docx),
    ".docx": made_safe(read_docx),
    "pdf": made_safe(read_pdf),
    ".pdf": made_safe(read_pdf),
    ".html": made_safe(read_html),
    ".htm": made_safe(read_html),
    "doc": refuse_doc,
    ".doc": refuse_doc,
    ".wps": refuse_doc,
}
