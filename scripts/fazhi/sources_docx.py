"""A Word document (.docx) → report text, with its structure kept (python-docx).

Paragraphs and tables come in document order. A paragraph styled as a title or heading (Title,
Heading N, 标题 N) becomes a Markdown heading line, which the cleaner reads as a marked heading.
Automatic numbering (一、 （一） 1. …), which Word draws but does not store in the text, is
written out from the document's numbering definitions so the cleaner sees the heading numbers a
reader sees. Table rows become `| cell | cell |` lines.
"""

from __future__ import annotations

import io
import re
import zipfile

import cn2an
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from .decode import Decoded
from .exceptions import ReadError

_T, _TAB, _BR, _CR, _PPR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:pPr")
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title", "标题"}
BAD_DOCX_HINT = "open it in Word or WPS and save it again as .docx, or save it as plain text (.txt)"

Counters = dict[tuple[str, int], int]


def read_docx(data: bytes, file: str) -> Decoded:
    try:
        document = open_docx(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise ReadError(
            file, "is not a readable Word document (.docx)", hint=BAD_DOCX_HINT
        ) from err
    except Exception as err:  # python-docx raises its own types for a broken package
        message = f"is not a readable Word document (.docx): {type(err).__name__}"
        raise ReadError(file, message, hint=BAD_DOCX_HINT) from err
    formats = _numbering_formats(document)
    counters: Counters = {}
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            line = _paragraph_line(Paragraph(child, document), formats, counters)
            if line.strip():
                lines.extend([line, ""])
        elif child.tag == qn("w:tbl"):
            lines.extend([*_table_lines(Table(child, document)), ""])
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        raise ReadError(file, "is a Word document without any text", hint=BAD_DOCX_HINT)
    return Decoded(text + "\n", "docx")


def _paragraph_line(paragraph: Paragraph, formats: dict, counters: Counters) -> str:
    style = (paragraph.style.name if paragraph.style is not None else "").strip()
    heading = _HEADING_STYLE.match(style)
    marks = "#" * min(int(heading.group(1)) + 1, 6) if heading else ""
    marks = "#" if not marks and style.lower() in _TITLE_STYLES else marks
    text = paragraph_text(paragraph, line_break="" if marks else "\n").strip()
    if not text:
        return ""
    number = _number_text(paragraph, formats, counters)
    text = f"{number}{text}" if number else text
    return f"{marks} {text}" if marks else text


def paragraph_text(paragraph: Paragraph, line_break: str) -> str:
    """All the paragraph's text as Word shows it: runs inside tracked insertions, content controls
    and smart tags included (python-docx's `.text` skips them), deleted text left out, a manual
    line break as `line_break`."""
    parts = []
    for child in paragraph._p:
        if child.tag == _PPR:  # tab stops are defined here, not drawn
            continue
        for node in child.iter(_T, _TAB, _BR, _CR):
            if node.tag == _T:
                parts.append(node.text or "")
            else:
                parts.append(" " if node.tag == _TAB else line_break)
    return "".join(parts)


def _table_lines(table: Table) -> list[str]:
    lines = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            value = " ".join(cell.text.split())
            if not cells or cells[-1] != value:  # a merged cell repeats: keep it once
                cells.append(value)
        if any(cells):
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def _numbering_formats(document) -> dict[tuple[str, int], tuple[str, str]]:
    """(numId, level) → (numFmt, lvlText) from word/numbering.xml; empty when there is none."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, dict[int, tuple[str, str]]] = {}
    for node in numbering.findall(qn("w:abstractNum")):
        levels = {}
        for level in node.findall(qn("w:lvl")):
            fmt = level.find(qn("w:numFmt"))
            text = level.find(qn("w:lvlText"))
            levels[int(level.get(qn("w:ilvl")))] = (
                fmt.get(qn("w:val")) if fmt is not None else "decimal",
                text.get(qn("w:val")) if text is not None else "",
            )
        abstract[node.get(qn("w:abstractNumId"))] = levels
    formats = {}
    for num in numbering.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        for level, value in abstract.get(
            ref.get(qn("w:val")) if ref is not None else "", {}
        ).items():
            formats[(num.get(qn("w:numId")), level)] = value
    return formats


def _number_text(paragraph: Paragraph, formats: dict, counters: Counters) -> str:
    """The automatic number Word shows before the paragraph (一、 （二） 3.), or ""."""
    props = paragraph._p.pPr
    num_pr = props.numPr if props is not None else None
    if num_pr is None or num_pr.numId is None:
        return ""
    num_id = str(num_pr.numId.val)
    level = int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
    if (num_id, level) not in formats:
        return ""
    counters[(num_id, level)] = counters.get((num_id, level), 0) + 1
    for key in [k for k in counters if k[0] == num_id and k[1] > level]:
        del counters[key]
    pattern = formats[(num_id, level)][1]

    def value(match: re.Match[str]) -> str:
        lvl = int(match.group(1)) - 1
        fmt = formats.get((num_id, lvl), ("decimal", ""))[0]
        return _format_number(counters.get((num_id, lvl), 1), fmt)

    return re.sub(r"%(\d)", value, pattern)


def _format_number(number: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional",
               "chineseLegalSimplified", "taiwaneseCounting"):  # fmt: skip
        return cn2an.an2cn(number)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + number - 1) if 1 <= number <= 20 else str(number)
    if fmt == "lowerLetter":
        return chr(ord("a") + (number - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (number - 1) % 26)
    if fmt == "bullet" or fmt == "none":
        return ""
    return str(number)
