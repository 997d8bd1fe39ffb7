"""Bulk tables: CSV that Excel and pandas both read right, a valid Frictionless data package."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile

import pandas as pd
import pytest
from frictionless import validate

from fazhi import catalog_shards, catalog_zips
from fazhi.catalog import bulk_files, catalog_tree, dump_json, report_downloads
from fazhi.catalog_csv import CATALOG_COLUMNS, catalog_row
from fazhi.catalog_entries import catalog_entry
from fazhi.dcat import Page, catalog_jsonld
from fazhi.indicator_views import INDICATOR_COLUMNS, indicator_rows
from fazhi.model import Block, Document, Indicator, Region, Report, ReportMeta, Source
from fazhi.publication import Publication
from fazhi.site_files import report_files
from fazhi.tabular import BOM, Column, csv_text
from fazhi.zips import deterministic_zip

TRICKY = "万州区，“柱山乡”\n第二行"


def make_report(number: int, **meta: object) -> Report:
    """A report as the pipeline would give it, with text that needs CSV quoting."""
    source = Source(
        file=f"{number:03d}.txt", sha256=f"{number:064x}", encoding="gb18030", size=1234
    )
    doc = Document(blocks=[Block("title", "测试报告"), Block("paragraph", "正文，含逗号")])
    fields = {
        "title": f"{TRICKY}{number}",
        "issuer": "重庆市万州区柱山乡人民政府",
        "region": Region("重庆市", None, "万州区", "柱山乡", "500101201"),
        "year": 2023,
        "date_signed": "2024-02-28",
        "co_issuers": ["中共重庆市万州区柱山乡委员会"],
        "cc": ["区委依法治区办", "区司法局"],
        "unknown": {"doc_number": "no 文号 line"},
    }
    fields.update(meta)
    indicators = [
        Indicator(
            "法律顾问覆盖率",
            100,
            "%",
            False,
            "村（社区）法律顾问覆盖率达100%",
            "一、主要举措",
            "法律顾问覆盖率",
        ),
        Indicator("普法活动", 3000, "份", True, '发放资料3000余份，"宣传单"若干', "", None),
        Indicator("调解", 1.5, "万元", False, "=SUM(A1)", "二、不足", None),
    ]
    return Report(
        id=f"2023-chongqing-test-{number}",
        source=source,
        doc=doc,
        meta=ReportMeta(**fields),
        indicators=indicators,
    )


@pytest.fixture(scope="module")
def bulk() -> dict[str, bytes]:
    reports = [make_report(1), make_report(2, year=None, date_signed=None, region=Region())]
    tree: dict[str, str | bytes] = {}
    for r in reports:
        tree.update(report_files(r, f"原文{r.id}".encode("gb18030")))
    out = catalog_tree(reports, report_downloads(reports, tree), Publication())
    return {k.removeprefix("downloads/"): v for k, v in out.items()}


@pytest.mark.parametrize("name", ["catalog-2023.csv", "indicators-2023.csv", "catalog-undated.csv"])
def test_csv_bytes_are_utf8_bom_crlf(bulk, name):
    data = bulk[name]
    assert data.startswith(BOM.encode("utf-8"))
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    assert text.replace("\r\n", "").count("\n") == text.count(
        "第二行"
    )  # bare LF only inside quoted cells


def both_years(bulk: dict[str, bytes], stem: str) -> pd.DataFrame:
    """The 2023 and the undated table one under the other, as the downloads page says to join them."""
    frames = [pd.read_csv(io.BytesIO(bulk[f"{stem}-{key}.csv"])) for key in ("2023", "undated")]
    return pd.concat(frames, ignore_index=True)


def both_years_rows(bulk: dict[str, bytes], stem: str) -> list[dict[str, str]]:
    return [
        row
        for key in ("2023", "undated")
        for row in csv.DictReader(
            io.StringIO(bulk[f"{stem}-{key}.csv"].decode("utf-8-sig"), newline="")
        )
    ]


def test_catalog_csv_read_by_pandas_without_options(bulk):
    frame = both_years(bulk, "catalog")
    assert list(frame.columns) == [c.name for c in CATALOG_COLUMNS]
    assert frame.loc[0, "title"] == f"{TRICKY}1"
    assert frame.loc[0, "issuer"] == "重庆市万州区柱山乡人民政府"
    assert frame.loc[0, "cc"] == "区委依法治区办；区司法局"
    assert frame.loc[0, "year"] == 2023
    assert pd.isna(frame.loc[1, "year"]) and pd.isna(frame.loc[1, "date_signed"])
    assert frame.loc[0, "date_signed"] == "2024-02-28"
    assert int(frame.loc[0, "region_code"]) == 500101201  # numeric without options, see dictionary
    assert frame["indicator_count"].tolist() == [3, 3]
    assert frame["source_bytes"].dtype.kind == "i"


def test_catalog_csv_read_by_csv_module(bulk):
    rows = both_years_rows(bulk, "catalog")
    assert rows[0]["title"] == f"{TRICKY}1"
    assert rows[0]["co_issuers"] == "中共重庆市万州区柱山乡委员会"
    assert rows[1]["year"] == "" and rows[1]["region_code"] == ""
    assert rows[0]["unknown_fields"] == "doc_number"


def test_indicators_csv_long_form_in_both_readers(bulk):
    frame = both_years(bulk, "indicators")
    assert list(frame.columns) == [c.name for c in INDICATOR_COLUMNS]
    assert len(frame) == 6
    assert frame["value"].dtype.kind == "f" and frame["value"].tolist()[:3] == [100, 3000, 1.5]
    assert frame["approx"].dtype == bool and frame["approx"].tolist()[:3] == [False, True, False]
    assert frame.loc[1, "text"] == '发放资料3000余份，"宣传单"若干'
    assert frame.loc[0, "canonical_name"] == "法律顾问覆盖率"
    rows = both_years_rows(bulk, "indicators")
    assert [r["report_id"] for r in rows] == ["2023-chongqing-test-1"] * 3 + [
        "2023-chongqing-test-2"
    ] * 3
    assert rows[0]["unit"] == "%" and rows[1]["section"] == ""


def test_formula_cells_are_neutralised_for_spreadsheets(bulk):
    rows = both_years_rows(bulk, "indicators")
    assert rows[2]["text"] == "'=SUM(A1)"


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        (Column("n", "number", "", ""), 100.0, "100"),
        (Column("n", "number", "", ""), 1.25, "1.25"),
        (Column("b", "boolean", "", ""), True, "true"),
        (Column("b", "boolean", "", ""), None, '""'),  # a lone empty cell is quoted (RFC 4180)
        (Column("s", "string", "", ""), "+86", "'+86"),
        (Column("s", "string", "", ""), "雷高府发〔2022〕61号", "雷高府发〔2022〕61号"),
    ],
)
def test_cell_formats(column, value, expected):
    assert csv_text((column,), [{column.name: value}]) == f"{BOM}{column.name}\r\n{expected}\r\n"


def test_datapackage_validates_with_frictionless(bulk, tmp_path):
    for name, data in bulk.items():
        if isinstance(data, bytes):
            (tmp_path / name).write_bytes(data)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    resources = json.loads(bulk["datapackage.json"])["resources"]
    assert [r["path"] for r in resources] == [
        f"{t}-{y}.csv" for y in ("2023", "undated") for t in ("catalog", "indicators")
    ]


def test_frictionless_catches_a_broken_row(bulk, tmp_path):
    for name, data in bulk.items():
        if isinstance(data, bytes):
            (tmp_path / name).write_bytes(data)
    bad = bulk["indicators-2023.csv"].replace(b"2023-chongqing-test-1", b"2023-chongqing-test-2", 1)
    (tmp_path / "indicators-2023.csv").write_bytes(bad)  # a report of another year
    package = json.loads(bulk["datapackage.json"])
    for resource in package["resources"]:
        resource.pop("hash")
        resource.pop("bytes")
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    report = validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {e[0] for e in report.flatten(["type"])}


def test_rows_follow_the_model():
    report = make_report(7, level="township")
    row = catalog_row(report)
    assert row["co_issuers"] == "中共重庆市万州区柱山乡委员会" and row["level"] == "township"
    assert [r["value"] for r in indicator_rows(report)] == [100, 3000, 1.5]
    assert [r["value_yuan"] for r in indicator_rows(report)] == [None, None, 15000]


def test_zips_are_deterministic_and_sorted():
    files = {"b.txt": "乙", "a.csv": b"x"}
    first = deterministic_zip(files)
    assert first == deterministic_zip(dict(reversed(list(files.items()))))
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist() == ["a.csv", "b.txt"]
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.read("b.txt").decode("utf-8") == "乙"


@pytest.mark.parametrize(
    ("archive", "report_id"),
    [("all-2023.zip", "2023-chongqing-test-1"), ("all-undated.zip", "2023-chongqing-test-2")],
)
def test_year_zips_hold_exactly_their_years_report_files(bulk, archive, report_id):
    assert sorted(n for n in bulk if n.endswith(".zip")) == ["all-2023.zip", "all-undated.zip"]
    with zipfile.ZipFile(io.BytesIO(bulk[archive])) as opened:
        names = set(opened.namelist())
        catalog = json.loads(bulk[archive.replace("all-", "catalog-").replace(".zip", ".json")])
        files = next(r["files"] for r in catalog["reports"] if r["id"] == report_id)
        assert names == {f["path"] for f in files if not f["name"].endswith(".zip")}
        for f in files:
            if f["path"] in names:
                assert hashlib.sha256(opened.read(f["path"])).hexdigest() == f["sha256"]


def test_catalogues_put_together_from_entries_are_the_whole_documents_serialised(bulk):
    reports = [make_report(1), make_report(2, year=None, date_signed=None, region=Region())]
    tree: dict[str, str | bytes] = {}
    for r in reports:
        tree.update(report_files(r, f"原文{r.id}".encode("gb18030")))
    files = report_downloads(reports, tree)
    pages = [
        Page(
            "catalog-2023.jsonld",
            "2023 年度",
            "catalog-undated.jsonld",
            "catalog-undated.jsonld",
            2,
        ),
        Page("catalog-undated.jsonld", "未注明年度", None, "catalog-undated.jsonld", 2),
    ]
    for report, page in zip(reports, pages, strict=True):
        whole = catalog_jsonld([report], {report.id: files[report.id]}, Publication(), page)
        assert bulk[page.document] == dump_json(whole, indent=None)
        json_name = page.document.removesuffix("ld")
        assert bulk[json_name] == dump_json(json.loads(bulk[json_name]), indent=None)
    assert json.loads(bulk["catalog.json"])["count"] == 2


@pytest.mark.parametrize(("share", "count"), [(0.0, 5), (0.45, 3), (1.0, 1)])
def test_a_years_archive_is_cut_into_parts_below_the_limit(monkeypatch, share, count):
    """`share`: the part limit as a share of the whole year's archive; five reports of one year."""
    reports = [make_report(n) for n in range(1, 6)]
    tree: dict[str, str | bytes] = {}
    for r in reports:
        tree.update(report_files(r, f"原文{r.id}".encode("gb18030") * 50))
    files = report_downloads(reports, tree)
    whole = len(catalog_tree(reports, files, Publication())["downloads/all-2023.zip"])
    monkeypatch.setattr(catalog_zips, "PART_BYTES", int(whole * share) + 1)
    out = catalog_tree(reports, files, Publication())
    archives = sorted(n for n in out if n.startswith("downloads/all-"))
    assert len(archives) == count
    seen: list[str] = []
    for name in archives:
        with zipfile.ZipFile(io.BytesIO(out[name])) as opened:
            ids = sorted({n.split("/")[1] for n in opened.namelist()})
        assert len(ids) == 1 or len(out[name]) <= catalog_zips.PART_BYTES
        seen += ids
    assert seen == sorted(r.id for r in reports)
    assert archives[0] == ("downloads/all-2023.zip" if count == 1 else "downloads/all-2023-1.zip")
    page = out["downloads/index.md"]
    assert all(f'href="{n.removeprefix("downloads/")}"' in page for n in archives)


def test_bulk_files_do_not_depend_on_report_order():
    reports = [make_report(1), make_report(2)]
    tree: dict[str, str | bytes] = {}
    for r in reports:
        tree.update(report_files(r, b"x"))
    files = report_downloads(reports, tree)
    forward = catalog_tree(reports, files, Publication())
    backward = catalog_tree(list(reversed(reports)), files, Publication())
    assert forward == backward
    entries = {r.id: catalog_entry(r, files[r.id], Publication()) for r in reports}
    assert (
        bulk_files(reports, entries, Publication())["catalog-2023.csv"]
        == forward["downloads/catalog-2023.csv"]
    )


def corpus_reports(count: int) -> list[Report]:
    years = (2021, 2023, None)
    return [make_report(n, year=years[n % 3]) for n in range(1, count + 1)]


@pytest.mark.parametrize(("limit", "parts"), [(10**9, 1), (60_000, None), (1, 10)])
def test_bulk_files_are_cut_per_year_and_below_the_limit(monkeypatch, limit, parts):
    """Each year's files hold exactly that year's reports, a year in parts once a file would pass
    the limit (a part of one report may pass it: a report is never split)."""
    monkeypatch.setattr(catalog_shards, "SHARD_BYTES", limit)
    reports = corpus_reports(30)
    tree: dict[str, str | bytes] = {}
    for r in reports:
        tree.update(report_files(r, b"x"))
    bulk = bulk_files(
        reports,
        {
            r.id: catalog_entry(r, report_downloads(reports, tree)[r.id], Publication())
            for r in reports
        },
        Publication(),
    )
    index = json.loads(bulk["catalog.json"])
    assert sum(p["count"] for p in index["parts"]) == 30
    for year in (2021, 2023, None):
        expected = sorted(r.id for r in reports if r.meta.year == year)
        found = [p for p in index["parts"] if p["year"] == year]
        assert len(found) == parts if parts else 1 < len(found) < 10
        ids: list[str] = []
        for part in found:
            catalog = pd.read_csv(io.BytesIO(bulk[part["files"]["catalog_csv"]["path"]]))
            indicators = pd.read_csv(io.BytesIO(bulk[part["files"]["indicators_csv"]["path"]]))
            records = json.loads(bulk[part["files"]["catalog_json"]["path"]])["reports"]
            graph = json.loads(bulk[part["files"]["catalog_jsonld"]["path"]])["@graph"]
            datasets = [n["dct:identifier"] for n in graph if n["@type"] == "dcat:Dataset"]
            assert (
                list(catalog["id"])
                == [r["id"] for r in records]
                == datasets
                == sorted(set(indicators["report_id"]))
            )
            ids += datasets
            if len(datasets) > 1:
                assert all(len(bulk[f["path"]]) <= limit for f in part["files"].values())
        assert ids == expected


def test_bulk_file_size_grows_with_reports_per_year_not_with_the_portal():
    """Bytes of the largest bulk file per report of its year: the same for 30 and 90 reports, so the
    largest file at N reports is this × N ÷ years (and the part limit caps it)."""
    largest = []
    for count in (30, 90):
        reports = corpus_reports(count)
        tree: dict[str, str | bytes] = {}
        for r in reports:
            tree.update(report_files(r, b"x"))
        out = catalog_tree(reports, report_downloads(reports, tree), Publication())
        sizes = {
            n: len(v)
            for n, v in out.items()
            if n.startswith("downloads/") and not n.endswith((".zip", ".md"))
        }
        per_year = max(size for n, size in sizes.items() if "-" in n.rsplit("/", 1)[1]) / (
            count / 3
        )
        overview = max(size for n, size in sizes.items() if "-" not in n.rsplit("/", 1)[1])
        largest.append((per_year, overview))
    assert largest[1][0] == pytest.approx(largest[0][0], rel=0.05)
    # catalog.json, catalog.jsonld, datapackage.json grow with the number of years only
    assert largest[1][1] == pytest.approx(largest[0][1], rel=0.01)


def site_package_report(site):
    report = validate(str(site / "downloads" / "datapackage.json"))
    return report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def site_tables(site, stem: str) -> pd.DataFrame:
    """Every year's table of a kind, one under the other, in the order catalog.json lists them."""
    index = json.loads((site / "downloads" / "catalog.json").read_text(encoding="utf-8"))
    paths = [site / "downloads" / p["files"][f"{stem}_csv"]["path"] for p in index["parts"]]
    return pd.concat([pd.read_csv(p) for p in paths], ignore_index=True)


def test_seed_site_datapackage_is_valid(built):
    project, result = built
    assert site_package_report(project.site_dir) == (True, [])
    frame = site_tables(project.site_dir, "catalog")
    assert sorted(frame["id"]) == sorted(r.id for r in result.reports)
    by_id = {r.id: r for r in result.reports}
    for row in frame.itertuples():
        assert row.title == by_id[row.id].meta.title or pd.isna(row.title)
        assert row.source_sha256 == by_id[row.id].source.sha256
    indicators = site_tables(project.site_dir, "indicators")
    expected = sorted((r.id, i.name, i.text) for r in result.reports for i in r.indicators)
    found = list(zip(indicators["report_id"], indicators["name"], indicators["text"], strict=True))
    assert sorted(found) == expected
    if expected:
        assert indicators["value"].dtype.kind in "fi" and indicators["approx"].dtype == bool


def test_synthetic_1000_datapackage_is_valid(synthetic_1000):
    project, result = synthetic_1000
    assert site_package_report(project.site_dir) == (True, [])
    frame = site_tables(project.site_dir, "catalog")
    assert len(frame) == len(result.reports) and frame["id"].is_unique
    assert frame["year"].dropna().between(2000, 2100).all()
    for path in (project.site_dir / "downloads").glob("catalog-*.csv"):
        year = path.stem.split("-")[1]
        years = pd.read_csv(path)["year"]
        assert years.isna().all() if year == "undated" else (years == int(year)).all()


def test_synthetic_1000_no_generated_file_would_pass_20_mb_at_10_000(synthetic_1000):
    """Linear projection: a file's bytes × 10 must stay under 20 MB at 10,000 reports, unless it is
    one the build caps at the part limit however many reports there are (year archives, parts)."""
    project, _ = synthetic_1000
    limit = 20 * 1024 * 1024
    capped = re.compile(r"^downloads/(all|catalog|indicators)-")
    too_big = [
        (str(p.relative_to(project.site_dir)), p.stat().st_size)
        for p in project.site_dir.rglob("*")
        if p.is_file()
        and p.stat().st_size * 10 > limit
        and not (capped.match(str(p.relative_to(project.site_dir))) and p.stat().st_size <= catalog_zips.PART_BYTES)
    ]
    assert too_big == []


def _zipfile_reference(files: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, files[name], compresslevel=6)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "files",
    [
        {"a.txt": "法治政府".encode() * 500, "b/c.csv": b"x,y\n1,2\n", "empty": b""},
        {"报告/索引.json": b"{}", "z": bytes(range(256)) * 40},
    ],
)
def test_zip_bytes_are_zipfiles_and_reuse_changes_nothing(files):
    from fazhi.zips import reusable_entries

    assert deterministic_zip(files) == _zipfile_reference(files)
    previous = deterministic_zip({**files, "gone.txt": b"old", next(iter(files)): b"before"})
    assert deterministic_zip(files, reusable_entries(previous)) == _zipfile_reference(files)
    assert reusable_entries(b"not a zip") == {}
