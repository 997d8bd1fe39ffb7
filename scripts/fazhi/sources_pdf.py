"""A PDF with a text layer → report text (pdfminer.six).

pdfminer gives each text line with its position. Lines are put in reading order (top to bottom,
left to right) page by page. Running headers and footers are dropped: lines in the top or bottom
band of the page that repeat on most pages (digits ignored, so "第 3 页" repeats), and page numbers
there. Lines are then rejoined into paragraphs: a line that reaches the right margin continues
on the next one, across a page break too; an indented or short line ends its paragraph. Every
dropped line is logged. An encrypted PDF and a PDF without a text layer (a scan) are refused.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextLineHorizontal
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError

from .chrome import _PAGE_NUMBER
from .decode import Decoded
from .exceptions import ReadError, UnsupportedFormatError
from .model import LogEntry

MARGIN_BAND = 0.1  # top and bottom tenth of the page: where running headers and footers live
MIN_CHARS_PER_PAGE = 20
MAX_UNMAPPED = 0.05  # share of glyphs pdfminer can only show as "(cid:123)"
_CID = re.compile(r"\(cid:\d+\)")
OCR_HINT = "this looks like a scan: it needs OCR; run it through OCR or ask the publisher for a .docx or a text PDF"
ENCRYPTED_HINT = "open it with its password and save an unprotected copy (or save it as .txt)"


@dataclass(frozen=True)
class PdfLine:
    page: int
    top: float  # distance from the top of the page
    x0: float
    x1: float
    height: float
    text: str


def read_pdf(data: bytes, file: str) -> Decoded:
    pages = _pdf_lines(data, file)
    count = len(pages)
    if sum(len(line.text) for page in pages for line in page[1]) < MIN_CHARS_PER_PAGE * max(
        count, 1
    ):
        raise UnsupportedFormatError(
            file,
            f"is a PDF without a text layer ({count} page(s), no text)",
            hint=OCR_HINT,
            format="pdf-scan",
        )
    unmapped = sum(len(_CID.findall(line.text)) for page in pages for line in page[1])
    if unmapped > MAX_UNMAPPED * sum(len(line.text) for page in pages for line in page[1]) / 8:
        raise UnsupportedFormatError(
            file,
            f"is a PDF whose text cannot be turned into characters ({unmapped:,} glyphs without"
            " a Unicode mapping in its fonts)",
            hint="ask the publisher for the .docx, or run the PDF through OCR",
            format="pdf-unmapped",
        )
    kept, dropped = drop_running_lines(pages)
    log = tuple(
        LogEntry("removed-page-number", 0, line.text, note=f"PDF page {line.page} header/footer")
        for line in dropped
    )
    return Decoded("\n".join(paragraphs(kept)) + "\n", "pdf", log)


def _pdf_lines(data: bytes, file: str) -> list[tuple[float, list[PdfLine]]]:
    """(page height, its lines in reading order) for each page."""
    pages = []
    try:
        for number, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams()), 1):
            lines = [
                PdfLine(number, page.height - line.y1, line.x0, line.x1, line.height, text)
                for line in _text_lines(page)
                if (text := " ".join(line.get_text().split()))
            ]
            lines.sort(key=lambda line: (round(line.top / max(line.height, 1) * 2), line.x0))
            pages.append((page.height, lines))
    except (PDFPasswordIncorrect, PDFEncryptionError) as err:
        raise ReadError(
            file, "is an encrypted PDF (protected by a password)", hint=ENCRYPTED_HINT
        ) from err
    except (PDFSyntaxError, ValueError, TypeError, KeyError, AssertionError) as err:
        message = f"is not a readable PDF ({type(err).__name__}: {err})"
        raise ReadError(
            file, message, hint="open it and save it again as PDF, or as .docx"
        ) from err
    return pages


def _text_lines(container) -> list[LTTextLineHorizontal]:
    found = []
    for item in container:
        if isinstance(item, LTTextLineHorizontal):
            found.append(item)
        elif hasattr(item, "__iter__") and not isinstance(item, str):
            found.extend(_text_lines(item))
    return found


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def drop_running_lines(
    pages: list[tuple[float, list[PdfLine]]],
) -> tuple[list[PdfLine], list[PdfLine]]:
    """Lines without running headers/footers and page numbers, and the dropped ones."""

    def in_band(line: PdfLine, height: float) -> bool:
        return line.top < height * MARGIN_BAND or line.top + line.height > height * (
            1 - MARGIN_BAND
        )

    repeats = Counter(
        _shape(line.text)
        for height, lines in pages
        for line in {_shape(x.text): x for x in lines if in_band(x, height)}.values()
    )
    running = {
        shape for shape, n in repeats.items() if len(pages) >= 2 and n >= max(2, len(pages) / 2)
    }
    kept: list[PdfLine] = []
    dropped: list[PdfLine] = []
    for height, lines in pages:
        for line in lines:
            banded = in_band(line, height)
            if banded and (_shape(line.text) in running or _PAGE_NUMBER.match(line.text)):
                dropped.append(line)
            else:
                kept.append(line)
    return kept, dropped


def paragraphs(lines: list[PdfLine]) -> list[str]:
    """Rejoin lines into paragraphs (blank line between them)."""
    if not lines:
        return []
    left = min(line.x0 for line in lines)
    right = _right_margin(lines)
    out: list[str] = []
    current = ""
    for index, line in enumerate(lines):
        size = line.height or 10
        indented = line.x0 > left + size * 1.2
        if current and indented:
            out.extend([current, ""])
            current = ""
        current = _join(current, line.text)
        following = lines[index + 1] if index + 1 < len(lines) else None
        full = line.x1 >= right - size * 1.5
        aligned = line.x0 > left + size * 4  # centred or right-aligned: a title, a signature
        if not full or aligned or following is None:
            out.extend([current, ""])
            current = ""
    if current:
        out.append(current)
    return out[:-1] if out and out[-1] == "" else out


def _right_margin(lines: list[PdfLine]) -> float:
    """Where full lines end: the furthest right edge shared by several lines (a right-aligned
    signature or a wide table row alone does not move it)."""
    edges = Counter(round(line.x1 / 4) for line in lines)
    shared = [edge for edge, count in edges.items() if count >= 3]
    return max(shared) * 4 if shared else max(line.x1 for line in lines)


def _join(head: str, tail: str) -> str:
    """Join a wrapped line: no space between CJK characters, one space between Latin words."""
    if not head:
        return tail
    if re.search(r"[A-Za-z0-9,.;:]$", head) and re.match(r"[A-Za-z0-9]", tail):
        return f"{head} {tail}"
    return head + tail
