"""MkDocs plugin `fazhi`: the pages fazhi generates are rendered with markdown-it-py.

Python-Markdown runs Python's html.parser twice over every page (its raw-HTML preprocessor and
mkdocs' anchor scan), and our generated pages are mostly raw HTML blocks, so it spends most of the
mkdocs stage there. A page whose front matter carries `GENERATED_KEY` is converted here instead:
`on_page_markdown` keeps its source and hands mkdocs an empty page, `on_page_content` returns the
HTML made here, with the table of contents, heading ids and link rewriting mkdocs would have made.
Pages people write (content/pages/*.md) keep Python-Markdown and every extension in mkdocs.yml.
Generated pages name their title in the front matter: the first `# heading` is not looked at.
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit, urlunsplit

from markdown.extensions.attr_list import (
    AttrListTreeprocessor,
    get_attrs_and_remainder,
    sanitize_name,
)
from markdown.extensions.toc import nest_toc_tokens, slugify, strip_tags, unique
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from .markup import GENERATED_KEY

if TYPE_CHECKING:
    from jinja2 import Environment
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.fazhi")

_ANCHOR_ATTR = re.compile(
    r"""\s(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE
)
_A_TAG = re.compile(r"<a\s", re.IGNORECASE)


@dataclass
class Rendered:
    """A generated page as mkdocs would have rendered it."""

    html: str
    toc_tokens: list[dict[str, Any]]
    anchor_ids: set[str]
    links_to_anchors: dict[File, dict[str, str]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """CommonMark with raw HTML and tables, plus `{#id .class}` at the end of a heading (attr_list)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.core.ruler.after("block", "fazhi_heading_attrs", _heading_attrs)
    md.core.ruler.after("block", "fazhi_cell_align", _cell_align)
    md.add_render_rule("html_block", _html_block)
    md.add_render_rule("text", _text)
    md.add_render_rule("code_inline", _code_inline)
    return md


def _escape(text: str) -> str:
    """Python-Markdown's escaping of text: `&`, `<` and `>` (quotes need none outside attributes)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return _escape(tokens[idx].content)


def _code_inline(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    return f"<code{self.renderAttrs(token)}>{_escape(token.content)}</code>"


def _cell_align(state: StateCore) -> None:
    """Table alignment written as Python-Markdown's tables extension writes it."""
    for token in state.tokens:
        if token.type in ("th_open", "td_open"):
            style = token.attrGet("style")
            if isinstance(style, str) and style.startswith("text-align:"):
                token.attrSet("style", f"text-align: {style[len('text-align:') :]};")


def _html_block(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    """A raw HTML block followed by a blank line, as Python-Markdown writes it."""
    return tokens[idx].content + "\n"


def _heading_attrs(state: StateCore) -> None:
    """Python-Markdown's attr_list on headings: a trailing `{…}` becomes the heading's attributes."""
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[i + 1]
        match = AttrListTreeprocessor.HEADER_RE.search(inline.content)
        if not match:
            continue
        attrs, remainder = get_attrs_and_remainder(match.group(1))
        if remainder:
            continue
        for key, value in attrs:
            if key == ".":
                classes = token.attrGet("class")
                token.attrSet("class", f"{classes} {value}" if classes else value)
            else:
                token.attrSet(sanitize_name(key), "" if value is None else value)
        inline.content = inline.content[: match.start()].rstrip("#").rstrip()


def render(markdown: str, file: File, files: Files, config: MkDocsConfig) -> Rendered:
    """One generated page: HTML, toc tokens and anchor ids, as Python-Markdown + mkdocs give them."""
    md = parser()
    env: dict[str, Any] = {}
    tokens = md.parse(markdown, env)
    links: dict[File, dict[str, str]] = {}
    for token in tokens:
        if token.type == "inline" and token.children:
            _rewrite_links(token.children, file, files, config, links)
    toc, ids = _heading_ids(tokens, md)
    body = md.renderer.render(tokens, md.options, env).strip()
    return Rendered(body, nest_toc_tokens(toc), ids | raw_anchor_ids(markdown), links)


def raw_anchor_ids(markdown: str) -> set[str]:
    """The `id`s of tags, and `name`s of `<a>` tags, written in the page source.

    mkdocs runs html.parser over the whole source for these; an attribute found by a regular
    expression and inside a tag (a `<` before it, no `>` between) gives the same in the tags our
    generators write, whose attribute values have `<` and `>` escaped.
    """
    found = set()
    for match in _ANCHOR_ATTR.finditer(markdown):
        start = markdown.rfind("<", 0, match.start())
        if start < 0 or not markdown[start + 1 : start + 2].isalpha():
            continue
        if markdown.rfind(">", start, match.start()) != -1:
            continue
        if match.group(1).lower() == "name" and not _A_TAG.match(markdown, start):
            continue
        found.add(html.unescape(next(v for v in match.group(2, 3, 4) if v is not None)))
    return found


def _heading_ids(tokens: list[Token], md: MarkdownIt) -> tuple[list[dict[str, Any]], set[str]]:
    """Ids and toc entries exactly as the toc extension makes them (slugify, unique, in order)."""
    headings = [(t, tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]
    used = {str(t.attrGet("id")) for t, _ in headings if t.attrGet("id") is not None}
    counters: dict[str, int] = {}
    toc: list[dict[str, Any]] = []
    for heading, inline in headings:
        inner = md.renderer.renderInline(inline.children or [], md.options, {}).strip()
        name = strip_tags(inner)
        if heading.attrGet("id") is None:
            heading.attrSet("id", unique(slugify(html.unescape(name), "-"), used, counters))
        level = int(heading.tag[1])
        toc.append(
            {
                "level": level,
                "id": heading.attrGet("id"),
                "name": name,
                "html": inner,
                "data-toc-label": "",
            }
        )
    return toc, set(used)


def _rewrite_links(
    children: list[Token],
    file: File,
    files: Files,
    config: MkDocsConfig,
    links: dict[File, dict[str, str]],
) -> None:
    for child in children:
        key = "href" if child.type == "link_open" else "src" if child.type == "image" else None
        if key is None:
            continue
        url = str(child.attrGet(key))
        child.attrSet(key, resolve_link(url, file, files, config, links))


def resolve_link(
    url: str, file: File, files: Files, config: MkDocsConfig, links: dict[File, dict[str, str]]
) -> str:
    """A Markdown link's URL as mkdocs rewrites it; a link to no page is logged the way mkdocs does."""
    scheme, netloc, path, query, anchor = urlsplit(url)
    if scheme or netloc:
        return url
    if url.startswith(("/", "\\")):
        log.log(
            config.validation.links.absolute_links,
            f"Doc file '{file.src_uri}' contains an absolute link '{url}', it was left as is.",
        )
        return url
    if not path:
        if anchor:
            links.setdefault(file, {}).setdefault(anchor, url)
        return url
    path = unquote(path)
    target_uri = posixpath.normpath(
        posixpath.join(posixpath.dirname(file.src_uri), path).lstrip("/")
    )
    target = files.get_file_from_path(target_uri)
    if target is None:
        if not posixpath.splitext(path)[-1]:
            log.log(
                config.validation.links.unrecognized_links,
                f"Doc file '{file.src_uri}' contains an unrecognized relative link '{url}', "
                "it was left as is.",
            )
        else:
            shown = f" '{target_uri}'" if target_uri != url.lstrip("/") else ""
            log.log(
                config.validation.links.not_found,
                f"Doc file '{file.src_uri}' contains a link '{url}', "
                f"but the target{shown} is not found among documentation files.",
            )
        return url
    if anchor:
        links.setdefault(target, {}).setdefault(anchor, url)
    return urlunsplit(("", "", target.url_relative_to(file), query, anchor))


class LinkedFile(File):
    """A report's download file, put into the site as a hard link to its copy in the docs.

    The docs tree is never written in place (fazhi replaces files, see `write.replace_files`), so
    the site's link keeps the bytes it was built with. Where no link can be made (another file
    system, no permission) the file is copied as mkdocs does."""

    def copy_file(self, dirty: bool = False) -> None:
        if self.abs_src_path is None or (dirty and not self.is_modified()):
            super().copy_file(dirty)
            return
        target = self.abs_dest_path
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            if os.path.lexists(target):
                os.unlink(target)
            os.link(self.abs_src_path, target)
        except OSError:
            super().copy_file(dirty)


def is_report_download(file: File) -> bool:
    """A file in a report's folder other than its page: several per report, never rendered."""
    return file.src_uri.startswith("reports/") and not file.src_uri.endswith(".md")


class FazhiPlugin(BasePlugin):  # type: ignore[type-arg]
    """Renders the pages fazhi generates with markdown-it-py; leaves every other page alone.
    Reports' download files are hard-linked into the site rather than copied."""

    def __init__(self) -> None:
        self._sources: dict[str, str] = {}

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        for file in [f for f in files if is_report_download(f)]:
            linked = LinkedFile(
                file.src_uri,
                config.docs_dir,
                config.site_dir,
                config.use_directory_urls,
                inclusion=file.inclusion,
            )
            files.remove(file)
            files.append(linked)
        return files

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """One build renders with templates that do not change meanwhile: Jinja need not check
        each template's modification time on every include (Material includes ~40 per page)."""
        env.auto_reload = False
        return env

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if page.meta.get(GENERATED_KEY) is not True:
            return markdown
        self._sources[page.file.src_uri] = markdown
        return ""

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        source = self._sources.pop(page.file.src_uri, None)
        if source is None:
            return html
        rendered = render(source, page.file, files, config)
        # page.markdown stays empty: mkdocs holds every page until the end of the build, and a
        # second copy of all generated sources was a third of its memory at 10,000 reports
        page.toc = get_toc(rendered.toc_tokens)
        page.present_anchor_ids = rendered.anchor_ids
        page.links_to_anchors = rendered.links_to_anchors
        return rendered.html
