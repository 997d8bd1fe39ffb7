"""Reports as they are published: readers for formats other than plain text.

Each reader turns the bytes of one file into report text for the same cleaning and extraction as a
.txt file, or raises a ReadError that says what to do. Registered in `read.FORMAT_READERS`.

Saved web pages (.html/.htm): the page's declared charset (or the plain-text trial order), the
article body chosen as the block with the most Chinese text, site chrome (scripts, navigation,
header, footer, forms) dropped, and the page's metadata rows (索引号, 发布机构, 成文日期 …) kept as
`label：value` lines before the body, where cleaning reads them as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .decode import Decoded, decode_encoding, sanitize
from .exceptions import ReadError

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_CODEC_NAMES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "utf8": "utf-8"}
_DROP = {"script", "style", "noscript", "iframe", "nav", "header", "footer", "form", "select",
         "button", "svg", "head", "template", "object"}  # fmt: skip
# Block elements end a line; table cells do not, so a metadata row `<td>索引号：</td><td>…</td>` stays one line.
_BLOCKS = {"p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
           "article", "ul", "ol", "dd", "dt", "blockquote", "center", "pre"}  # fmt: skip
_CONTAINERS = ("div", "article", "td", "section", "main")
_CJK = re.compile(r"[\u4e00-\u9fff]")
META_LABELS = ("索引号", "主题分类", "发布机构", "发文机关", "成文日期", "发布日期", "文号",
               "发文字号", "标题", "名称", "信息来源", "来源")  # fmt: skip
_LABEL = "(?:" + "|".join(META_LABELS) + ")"
_META_PAIR = re.compile(rf"({_LABEL})\s*[:：]\s*(\S.*?)(?=\s+{_LABEL}\s*[:：]|$)")
MIN_BODY_CHARS = 200


def page_encoding(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB, as a Python codec name."""
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    return _CODEC_NAMES.get(name, name)


def decode_page(data: bytes, file: str) -> Decoded:
    declared = page_encoding(data)
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode(declared), declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: fall back to the trial order
    return decode_encoding(data, file)


@dataclass
class _Node:
    tag: str
    attrs: str
    parts: list[str | _Node] = field(default_factory=list)

    def text(self) -> str:
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            else:
                inner = part.text()
                cell = " " if part.tag in ("td", "th") else ""
                out.append(f"\n{inner}\n" if part.tag in _BLOCKS else f"{cell}{inner}{cell}")
        return "".join(out)

    def walk(self):
        yield self
        for part in self.parts:
            if isinstance(part, _Node):
                yield from part.walk()


class _Tree(HTMLParser):
    """A forgiving tree of the page without its chrome (saved pages are rarely well-formed)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", "")
        self.stack = [self.root]
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP:
            self.dropping += 1
            return
        if self.dropping:
            return
        if tag == "br":
            self.stack[-1].parts.append("\n")
            return
        node = _Node(tag, " ".join(f"{k}={v}" for k, v in attrs if k in ("id", "class")))
        self.stack[-1].parts.append(node)
        if tag not in ("img", "input", "meta", "link", "hr"):
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping:
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.stack[-1].parts.append(data)


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def article_body(root: _Node) -> str | None:
    """The innermost container holding most of the page's Chinese text."""
    total = len(_CJK.findall(root.text()))
    best: tuple[int, _Node] | None = None
    for node in root.walk():
        if node.tag not in _CONTAINERS:
            continue
        count = len(_CJK.findall(node.text()))
        if count < MIN_BODY_CHARS or count < total * 0.5:
            continue
        if best is None or count <= best[0]:
            best = (count, node)
    return best[1].text() if best else None


def metadata_rows(root: _Node, body: str) -> list[str]:
    """`label：value` rows of the page's metadata table that are not part of the body."""
    rows: list[str] = []
    for line in _lines(root.text()):
        if line in body or not re.match(rf"\s*{_LABEL}\s*[:：]", line):
            continue
        for label, value in _META_PAIR.findall(line):
            row = f"{label}：{value}"
            if row not in rows:
                rows.append(row)
    return rows


def read_html(data: bytes, file: str) -> Decoded:
    """A saved web page → its metadata rows and article body as report text."""
    decoded = decode_page(data, file)
    tree = _Tree()
    tree.feed(decoded.text)
    tree.close()
    body = article_body(tree.root)
    if body is None:
        raise ReadError(
            file,
            f"is a web page with no article body (no block of at least {MIN_BODY_CHARS} Chinese characters)",
            hint="save the page of the report itself, or copy its text into a .txt file",
        )
    text = "\n".join([*metadata_rows(tree.root, body), *_lines(body)]) + "\n"
    cleaned, log = sanitize(text)
    return Decoded(cleaned, f"html ({decoded.encoding})", (*decoded.log, *log))
