"""Per-report stages in order: clean → extract → annotate → Report. Pure: no disk access."""

from __future__ import annotations

import copy
from dataclasses import replace

from .clean import clean_report
from .coverage import required_items
from .fidelity import nothing_lost_problems
from .ids import assign_ids
from .indicators import extract_indicators
from .keywords import keywords, tokenize
from .meta import extract_meta
from .model import Report, Source, SourceText
from .overrides import apply_override
from .render import document_markdown
from .tokens import warm_up as warm_segmenter
from .topics import Topic, assign_topics, current_topics

_SAMPLE = SourceText(
    Source("warm-up.txt", "", "utf-8", 0),
    "某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措\n全年办理行政复议案件12件，同比增长5%。\n",
)


def warm_up() -> None:
    """Load what the per-report stages load on first use (jieba and its rjieba twin, the IDF table,
    gazetteer, OpenCC tables, vocabularies, the Markdown parser) by processing a short sample.

    Called in the building process just before it forks worker processes, they share one copy
    instead of each loading its own (about 1.5 s of CPU per worker); not worth it when only a few
    reports are to be processed."""
    import cn2an  # noqa: F401  (imported on first use otherwise: once per worker)
    import pypinyin  # noqa: F401

    warm_segmenter()
    process_source(_SAMPLE)


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
        indicators=extract_indicators(doc, year=meta.year),
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
    """The reports, copied, with their ids (a shallow copy: a cached report's fields that are not
    read yet stay unread, see `cache.CachedReport`)."""
    ids = assign_ids([(r.meta, r.source) for r in reports])
    named = []
    for report, report_id in zip(reports, ids, strict=True):
        report = copy.copy(report)
        report.id = report_id
        named.append(report)
    return named
