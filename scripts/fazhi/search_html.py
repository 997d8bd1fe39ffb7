"""The searchable text of a built page: the blocks of its article, split into sections at its headings.

Only the page's `<article>` counts (not the header, navigation or footer). An element carrying
`data-search-exclude` (Material's convention) is left out with everything inside it: use it for text that is
about other pages, such as a list of related reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

_BLOCKS = frozenset(
    ["address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "br"]
)
_SKIPPED = frozenset({"script", "style", "template", "noscript", "svg"})
_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_ATTRS = r"""(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*"""
# A plain tag: an end tag without attributes, or a start tag with a name of letters and digits, attributes
# with quoted or simple values and `>` or `/>`. Groups: end tag name, start tag name, attributes, `/`.
_TAG = re.compile(rf"<(?:/([a-zA-Z][a-zA-Z0-9]*)\s*|([a-zA-Z][a-zA-Z0-9]*)({_ATTRS})\s*(/?))>")
# Elements whose content is left out, or which some Python versions' HTMLParser reads as text.
_NOT_PLAIN = _SKIPPED | {"textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"}
_LEAVE_OUT_HINT = re.compile(r"data-search-exclude|headerlink|&", re.IGNORECASE)


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[str, ...]


@dataclass(frozen=True)
class PageText:
    title: str
    sections: tuple[Section, ...]


class _ArticleParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[int, str]] = []  # (heading level or 0, text)
        self._text: list[str] = []
        self._level = 0
        self._skip: list[str] = []  # open tags of the excluded subtree, innermost last

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip:
            if tag not in _VOID:
                self._skip.append(tag)
            return
        names = {name for name, _ in attrs}
        classes = (dict(attrs).get("class") or "").split()
        if tag in _SKIPPED or "data-search-exclude" in names or "headerlink" in classes:
            if tag not in _VOID:
                self._skip.append(tag)
            return
        if tag in _BLOCKS:
            self._flush()
            self._level = _HEADINGS.get(tag, 0)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skip and tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag in self._skip:
                while self._skip and self._skip.pop() != tag:
                    pass
            return
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._text.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        self._text = []
        if text:
            self.blocks.append((self._level, text))
        self._level = 0


def article_html(page_html: str) -> str:
    start = page_html.find("<article")
    end = page_html.rfind("</article>")
    return page_html[start:end] if 0 <= start < end else ""


def parsed_blocks(article: str) -> list[tuple[int, str]]:
    """The blocks of `article` as (heading level or 0, text), read by HTMLParser."""
    parser = _ArticleParser()
    parser.feed(article)
    parser.close()
    parser._flush()
    return parser.blocks


def plain_blocks(article: str) -> list[tuple[int, str]] | None:
    """What `_ArticleParser` finds in `article`, read by splitting it at its tags (one regular expression)
    when it is made of plain lower-case tags and text only, and nothing in it is to be left out; else None
    (then HTMLParser reads it). Each run of text between two tags is unescaped on its own, as there.
    """
    parts = _TAG.split(article)
    if len(parts) // 5 != article.count("<"):
        return None
    names = set(parts[1::5] + parts[2::5])
    names.discard(None)
    if not all(map(str.islower, names)) or names & _NOT_PLAIN:
        return None
    if _LEAVE_OUT_HINT.search("".join(filter(None, parts[3::5]))):
        return None
    found: list[tuple[int, str]] = []
    level = 0
    pieces = [parts[0]]
    unescaping = "&" in article
    for end, start, empty, after in zip(
        parts[1::5], parts[2::5], parts[4::5], parts[5::5], strict=True
    ):
        name = end or start
        if name in _BLOCKS:
            if pieces:
                _append_block(found, level, pieces, unescaping)
                pieces = []
            level = 0 if end or empty else _HEADINGS.get(name, 0)
        if after:
            pieces.append(after)
    _append_block(found, level, pieces, unescaping)
    return found


def _append_block(
    found: list[tuple[int, str]], level: int, pieces: list[str], unescaping: bool
) -> None:
    text = " ".join("".join(map(unescape, pieces) if unescaping else pieces).split())
    if text:
        found.append((level, text))


def page_text(page_html: str) -> PageText:
    """Title (the first h1) and sections (split at h2–h6) of a built page's article."""
    article = article_html(page_html)
    found = plain_blocks(article)
    if found is None:
        found = parsed_blocks(article)
    title = next((text for level, text in found if level == 1), "")
    sections: list[Section] = []
    heading, blocks = "", []
    for level, text in found:
        if level >= 2:
            if blocks:
                sections.append(Section(heading, tuple(blocks)))
            heading, blocks = text, []
        blocks.append(text)
    if blocks:
        sections.append(Section(heading, tuple(blocks)))
    return PageText(title, tuple(sections))
