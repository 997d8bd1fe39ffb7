"""The catalogue made again one report year at a time: after a change, the years it does not touch
keep their files as they are, and the docs are those of a cold build of the same inputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from fazhi.build import Project, build_docs
from fazhi.synth import write_corpus

from .conftest import ROOT, copy_project

YEAR_FILES = ("all-{}.zip", "catalog-{}.csv", "catalog-{}.json", "catalog-{}.jsonld")


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("years"), reports=[])
    write_corpus(project.reports_dir, 24, seed=3, sources=ROOT / "content" / "reports")
    assert not build_docs(project).errors
    return project.root


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def years_of(project: Project) -> dict[str, str]:
    """Report file → the year key its report is catalogued under."""
    index = json.loads((project.docs_dir / "downloads" / "catalog.json").read_text(encoding="utf-8"))
    out = {}
    for part in index["parts"]:
        path = project.docs_dir / "downloads" / part["files"]["catalog_json"]["path"]
        for record in json.loads(path.read_text(encoding="utf-8"))["reports"]:
            out[record["source_file"]] = str(part["year"] or "undated")
    return out


def inodes(project: Project) -> dict[str, int]:
    folder = project.docs_dir / "downloads"
    return {p.name: p.stat().st_ino for p in folder.iterdir()}


@pytest.mark.parametrize("change", ["text", "year", "deleted"])
def test_a_change_makes_its_year_again_and_keeps_the_others(
    built_once: Path, tmp_path: Path, change: str
) -> None:
    project = Project(tmp_path / "p")
    shutil.copytree(built_once, project.root)
    years = years_of(project)
    file = sorted(years)[len(years) // 2]
    year = years[file]
    untouched = sorted(set(years.values()) - {year, "2019"})
    path = project.reports_dir / file
    if change == "text":
        path.write_text(path.read_text(encoding="utf-8") + "\n补充说明。\n", encoding="utf-8")
    elif change == "year":
        (path.parent / f"{path.stem}.meta.yml").write_text("year: 2019\n", encoding="utf-8")
    else:
        path.unlink()
    before = inodes(project)
    assert not build_docs(project).errors
    after = inodes(project)
    # a report that comes or goes changes the count every page of the catalogue states
    names = YEAR_FILES[:-1] if change == "deleted" else YEAR_FILES
    kept = [name.format(y) for y in untouched for name in names if name.format(y) in before]
    assert kept
    assert all(after[name] == before[name] for name in kept)

    (tmp_path / "fresh").mkdir()
    fresh = copy_project(tmp_path / "fresh", sorted(project.reports_dir.iterdir()))
    assert not build_docs(fresh).errors
    assert tree(project.docs_dir) == tree(fresh.docs_dir)
