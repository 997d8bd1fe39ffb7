"""Per-report stages in order: clean → extract → Report. Pure: no disk access."""

from __future__ import annotations

from dataclasses import replace

from .clean import clean_report
from .fidelity import nothing_lost_problems
from .ids import assign_ids
from .indicators import extract_indicators
from .meta import extract_meta
from .model import Report, SourceText
from .overrides import apply_override
from .render import document_markdown


def outline_of(report_blocks) -> list[dict]:
    """Headings and run-in headings (a paragraph's bold `lead`), in document order."""
    return [
        {"level": b.level, "title": b.text if b.kind == "heading" else b.lead.rstrip("。：；")}
        for b in report_blocks
        if b.kind == "heading" or (b.lead and b.level)
    ]


def process_source(src: SourceText) -> Report:
    """One source text → a Report without its final id (ids need all reports, see `with_ids`)."""
    doc = clean_report(src.text)
    doc.log[:0] = src.log
    meta = extract_meta(doc, src.source)
    if src.override:
        meta = apply_override(meta, src.override)
    report = Report(
        id="",
        source=src.source,
        doc=doc,
        meta=meta,
        outline=outline_of(doc.blocks),
        indicators=extract_indicators(doc),
    )
    problems = nothing_lost_problems(src.source.file, src.text, doc, document_markdown(report))
    return replace(report, problems=problems) if problems else report


def with_ids(reports: list[Report]) -> list[Report]:
    ids = assign_ids([(r.meta, r.source) for r in reports])
    return [replace(r, id=i) for r, i in zip(reports, ids, strict=True)]
