"""Stage `extract` (metadata): who issued the report, where, for which year, under which number.

Each field comes from its own module (meta_title, meta_year, meta_issuer, meta_fields, and
region_resolve for the place); this one gathers the evidence they share and records, for every
value, where it came from (`provenance`) and, for every null, why (`unknown`).
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import PurePosixPath

from .meta_doctype import find_document_type, office_in_title, year_for_type
from .meta_fields import find_addressee, find_cc, find_date_signed, find_doc_number, find_signer
from .meta_issuer import find_issuer, find_level
from .meta_text import ISSUER_ROWS, Row, page_rows, row_value, simplified
from .meta_title import find_title
from .meta_year import find_year
from .model import Document, Provenance, ReportMeta, Source
from .region_resolve import Clue, RegionResult, resolve_region
from .regions import Mention, find_places

_FILE_NOISE = re.compile(r"^[\d_\-\s]+|[_\-][0-9a-f]{8,}$|[0-9a-f]{12,}")
_CONTEXT_ROWS = (*ISSUER_ROWS, "信息来源", "来源")
_OPENING_CHARS = 120


def _set(meta: ReportMeta, name: str, value: object, provenance: Provenance | None, reason: str) -> None:
    setattr(meta, name, value)
    if value is None:
        meta.unknown[name] = reason
    elif provenance:
        meta.provenance[name] = provenance


def file_clue(source: Source) -> str:
    """The file's name without numbering and hashes (000_3f30c25396e6711b → '')."""
    stem = PurePosixPath(source.file).name.split(".")[0]
    return _FILE_NOISE.sub("", stem)


def opening_clue(doc: Document) -> str:
    """The unit the first paragraph names as itself (2023年，××镇在县委…), when it names one.

    Only a township chain counts, and only when the paragraph names a single township: a
    report that lacks a title still introduces itself there."""
    block = next((b for b in doc.blocks if b.kind == "paragraph"), None)
    if block is None:
        return ""
    text = simplified(block.text[:_OPENING_CHARS])
    chains: list[list[Mention]] = []
    for mention in find_places(text):
        if chains and chains[-1][-1].end == mention.start:
            chains[-1].append(mention)
        else:
            chains.append([mention])
    townships = {c[-1].name for c in chains if c[-1].levels == {"township"}}
    if len(townships) != 1:
        return ""
    chain = next(c for c in chains if c[-1].name in townships)
    return text[chain[0].start : chain[-1].end]


def region_clues(meta: ReportMeta, doc: Document, rows: list[Row], source: Source) -> list[Clue]:
    title_source = meta.provenance.get("title", "text")
    clues = [Clue(meta.title or "", title_source)]
    clues += [Clue(b.text, "text") for b in doc.of_kind("issuer_mark")]
    issuer_source = meta.provenance.get("issuer", "text")
    clues += [Clue(o, issuer_source) for o in (meta.issuer, *meta.co_issuers) if o]
    for label in _CONTEXT_ROWS:
        value = row_value(rows, label)
        if value:
            clues.append(Clue(value, "metadata-row", subject=False))
    if "标题" in {r.label for r in rows} and title_source != "metadata-row":
        clues.append(Clue(row_value(rows, "标题") or "", "metadata-row", subject=False))
    if meta.addressee:  # 中共合阳县委、合阳县人民政府： names the county a township reports to
        clues.append(Clue(meta.addressee, "text", subject=False))
    clues.append(Clue(file_clue(source), "file-name", subject=False))
    clues.append(Clue(opening_clue(doc), "text", subject=False))
    return clues


def _apply_region(meta: ReportMeta, result: RegionResult) -> None:
    meta.region = result.region
    meta.provenance.update(result.provenance)
    meta.unknown.update(result.unknown)


def _mostly_traditional(text: str, converted: str) -> bool:
    """More than a stray character (行爲) changes under t2s: a mirror in traditional script."""
    if text == converted:
        return False
    changed = sum(a != b for a, b in zip(text, converted, strict=False))
    return changed >= max(3, len(text) // 100)


def _simplify(meta: ReportMeta) -> None:
    """Names and titles in simplified script (mirrors of a page may be in traditional)."""
    for name in ("title", "issuer", "addressee"):
        value = getattr(meta, name)
        if value:
            setattr(meta, name, simplified(value))
    meta.co_issuers = [simplified(v) for v in meta.co_issuers]
    meta.cc = [simplified(v) for v in meta.cc]


def extract_meta(doc: Document, source: Source) -> ReportMeta:
    """Metadata from the cleaned document. Fields without evidence stay null with a reason."""
    meta = ReportMeta()
    rows = page_rows(doc)
    _set(meta, "title", *find_title(doc, rows))
    row_title = row_value(rows, "标题")
    _set(meta, "document_type", *find_document_type(meta.title, row_title, doc.blocks))
    derive = meta.document_type not in ("plan", "other")
    issuer, co_issuers, provenance, reason = find_issuer(doc, meta.title, rows, derive)
    _set(meta, "issuer", issuer, provenance, reason)
    meta.co_issuers = co_issuers
    if co_issuers and provenance:
        meta.provenance["co_issuers"] = provenance
    _set(meta, "date_signed", *find_date_signed(doc, rows))
    _set(meta, "doc_number", *find_doc_number(doc, rows))
    _set(meta, "signer", *find_signer(doc))
    _set(meta, "addressee", *find_addressee(doc))
    meta.cc, cc_source = find_cc(doc)
    if cc_source:
        meta.provenance["cc"] = cc_source
    title_source = meta.provenance.get("title", "text")
    year = find_year(meta.title, row_title, doc.blocks, meta.date_signed, title_source)
    _set(meta, "year", *year_for_type(meta.document_type, *year))
    body = doc.body_text if doc.script_converted else simplified(doc.body_text)
    traditional = _mostly_traditional(doc.body_text, body)
    result = resolve_region(region_clues(meta, doc, rows, source), body, meta.addressee)
    _apply_region(meta, result)
    subject_level = result.subject_level
    if result.subject_from_context and subject_level != "township":
        subject_level = None  # a page row may name the hosting county, not the issuer
    level, reason = find_level(meta.issuer or office_in_title(meta.title), subject_level, body)
    if meta.issuer is None and meta.document_type == "other":
        level, reason = None, "a document about a place, not by it, and no issuer names its level"
    _set(meta, "level", level, "text", reason)
    if level == "township" and meta.region.township is None:
        meta.unknown["region.township"] = "the report speaks as a township but never names it"
    if traditional:
        _simplify(meta)
    if meta.region.code is None:
        meta.unknown.setdefault("region", meta.unknown.get("region.code", "place not resolved"))
    return meta


def report_schema_text() -> str:
    """The sidecar's JSON Schema (served on the site as schema/report.schema.json)."""
    return (resources.files("fazhi") / "data" / "report.schema.json").read_text(encoding="utf-8")
