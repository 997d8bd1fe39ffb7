"""The document's own particulars: 成文日期, 发文字号, 签发人, 主送, 抄送.

A 文号 is taken only from the header (the lines before the title, or cleaning's doc_number block)
or the page's 文号 row, never from the body, where reports cite other documents' numbers.
"""

from __future__ import annotations

import re

from .meta_text import Row, is_only_date, parse_date, row_value, squeeze
from .model import Document, Provenance

DOC_NUMBER = re.compile(
    r"^[\u4e00-\u9fff]{1,12}[〔\[［(（【]\s*(?:19|20)\d\d\s*[〕\]］)）】]\s*第?\s*\d{1,5}\s*号$"
)
_SIGNER = re.compile(r"^签\s*发\s*人\s*[:：]\s*(.+)$")
_CC = re.compile(r"^\s*抄\s*送\s*(?:机关)?\s*[:：]\s*")
# 各乡镇人民政府，县政府各部门： (a notice's 主送 list may be separated by ，)
_ADDRESSEE = re.compile(r"^([^。；:：]{2,40})[:：]$")
_ADDRESSEE_ORGAN = re.compile(r"(?:委|政府|局|办|院|部|厅|处|组|会|室|中央|国务院|部门|单位)$")
_LIST_SPLIT = re.compile(r"[、，,；;\s]+")
_HEADER_BLOCKS = 8
_TAIL_BLOCKS = 10

Found = tuple[str | None, Provenance | None, str]


def find_date_signed(doc: Document, rows: list[Row]) -> Found:
    for block in reversed(doc.of_kind("date")):
        date = parse_date(block.text)
        if date:
            return date, "text", ""
    for block in reversed(doc.blocks[-_TAIL_BLOCKS:]):
        # a bare 2024-03-01 at the end is a page's publication stamp; 成文日期 is written 年月日
        if block.kind in ("paragraph", "signature", "date") and "年" in block.text and is_only_date(block.text):
            date = parse_date(block.text)
            if date:
                return date, "text", ""
    for block in doc.blocks[:_HEADER_BLOCKS]:
        # （2024年1月12日） under the title, as on a report read out at a meeting
        if block.kind in ("paragraph", "heading") and block.text[:1] in "（(" and is_only_date(block.text):
            date = parse_date(block.text)
            if date:
                return date, "text", ""
    row = row_value(rows, "成文日期", "成文时间")
    date = parse_date(row) if row else None
    if date is None and row and re.match(r"^\d{4}-\d{2}-\d{2}", row.strip()):
        date = row.strip()[:10]
    if date:
        return date, "metadata-row", ""
    return None, None, "no date line after the signature and no 成文日期 row"


def _header(doc: Document) -> list[str]:
    """The lines before the title (or the first lines when there is no title block)."""
    lines: list[str] = []
    for block in doc.blocks[:_HEADER_BLOCKS]:
        if block.kind in ("title", "addressee", "heading"):
            break
        lines.append(squeeze(block.text))
    return lines


_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "［": "〔", "］": "〕", "【": "〔", "】": "〕"})


def normal_doc_number(text: str) -> str:
    """No spaces, and the year in the standard 六角括号 〔〕 (GB/T 9704)."""
    return re.sub(r"\s+", "", text).translate(_BRACKETS)


def find_doc_number(doc: Document, rows: list[Row]) -> Found:
    for block in doc.of_kind("doc_number"):
        text = normal_doc_number(squeeze(block.text))
        if DOC_NUMBER.match(text):
            return text, "text", ""
    for line in _header(doc):
        text = normal_doc_number(line)
        if DOC_NUMBER.match(text):
            return text, "text", ""
    row = row_value(rows, "文号", "发文字号", "文件编号")
    if row and DOC_NUMBER.match(normal_doc_number(row)):
        return normal_doc_number(row), "metadata-row", ""
    return None, None, "no 发文字号 in the header or the page rows (numbers cited in the body are not its own)"


def find_signer(doc: Document) -> Found:
    texts = [b.text for b in doc.of_kind("signer")] + _header(doc)
    for text in texts:
        match = _SIGNER.match(squeeze(text))
        if match:
            return match.group(1).strip(), "text", ""
    return None, None, "no 签发人 line"


def find_addressee(doc: Document) -> Found:
    block = doc.first("addressee")
    if block is not None:
        return squeeze(block.text).rstrip(":："), "text", ""
    for block in doc.blocks[:_HEADER_BLOCKS]:
        match = _ADDRESSEE.match(squeeze(block.text))
        if block.kind == "paragraph" and match and _is_organ_list(match.group(1)):
            return match.group(1), "text", ""
    return None, None, "no 主送机关 line before the body"


def _is_organ_list(text: str) -> bool:
    """区委、区政府 / 党中央、国务院: every item names an organ."""
    return all(_ADDRESSEE_ORGAN.search(p) for p in re.split(r"[、，,]", text) if p) and "如下" not in text


def find_cc(doc: Document) -> tuple[list[str], Provenance | None]:
    blocks = doc.of_kind("cc") or [
        b for b in doc.blocks[-_TAIL_BLOCKS:] if _CC.match(squeeze(b.text))
    ]
    names: list[str] = []
    for block in blocks:
        body = _CC.sub("", squeeze(block.text)).rstrip("。.")
        names.extend(n for n in _LIST_SPLIT.split(body) if n)
    return names, ("text" if names else None)
