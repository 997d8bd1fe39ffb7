"""The DCAT-AP 3 catalogue (JSON-LD): the portal as a dcat:Catalog, each report a dcat:Dataset, each
of its files a dcat:Distribution.

IRIs are written relative to the catalogue's own address (downloads/catalog.jsonld), so the file is
right wherever the site is hosted; with FAZHI_SITE_URL set they are absolute. Every node carries its
class explicitly (the DCAT-AP shapes check classes without inference), and the reports of one issuer
form a dcat:DatasetSeries (DCAT-AP 3.0.0 requires every dataset to be in a series).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from .downloads import DownloadFile, FileKind, Listed
from .model import Report
from .publication import (
    DOCUMENT_RIGHTS,
    METADATA_LICENCE_NAME,
    METADATA_LICENCE_URL,
    PORTAL_DESCRIPTION,
    PORTAL_NAME,
    Publication,
)
from .schema_org import description, place_name

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "spdx": "http://spdx.org/rdf/terms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
IANA = "https://www.iana.org/assignments/media-types/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
CHINESE = "http://publications.europa.eu/resource/authority/language/ZHO"
SHA256 = "spdx:checksumAlgorithm_sha256"
DOCUMENT_LICENCE = "#licence-official-document"
PORTAL = "#publisher"


def ref(iri: str) -> dict[str, str]:
    return {"@id": iri}


def text(value: str) -> dict[str, str]:
    return {"@value": value, "@language": "zh"}


def typed(value: str | int, datatype: str) -> dict[str, str]:
    return {"@value": str(value), "@type": datatype}


def short_hash(value: str) -> str:
    return hashlib.sha1(value.encode("utf-8")).hexdigest()[:12]


def agent_iri(name: str) -> str:
    return f"#agent-{short_hash(name)}"


def series_key(report: Report) -> tuple[str, str]:
    """(IRI, name) of the series a report belongs to: its issuer's annual reports."""
    name = report.meta.issuer or place_name(report) or "未注明发布机关"
    return f"#series-{short_hash(name)}", name


def report_path(report: Report, name: str = "") -> str:
    return f"reports/{report.id}/{name}"


def distribution(report: Report, file: Listed, publication: Publication) -> dict[str, Any]:
    url = publication.url(report_path(report, file.name), "downloads")
    kind = file.kind
    node: dict[str, Any] = {
        "@id": publication.url(report_path(report) + f"#file-{file.name}", "downloads"),
        "@type": "dcat:Distribution",
        "dct:title": text(f"{file.name}（{kind.label}）"),
        "dcat:accessURL": {"@id": url, "@type": "rdfs:Resource"},
        "dcat:downloadURL": {"@id": url, "@type": "rdfs:Resource"},
        "dcat:mediaType": ref(IANA + kind.media_type),
        "dct:format": ref(FILE_TYPE + kind.file_type),
        "dcat:byteSize": typed(file.size, "xsd:nonNegativeInteger"),
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": ref(SHA256),
            "spdx:checksumValue": typed(file.sha256, "xsd:hexBinary"),
        },
        "dct:license": ref(DOCUMENT_LICENCE if kind.content == "document" else METADATA_LICENCE_URL),
    }
    if kind.media_type == "application/zip":
        node["dcat:packageFormat"] = ref(IANA + kind.media_type)
    return node


def dataset_iri(report: Report, publication: Publication) -> str:
    return publication.url(report_path(report), "downloads") + "#dataset"


def dataset(report: Report, files: Sequence[Listed], publication: Publication) -> dict[str, Any]:
    meta = report.meta
    page = publication.url(report_path(report), "downloads")
    node: dict[str, Any] = {
        "@id": dataset_iri(report, publication),
        "@type": "dcat:Dataset",
        "dct:identifier": report.id,
        "dct:title": text(meta.title or f"未注明标题的法治政府建设年度报告（{report.source.file}）"),
        "dct:description": text(description(report)),
        "dct:publisher": ref(agent_iri(meta.issuer) if meta.issuer else PORTAL),
        "dct:language": ref(CHINESE),
        "dcat:landingPage": {"@id": page, "@type": "foaf:Document"},
        "dcat:inSeries": ref(series_key(report)[0]),
        "dcat:distribution": [distribution(report, f, publication) for f in files],
    }
    if meta.issuer:
        node["dct:creator"] = ref(agent_iri(meta.issuer))
    if place_name(report):
        node["dct:spatial"] = ref(location_iri(report))
    if meta.year:
        node["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": typed(f"{meta.year}-01-01", "xsd:date"),
            "dcat:endDate": typed(f"{meta.year}-12-31", "xsd:date"),
        }
    if meta.date_signed:
        node["dct:issued"] = typed(meta.date_signed, "xsd:date")
    if report.keywords:
        node["dcat:keyword"] = [text(k) for k in report.keywords]
    return node


def location_iri(report: Report) -> str:
    code = report.meta.region.code
    return f"#region-{code}" if code else f"#place-{short_hash(place_name(report) or '')}"


def location(report: Report) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": location_iri(report),
        "@type": "dct:Location",
        "skos:prefLabel": text(place_name(report) or ""),
    }
    if report.meta.region.code:
        node["dct:identifier"] = report.meta.region.code
        node["skos:notation"] = report.meta.region.code
    return node


def agent(iri: str, name: str) -> dict[str, Any]:
    return {"@id": iri, "@type": ["foaf:Agent", "foaf:Organization"], "foaf:name": text(name)}


def series(iri: str, name: str) -> dict[str, Any]:
    return {
        "@id": iri,
        "@type": "dcat:DatasetSeries",
        "dct:title": text(f"{name}法治政府建设年度报告"),
        "dct:description": text(f"{name}逐年发布的法治政府建设年度报告。"),
    }


def shared_nodes(kinds: set[FileKind]) -> list[dict[str, Any]]:
    media = sorted({k.media_type for k in kinds})
    formats = sorted({k.file_type for k in kinds})
    return [
        agent(PORTAL, PORTAL_NAME),
        {"@id": CHINESE, "@type": "dct:LinguisticSystem"},
        {"@id": SHA256, "@type": "spdx:ChecksumAlgorithm"},
        {"@id": METADATA_LICENCE_URL, "@type": "dct:LicenseDocument", "rdfs:label": text(METADATA_LICENCE_NAME)},
        {"@id": DOCUMENT_LICENCE, "@type": "dct:LicenseDocument", "rdfs:label": text(DOCUMENT_RIGHTS)},
        *({"@id": IANA + m, "@type": "dct:MediaType"} for m in media),
        *({"@id": FILE_TYPE + f, "@type": "dct:MediaTypeOrExtent"} for f in formats),
    ]


def catalog_head(
    reports: list[Report], kinds: set[FileKind], publication: Publication
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The catalogue's @context and the nodes of its @graph that come before the datasets (the
    catalogue itself, the shared nodes, agents, places and series): everything but the datasets,
    which `catalog_text` takes ready-made."""
    catalog: dict[str, Any] = {
        "@id": "#catalog",
        "@type": "dcat:Catalog",
        "dct:title": text(PORTAL_NAME),
        "dct:description": text(PORTAL_DESCRIPTION),
        "dct:publisher": ref(PORTAL),
        "dct:license": ref(METADATA_LICENCE_URL),
        "dct:language": ref(CHINESE),
        "foaf:homepage": {"@id": publication.url("", "downloads") or "../", "@type": "foaf:Document"},
        "dcat:dataset": [ref(dataset_iri(r, publication)) for r in reports],
    }
    if publication.build_date:
        catalog["dct:modified"] = typed(publication.build_date, "xsd:date")
    agents = {agent_iri(r.meta.issuer): r.meta.issuer for r in reports if r.meta.issuer}
    places = {location_iri(r): r for r in reports if place_name(r)}
    all_series = dict(series_key(r) for r in reports)
    context = dict(CONTEXT)
    if publication.base:
        context["@base"] = publication.base + "downloads/catalog.jsonld"
    head = [
        catalog,
        *shared_nodes(kinds),
        *(agent(iri, name) for iri, name in sorted(agents.items())),
        *(location(r) for _, r in sorted(places.items())),
        *(series(iri, name) for iri, name in sorted(all_series.items())),
    ]
    return context, head


def catalog_jsonld(
    reports: list[Report], files: dict[str, list[DownloadFile]], publication: Publication
) -> dict[str, Any]:
    """The whole catalogue as one JSON-LD document."""
    kinds = {f.kind for fs in files.values() for f in fs}
    context, head = catalog_head(reports, kinds, publication)
    datasets = [dataset(r, files[r.id], publication) for r in reports]
    return {"@context": context, "@graph": [*head, *datasets]}
