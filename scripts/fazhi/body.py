"""正文: body lines → heading, paragraph and attachment blocks.

Lines are grouped into units. Inside a run of non-blank lines a break is kept before a numbered
line, after a heading, and after a line that ends a sentence without filling the wrap width; other
line breaks are hard wraps and are joined. Across a blank line, a paragraph that stops mid-sentence
continues in the next one (a page break). Each join is logged.
"""

from __future__ import annotations

import itertools
import re

from . import parts
from .model import Block, LogEntry
from .structure import Context, Lines, Unit

# How paragraphs (not heading continuations) usually begin: 一是…, 2023年，…, 我乡…
_PARAGRAPH_OPENER = re.compile(
    r"^(?:[一二三四五六七八九十]是|首先|其次|\d{4}年|今年|全年|近年来|我(?:乡|镇|县|区|市|街道|局|办)|为(?:了|进一步)|按照|根据)"
)


def body_blocks(lines: Lines, ctx: Context) -> list[Block]:
    ctx.opening_end = next((n for n, t in lines if t and parts.ends_sentence(t)), 0)
    units = _units(lines, ctx)
    units = _join_page_breaks(units, ctx)
    numbered = sum(1 for u in units if parts.parse_marker(u.text))
    standalone = sum(
        1
        for prev, unit in itertools.pairwise(units)
        if len(unit.text) <= 15
        and parts.unnumbered_heading_shape(unit.text)
        and parts.ends_sentence(prev.text)
    )
    _classify(units, max(numbered, standalone), ctx.opening_end)
    _shift_below_parts(units)
    _level_unnumbered(units)
    return [
        Block(u.kind, _padded(u.text) if u.kind == "table" else u.text, level=u.level, line=u.line, lead=u.lead)  # type: ignore[arg-type]
        for u in units
    ]


def _padded(table: str) -> str:
    """Every row of a table with as many cells as its widest row (empty cells at the end)."""
    rows = [row.split("\t") for row in table.split("\n")]
    width = max(len(row) for row in rows)
    return "\n".join("\t".join(row + [""] * (width - len(row))) for row in rows)


def _units(lines: Lines, ctx: Context) -> list[Unit]:
    units: list[Unit] = []
    current: Unit | None = None
    page_break = False
    for number, text in lines:
        if not text:
            if current and current.kind != "table":
                units.append(current)
                current = None
            page_break = page_break or number in ctx.page_breaks
            continue
        if number in ctx.tables or (current is not None and current.kind == "table"):
            current = _table_unit(units, current, number, text, ctx)
            page_break = False
        elif current is None or _breaks_after(current, number, text, ctx):
            if current:
                units.append(current)
            current = Unit(number, text, marked=number in ctx.marked, after_page_break=page_break)
            page_break = False
        else:
            ctx.log.append(_join_entry("joined-lines", number, current.text, text))
            current.text += _glue(current.text, text)
        current.tail, current.tail_line = text, number
    if current:
        units.append(current)
    return units


def _table_unit(units: list[Unit], current: Unit | None, number: int, text: str, ctx: Context) -> Unit:
    """Consecutive table rows (one blank line between them allowed) form one table unit; any other
    line ends it."""
    if number in ctx.tables and current is not None and current.kind == "table":
        current.text += "\n" + text
        return current
    if current:
        units.append(current)
    kind = "table" if number in ctx.tables else "paragraph"
    return Unit(number, text, marked=number in ctx.marked, kind=kind)


def _breaks_after(unit: Unit, number: int, nxt: str, ctx: Context) -> bool:
    """Whether the line break between `unit` (so far) and line `number` (`nxt`) is a real one."""
    if unit.marked or ctx.marked.intersection({unit.line, unit.tail_line, number}):
        return True
    last_line = unit.tail
    if parts.is_date_line(last_line) or parts.is_date_line(nxt):
        return True
    if number <= ctx.opening_end and not ctx.wrap.chars and _header_like(last_line):
        return True  # an unwrapped text's header lines (an unrecognised title, 主送) stay apart
    if parts.ATTACHMENT.match(last_line) and parts.names_organ(nxt):
        return True  # 附件：… then the signature
    full = ctx.wrap.full(unit.tail_line)
    if unit.text == last_line and heading_tail(last_line, nxt):
        return False
    if parts.parse_marker(nxt) or parts.ATTACHMENT.match(nxt):
        return not (full and not parts.ends_sentence(last_line))
    marker = parts.parse_marker(unit.text)
    if marker and parts.is_heading_shaped(marker.rest, unit.text) and not full:
        return True
    if unit.text == last_line and parts.unnumbered_heading_shape(last_line) and not full:
        return True
    if parts.ends_sentence(last_line) and parts.unnumbered_heading_shape(nxt):
        return not ctx.wrap.full(number)
    return parts.ends_sentence(last_line) and not full


_CLAUSE_PUNCT = re.compile(r"[，、。；！？,;!?]")
# The words a section heading ends with (…的主要举措和成效, …第一责任人职责情况, …法治化水平).
_HEADING_END = re.compile(
    r"(?:成效|成绩|情况|举措|措施|安排|打算|计划|思路|不足|问题|原因|水平|建设|工作|职责|任务|目标|做法|经验|亮点|要求)$"
)
_ANY_PUNCT = re.compile(r"[，、。；：！？,;:!?]")


def heading_tail(head: str, nxt: str) -> bool:
    """`nxt` is the rest of a long numbered heading that a PDF or a converter broke over two lines
    (二、党政主要负责人履行推进法治建设第一责任人 / 职责情况): a few words with no punctuation that end
    as headings end, under a heading line long enough to have been broken."""
    marker = parts.parse_marker(head)
    return bool(
        marker
        and len(head) >= 16
        and parts.is_heading_shaped(marker.rest, head)
        and not parts.ends_sentence(head)
        and len(nxt) <= 12
        and not _ANY_PUNCT.search(nxt)
        and parts.parse_marker(nxt) is None
        and not parts.is_date_line(nxt)
        and not _PARAGRAPH_OPENER.match(nxt)
        and _HEADING_END.search(nxt)
    )


def _header_like(line: str) -> bool:
    """A line with no clause inside it (title, organ, page row): not a piece of a sentence."""
    return len(line) <= 60 and not _CLAUSE_PUNCT.search(line)


def _glue(left: str, right: str) -> str:
    """Hard wraps inside Chinese text join without a space; Latin words keep one."""
    if left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalpha():
        return " " + right
    return right


def _join_entry(action: str, number: int, left: str, right: str) -> LogEntry:
    return LogEntry(
        action, number, f"{left[-12:]}⏎{right[:12]}", note="line break inside a sentence"
    )


def _is_heading_like(unit: Unit) -> bool:
    marker = parts.parse_marker(unit.text)
    if marker:
        return parts.is_heading_shaped(marker.rest, unit.text)
    return unit.marked


def _continues(prev: Unit, unit: Unit, ctx: Context) -> bool:
    """Whether `unit` continues `prev` across a blank line: `prev` stops mid-sentence, or a page
    break fell right after a line that fills the wrap width."""
    if (
        prev.marked
        or unit.marked
        or "table" in (prev.kind, unit.kind)
        or parts.ATTACHMENT.match(unit.text)
        or (parts.ATTACHMENT.match(prev.text) and parts.names_organ(unit.text))
        or parts.parse_marker(unit.text)
        or parts.is_date_line(prev.text)
        or parts.is_date_line(unit.text)
    ):
        return False
    if unit.line <= ctx.opening_end and not ctx.wrap.chars and _header_like(prev.text):
        return False  # header lines of an unwrapped text, as in _breaks_after
    if prev.text == prev.tail and unit.text == unit.tail and heading_tail(prev.text, unit.text):
        return True
    if unit.after_page_break and ctx.wrap.full(prev.tail_line):
        if parts.ends_sentence(prev.text) and _starts_with_heading(unit, ctx):
            return False
        return not (_is_heading_like(prev) and _PARAGRAPH_OPENER.match(unit.text))
    return not (
        parts.ends_sentence(prev.text)
        or _is_heading_like(prev)
        or parts.unnumbered_heading_shape(prev.text)
    )


def _starts_with_heading(unit: Unit, ctx: Context) -> bool:
    return parts.unnumbered_heading_shape(unit.text) and not ctx.wrap.full(unit.line)


def _join_page_breaks(units: list[Unit], ctx: Context) -> list[Unit]:
    out: list[Unit] = []
    for unit in units:
        prev = out[-1] if out else None
        if prev is not None and _continues(prev, unit, ctx):
            ctx.log.append(_join_entry("joined-page-break", unit.line, prev.text, unit.text))
            prev.text += _glue(prev.text, unit.text)
            prev.tail, prev.tail_line = unit.tail, unit.tail_line
            continue
        out.append(unit)
    return out


def _classify(units: list[Unit], numbered: int, opening_end: int = 0) -> None:
    previous: Unit | None = None
    for unit in units:
        if unit.kind == "table":
            previous = unit
            continue
        marker = parts.parse_marker(unit.text)
        if marker and previous is not None and previous.kind == "attachment" and marker.level == 4:
            unit.kind = "attachment"
        elif marker:
            _classify_numbered(unit, marker)
        elif parts.ATTACHMENT.match(unit.text):
            unit.kind = "attachment"
        # above the first sentence, an unmarked short line is the page's, not a section heading
        elif (unit.marked or unit.line > opening_end) and _unnumbered_heading(unit, previous, numbered):
            unit.kind = "heading"
        previous = unit


def _classify_numbered(unit: Unit, marker: parts.Marker) -> None:
    text = marker.canonical + marker.rest
    if parts.is_heading_shaped(marker.rest, text):
        unit.kind, unit.level, unit.text = "heading", marker.level, text
        return
    split = parts.run_in_split(marker)
    if split:
        unit.kind, unit.level, unit.lead, unit.text = "paragraph", marker.level, split[0], split[1]
    else:
        unit.text = text


def _unnumbered_heading(unit: Unit, previous: Unit | None, numbered: int) -> bool:
    """A short line with no punctuation between a finished sentence and the next paragraph is a
    heading when the document shows a heading pattern: two numbered headings, or two such lines."""
    if not parts.unnumbered_heading_shape(unit.text) and not (unit.marked and len(unit.text) <= 60):
        return False
    if parts.SIGNATURE.match(unit.text) and not unit.marked:
        return False
    after_break = (
        previous is None
        or previous.kind in ("heading", "table")
        or parts.ends_sentence(previous.text)
    )
    return after_break and (unit.marked or numbered >= 2)


def _shift_below_parts(units: list[Unit]) -> None:
    """第一部分 headings (level 1) sit above 一、: every numbered level moves down one."""
    if not any(u.level == 1 for u in units):
        return
    for unit in units:
        if unit.level:
            unit.level = min(unit.level + 1, 6)


def _level_unnumbered(units: list[Unit]) -> None:
    """An unnumbered heading sits one level above the numbered heading that follows it, or at
    level 2 when the document has level-2 headings or nothing numbered follows."""
    has_top = any(u.level == 2 for u in units)
    for index, unit in enumerate(units):
        if unit.kind != "heading" or unit.level:
            continue
        following = next((u.level for u in units[index + 1 :] if u.level), 0)
        unit.level = 2 if has_top or not following else max(2, following - 1)
