"""What a visitor downloads from the built site: every link works, every file is what it says."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

SKIP_SCHEMES = ("http:", "https:", "mailto:", "javascript:", "data:", "tel:")


class Links(HTMLParser):
    """Every href/src of a page, and its JSON-LD data blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.targets.append(value)
        self._in_jsonld = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = False


def parse_page(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolve(site: Path, page: Path, target: str, root: str = "/") -> Path | None:
    """The file a link points to inside the site (served at path `root`), or None for links that
    leave it."""
    if target.startswith(SKIP_SCHEMES) or target.startswith("#") or target.startswith("//"):
        return None
    path = unquote(urlsplit(target).path)
    if not path:
        return None
    if path.startswith("/"):
        path = "/" + path.removeprefix(root)
    base = site if path.startswith("/") else page.parent
    resolved = (base / path.lstrip("/")).resolve()
    return resolved / "index.html" if path.endswith("/") or resolved.is_dir() else resolved


def broken_links(site: Path, root: str = "/") -> list[str]:
    broken = []
    for page in sorted(site.rglob("*.html")):
        for target in parse_page(page).targets:
            resolved = resolve(site, page, target, root)
            if resolved is None:
                continue
            if not resolved.is_relative_to(site.resolve()) or not resolved.is_file():
                broken.append(f"{page.relative_to(site)} → {target}")
    return broken


def test_no_broken_link_or_download_in_the_seed_site(built):
    project, _ = built
    assert broken_links(project.site_dir) == []


def test_no_broken_link_in_the_synthetic_1000_site(synthetic_1000):
    project, _ = synthetic_1000
    assert broken_links(project.site_dir) == []


def listed_files(page: Path) -> dict[str, int]:
    """file name → size in bytes, as the downloads table on a report page states them."""
    html = page.read_text(encoding="utf-8")
    table = html.split('class="fz-downloads"', 1)[1].split("</table>", 1)[0]
    names = re.findall(r'<a href="([^"]+)" download>', table)
    sizes = [int(s) for s in re.findall(r'data-bytes="(\d+)"', table)]
    return dict(zip(names, sizes, strict=True))


def test_each_report_page_lists_its_files_with_true_sizes(built):
    project, result = built
    for report in result.reports:
        folder = project.site_dir / "reports" / report.id
        listed = listed_files(folder / "index.html")
        kinds = {name.removeprefix(report.id) for name in listed}
        assert {".source.txt", ".md.txt", ".yml", ".json", ".cleaning-log.csv", ".zip"} <= kinds
        for name, size in listed.items():
            assert (folder / name).stat().st_size == size, name


def test_raw_download_is_the_source_byte_for_byte(built):
    project, result = built
    for report in result.reports:
        folder = project.site_dir / "reports" / report.id
        source = (project.reports_dir / report.source.file).read_bytes()
        raw = next(folder.glob(f"{report.id}.source*"))
        assert raw.read_bytes() == source
        digest = hashlib.sha256(source).hexdigest()
        assert digest == report.source.sha256
        assert f"<code>{digest}</code>" in (folder / "index.html").read_text(encoding="utf-8")


def test_each_zip_holds_exactly_the_listed_files(built):
    project, result = built
    for report in result.reports:
        folder = project.site_dir / "reports" / report.id
        listed = listed_files(folder / "index.html")
        zip_name = f"{report.id}.zip"
        with zipfile.ZipFile(folder / zip_name) as archive:
            assert sorted(archive.namelist()) == sorted(n for n in listed if n != zip_name)
            for name in archive.namelist():
                assert archive.read(name) == (folder / name).read_bytes()


def all_listed_files(page: Path) -> dict[str, int]:
    """file name → size over every downloads table of a page (the bulk page has one per year)."""
    html = page.read_text(encoding="utf-8")
    found: dict[str, int] = {}
    for table in html.split('class="fz-downloads"')[1:]:
        table = table.split("</table>", 1)[0]
        names = re.findall(r'<a href="([^"]+)" download>', table)
        sizes = [int(s) for s in re.findall(r'data-bytes="(\d+)"', table)]
        found.update(zip(names, sizes, strict=True))
    return found


def test_bulk_page_lists_every_bulk_file_and_the_year_files_match_the_catalog(built):
    project, result = built
    downloads = project.site_dir / "downloads"
    listed = all_listed_files(downloads / "index.html")
    assert {p.name for p in downloads.iterdir() if p.is_file() and p.name != "index.html"} == set(listed)
    assert {n: (downloads / n).stat().st_size for n in listed} == listed
    years = {str(r.meta.year or "undated") for r in result.reports}
    expected = {"catalog.json", "datapackage.json", "catalog.jsonld"}
    for y in years:
        expected |= {f"catalog-{y}.csv", f"indicators-{y}.csv", f"catalog-{y}.json", f"catalog-{y}.jsonld", f"all-{y}.zip"}
    assert set(listed) == expected
    index = json.loads((downloads / "catalog.json").read_text(encoding="utf-8"))
    assert index["count"] == len(result.reports)
    html = (downloads / "index.html").read_text(encoding="utf-8")
    for year in years:
        catalog = json.loads((downloads / f"catalog-{year}.json").read_text(encoding="utf-8"))
        ids = {r.id for r in result.reports if str(r.meta.year or "undated") == year}
        assert {r["id"] for r in catalog["reports"]} == ids
        assert f"（{len(ids)} 份报告）" in html
        paths = {f["path"] for r in catalog["reports"] for f in r["files"] if not f["name"].endswith(".zip")}
        with zipfile.ZipFile(downloads / f"all-{year}.zip") as archive:
            assert set(archive.namelist()) == paths


def test_report_pages_carry_schema_org_dataset(built):
    project, result = built
    for report in result.reports:
        page = project.site_dir / "reports" / report.id / "index.html"
        blocks = parse_page(page).jsonld
        assert len(blocks) == 1
        data = json.loads(blocks[0])
        assert data["@type"] == "Dataset" and data["identifier"] == report.id
        assert data["isAccessibleForFree"] is True and data["license"].startswith("https://creativecommons.org/")
        for key in ("name", "description", "distribution"):
            assert data[key]
        if report.meta.year:
            assert data["temporalCoverage"].startswith(str(report.meta.year))
        if report.meta.region.code:
            assert data["spatialCoverage"]["identifier"] == report.meta.region.code
        names = {d["name"] for d in data["distribution"]}
        assert names == set(listed_files(page))


def test_robots_and_sitemap(built):
    project, _ = built
    assert "User-agent: *" in (project.site_dir / "robots.txt").read_text(encoding="utf-8")
    assert (project.site_dir / "sitemap.xml").is_file()


@pytest.mark.parametrize("page", ["downloads/index.html", "downloads/dictionary/index.html"])
def test_download_pages_are_in_the_site(built, page):
    project, _ = built
    html = (project.site_dir / page).read_text(encoding="utf-8")
    assert "catalog-" in html and "indicators-" in html


SITE_URL = "https://fazhi.example.org/portal/"


@pytest.fixture(scope="module")
def site_with_url(tmp_path_factory: pytest.TempPathFactory):
    """The seed site built with FAZHI_SITE_URL set, as it is for publishing."""
    from fazhi.build import build

    from .conftest import SEEDS, copy_project

    project = copy_project(tmp_path_factory.mktemp("site-url"), reports=SEEDS[:2])
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FAZHI_SITE_URL", SITE_URL)
        result = build(project)
    return project, result


def test_site_url_gives_sitemap_robots_and_absolute_metadata(site_with_url):
    project, result = site_with_url
    site = project.site_dir
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for report in result.reports:
        assert f"<loc>{SITE_URL}reports/{report.id}/</loc>" in sitemap
    assert f"{SITE_URL}downloads/</loc>" in sitemap
    assert f"Sitemap: {SITE_URL}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    report = result.reports[0]
    data = json.loads(parse_page(site / "reports" / report.id / "index.html").jsonld[0])
    assert data["url"] == f"{SITE_URL}reports/{report.id}/"
    assert all(d["contentUrl"].startswith(SITE_URL) for d in data["distribution"])
    assert broken_links(site, root=urlsplit(SITE_URL).path) == []


def test_site_url_catalogue_has_absolute_iris_and_conforms(site_with_url):
    from .shacl_dcat import load_catalogue, official_shapes, violations

    project, result = site_with_url
    downloads = project.site_dir / "downloads"
    top = load_catalogue(downloads / "catalog.jsonld")
    assert f"{SITE_URL}downloads/catalog.jsonld#catalog" in {str(s) for s in top.subjects()}
    assert violations(top, official_shapes()) == set()
    report = result.reports[0]
    year = load_catalogue(downloads / f"catalog-{report.meta.year or 'undated'}.jsonld")
    subjects = {str(s) for s in year.subjects()}
    assert f"{SITE_URL}reports/{report.id}/#dataset" in subjects
    assert f"{SITE_URL}downloads/catalog.jsonld#publisher" in subjects  # shared by every year
    assert violations(year, official_shapes()) == set()


def test_dictionary_explains_every_column_and_field(built):
    from fazhi.catalog_csv import CATALOG_COLUMNS
    from fazhi.indicator_views import INDICATOR_COLUMNS
    from fazhi.meta import report_schema_text

    project, _ = built
    page = (project.docs_dir / "downloads" / "dictionary.md").read_text(encoding="utf-8")
    for column in (*CATALOG_COLUMNS, *INDICATOR_COLUMNS):
        assert f"| `{column.name}` | {column.title} |" in page
    schema = json.loads(report_schema_text())
    for name, spec in schema["properties"].items():
        assert f"| `{name}` |" in page
        for sub in spec.get("properties", {}):
            assert f"| `{name}.{sub}` |" in page
    for name in ("line", "action", "before", "after"):
        assert f"| `{name}` |" in page
    for pattern in ("*/*.cleaning-log.csv", "*/*.indicators.csv"):
        for path in sorted((project.docs_dir / "reports").glob(pattern))[:1]:
            header = path.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
            assert all(f"| `{name}` |" in page for name in header), (path.name, header)
