"""`fazhi build`: one straight line of stages from content/ to build/site."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from .model import Problem, Report
from .pipeline import process_source, with_ids
from .read import read_all
from .site_files import docs_tree
from .topics import Topic, load_topics
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
    def topics_yml(self) -> Path:
        return self.root / "content" / "vocab" / "topics.yml"

    @property
    def docs_dir(self) -> Path:
        return self.root / "build" / "docs"

    @property
    def site_dir(self) -> Path:
        return self.root / "build" / "site"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"


@dataclass
class BuildResult:
    reports: list[Report] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def build_docs(project: Project) -> BuildResult:
    """Everything up to the Markdown tree in build/docs."""
    # read: decode every source; unreadable files become problems
    texts, problems = read_all(project.reports_dir)
    topics = project_topics(project)
    # clean + extract + annotate (coverage, topics, keywords), per report
    reports = with_ids([process_source(t, topics) for t in texts])
    raws = {r.id: t.raw for r, t in zip(reports, texts, strict=True)}
    # render + assemble (site context: regions, years, neighbours) + write
    write_tree(docs_tree(reports, raws, project.pages_dir, topics), project.docs_dir)
    return BuildResult(reports=reports, problems=problems)


def project_topics(project: Project) -> list[Topic]:
    """The topic vocabulary; a project without content/vocab/topics.yml has no topics."""
    return load_topics(project.topics_yml) if project.topics_yml.is_file() else []


def build_site(project: Project) -> None:
    """mkdocs: build/docs → build/site, strict (any warning fails the build)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(str(project.mkdocs_yml), strict=True)
    mkdocs_build(config)


def build(project: Project) -> BuildResult:
    result = build_docs(project)
    build_site(project)
    return result
