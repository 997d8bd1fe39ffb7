"""Per-report stages in order: clean → extract → annotate → Report. Pure: no disk access."""

from __future__ import annotations

from dataclasses import replace

from .clean import clean_report
from .coverage import required_items
from .fidelity import nothing_lost_problems
from .ids import assign_ids
from .indicators import extract_indicators
from .keywords import keywords, tokenize
from .meta import extract_meta
from .model import Report, SourceText
from .overrides import apply_override
from .render import document_markdown
from .topics import Topic, assign_topics, current_topics


def outline_of(report_blocks) -> list[dict]:
    """Headings and run-in headings (a paragraph's bold `lead`), in document order."""
    return [
        {"level": b.level, "title": b.text if b.kind == "heading" else b.lead.rstrip("。：；")}
        for b in report_blocks
        if b.kind == "heading" or (b.lead and b.level)
    ]


def process_source(src: SourceText, topics: list[Topic] | None = None) -> Report:
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
    report = replace(report, problems=problems) if problems else report
    return annotate(report, topics if topics is not None else current_topics())


def annotate(report: Report, topics: list[Topic]) -> Report:
    """Required-items coverage, topics with their evidence, keywords and the similarity tokens."""
    covered, where = required_items(report.doc)
    chosen, evidence = assign_topics(report.doc, topics)
    tokens = tokenize(report.doc.body_text)
    return replace(
        report,
        required_items=covered,
        coverage_evidence=where,
        topics=chosen,
        topic_evidence=evidence,
        keywords=keywords(tokens),
        tokens=" ".join(tokens),
    )


def with_ids(reports: list[Report]) -> list[Report]:
    ids = assign_ids([(r.meta, r.source) for r in reports])
    return [replace(r, id=i) for r, i in zip(reports, ids, strict=True)]
