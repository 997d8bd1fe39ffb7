from __future__ import annotations

import re
from pathlib import Path

from fazhi.assemble import HOME_LATEST, LIST_PAGE_SIZE, home_page, list_pages
from fazhi.build import build_docs
from fazhi.model import Document, Report, ReportMeta, Source
from fazhi.synth import write_corpus

from .conftest import ROOT, copy_project


def reports(n: int) -> list[Report]:
    return [
        Report(
            f"r{i:05d}",
            Source(f"{i}.txt", "0" * 64, "utf-8", 1),
            Document([]),
            ReportMeta(year=2019 + i % 5),
        )
        for i in range(n)
    ]


def test_home_page_size_stays_constant_as_reports_grow():
    small, large = home_page(reports(HOME_LATEST)), home_page(reports(20 * HOME_LATEST))
    assert small.count('href="reports/') == HOME_LATEST
    assert large.count('href="reports/r') == HOME_LATEST
    assert f"[查看全部 {20 * HOME_LATEST} 份报告](reports/index.md)" in large


def test_list_pages_hold_every_report_once():
    pages = list_pages(reports(LIST_PAGE_SIZE + 3))
    assert sorted(pages) == ["reports/index.md", "reports/page-2.md"]
    links = re.findall(r"\]\((r\d+)/index\.md\)", "".join(pages.values()))
    assert sorted(links) == [f"r{i:05d}" for i in range(LIST_PAGE_SIZE + 3)]


def docs_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_rebuild_after_one_changed_report_writes_the_docs_of_a_cold_build(tmp_path: Path):
    """30 synthetic reports (enough for the similarity's document-frequency cut-offs): the changed
    report brings new words, which moves every report's TF-IDF weights and so its similar reports."""
    (tmp_path / "built").mkdir()
    project = copy_project(tmp_path / "built", [])
    paths = write_corpus(project.reports_dir, 30, seed=7, sources=ROOT / "content" / "reports")
    build_docs(project)
    paths[11].write_text(
        paths[11].read_text(encoding="utf-8") + "\n附：本报告已于公开前补充修订，新增行政复议应诉专章。\n",
        encoding="utf-8",
    )
    again = build_docs(project)
    (tmp_path / "fresh").mkdir()
    fresh = copy_project(tmp_path / "fresh", sorted(project.reports_dir.iterdir()))
    build_docs(fresh)
    assert again.rendered >= 1
    assert docs_files(project.docs_dir) == docs_files(fresh.docs_dir)
