"""The docs tree for one build: report pages with their files, site pages, static assets."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import yaml

from .assemble import home_page, list_pages
from .browse import browse_pages
from .catalog import catalog_tree, report_downloads
from .citation import citation
from .downloads import downloads_section, listing, with_zip
from .fidelity import cleaning_log_csv, cleaning_log_name
from .indicator_views import indicators_csv, indicators_json, indicators_section
from .indicators import default_vocab
from .meta import report_schema_text
from .model import Report
from .publication import Publication, publication_from_env
from .render import render_report_page
from .report_text import cleaned_markdown
from .schema_org import dataset_jsonld, with_jsonld
from .site import SiteContext, build_context, with_page_links
from .summary import summary_pages
from .topics import Topic
from .write import DocsTree


def dump_yaml(data: object) -> str:
    """safe_dump, by libyaml when it is there: ten times faster than the pure-Python emitter."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)


def dump_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


# Sources published under their own suffix: mkdocs copies them as they are. Any other source
# (.md, .html …) gets `.txt` added, since mkdocs would render a raw .md and a raw .html is served
# as a page of its own (with its scripts) rather than as the file received.
BINARY_SOURCE_SUFFIXES = (".pdf", ".docx")


def raw_name(report: Report) -> str:
    """The published copy of the source file, byte for byte as received."""
    suffix = Path(report.source.file).suffix.lower()
    if suffix in BINARY_SOURCE_SUFFIXES:
        return f"{report.id}.source{suffix}"
    return f"{report.id}.source{'' if suffix in ('', '.txt') else suffix}.txt"


def data_files(report: Report, raw: bytes) -> dict[str, str | bytes]:
    """The files published beside a report's page, one line each; all are listed and zipped."""
    sidecar = report.sidecar()
    return {
        raw_name(report): raw,
        f"{report.id}.md.txt": cleaned_markdown(report),
        f"{report.id}.yml": dump_yaml(sidecar),
        f"{report.id}.json": dump_json(sidecar),
        f"{report.id}.indicators.csv": indicators_csv(report),
        f"{report.id}.indicators.json": indicators_json(report),
        cleaning_log_name(report): cleaning_log_csv(report.doc),
    }


def report_files(report: Report, raw: bytes, publication: Publication | None = None) -> DocsTree:
    """A report's folder: its page and its download files (the zip of them all included). Its
    links to other reports come with it (`Report.page_links`, see `fazhi.site`)."""
    publication = publication or publication_from_env()
    lead, extra = report.page_links.get("lead", ()), report.page_links.get("extra", ())
    base = f"reports/{report.id}/"
    files = with_zip(report.id, data_files(report, raw))
    listed = listing(files)
    downloads = downloads_section(listed, report.source.encoding, citation(report, publication))
    page = render_report_page(report, (indicators_section(report), downloads, *extra), lead)
    tree: DocsTree = {base + "index.md": with_jsonld(page, dataset_jsonld(report, listed, publication))}
    tree.update({base + name: data for name, data in files.items()})
    return tree


def static_assets() -> DocsTree:
    root = resources.files("fazhi") / "assets"
    return {f"assets/{item.name}": item.read_bytes() for item in sorted(root.iterdir(), key=str)}


def hand_pages(pages_dir: Path) -> DocsTree:
    if not pages_dir.is_dir():
        return {}
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(pages_dir.glob("*.md"))}


def shared_tree(
    reports: list[Report], pages_dir: Path, context: SiteContext | None = None
) -> DocsTree:
    """Everything that is not one report's own folder: assets, hand pages, site-wide pages."""
    tree: DocsTree = {}
    tree.update(static_assets())
    tree.update(hand_pages(pages_dir))
    tree["schema/report.schema.json"] = report_schema_text()
    tree["index.md"] = home_page(reports, context)
    tree.update(list_pages(reports))
    tree.update(summary_pages(reports, default_vocab()))
    if context:
        tree.update(browse_pages(context))
    return tree


def docs_tree(
    reports: list[Report], raws: dict[str, bytes], pages_dir: Path, topics: list[Topic] | None = None
) -> DocsTree:
    """The whole tree in one go (tests, small projects); `build` does the same incrementally."""
    context = build_context(reports, topics)
    reports = with_page_links(reports, context)
    publication = publication_from_env()
    tree: DocsTree = {}
    for report in reports:
        tree.update(report_files(report, raws[report.id], publication))
    tree.update(shared_tree(reports, pages_dir, context))
    tree.update(catalog_tree(reports, report_downloads(reports, tree), publication))
    return tree
