"""Stage `extract` (metadata): who issued the report, where, for which year, under which number."""

from __future__ import annotations

import re

from .model import META_FIELDS, Document, ReportMeta, Source

_TITLE_YEAR = re.compile(r"(20\d{2})\s*年")


def extract_meta(doc: Document, source: Source) -> ReportMeta:
    """Metadata from the cleaned document. Fields without evidence stay null with a reason."""
    meta = ReportMeta()
    if doc.title:
        meta.title = doc.title
        meta.provenance["title"] = "text"
        years = set(_TITLE_YEAR.findall(doc.title))
        if len(years) == 1:
            meta.year = int(years.pop())
            meta.provenance["year"] = "text"
    for name in META_FIELDS:
        value = getattr(meta, name)
        if value is None:
            meta.unknown[name] = "no evidence found in the document"
    if meta.region.code is None:
        meta.unknown["region"] = "place not resolved"
    return meta
