"""Python-Markdown (mkdocs' own rendering) and the fazhi plugin's markdown-it path, page by page."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from fazhi.markup import GENERATED_KEY
from fazhi.mkdocs_plugin import render

Tree = tuple[Any, ...]

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Pair:
    """One generated page as both renderers see it."""

    src_uri: str
    slow_html: str
    fast_html: str
    slow_toc: list[Tree]
    fast_toc: list[Tree]
    slow_anchors: set[str]
    fast_anchors: set[str]
    slow_links: dict[str, dict[str, str]]
    fast_links: dict[str, dict[str, str]]


def rendered_pairs(mkdocs_yml: Path, docs_dir: Path, every: int = 1) -> Iterator[Pair]:
    """Every `every`-th generated page of docs_dir, rendered by Python-Markdown and by the plugin."""
    config = load_config(
        str(mkdocs_yml),
        docs_dir=str(docs_dir),
        site_dir=str(docs_dir.parent / "unused"),
        plugins=[],
    )
    files = get_files(config)
    pages = sorted(files.documentation_pages(), key=lambda f: f.src_uri)
    for file in pages[::every]:
        page = Page(None, file, config)
        page.read_source(config)
        if page.meta.get(GENERATED_KEY) is not True:
            continue
        assert page.markdown is not None
        fast = render(page.markdown, file, files, config)
        page.render(config, files)
        assert page.content is not None
        yield Pair(
            file.src_uri,
            page.content,
            fast.html,
            [_toc_item(t) for t in page.toc],
            [_toc_item(t) for t in _anchor_links(fast.toc_tokens)],
            set(page.present_anchor_ids or ()),
            fast.anchor_ids,
            {f.src_uri: a for f, a in (page.links_to_anchors or {}).items()},
            {f.src_uri: a for f, a in fast.links_to_anchors.items()},
        )


def _anchor_links(tokens: list[dict[str, Any]]) -> list[AnchorLink]:
    from mkdocs.structure.toc import get_toc

    return list(get_toc(tokens))


def _toc_item(link: AnchorLink) -> Tree:
    title = _SPACE.sub(" ", html.unescape(link.title)).strip()
    return (link.level, link.id, title, tuple(_toc_item(c) for c in link.children))


def element_tree(fragment: str) -> Tree:
    """The HTML as nested (tag, attributes, text, children, tail), whitespace and escaping normalised."""
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    return _node(root)


def _node(el: Any) -> Tree:
    if not isinstance(el.tag, str):  # comment or processing instruction
        return ("#comment", _text(el.text), _text(el.tail))
    attrs = tuple(sorted((k, _attr(k, v)) for k, v in el.attrib.items()))
    return (el.tag, attrs, _text(el.text), tuple(_node(c) for c in el), _text(el.tail))


def _attr(key: str, value: str) -> str:
    if key == "style":
        return value.replace(" ", "").rstrip(";")
    return value


def _text(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()
