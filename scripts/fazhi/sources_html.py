"""A saved government web page (.html) → the article as report text, its metadata table as rows.

The article body is found by a small heuristic over the lxml tree (readability's idea, kept short):
every block of running text scores its length for its parent and half for its grandparent; link
text counts against; the best-scoring container is the article. Government pages (TRS, 政务公开
templates) hold the article in one such container, with navigation, breadcrumbs, the metadata table
(索引号 / 发布机构 / 成文日期 …) and the footer around it.

The page's metadata rows are given back as `label：value` lines before the article, the shape the
cleaner's chrome parser (chrome.py) already reads as evidence and removes from the page. The page
title (the heading nearest above the article, else <title>) comes first, as in a copied text.
Everything else outside the article is logged as removed, so nothing is lost silently.

Why not trafilatura or readability-lxml: on the test pages (tests/sources_make.py) both dropped
the title (14 of 15 report parts), trafilatura kept the TRS page's metadata table and navigation in
the text, and both returned fragments of a list page instead of saying there is no article; this
heuristic keeps all 15 parts and refuses the list page. It also needs nothing besides lxml.
"""

from __future__ import annotations

import re
from collections import defaultdict

import lxml.html
from lxml import etree

from .chrome import strip_chrome
from .decode import Decoded, decode_text
from .exceptions import ReadError
from .model import LogEntry

_DROP = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "select",
         "button", "input", "textarea", "form")  # fmt: skip
_BLOCK = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "table", "tr", "td", "th", "tbody", "thead", "blockquote", "pre", "center", "dl", "dt", "dd",
    "header", "footer", "nav", "aside", "address", "figure", "figcaption", "hr", "br",
}  # fmt: skip
_CONTAINERS = ("div", "article", "section", "td", "main", "body", "center")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_CODEC_NAMES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "utf8": "utf-8",
}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_TITLE_SPLIT = re.compile(r"\s*(?:[_|｜]|\s-\s|—{1,2})\s*")
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
# Rows of the site's footer, not of the document: left out of the evidence.
SITE_LABELS = {
    "主办单位",
    "主办",
    "承办单位",
    "承办",
    "协办单位",
    "技术支持",
    "网站标识码",
    "版权所有",
}
MIN_ARTICLE_CHARS = 150
NO_BODY_HINT = "save the page that shows the report itself (not a list or search page), or copy its text into a .txt file"


def read_html(data: bytes, file: str) -> Decoded:
    """Bytes of a saved web page → Decoded text: title, metadata rows, then the article."""
    text, encoding = decode_page(data, file)
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text))
    except (etree.ParserError, ValueError) as err:
        raise ReadError(file, f"is not a readable web page ({err})", hint=NO_BODY_HINT) from err
    for element in list(root.iter(*_DROP)):
        element.drop_tree()
    article = find_article(root)
    if article is None:
        raise ReadError(
            file,
            "is a web page with no article body (no block of running text found)",
            hint=NO_BODY_HINT,
        )
    body = block_lines(article)
    outside = _outside_lines(root, article)
    title = choose_title(root, article, body)
    rows = metadata_rows(outside)
    in_body = title and any(_squeezed(line) == _squeezed(title) for line in body[:3])
    lines = ([f"# {title}", ""] if title and not in_body else []) + rows + [""] + body
    log = tuple(
        LogEntry("removed-chrome", 0, line, note="web page outside the article")
        for line in outside
        if not title or _squeezed(line) != _squeezed(title)
    )
    return Decoded("\n".join(_blank_separated(lines)) + "\n", f"html/{encoding}", log)


def decode_page(data: bytes, file: str) -> tuple[str, str]:
    """The page's declared charset (<meta charset> or http-equiv), else the text decoder's guess."""
    name = page_encoding(data)
    if name and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common on old sites: fall back to detection
    decoded = decode_text(data, file)
    return decoded.text, decoded.encoding


def page_encoding(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB, as a Python codec name (GB2312/GBK → GB18030,
    their superset, since pages declared GB2312 often hold GBK characters)."""
    declared = _CHARSET.search(data[:4096])
    if not declared:
        return None
    name = declared.group(1).decode("ascii").lower()
    return _CODEC_NAMES.get(name, name)


def find_article(root: etree._Element) -> etree._Element | None:
    """The container with the most running text (see module docstring); None when there is none."""
    scores: dict[etree._Element, float] = defaultdict(float)
    for element in root.iter("p", "div", "td", "section", "article", "li", "span", "font"):
        own = _own_text(element)
        if len(own) < 20 or _is_link_heavy(element):
            continue
        weight = len(own) + 10 * own.count("，") + 10 * own.count("。")
        parent = element.getparent()
        if element.tag in _CONTAINERS and len(own) > 200:
            scores[element] += weight
        if parent is not None:
            scores[parent] += weight
            grand = parent.getparent()
            if grand is not None:
                scores[grand] += weight / 2
    candidates = [(score * (1 - _link_density(e)), e) for e, score in scores.items()]
    if not candidates:
        return None
    best = max(candidates, key=lambda pair: pair[0])[1]
    if len(_SPACE.sub("", best.text_content())) < MIN_ARTICLE_CHARS:
        return None
    return best


def _own_text(element: etree._Element) -> str:
    """Text directly in the element and its inline children (not in nested blocks)."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _BLOCK:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return _SPACE.sub("", "".join(parts))


def _link_density(element: etree._Element) -> float:
    total = len(_SPACE.sub("", element.text_content())) or 1
    linked = sum(len(_SPACE.sub("", a.text_content())) for a in element.iter("a"))
    return min(linked / total, 1.0)


def _is_link_heavy(element: etree._Element) -> bool:
    return _link_density(element) > 0.5


def block_lines(element: etree._Element) -> list[str]:
    """The element's text, one line per block; headings as `#` lines, table rows as `| … |`."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _SPACE.sub(" ", "".join(current)).strip(" ")
        if line.strip("\u3000 \xa0"):
            lines.append(line)
        current.clear()

    def walk(node: etree._Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "tr" and _is_data_row(node):
            flush()
            cells = [
                _SPACE.sub(" ", c.text_content()).strip() for c in node if c.tag in ("td", "th")
            ]
            if any(cells):
                lines.append("| " + " | ".join(cells) + " |")
            return
        if tag in _BLOCK:
            flush()
        if tag and node.text:
            current.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if tag in _BLOCK:
            if re.fullmatch(r"h[1-6]", tag) and "".join(current).strip():
                current.insert(0, "#" * int(tag[1]) + " ")
            flush()

    walk(element)
    flush()
    return lines


def _is_data_row(row: etree._Element) -> bool:
    """A row of a data table (two or more cells of text), not a layout row holding blocks."""
    cells = [c for c in row if c.tag in ("td", "th")]
    blocks = ("p", "div", "table", "h1", "h2", "h3", "ul", "section")
    return len(cells) >= 2 and not any(c.find(f".//{b}") is not None for c in cells for b in blocks)


def _outside_lines(root: etree._Element, article: etree._Element) -> list[str]:
    """Lines of the page outside the article (navigation, metadata table, footer)."""
    parent = article.getparent()
    if parent is None:
        return []
    index = parent.index(article)
    tail = article.tail
    parent.remove(article)
    try:
        body = root.find("body")
        return block_lines(body if body is not None else root)
    finally:
        parent.insert(index, article)
        article.tail = tail


def metadata_rows(lines: list[str]) -> list[str]:
    """The page's metadata rows (索引号, 发布机构, 成文日期 …) as `label：value` lines."""
    _, rows, _ = strip_chrome(list(enumerate(lines, start=1)))
    return [
        f"{row.label}：{row.value}" for row in rows if row.value and row.label not in SITE_LABELS
    ]


def choose_title(root: etree._Element, article: etree._Element, body: list[str]) -> str | None:
    """The article's title: the page's ArticleTitle meta; else the last heading above the article
    that agrees with <title> (a sidebar heading does not); else the last heading; else <title>."""
    meta = root.find(".//meta[@name='ArticleTitle']")
    if meta is not None and meta.get("content", "").strip():
        return _SPACE.sub(" ", meta.get("content")).strip()
    headings = _headings_above(root, article)
    page = _page_title(root)
    if not headings and _starts_with_heading(body):
        return None  # the article carries its own title; <title> is often only the section's name
    if page:
        agreeing = [
            h
            for h in headings
            if _squeezed(h) in _squeezed(page) or _squeezed(page) in _squeezed(h)
        ]
        if agreeing:
            return agreeing[-1]
    return headings[-1] if headings else page


def _starts_with_heading(body: list[str]) -> bool:
    """The article's first line reads as a title: short, no sentence punctuation, not a row."""
    first = body[0].lstrip("# ").strip() if body else ""
    return 0 < len(first) <= 60 and not re.search(r"[。；;：:，,|]", first)


def _headings_above(root: etree._Element, article: etree._Element) -> list[str]:
    """Heading-like lines before the article: h1-h3 and elements classed as a title, not links."""
    found: list[str] = []
    for element in root.iter():
        if element is article:
            break
        if not isinstance(element.tag, str):
            continue
        classes = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if element.tag in ("h1", "h2", "h3") or re.search(r"\b(?:title|bt|tit)\b", classes):
            text = _SPACE.sub(" ", element.text_content()).strip()
            if 6 <= len(text) <= 120 and element.find(".//a") is None:
                found.append(text)
    return found


def _page_title(root: etree._Element) -> str | None:
    title = root.find(".//title")
    if title is None or not title.text_content().strip():
        return None
    return _TITLE_SPLIT.split(title.text_content().strip())[0] or None


def _squeezed(text: str) -> str:
    return re.sub(r"[\s#]+", "", text)


def _blank_separated(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line == "" and (not out or out[-1] == ""):
            continue
        out.extend([line, ""] if line else [""])
    while out and out[-1] == "":
        out.pop()
    return _join_tables(out)


def _join_tables(lines: list[str]) -> list[str]:
    """Consecutive table rows stay on consecutive lines (one table, not one table per row)."""
    out: list[str] = []
    for index, line in enumerate(lines):
        between_rows = 0 < index < len(lines) - 1 and lines[index - 1].startswith("|")
        if line == "" and between_rows and lines[index + 1].startswith("|"):
            continue
        out.append(line)
    return out
