"""How to cite a report: GB/T 7714-2015 style for an online document ([EB/OL])."""

from __future__ import annotations

from .model import Report
from .publication import PORTAL_NAME, Publication


def citation(report: Report, publication: Publication) -> str:
    meta = report.meta
    author = meta.issuer or "佚名"
    title = meta.title or f"未注明标题的法治政府建设年度报告（{report.source.file}）"
    dated = f"({meta.date_signed})" if meta.date_signed else ""
    where = publication.url(f"reports/{report.id}/") if publication.base else f"{PORTAL_NAME}，reports/{report.id}/"
    parts = [f"{author}. {title}[EB/OL]. {dated}".rstrip() + ".", f"{where}."]
    return " ".join(parts)
