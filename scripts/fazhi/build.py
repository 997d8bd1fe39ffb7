"""`fazhi build`: one straight line of stages from content/ to build/site."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from .cache import CacheContext, ReportCache, code_version, vocabulary_version
from .incremental import process_all, write_docs
from .model import Problem, Report
from .pipeline import with_ids
from .progress import StageClock
from .read import read_all
from .site_files import shared_tree


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


def build_site(project: Project) -> None:
    """mkdocs: build/docs → build/site, strict (any warning fails the build)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(str(project.mkdocs_yml), strict=True)
    mkdocs_build(config)


def build(project: Project, clock: StageClock | None = None) -> BuildResult:
    clock = clock or StageClock()
    result = build_docs(project, clock)
    with clock.stage("mkdocs"):
        build_site(project)
    return result
