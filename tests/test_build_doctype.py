"""A folder that also holds a plan and a 述法 report: their pages say what they are, the build
warns about each, the statistics leave them out and the downloads still validate."""

from __future__ import annotations

from pathlib import Path

import pytest
from frictionless import validate

from fazhi.build import BuildResult, Project, build

from .conftest import ROOT, SEEDS, copy_project

FIXTURES = ROOT / "tests" / "fixtures" / "meta"
PLAN = "d01_county_plan_work_points.txt"
DUTY = "d10_town_mayor_shufa_person_signed.txt"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, BuildResult]:
    files = [*SEEDS[:2], FIXTURES / PLAN, FIXTURES / DUTY]
    project = copy_project(tmp_path_factory.mktemp("doctype"), files)
    return project, build(project)


def _page(project: Project, result: BuildResult, file: str) -> str:
    report = next(r for r in result.reports if r.source.file == file)
    return (project.site_dir / "reports" / report.id / "index.html").read_text(encoding="utf-8")


def test_a_plan_page_says_it_is_not_an_annual_report(mixed):
    project, result = mixed
    page = _page(project, result, PLAN)
    assert "本文件不是法治政府建设年度报告" in page
    assert "工作要点／实施方案／工作计划" in page
    assert "计划所列年份是计划年度" in page
    assert "泾县2024年法治政府建设工作要点" in page


@pytest.mark.parametrize("file", [PLAN, DUTY])
def test_only_annual_reports_carry_the_required_items_badges(mixed, file):
    project, result = mixed
    assert "fz-badges" not in _page(project, result, file)
    assert "fz-badges" in _page(project, result, SEEDS[0].name)


def test_an_annual_report_page_has_no_such_note(mixed):
    project, result = mixed
    page = _page(project, result, SEEDS[0].name)
    assert "fz-doctype-note" not in page
    assert "法治政府建设年度报告" in page


def test_the_build_warns_naming_each_non_annual_file(mixed):
    _, result = mixed
    warned = {p.file for p in result.problems if "not an annual" in p.message}
    assert warned == {PLAN, DUTY}
    assert all(p.severity == "warning" for p in result.problems if p.file in warned)
    assert not result.errors


def test_statistics_count_only_annual_reports(mixed):
    project, _ = mixed
    stats = (project.site_dir / "stats" / "index.html").read_text(encoding="utf-8")
    assert "本站共收录 2 份年度报告" in stats
    assert "另有 2 份文件不是法治政府建设年度报告" in stats


def test_coverage_counts_only_annual_reports(mixed):
    project, _ = mixed
    coverage = (project.site_dir / "coverage" / "index.html").read_text(encoding="utf-8")
    assert "只计年度报告" in coverage
    assert "全部</th><td>2</td>" in coverage


def test_downloads_carry_the_type_and_validate(mixed):
    project, _ = mixed
    package = next(Path(project.site_dir).rglob("datapackage.json"))
    report = validate(str(package))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    catalogs = "".join(p.read_text(encoding="utf-8-sig") for p in package.parent.glob("catalog-*.csv"))
    assert "document_type" in catalogs
    assert {"plan", "leaders_duty_report", "annual_report"} <= set(catalogs.replace("\r\n", ",").split(","))
