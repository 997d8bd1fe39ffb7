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


@pytest.fixture(scope="module")
def seeds_graph(built) -> rdflib.Graph:
    project, _ = built
    return load_catalogue(project.site_dir / "downloads" / "catalog.jsonld")


def test_seed_catalogue_conforms_to_dcat_ap_3(seeds_graph):
    assert violations(seeds_graph, official_shapes()) == set()


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
    catalog = json.loads((project.site_dir / "downloads" / "catalog.json").read_text(encoding="utf-8"))
    by_id = {str(seeds_graph.value(d, DCTERMS.identifier)): d for d in datasets}
    for record in catalog["reports"]:
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
    graph = load_catalogue(project.site_dir / "downloads" / "catalog.jsonld")
    assert len(set(graph.subjects(RDF.type, DCAT.Dataset))) == len(result.reports) >= 900
    assert violations(graph, targeted_shapes()) == set()
