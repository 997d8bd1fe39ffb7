"""The DCAT-AP 3 catalogue passes the official SHACL shapes, and says what it should."""

from __future__ import annotations

import hashlib
import json

import pytest
import rdflib

from .shacl_dcat import SHAPES, load_catalogue, official_shapes, targeted_shapes, violations

SHAPES_SHA256 = "864dab2a987a854bbdc04f5322cd0d8237e2ea05ac1120ac20de2496cbf68cf2"
SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
RDF = rdflib.RDF


def test_vendored_shapes_are_the_recorded_official_file():
    assert hashlib.sha256(SHAPES.read_bytes()).hexdigest() == SHAPES_SHA256
    assert SHAPES_SHA256 in (SHAPES.parent / "README.md").read_text(encoding="utf-8")


def documents(site) -> list:
    """catalog.jsonld and every year's catalogue, in the order the Hydra pages chain them."""
    downloads = site / "downloads"
    return [downloads / "catalog.jsonld", *sorted(downloads.glob("catalog-*.jsonld"))]


def merged(site) -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in documents(site):
        graph += load_catalogue(path)
    return graph


@pytest.fixture(scope="module")
def seeds_graph(built) -> rdflib.Graph:
    project, _ = built
    return merged(project.site_dir)


def test_seed_catalogue_conforms_to_dcat_ap_3(built, seeds_graph):
    project, _ = built
    for path in documents(project.site_dir):  # each page on its own, as a harvester reads it
        assert violations(load_catalogue(path), official_shapes()) == set(), path.name
    assert violations(seeds_graph, official_shapes()) == set()


def test_top_catalogue_holds_one_catalogue_per_year_chained_as_pages(built, seeds_graph):
    project, result = built
    downloads = project.site_dir / "downloads"
    top = rdflib.URIRef((downloads / "catalog.jsonld").as_uri() + "#catalog")
    parts = set(seeds_graph.objects(top, DCAT.catalog))
    years = {r.meta.year for r in result.reports}
    assert {str(p).rsplit("/", 1)[1] for p in parts} == {f"catalog-{y or 'undated'}.jsonld#catalog" for y in years}
    for part in parts:
        assert (part, RDF.type, DCAT.Catalog) in seeds_graph
        year = str(part).rsplit("catalog-", 1)[1].split(".")[0]
        ids = {str(seeds_graph.value(d, DCTERMS.identifier)) for d in seeds_graph.objects(part, DCAT.dataset)}
        assert ids == {r.id for r in result.reports if str(r.meta.year or "undated") == year}
    hydra = rdflib.Namespace("http://www.w3.org/ns/hydra/core#")
    page, seen = rdflib.URIRef((downloads / "catalog.jsonld").as_uri()), []
    while page is not None:
        seen.append(str(page).rsplit("/", 1)[1])
        page = seeds_graph.value(page, hydra.nextPage)
    dated = [f"catalog-{y}.jsonld" for y in sorted((y for y in years if y), reverse=True)]
    assert seen == ["catalog.jsonld", *dated, *(["catalog-undated.jsonld"] if None in years else [])]


def test_targeted_shapes_find_what_the_official_ones_find(seeds_graph):
    broken = rdflib.Graph()
    for triple in seeds_graph:
        broken.add(triple)
    dataset = next(broken.subjects(RDF.type, DCAT.Dataset))
    broken.remove((dataset, DCTERMS.title, None))
    distribution = next(broken.objects(dataset, DCAT.distribution))
    broken.remove((distribution, DCAT.accessURL, None))
    broken.add((distribution, DCAT.byteSize, rdflib.Literal("-1", datatype=rdflib.XSD.integer)))
    found = violations(broken, official_shapes())
    assert {v[1] for v in found} >= {str(DCTERMS.title), str(DCAT.accessURL), str(DCAT.byteSize)}
    assert violations(broken, targeted_shapes()) == found


def test_one_dataset_per_report_one_distribution_per_file(built, seeds_graph):
    project, result = built
    datasets = set(seeds_graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == len(result.reports)
    records = [
        record
        for path in sorted((project.site_dir / "downloads").glob("catalog-*.json"))
        for record in json.loads(path.read_text(encoding="utf-8"))["reports"]
    ]
    assert len(records) == len(result.reports)
    by_id = {str(seeds_graph.value(d, DCTERMS.identifier)): d for d in datasets}
    for record in records:
        dataset = by_id[record["id"]]
        distributions = list(seeds_graph.objects(dataset, DCAT.distribution))
        urls = {str(seeds_graph.value(d, DCAT.downloadURL)).rsplit("/", 1)[-1] for d in distributions}
        assert urls == {f["name"] for f in record["files"]}
        for d in distributions:
            checksum = seeds_graph.value(d, SPDX.checksum)
            name = str(seeds_graph.value(d, DCAT.downloadURL)).rsplit("/", 1)[-1]
            path = project.site_dir / "reports" / record["id"] / name
            assert str(seeds_graph.value(checksum, SPDX.checksumValue)) == hashlib.sha256(path.read_bytes()).hexdigest()
            assert int(seeds_graph.value(d, DCAT.byteSize)) == path.stat().st_size


def test_datasets_carry_region_code_year_and_publisher(built, seeds_graph):
    _, result = built
    for report in result.reports:
        dataset = next(d for d in seeds_graph.subjects(DCTERMS.identifier, rdflib.Literal(report.id)))
        assert seeds_graph.value(dataset, DCTERMS.publisher) is not None
        if report.meta.region.code:
            place = seeds_graph.value(dataset, DCTERMS.spatial)
            assert str(seeds_graph.value(place, DCTERMS.identifier)) == report.meta.region.code
        if report.meta.year:
            period = seeds_graph.value(dataset, DCTERMS.temporal)
            assert str(seeds_graph.value(period, DCAT.startDate)) == f"{report.meta.year}-01-01"


def test_synthetic_1000_catalogue_conforms(synthetic_1000):
    project, result = synthetic_1000
    graph = merged(project.site_dir)
    assert len(set(graph.subjects(RDF.type, DCAT.Dataset))) == len(result.reports) >= 900
    assert violations(graph, targeted_shapes()) == set()
