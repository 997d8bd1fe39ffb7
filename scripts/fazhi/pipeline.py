"""Per-report stages in order: clean → extract → annotate → Report. Pure: no disk access."""

from __future__ import annotations

from dataclasses import replace

from .clean import clean_report
from .coverage import required_items
from .ids import assign_ids
from .keywords import keywords, tokenize
from .meta import extract_meta
from .model import Report, SourceText
from .topics import Topic, assign_topics


def outline_of(report_blocks) -> list[dict]:
    return [{"level": b.level, "title": b.text} for b in report_blocks if b.kind == "heading"]


def process_source(src: SourceText, topics: list[Topic] | None = None) -> Report:
    """One source text → a Report without its final id (ids need all reports, see `with_ids`)."""
    doc = clean_report(src.text)
    meta = extract_meta(doc, src.source)
    report = Report(
        id="",
        source=src.source,
        doc=doc,
        meta=meta,
        outline=outline_of(doc.blocks),
    )
    return annotate(report, topics or [])


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
