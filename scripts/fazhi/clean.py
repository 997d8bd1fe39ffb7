"""Stage `clean`: messy report text → ordered Document blocks plus a cleaning log.

Steps, each logged: Markdown marks removed; characters normalised (normalise.py); traditional
script converted (before chrome, so that a traditional page's buttons, credits and rows are
recognised and its rows' values read in simplified script); page chrome removed and its metadata
rows parsed (chrome.py); the parts of the
official document recognised (structure.py: 版头, 标题, 主送, 署名, 成文日期, 附注, 版记) and the
body split into headings and paragraphs with hard wraps and page breaks rejoined (body.py).

Block representation (see model.Block): one block per part; run-in headings are `paragraph`
blocks with `lead` = the heading part and `level` = its heading level.
"""

from __future__ import annotations

import html
import re

from . import parts
from .body import body_blocks
from .chrome import is_label, is_page_label, strip_chrome
from .chrome_apps import inline_spam
from .model import Block, Document, LogEntry
from .normalise import convert_script, normalise_line
from .page_headers import drop_running_headers
from .structure import (
    Context,
    Lines,
    detect_wrap,
    drop_above_mark,
    drop_repeated_title,
    header_blocks,
    take_closing,
    take_contents,
    take_editor_note,
    take_header,
    take_title,
)
from .tables import running_text_span, table_lines
from .trailing import split_trailing

__all__ = ["clean_report", "heading_level"]

# `1\.开展…`: a page's escape that keeps a numbered paragraph from becoming a Markdown list
_ESCAPED_LIST_NUMBER = re.compile(r"^(\s*\d{1,3})\\([.)])")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
# Bold that marks a heading or a run-in lead: the whole line, or a lead at the start of the line.
# Bold in the middle of running text stays as written (it is text that looks like Markdown).
_MD_STRONG_LINE = re.compile(r"^(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
# Formatting tags left by copying from a web page (and by our own page); other tags, such as a
# literal `<script>` in the text, stay text.
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|strong|b|em|i|u|font|h[1-6]|section|article|center|td|th|tr|tbody|table"
    r"|li|ul|ol|summary|details)(?:\s[^<>]{0,200})?>",
    re.IGNORECASE,
)
_HTML_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|h[1-6]|li|tr|section|article)>", re.IGNORECASE)
# Only the space entities a web copy leaves; &lt; and friends are text and stay as written.
# `&amp;nbsp;`: a page that escaped its entities twice.
_SPACE_ENTITY = re.compile(r"&(?:amp;)?(?:nbsp|ensp|emsp|thinsp|#160|#12288|#x0*a0|#x3000);", re.IGNORECASE)
# Punctuation entities a web copy leaves (&ldquo;法治&rdquo;, &mdash;): the characters they stand for.
_ENTITY = re.compile(r"&(?:amp;)?((?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});)")
_LITERAL = frozenset("<>&\"'")


def _entity(match: re.Match[str]) -> str:
    char = html.unescape("&" + match.group(1))
    if len(char) != 1 or char in _LITERAL or char.isalnum() or not char.isprintable():
        return match.group(0)
    return char


def _untag(raw: str) -> str:
    """A line without formatting tags, space entities and punctuation entities."""
    return _ENTITY.sub(_entity, _SPACE_ENTITY.sub(" ", _HTML_TAG.sub("", raw)))


def heading_level(line: str) -> int:
    """The GB/T 9704 level of a numbered heading line (2..5), or 0 when it is not one."""
    marker = parts.parse_marker(line.strip())
    return marker.level if marker else 0


def _strip_markdown(number: int, raw: str, ctx: Context, open_bold: str) -> tuple[str, str]:
    """Markup removed from one line. `open_bold` is a bold mark opened on an earlier line of the
    same paragraph (a wrapped lead-in) whose closing mark this line may hold; returns the new
    text and the mark still open."""
    text = _untag(raw)
    if open_bold and open_bold in text:
        text = text.replace(open_bold, "", 1)
        open_bold = ""
    text = _ESCAPED_LIST_NUMBER.sub(r"\1\2", text)
    heading = _MD_HEADING.match(text)
    if heading:
        text = text[heading.end() :].rstrip().rstrip("#").rstrip()
        ctx.marked.add(number)
    stripped = text.strip()
    bold = _MD_STRONG_LINE.match(stripped)
    if bold:
        if bold.end() == len(stripped):
            ctx.marked.add(number)
        text = bold.group(2) + stripped[bold.end() :]
    elif stripped[:2] in ("**", "__") and len(stripped) > 2 and not stripped[2].isspace():
        open_bold, text = stripped[:2], stripped[2:]
    if text != raw:
        ctx.log.append(LogEntry("removed-markup", number, raw.strip(), text.strip()))
    return text, open_bold


def _tab_row(number: int, raw: str, ctx: Context, in_body: bool) -> str:
    """`名称<TAB>X<TAB>…` copied from a page's metadata table → a pipe row, so that its cells
    stay apart (normalising would drop the tabs between Chinese characters). Between the first and
    the last line of running text only a row led by a page-only label (发布时间) is; others
    (`名称	X	地址	Y`) are the report's own."""
    cells = [c.strip() for c in raw.split("\t")]
    if len(cells) < 2 or not is_label(cells[0]) or (in_body and not is_page_label(cells[0])):
        return raw
    row = "| " + " | ".join(c for c in cells if c) + " |"
    ctx.log.append(LogEntry("removed-markup", number, raw.strip(), row, note="tab-separated row"))
    return row


def _table_row(number: int, raw: str, cells: list[str], ctx: Context) -> str:
    """A table row: each cell normalised on its own, cells joined by tabs."""
    untagged = _untag(raw)
    if untagged != raw:
        ctx.log.append(LogEntry("removed-markup", number, raw.strip(), untagged.strip()))
    normalised = []
    for cell in cells:
        line, log = normalise_line(cell, number)
        ctx.log.extend(log)
        normalised.append(line.strip())
    row = "\t".join(normalised)
    ctx.log.append(LogEntry("table-row", number, untagged.strip(), row, note="cells kept apart"))
    ctx.tables.add(number)
    return row


def _prepare(text: str, ctx: Context) -> tuple[Lines, dict[int, str]]:
    """Lines with markup removed and characters normalised, plus the raw text of each line."""
    lines: Lines = []
    raw_lines: dict[int, str] = {}
    open_bold = ""
    source = text.splitlines()
    untagged = [_untag(raw) for raw in source]
    tables = table_lines(untagged)
    body = running_text_span(untagged)
    for number, raw in enumerate(source, start=1):
        if number - 1 in tables:
            lines.append((number, _table_row(number, raw, tables[number - 1], ctx)))
            raw_lines[number] = raw.strip()
            open_bold = ""
            continue
        breaks = _HTML_BREAK.findall(raw)
        if breaks:
            ctx.log.append(LogEntry("removed-markup", number, "".join(breaks), note="line break tags"))
        for piece in _HTML_BREAK.split(raw):
            piece = _tab_row(number, piece, ctx, number - 1 in body)
            open_bold = open_bold if piece.strip() else ""
            line, open_bold = _strip_markdown(number, piece, ctx, open_bold)
            line, log = normalise_line(line, number)
            ctx.log.extend(log)
            line, spam = inline_spam(line)
            ctx.log.extend(
                LogEntry("removed-navigation", number, piece, note="mirror promotion inside the text")
                for piece in spam
            )
            lines.append((number, line))
            raw_lines[number] = piece.strip()
    return lines, raw_lines


def clean_report(text: str) -> Document:
    """Clean one report text into a Document (blocks in document order, chrome rows, log)."""
    ctx = Context()
    lines, raw = _prepare(text, ctx)
    lines, script_log, whole_script = convert_script(lines)
    ctx.log.extend(script_log)
    lines, chrome, chrome_log = strip_chrome(lines)
    ctx.log.extend(chrome_log)
    ctx.page_breaks = {e.line for e in chrome_log if e.action == "removed-page-number"}
    lines = drop_running_headers(lines, ctx.page_breaks, ctx.log)
    ctx.wrap = detect_wrap([(n, "" if n in ctx.tables else t) for n, t in lines], raw)

    lines = drop_above_mark(lines, ctx)
    editor_note, index = take_editor_note(lines, 0)
    header, index = take_header(lines, index)
    title, index = take_title(lines, index, ctx)
    lines = lines[:index] + drop_repeated_title(lines[index:], title.text if title else None, ctx)
    more_header, index = take_header(lines, index)
    header += more_header
    contents, index = take_contents(lines, index)
    addressee, index = _take_addressee(lines, index)
    report_lines, trailing = split_trailing(lines[index:], ctx)
    closing, cut = take_closing(report_lines, ctx)
    body_lines = drop_repeated_title(report_lines[:cut], title.text if title else None, ctx)
    blocks = [
        *header,
        *([title] if title else []),
        *editor_note,
        *contents,
        *addressee,
        *body_blocks(body_lines, ctx),
        *closing,
        *(body_blocks(trailing, ctx) if trailing else []),
    ]
    ctx.log.sort(key=lambda e: e.line)
    return Document(blocks=blocks, chrome=chrome, log=ctx.log, script_converted=whole_script)


def _take_addressee(lines: Lines, start: int) -> tuple[list[Block], int]:
    for index in range(start, len(lines)):
        number, text = lines[index]
        if not text:
            continue
        if parts.addressee_shape(text) and not header_blocks(number, text):
            return [Block("addressee", text, line=number)], index + 1
        return [], start
    return [], start
