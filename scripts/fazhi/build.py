"""`fazhi build`: one straight line of stages from content/ to build/site.

A bad report becomes a Problem and the build goes on with the others. The site is built in
build/.staging and swapped in at the end, so a build that fails or is killed leaves the previous
build/docs and build/site as they were. The staged docs start as hard links to build/docs, so only
changed reports are rewritten (see `incremental`), and the published tree is never written into.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from importlib import resources
from pathlib import Path

from .assemble import sort_key
from .atomic import exclusive, link_copy, recover, swap_in
from .cache import (
    CacheContext,
    ReportCache,
    code_version,
    digest_files,
    files_below,
    vocabulary_version,
)
from .catalog_update import catalog_files
from .exceptions import BuildError, FazhiError
from .ids import base_id, slugs_kept
from .incremental import (
    docs_current,
    process_all,
    update_catalog,
    update_docs,
)
from .indicators import VOCAB_FILE
from .meta_doctype import type_warnings
from .model import Problem, Report, SourceText
from .parallel import map_reports
from .pipeline import process_source, warm_up, with_ids
from .prepared import tables_in
from .progress import StageClock
from .publication import publication_from_env
from .read import SourceBytes, read_all, reread
from .search import (
    BROWSE_PAGES,
    SEARCH_DIR,
    IndexedDoc,
    SearchDoc,
    index_doc,
    report_stub,
    search_tree,
    site_page_doc,
    with_page,
)
from .search_html import page_text
from .site_memo import assemble_site
from .source_index import SourceIndex
from .tokens import use_vocab
from .topics import Topic, current_topics, load_topics, use_topics
from .write import write_tree

SAFE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID_LENGTH = 120
# When SOURCE_DATE_EPOCH is not set and no report has a date: the day the reporting rules took effect.
DEFAULT_BUILD_DATE = date(2019, 4, 15)
BUG_HINT = "this is a bug in fazhi: please report it together with this file"


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
    def staging_dir(self) -> Path:
        return self.root / "build" / ".staging"

    @property
    def cache_dir(self) -> Path:
        return self.root / "build" / "cache"

    @property
    def manifest(self) -> Path:
        """What build/docs was rendered from (see `incremental`)."""
        return self.cache_dir / "docs-manifest.json"

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
    raws: SourceBytes = field(default_factory=SourceBytes, repr=False)
    cached: int = 0  # reports whose stages were skipped: their inputs had not changed
    rendered: int = 0  # report folders rendered this time (the others were up to date)
    times: dict[str, float] = field(default_factory=dict)  # wall seconds per stage
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds per stage (workers included)
    inputs: dict[str, str] = field(default_factory=dict, repr=False)  # id → the report's cache key

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def problem_from(err: FazhiError) -> Problem:
    return Problem(err.file, err.detail, err.hint, err.line)


def process_safely(text: SourceText) -> Report | Problem:
    """clean + extract one report; a failure becomes a Problem so the others go on."""
    try:
        return process_source(text)
    except FazhiError as err:
        return problem_from(err)
    except Exception as err:  # any failure of one report must not stop the others
        message = f"could not be processed ({type(err).__name__}: {err})"
        return Problem(text.source.file, message, BUG_HINT)


def checked_ids(
    done: list[tuple[Report, SourceText]], root: Path | None = None
) -> tuple[BuildResult, list[Problem]]:
    """Final ids: unique and URL-safe, since they become folder names. Clashes are reported.
    `root`: where the sources that were not read are (their bytes are read when needed)."""
    reports = with_ids([report for report, _ in done])
    result = BuildResult(raws=SourceBytes(root))
    problems = same_place_warnings(reports) + type_warnings(reports)
    seen: dict[str, str] = {}
    for report, (_, text) in zip(reports, done, strict=True):
        file = report.source.file
        if not SAFE_ID.match(report.id) or len(report.id) > MAX_ID_LENGTH:
            problems.append(
                Problem(file, f"its id {report.id!r} is not a safe folder name", BUG_HINT)
            )
        elif report.id in seen:
            problems.append(
                Problem(file, f"has the same id {report.id} as {seen[report.id]}", BUG_HINT)
            )
        else:
            seen[report.id] = file
            result.reports.append(report)
            if text.loaded:
                result.raws[report.id] = text.raw
            else:
                result.raws.defer(report.id, text.source)
    return result, problems


def same_place_warnings(reports: list[Report]) -> list[Problem]:
    """Two reports for the same place and year get the same base id; say which one was renamed."""
    groups: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        groups[base_id(report.meta, report.source)].append(report)
    problems = []
    for base, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        first = min(members, key=lambda r: r.source.file)
        for report in members:
            if report is not first:
                problems.append(
                    Problem(
                        report.source.file,
                        f"is for the same place and year as {first.source.file} ({base}); "
                        f"published as {report.id}",
                        hint="if it is the same report delete one; "
                        "otherwise correct the year or place in its .meta.yml",
                        severity="warning",
                    )
                )
    return problems


def collect(project: Project, clock: StageClock | None = None) -> BuildResult:
    """read, clean, extract and name every report; only build/cache is written. `fazhi check` stops here.

    Reports whose inputs have not changed since the last build come from build/cache; the others
    run in worker processes.
    """
    clock = clock or StageClock()
    with tables_in(project.cache_dir / "tables"):
        return _collect(project, clock)


def _collect(project: Project, clock: StageClock) -> BuildResult:
    with clock.stage("read"):
        use_topics(project.topics_yml if project.topics_yml.is_file() else None)
        user_words = project.vocab_dir / "jieba.txt"
        use_vocab(user_words if user_words.is_file() else None)
        context = CacheContext(code_version(), vocabulary_version(project.vocab_dir))
        cache = ReportCache(project.cache_dir / "reports", context)
        index = SourceIndex.load(project.cache_dir / "sources.json", context.code)
        texts, problems = read_all(project.reports_dir, recall=index)
    with clock.stage("clean + extract", total=len(texts)) as advance:
        done, failed = process_all(
            texts,
            cache,
            process_safely,
            on_done=advance,
            before_fork=warm_up,
            load=lambda text: reread(text, project.reports_dir, recall=index),
        )
        cache.save()
        index.save()
    with clock.stage("ids"), slugs_kept():
        result, id_problems = checked_ids(done, project.reports_dir)
        keys = {text.source.file: cache.keys[text.source.file] for _, text in done}
        result.inputs = {r.id: keys[r.source.file] for r in result.reports}
    found = [p for r in result.reports for p in r.problems]
    result.problems = sort_problems(problems + failed + id_problems + found)
    result.cached, result.times, result.cpu = cache.hits, clock.times, clock.cpu
    return result


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.severity != "error", p.file, p.line or 0, p.message))


def write_docs(
    project: Project,
    result: BuildResult,
    clock: StageClock | None = None,
    docs: Path | None = None,
    manifest: Path | None = None,
) -> None:
    """render + assemble + write: the Markdown tree for mkdocs in `docs` (default build/docs),
    where only the reports whose render inputs changed are rendered again (see `incremental`)."""
    clock = clock or StageClock()
    docs = docs or project.docs_dir
    manifest = manifest or project.manifest
    with clock.stage("assemble"):
        inputs = docs_inputs(project, result)
        if docs_current(docs, manifest, inputs):
            result.rendered = 0
            return
        # site context: region tree, other years, same county, similar reports; part of each page
        result.reports, shared = assemble_site(
            result.reports, result.inputs, project.pages_dir, current_topics(), project.cache_dir
        )
    with clock.stage("render + write", total=len(result.reports)) as advance:
        result.rendered, written = update_docs(
            docs, manifest, result.reports, result.raws, shared, on_done=advance,
            inputs=result.inputs,
        )
    with clock.stage("catalog"):
        publication = publication_from_env()
        update_catalog(
            docs,
            manifest,
            repr(publication),
            lambda years, folders: catalog_files(
                docs, result.reports, result.inputs, folders, project.cache_dir, years
            ),
            inputs,
            written,
        )


def docs_inputs(project: Project, result: BuildResult) -> str:
    """Digest of everything build/docs is made from: each report's id and cache key (its source,
    override, the vocabulary and the code), the hand-written pages, the indicator vocabulary and the
    publication settings. When it is that of the tree already there, nothing needs doing; "" (never
    current) when a report's key is unknown."""
    if any(r.id not in result.inputs for r in result.reports):
        return ""
    parts = [
        code_version(),
        repr(publication_from_env()),
        digest_files(files_below(project.pages_dir), project.pages_dir),
        digest_files([VOCAB_FILE], VOCAB_FILE.parent) if VOCAB_FILE.is_file() else "",
        *(f"{r.id}\0{result.inputs[r.id]}" for r in result.reports),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def build_docs(project: Project, clock: StageClock | None = None) -> BuildResult:
    """Everything up to the Markdown tree in build/docs (no site)."""
    clock = clock or StageClock()
    result = collect(project, clock)
    write_docs(project, result, clock)
    return result


def project_topics(project: Project) -> list[Topic]:
    """The topic vocabulary; a project without content/vocab/topics.yml has no topics."""
    return load_topics(project.topics_yml) if project.topics_yml.is_file() else []


def theme_dir() -> Path:
    return Path(str(resources.files("fazhi") / "theme"))


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(project: Project, docs_dir: Path, site_dir: Path, build_date: date) -> list[str]:
    """mkdocs: docs_dir → site_dir, strict. Returns the warnings when mkdocs refused to finish."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    logger.addHandler(handler)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    try:
        with source_date(build_date):
            config = load_config(
                str(project.mkdocs_yml), strict=True, docs_dir=str(docs_dir), site_dir=str(site_dir)
            )
            if str(theme_dir()) not in config.theme.dirs:
                config.theme.dirs.insert(0, str(theme_dir()))
            mkdocs_build(config)
    except MkDocsException as err:
        return handler.messages or [str(err)]
    finally:
        logger.removeHandler(handler)
    return []


@contextmanager
def source_date(day: date) -> Iterator[None]:
    """Dates mkdocs writes (sitemap lastmod, gzip headers) come from the content, not the clock."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    if before is None:
        moment = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def content_date(reports: list[Report]) -> date:
    """The newest signing date among the reports: the same inputs give the same site, byte for byte."""
    days = []
    for report in reports:
        try:
            days.append(date.fromisoformat(report.meta.date_signed or ""))
        except ValueError:
            continue
    return max(days, default=DEFAULT_BUILD_DATE)


def pages_to_reports(warnings: list[str], reports: list[Report]) -> set[str]:
    """The ids of the reports whose pages mkdocs complained about."""
    return {r.id for r in reports for w in warnings if f"reports/{r.id}/" in w}


def drop_reports(result: BuildResult, bad: set[str], warnings: list[str]) -> BuildResult:
    problems = list(result.problems)
    for report in result.reports:
        if report.id in bad:
            said = next(w for w in warnings if f"reports/{report.id}/" in w)
            problems.append(
                Problem(report.source.file, f"its page failed to render: {said}", BUG_HINT)
            )
    kept = [r for r in result.reports if r.id not in bad]
    raws = result.raws.only({r.id for r in kept})
    return replace(result, reports=kept, raws=raws, problems=sort_problems(problems))


def build(project: Project, clock: StageClock | None = None) -> BuildResult:
    """collect → build/.staging/{docs,site} → swapped in for build/docs and build/site."""
    clock = clock or StageClock()
    with exclusive(project.root / "build" / ".lock"):
        for target in (project.docs_dir, project.site_dir):
            recover(target)
        staging = project.staging_dir
        shutil.rmtree(staging, ignore_errors=True)
        try:
            result = collect(project, clock)
            with clock.stage("stage docs"):
                stage_docs(project)
            result = render_staged(project, result, staging, clock)
            # search: index the pages as built, so results match what a visitor reads
            with clock.stage("search index"):
                docs = search_documents(project, result.reports, staging / "site")
                browse = browse_links(staging / "site")
                write_tree(search_tree(docs, browse), staging / "site" / SEARCH_DIR)
            # publish: each of build/site and build/docs is the old tree or the new one, never a mix
            with clock.stage("publish"):
                publish(project)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return result


def stage_docs(project: Project) -> None:
    """build/.staging/docs starts as hard links to build/docs, with the manifest that describes it."""
    staging = project.staging_dir
    staging.mkdir(parents=True)
    if project.docs_dir.is_dir() and project.manifest.is_file():
        link_copy(project.docs_dir, staging / "docs")
        shutil.copy2(project.manifest, staging / "docs-manifest.json")


def publish(project: Project) -> None:
    """Swap the staged site, then the docs, then their manifest into place."""
    staging = project.staging_dir
    project.manifest.unlink(missing_ok=True)  # while docs and manifest may disagree there is none
    swap_in(staging / "site", project.site_dir)
    swap_in(staging / "docs", project.docs_dir)
    project.cache_dir.mkdir(parents=True, exist_ok=True)
    os.replace(staging / "docs-manifest.json", project.manifest)


def built_report_doc(item: tuple[SearchDoc, Path]) -> IndexedDoc:
    """One report's search document (from `report_stub`) with its built page's text, indexed; run in
    the worker pool, which is sent the small stub rather than the whole report."""
    stub, page = item
    return index_doc(with_page(stub, page_text(page.read_text(encoding="utf-8"))))


def search_documents(project: Project, reports: list[Report], site: Path) -> list[IndexedDoc]:
    """The built report pages (newest first, the order results keep among equals), then the site's pages."""
    ordered = sorted(reports, key=sort_key)
    pages = [(report_stub(r), site / "reports" / r.id / "index.html") for r in ordered]
    docs = []
    for report, outcome in zip(ordered, map_reports(built_report_doc, pages), strict=True):
        if outcome.value is None:
            detail = outcome.failed.error if outcome.failed else "no result"
            raise BuildError(report.source.file, f"its built page could not be indexed: {detail}")
        docs.append(outcome.value)
    for source in sorted(project.pages_dir.glob("*.md")):
        built = site / source.stem / "index.html"
        if built.is_file():
            page = page_text(built.read_text(encoding="utf-8"))
            docs.append(index_doc(site_page_doc(f"{source.stem}/", page)))
    return docs


def browse_links(site: Path) -> list[dict[str, str]]:
    """The browse pages the built site has, offered when a search finds nothing."""
    return [
        {"name": name, "url": url}
        for name, url in BROWSE_PAGES
        if (site / url / "index.html").is_file()
    ]


def render_staged(
    project: Project, result: BuildResult, staging: Path, clock: StageClock
) -> BuildResult:
    """Write docs and run mkdocs in `staging`; reports whose pages break mkdocs are dropped, once."""
    warnings = _render(project, result, staging, clock)
    if warnings:
        bad = pages_to_reports(warnings, result.reports)
        if not bad:
            raise BuildError("mkdocs", "the site could not be rendered: " + "; ".join(warnings))
        result = drop_reports(result, bad, warnings)
        warnings = _render(project, result, staging, clock)
        if warnings:
            raise BuildError("mkdocs", "the site could not be rendered: " + "; ".join(warnings))
    return result


def _render(project: Project, result: BuildResult, staging: Path, clock: StageClock) -> list[str]:
    write_docs(project, result, clock, staging / "docs", staging / "docs-manifest.json")
    shutil.rmtree(staging / "site", ignore_errors=True)
    day = content_date(result.reports)
    with clock.stage("mkdocs"):
        return build_site(project, staging / "docs", staging / "site", day)
