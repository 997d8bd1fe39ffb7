"""schema.org `Dataset` JSON-LD for a report page, for dataset search engines.

It travels in the page's front matter (`fazhi_jsonld`) and the theme writes it into the page head as
a `<script type="application/ld+json">` data block: browsers never execute it, a
Content-Security-Policy without 'unsafe-inline' does not block it, and the article itself stays
free of script elements.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from .downloads import DownloadFile
from .model import Report
from .publication import METADATA_LICENCE_URL, PORTAL_NAME, Publication

LEVEL_TYPES = {"department": "GovernmentOrganization"}
_LIBYAML_SAME = re.compile(r"[\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd]*")


def place_name(report: Report) -> str | None:
    region = report.meta.region
    named = [p for p in (region.province, region.city, region.county, region.township) if p]
    return "".join(named) if named else None


def dataset_jsonld(report: Report, files: list[DownloadFile], publication: Publication) -> dict[str, Any]:
    meta = report.meta
    page = f"reports/{report.id}/"
    name = meta.title or f"未注明标题的法治政府建设年度报告（{report.source.file}）"
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": publication.url(page, page) or "./",
        "name": name,
        "description": description(report),
        "url": publication.url(page, page) or "./",
        "identifier": report.id,
        "inLanguage": "zh-CN",
        "isAccessibleForFree": True,
        "license": METADATA_LICENCE_URL,
        "includedInDataCatalog": {"@type": "DataCatalog", "name": PORTAL_NAME},
        "distribution": [
            {
                "@type": "DataDownload",
                "name": f.name,
                "description": f.kind.label,
                "encodingFormat": f.kind.media_type,
                "contentUrl": publication.url(page + f.name, page),
                "contentSize": f"{f.size} B",
                "sha256": f.sha256,
            }
            for f in files
        ],
    }
    if meta.issuer:
        data["creator"] = {"@type": "GovernmentOrganization", "name": meta.issuer}
    place = place_name(report)
    if place:
        spatial: dict[str, Any] = {"@type": "Place", "name": place}
        if meta.region.code:
            spatial["identifier"] = meta.region.code
        data["spatialCoverage"] = spatial
    if meta.year:
        data["temporalCoverage"] = f"{meta.year}-01-01/{meta.year}-12-31"
    if meta.date_signed:
        data["dateCreated"] = meta.date_signed
    if report.keywords:
        data["keywords"] = list(report.keywords)
    return data


def description(report: Report) -> str:
    meta = report.meta
    who = meta.issuer or place_name(report) or "未注明发布机关"
    year = f"{meta.year}年度" if meta.year else "年度未注明的"
    text = f"{who}{year}法治政府建设年度报告：整理后的全文、元数据、量化指标和原始文件。"
    return text if len(text) >= 50 else text + "数据来自公开发布的报告原文，未经删改。"


def jsonld_text(data: dict[str, Any]) -> str:
    """One line of JSON with `<`, `>` and `&` escaped, so no text in it can end a script element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def with_jsonld(page: str, data: dict[str, Any]) -> str:
    """The page with the JSON-LD added to its front matter (the theme puts it in the head)."""
    value = {"fazhi_jsonld": jsonld_text(data)}
    # libyaml writes the same bytes as the pure-Python emitter, 20× faster, except that it escapes
    # characters beyond the Basic Multilingual Plane (CJK extension B …) and NEL
    fast = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    dumper = fast if _LIBYAML_SAME.fullmatch(value["fazhi_jsonld"]) else yaml.SafeDumper
    line = yaml.dump(value, Dumper=dumper, allow_unicode=True, width=1_000_000_000)
    if page.startswith("---\n"):
        return "---\n" + line + page[4:]
    return "---\n" + line + "---\n\n" + page
