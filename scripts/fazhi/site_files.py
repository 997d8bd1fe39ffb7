"""The docs tree for one build: report pages with their files, site pages, static assets."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import yaml

from .assemble import home_page, list_pages
from .browse import browse_pages
from .model import Report
from .render import render_report_page
from .site import SiteContext, build_context, lead_sections, neighbour_sections
from .topics import Topic
from .write import DocsTree


def dump_yaml(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def dump_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def raw_name(report: Report) -> str:
    suffix = Path(report.source.file).suffix.lower() or ".txt"
    return f"{report.id}.source{suffix}"


def report_files(report: Report, raw: bytes, context: SiteContext | None = None) -> DocsTree:
    base = f"reports/{report.id}/"
    lead = lead_sections(report, context) if context else ()
    extra = neighbour_sections(report, context) if context else ()
    return {
        base + "index.md": render_report_page(report, extra, lead),
        base + f"{report.id}.yml": dump_yaml(report.sidecar()),
        base + raw_name(report): raw,
    }


def static_assets() -> DocsTree:
    root = resources.files("fazhi") / "assets"
    return {f"assets/{item.name}": item.read_bytes() for item in sorted(root.iterdir(), key=str)}


def hand_pages(pages_dir: Path) -> DocsTree:
    if not pages_dir.is_dir():
        return {}
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(pages_dir.glob("*.md"))}


def docs_tree(
    reports: list[Report], raws: dict[str, bytes], pages_dir: Path, topics: list[Topic] | None = None
) -> DocsTree:
    context = build_context(reports, topics)
    tree: DocsTree = {}
    tree.update(static_assets())
    tree.update(hand_pages(pages_dir))
    for report in reports:
        tree.update(report_files(report, raws[report.id], context))
    tree["index.md"] = home_page(reports, context)
    tree.update(list_pages(reports))
    tree.update(browse_pages(context))
    return tree
