"""Shared fixtures: a built copy of the demo project, made once per test session."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from fazhi.build import BuildResult, Project, build
from fazhi.synth import write_corpus

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "content" / "reports").glob("*.txt"))


def copy_project(target: Path, reports: list[Path] | None = None) -> Project:
    """A project folder with this repo's config and pages and the given report files."""
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "content", target / "content", ignore=shutil.ignore_patterns("reports"))
    (target / "content" / "reports").mkdir()
    for path in SEEDS if reports is None else reports:
        shutil.copy(path, target / "content" / "reports" / path.name)
    return Project(target)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, BuildResult]:
    """The demo project (the seed reports) built once into a temporary folder."""
    project = copy_project(tmp_path_factory.mktemp("site"))
    return project, build(project)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files (tests/golden, tests/fixtures/*/…expected.*) from the current output",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def synthetic_1000(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, BuildResult]:
    """1,000 synthetic reports (fazhi.synth, seed 0) in a project built once per session."""
    project = copy_project(tmp_path_factory.mktemp("synthetic"), reports=[])
    write_corpus(project.reports_dir, 1000, seed=0, sources=ROOT / "content" / "reports")
    return project, build(project)


@pytest.fixture(scope="session")
def browse_corpus():
    """1,000 synthetic annotated Reports with known places and several years per township."""
    from .synthetic_corpus import synthetic_reports

    return synthetic_reports(1000)


@pytest.fixture(scope="session")
def browse_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, list]:
    """A site built from 300 synthetic reports (places resolved), for link walks and browser tests."""
    from fazhi.build import build_site, project_topics
    from fazhi.site_files import docs_tree
    from fazhi.write import write_tree

    from .synthetic_corpus import synthetic_reports

    reports = synthetic_reports(300, seed=7)
    project = copy_project(tmp_path_factory.mktemp("browse"), [])
    raws = {r.id: r.doc.body_text.encode("utf-8") for r in reports}
    write_tree(docs_tree(reports, raws, project.pages_dir, project_topics(project)), project.docs_dir)
    warnings = build_site(project, project.docs_dir, project.site_dir, date(2024, 3, 1))
    assert warnings == []
    return project, reports
