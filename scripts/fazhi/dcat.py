"""The DCAT-AP 3 catalogue (JSON-LD): the portal as a dcat:Catalog, each report a dcat:Dataset, each
of its files a dcat:Distribution.

The catalogue is cut like the bulk tables (`catalog_shards`): catalog.jsonld is the portal's
dcat:Catalog holding one dcat:Catalog per year (dcat:catalog), each in its own document
(catalog-2023.jsonld) with that year's datasets; the documents are chained as Hydra pages for
harvesters. Each is complete on its own (the nodes it refers to are typed in it), and the nodes they
share (publisher, licences, agents, places, series) are named after catalog.jsonld, so they are the
same resources in every document. IRIs are relative to the document's own address, so the files are
right wherever the site is hosted; with FAZHI_SITE_URL set they are absolute. Every node carries its
class explicitly (the DCAT-AP shapes check classes without inference), and the reports of one issuer
form a dcat:DatasetSeries (DCAT-AP 3.0.0 requires every dataset to be in a series).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
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
    "hydra": "http://www.w3.org/ns/hydra/core#",
}
IANA = "https://www.iana.org/assignments/media-types/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
CHINESE = "http://publications.europa.eu/resource/authority/language/ZHO"
SHA256 = "spdx:checksumAlgorithm_sha256"
HOME = (
    "catalog.jsonld"  # the top catalogue; the nodes every year's catalogue shares are named in it
)
DOCUMENT_LICENCE = HOME + "#licence-official-document"
PORTAL = HOME + "#publisher"


def ref(iri: str) -> dict[str, str]:
    return {"@id": iri}


def text(value: str) -> dict[str, str]:
    return {"@value": value, "@language": "zh"}


def typed(value: str | int, datatype: str) -> dict[str, str]:
    return {"@value": str(value), "@type": datatype}


def short_hash(value: str) -> str:
    return hashlib.sha1(value.encode("utf-8")).hexdigest()[:12]


def agent_iri(name: str) -> str:
    return f"{HOME}#agent-{short_hash(name)}"


def series_key(report: Report) -> tuple[str, str]:
    """(IRI, name) of the series a report belongs to: its issuer's annual reports."""
    name = report.meta.issuer or place_name(report) or "未注明发布机关"
    return f"{HOME}#series-{short_hash(name)}", name


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
        "dct:license": ref(
            DOCUMENT_LICENCE if kind.content == "document" else METADATA_LICENCE_URL
        ),
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
        "dct:title": text(
            meta.title or f"未注明标题的法治政府建设年度报告（{report.source.file}）"
        ),
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
    return (
        f"{HOME}#region-{code}" if code else f"{HOME}#place-{short_hash(place_name(report) or '')}"
    )


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
        {
            "@id": METADATA_LICENCE_URL,
            "@type": "dct:LicenseDocument",
            "rdfs:label": text(METADATA_LICENCE_NAME),
        },
        {
            "@id": DOCUMENT_LICENCE,
            "@type": "dct:LicenseDocument",
            "rdfs:label": text(DOCUMENT_RIGHTS),
        },
        *({"@id": IANA + m, "@type": "dct:MediaType"} for m in media),
        *({"@id": FILE_TYPE + f, "@type": "dct:MediaTypeOrExtent"} for f in formats),
    ]


def report_head_bytes(report: Report, publication: Publication) -> int:
    """At most what a report adds to its catalogue's head: its agent, place and series nodes and
    its dataset's entry in the catalogue (less when it shares them with another report)."""
    nodes: list[object] = [ref(dataset_iri(report, publication)), series(*series_key(report))]
    if report.meta.issuer:
        nodes.append(agent(agent_iri(report.meta.issuer), report.meta.issuer))
    if place_name(report):
        nodes.append(location(report))
    return sum(len(json.dumps(n, ensure_ascii=False, separators=(",", ":")).encode()) + 1 for n in nodes)


@dataclass(frozen=True)
class Page:
    """One catalogue document in the chain a harvester follows: the top catalogue, then each
    year's (Hydra paging, as ckanext-dcat's RDF harvester reads it; every page is complete)."""

    document: str  # its file name, next to catalog.jsonld
    label: str  # what it holds, e.g. "2023 年度"
    next: str | None
    last: str
    total: int  # datasets in all pages


def paging(page: Page) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": page.document,
        "@type": "hydra:PagedCollection",
        "hydra:totalItems": typed(page.total, "xsd:nonNegativeInteger"),
        "hydra:firstPage": ref(HOME),
        "hydra:lastPage": ref(page.last),
    }
    if page.next:
        node["hydra:nextPage"] = ref(page.next)
    return node


def context_for(document: str, publication: Publication) -> dict[str, str]:
    context = dict(CONTEXT)
    if publication.base:
        context["@base"] = publication.base + "downloads/" + document
    return context


def catalog_node(
    iri: str, title: str, description: str, publication: Publication
) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": iri,
        "@type": "dcat:Catalog",
        "dct:title": text(title),
        "dct:description": text(description),
        "dct:publisher": ref(PORTAL),
        "dct:license": ref(METADATA_LICENCE_URL),
        "dct:language": ref(CHINESE),
        "foaf:homepage": {
            "@id": publication.url("", "downloads") or "../",
            "@type": "foaf:Document",
        },
    }
    if publication.build_date:
        node["dct:modified"] = typed(publication.build_date, "xsd:date")
    return node


def part_catalog(page: Page, publication: Publication) -> dict[str, Any]:
    """The dcat:Catalog of one page, as its own document and the top catalogue describe it."""
    title = f"{PORTAL_NAME}：{page.label}的报告"
    description = f"{PORTAL_NAME}收录的{page.label}法治政府建设年度报告。"
    return catalog_node(f"{page.document}#catalog", title, description, publication)


def catalog_head(
    reports: list[Report], kinds: set[FileKind], publication: Publication, page: Page
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A page's @context and the nodes of its @graph that come before the datasets (its catalogue,
    the shared nodes, agents, places, series and the paging node): everything but the datasets,
    which `catalog.catalog_jsonld` takes ready-made."""
    catalog = part_catalog(page, publication)
    catalog["@id"] = "#catalog"
    catalog["dcat:dataset"] = [ref(dataset_iri(r, publication)) for r in reports]
    agents = {agent_iri(r.meta.issuer): r.meta.issuer for r in reports if r.meta.issuer}
    places = {location_iri(r): r for r in reports if place_name(r)}
    all_series = dict(series_key(r) for r in reports)
    head = [
        catalog,
        *shared_nodes(kinds),
        *(agent(iri, name) for iri, name in sorted(agents.items())),
        *(location(r) for _, r in sorted(places.items())),
        *(series(iri, name) for iri, name in sorted(all_series.items())),
        paging(page),
    ]
    return context_for(page.document, publication), head


def top_catalog(
    pages: list[Page], kinds: set[FileKind], publication: Publication
) -> dict[str, Any]:
    """catalog.jsonld: the portal's catalogue, holding one catalogue per page (dcat:catalog)."""
    catalog = catalog_node("#catalog", PORTAL_NAME, PORTAL_DESCRIPTION, publication)
    catalog["dcat:catalog"] = [ref(f"{p.document}#catalog") for p in pages]
    top = Page(
        HOME,
        "",
        pages[0].document if pages else None,
        pages[-1].document if pages else HOME,
        pages[0].total if pages else 0,
    )
    graph = [
        catalog,
        *shared_nodes(kinds),
        *(part_catalog(p, publication) for p in pages),
        paging(top),
    ]
    return {"@context": context_for(HOME, publication), "@graph": graph}


def catalog_jsonld(
    reports: list[Report],
    files: dict[str, list[DownloadFile]],
    publication: Publication,
    page: Page,
) -> dict[str, Any]:
    """One page of the catalogue as a JSON-LD document."""
    kinds = {f.kind for fs in files.values() for f in fs}
    context, head = catalog_head(reports, kinds, publication, page)
    datasets = [dataset(r, files[r.id], publication) for r in reports]
    return {"@context": context, "@graph": [*head, *datasets]}
