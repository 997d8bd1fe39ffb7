"""End to end: the seed reports become a site a visitor can read."""

from __future__ import annotations

import re
from pathlib import Path

from fazhi.build import build_docs

from .conftest import copy_project

EXTERNAL = re.compile(
    r"""(?:src|href|action|poster)\s*=\s*["']?\s*(?:https?:)?//|@import\s+(?:url\()?["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def test_home_lists_every_report(built):
    project, result = built
    home = (project.site_dir / "index.html").read_text(encoding="utf-8")
    assert len(result.reports) == 5
    for report in result.reports:
        assert f'href="reports/{report.id}/"' in home


def test_each_report_page_shows_its_text(built):
    project, result = built
    for report in result.reports:
        page = (project.site_dir / "reports" / report.id / "index.html").read_text(encoding="utf-8")
        paragraphs = [b.text for b in report.doc.blocks if b.kind == "paragraph"]
        assert paragraphs, report.source.file
        for text in paragraphs[:3] + paragraphs[-2:]:
            assert text[:30] in page, (report.source.file, text[:30])


def test_report_files_beside_the_page(built):
    project, result = built
    for report in result.reports:
        folder = project.docs_dir / "reports" / report.id
        assert (folder / f"{report.id}.yml").is_file()
        raw = (folder / f"{report.id}.source.txt").read_bytes()
        assert raw == (project.reports_dir / report.source.file).read_bytes()


def test_site_loads_nothing_from_other_hosts(built):
    project, _ = built
    offenders = []
    for path in project.site_dir.rglob("*"):
        if path.suffix in {".html", ".css", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            offenders += [f"{path.name}: {m.group(0)}" for m in EXTERNAL.finditer(text)]
    assert offenders == []


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_two_builds_give_identical_docs(tmp_path):
    project = copy_project(tmp_path)
    build_docs(project)
    first = _snapshot(project.docs_dir)
    build_docs(project)
    assert _snapshot(project.docs_dir) == first
