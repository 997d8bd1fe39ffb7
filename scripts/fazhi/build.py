"""`fazhi build`: one straight line of stages from content/ to build/site."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .assemble import sort_key
from .cache import CacheContext, ReportCache, code_version, vocabulary_version
from .incremental import process_all, write_docs
from .model import Problem, Report
from .pipeline import with_ids
from .progress import StageClock
from .read import read_all
from .search import BROWSE_PAGES, SEARCH_DIR, SearchDoc, report_doc, search_tree, site_page_doc
from .search_html import page_text
from .site_files import shared_tree
from .write import write_tree


@dataclass(frozen=True)
class Project:
    """Where things are, relative to the project root (the folder with mkdocs.yml)."""

    root: Path

    @property
    def reports_dir(self) -> Path:
        return self.root / "content" / "reports"

    @property
    def pages_dir(self) -> Path:
        return self.root / "content" / "pages"

    @property
    def docs_dir(self) -> Path:
        return self.root / "build" / "docs"

    @property
    def site_dir(self) -> Path:
        return self.root / "build" / "site"

    @property
    def cache_dir(self) -> Path:
        return self.root / "build" / "cache"

    @property
    def vocab_dir(self) -> Path:
        return self.root / "content" / "vocab"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"


@dataclass
class BuildResult:
    reports: list[Report] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    cached: int = 0  # reports whose stages were skipped: their inputs had not changed
    rendered: int = 0  # report folders written to build/docs this time
    times: dict[str, float] = field(default_factory=dict)  # wall seconds per stage


def build_docs(
    project: Project, clock: StageClock | None = None, workers: int | None = None
) -> BuildResult:
    """Everything up to the Markdown tree in build/docs; unchanged reports come from build/cache."""
    clock = clock or StageClock()
    with clock.stage("read"):
        texts, problems = read_all(project.reports_dir)
        context = CacheContext(code_version(), vocabulary_version(project.vocab_dir))
        cache = ReportCache(project.cache_dir / "reports", context)
    with clock.stage("clean + extract", total=len(texts)) as advance:
        done, failed = process_all(texts, cache, workers=workers, on_done=advance)
    with clock.stage("ids"):
        reports = with_ids([report for _, report in done])
    with clock.stage("assemble"):
        shared = shared_tree(reports, project.pages_dir)
    with clock.stage("render + write", total=len(reports)) as advance:
        pairs = [(r, t.raw) for r, (t, _) in zip(reports, done, strict=True)]
        manifest = project.cache_dir / "docs-manifest.json"
        rendered = write_docs(
            project.docs_dir, manifest, pairs, shared, workers=workers, on_done=advance
        )
        cache.prune()
    return BuildResult(
        reports=reports,
        problems=problems + failed,
        cached=cache.hits,
        rendered=rendered,
        times=clock.times,
    )


def theme_dir() -> Path:
    """fazhi's Material overrides (scripts/fazhi/theme), put in front of Material's own templates."""
    return Path(str(resources.files("fazhi") / "theme"))


def build_site(project: Project) -> None:
    """mkdocs: build/docs → build/site, strict (any warning fails the build)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(str(project.mkdocs_yml), strict=True)
    if str(theme_dir()) not in config.theme.dirs:
        config.theme.dirs.insert(0, str(theme_dir()))
    mkdocs_build(config)


def search_documents(project: Project, reports: list[Report]) -> list[SearchDoc]:
    """The built report pages (newest first, the order results keep among equals), then the site's pages."""
    site = project.site_dir
    docs = [
        report_doc(r, page_text((site / "reports" / r.id / "index.html").read_text(encoding="utf-8")))
        for r in sorted(reports, key=sort_key)
    ]
    for source in sorted(project.pages_dir.glob("*.md")):
        built = site / source.stem / "index.html"
        if built.is_file():
            page = page_text(built.read_text(encoding="utf-8"))
            docs.append(site_page_doc(f"{source.stem}/", page))
    return docs


def build(project: Project, clock: StageClock | None = None) -> BuildResult:
    clock = clock or StageClock()
    result = build_docs(project, clock)
    with clock.stage("mkdocs"):
        build_site(project)
    with clock.stage("search index"):
        # index the pages as built, so results match what a visitor reads
        docs = search_documents(project, result.reports)
        browse = [
            {"name": name, "url": url}
            for name, url in BROWSE_PAGES
            if (project.site_dir / url / "index.html").is_file()
        ]
        write_tree(search_tree(docs, browse), project.site_dir / SEARCH_DIR)
    return result
