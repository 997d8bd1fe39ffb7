"""The site's hand-written pages (content/pages/*.md) as search documents."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import yaml

from .search import SearchDoc, Section

_BLOCK_TAGS = frozenset({"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dt", "dd"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class _Blocks(HTMLParser):
    """Text of each block element of rendered Markdown, with its heading level (0 for non-headings)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[int, str]] = []
        self._open: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()
            if self._open and self._open[-1] == tag:
                self._open.pop()

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        self._text = []
        if text:
            tag = self._open[-1] if self._open else "p"
            self.blocks.append((int(tag[1]) if tag in _HEADINGS else 0, text))


def split_front_matter(source: str) -> tuple[dict, str]:
    if source.startswith("---\n"):
        head, sep, body = source[4:].partition("\n---\n")
        if sep:
            return yaml.safe_load(head) or {}, body
    return {}, source


def page_doc(name: str, source: str) -> SearchDoc:
    """`name` is the file name under content/pages (about.md → URL about/)."""
    meta, body = split_front_matter(source)
    parser = _Blocks()
    parser.feed(markdown.markdown(body, extensions=["tables"]))
    parser.close()
    parser._flush()
    title = str(meta.get("title") or next((t for lvl, t in parser.blocks if lvl == 1), name))
    sections, heading, blocks = [], "", []
    for level, text in parser.blocks:
        if level and blocks:
            sections.append(Section(heading, tuple(blocks)))
            blocks = []
        if level:
            heading = text
        blocks.append(text)
    if blocks:
        sections.append(Section(heading, tuple(blocks)))
    stem = name.removesuffix(".md")
    url = "" if stem == "index" else f"{stem}/"
    return SearchDoc(url=url, title=title, place="", year=None, sections=tuple(sections), kind="page")
