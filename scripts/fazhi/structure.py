"""Document structure: normalised lines → header, title, addressee, body blocks, closing, footer.

Run-in headings (`（一）强化组织领导。党政主要负责人……`) are represented as ONE block of kind
`paragraph` whose `lead` is the heading part (`（一）强化组织领导。`), `text` the rest and `level`
the heading level the marker has (3 here). A numbered line that is a whole heading is a `heading`
block. 一是/二是 enumerations are never headings.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from . import parts
from .model import Block, LogEntry

Lines = list[tuple[int, str]]


@dataclass
class Unit:
    """A body unit under construction: consecutive source lines that form one block."""

    line: int
    text: str
    marked: bool = False  # the source marked it as a heading (Markdown `#`, whole-line bold)
    kind: str = "paragraph"
    level: int = 0
    lead: str | None = None
    tail: str = ""  # its last source line (to tell a hard wrap from a paragraph end)
    tail_line: int = 0
    after_page_break: bool = False


@dataclass
class Wrap:
    """The hard-wrap width of the text, if it has one (lines of equal length ending mid-sentence).
    Widths are measured on the raw lines, before markup and spaces were removed."""

    chars: int = 0
    width: int = 0
    raw: dict[int, str] = field(default_factory=dict)

    def full(self, number: int) -> bool:
        """Whether source line `number` fills the wrap width (so its line break is a hard wrap)."""
        text = self.raw.get(number, "")
        if not self.chars or not text:
            return False
        wide = bool(self.width) and parts.display_width(text) >= self.width - 2
        return len(text) >= self.chars - 1 or wide


@dataclass
class Context:
    log: list[LogEntry] = field(default_factory=list)
    marked: set[int] = field(default_factory=set)
    wrap: Wrap = field(default_factory=Wrap)
    page_breaks: set[int] = field(default_factory=set)  # lines that held page numbers or headers
    tables: set[int] = field(default_factory=set)  # lines that are table rows (cells joined by tabs)
    opening_end: int = 0  # the first body line that ends a sentence: above it are header-like lines


def _nonblank(lines: Lines) -> list[int]:
    return [i for i, (_, t) in enumerate(lines) if t]


def take_header(lines: Lines, start: int) -> tuple[list[Block], int]:
    """版头 at the top: 发文机关标志, 发文字号, 签发人 in any order. Returns blocks and next index."""
    blocks: list[Block] = []
    index = start
    while index < len(lines):
        number, text = lines[index]
        if not text:
            index += 1
            continue
        found = header_blocks(number, text) or _organ_above_number(lines, index)
        if not found:
            break
        blocks += found
        index += 1
    return blocks, index


_EDITOR_NOTE = re.compile(r"^[【\[［]?(?:编者按|编者的话|按语|编按)[】\]］]?\s*[:：]?")
_CONTENTS = re.compile(r"^目\s*录$")
_CONTENTS_ENTRY = re.compile(r"(?:…{2,}|\.{4,}|·{4,}|-{4,}|—{3,})\s*\d{1,3}$")


def take_editor_note(lines: Lines, start: int) -> tuple[list[Block], int]:
    """编者按 / 按语 above the title: the publisher's note, kept as paragraphs before the report
    (up to the next blank line) so that the title below it is still read as the title."""
    first = next((i for i in range(start, len(lines)) if lines[i][1]), None)
    if first is None or not _EDITOR_NOTE.match(lines[first][1]):
        return [], start
    index = first
    blocks: list[Block] = []
    while index < len(lines) and lines[index][1]:
        number, text = lines[index]
        blocks.append(Block("paragraph", text, line=number))
        index += 1
    return blocks, index


def take_contents(lines: Lines, start: int) -> tuple[list[Block], int]:
    """目录 under the title: `目录` and its entries (ending in leaders and a page number, or
    repeated later as the report's headings), kept as paragraphs, so that they are not read as
    headings."""
    first = next((i for i in range(start, len(lines)) if lines[i][1]), None)
    if first is None or not _CONTENTS.match(lines[first][1]):
        return [], start
    blocks = [Block("paragraph", lines[first][1], line=lines[first][0])]
    index = first + 1
    while index < len(lines):
        number, text = lines[index]
        if text and not (_CONTENTS_ENTRY.search(text) or _repeated_below(lines, index)):
            break
        if text:
            blocks.append(Block("paragraph", text, line=number))
        index += 1
    return (blocks, index) if len(blocks) > 1 else ([], start)


def _repeated_below(lines: Lines, index: int) -> bool:
    """A numbered line that recurs further down (a contents entry copied without page numbers)."""
    text = lines[index][1]
    return parts.parse_marker(text) is not None and any(t == text for _, t in lines[index + 1 :])


def drop_above_mark(lines: Lines, ctx: Context) -> Lines:
    """The document starts at its 发文机关标志 (××文件) when its title follows the 版头: short
    lines above it, none a sentence, are the web page around the document (site banner, page
    title) and are removed and logged."""
    nonblank = _nonblank(lines)[:12]
    mark = next((i for i in nonblank if _is_mark(lines[i][1])), None)
    above = [lines[i] for i in nonblank if mark is not None and i < mark]
    if not above or mark is None:
        return lines
    _, after_header = take_header(lines, mark)
    if take_title(lines, after_header, Context())[0] is None:
        return lines
    if any(
        len(t) > 40 or _SENTENCE_END.search(t) or parts.parse_marker(t) or parts.addressee_shape(t)
        for _, t in above
    ):
        return lines
    gone = {number for number, _ in above}
    for number, text in above:
        ctx.log.append(LogEntry("removed-chrome", number, text, note="above the 发文机关标志"))
    return [(n, "" if n in gone else t) for n, t in lines]


_SENTENCE_END = re.compile(r"[。；！？]")


def _is_mark(text: str) -> bool:
    """××人民政府文件: an organ's name followed by 文件."""
    return bool(parts.ISSUER_MARK.match(text)) and all(
        parts.SIGNATURE.match(organ) for organ in text[:-2].split()
    )


def _organ_above_number(lines: Lines, index: int) -> list[Block]:
    """An organ's name alone right above a 发文字号 (宁国市人民政府 / 宁政〔2024〕3号) is the
    发文机关标志 written without 文件."""
    number, text = lines[index]
    following = next((t for _, t in lines[index + 1 :] if t), "")
    if parts.names_organ(text) and (
        parts.DOC_NUMBER.match(following) or parts.split_header_line(following)
    ):
        return [Block("issuer_mark", text, line=number)]
    return []


def header_blocks(number: int, text: str) -> list[Block]:
    pair = parts.split_header_line(text)
    if pair:
        return [
            Block("doc_number", parts.canonical_doc_number(pair[0][1]), line=number),
            Block("signer", pair[1][1], line=number),
        ]
    if parts.ISSUER_MARK.match(text):
        return [Block("issuer_mark", text, line=number)]
    if parts.DOC_NUMBER.match(text):
        return [Block("doc_number", parts.canonical_doc_number(text), line=number)]
    if parts.SIGNER.match(text):
        return [Block("signer", text, line=number)]
    return []


def take_title(lines: Lines, start: int, ctx: Context) -> tuple[Block | None, int]:
    """标题: up to four short lines (blank lines between allowed) ending in a 文种 word."""
    pieces: list[tuple[int, str]] = []
    index = _skip_organ_line_above_title(lines, start, ctx)
    while index < len(lines) and len(pieces) < 4:
        number, text = lines[index]
        if not text:
            index += 1
            continue
        if not parts.title_line_shape(text) and not parts.separated_title(text):
            break
        pieces.append((number, text))
        index += 1
        joined = "".join(p for _, p in pieces)
        complete = parts.TITLE_END.search(unquoted(text).rstrip("》")) and parts.TITLE_SUBJECT.search(joined)
        if complete or (number in ctx.marked and len(pieces) == 1):
            index = _take_year_suffix(lines, index, pieces)
            below = _title_below(lines, index, joined)
            if below:
                for number, text in pieces:
                    ctx.log.append(LogEntry("removed-chrome", number, text, note="page title above the title"))
                pieces, index = below
            return _title_block(pieces, ctx), index
    return None, start


def _skip_organ_line_above_title(lines: Lines, start: int, ctx: Context) -> int:
    """`××县人民政府：` alone above a complete title is the page's organ banner, not the 主送机关
    (which follows the title): it is removed and logged, and the title is read below it."""
    first = next((i for i in range(start, len(lines)) if lines[i][1]), None)
    if first is None:
        return start
    number, text = lines[first]
    organ = text[:-1].strip()
    if not (parts.addressee_shape(text) and parts.names_organ(organ)):
        return start
    if take_title(lines, first + 1, Context())[0] is None:
        return start
    ctx.log.append(LogEntry("removed-chrome", number, text, note="organ line above the title"))
    return first + 1


_YEAR = re.compile(r"\d{4}|[〇○零一二三四五六七八九]{4}")


def _title_below(lines: Lines, index: int, first: str) -> tuple[list[tuple[int, str]], int] | None:
    """A second complete title right under the first: the upper one is the web page's title bar
    (or the site's column name, 法治政府建设年度报告) and the lower one the document's. A lower
    title without a year does not replace an upper one that has it."""
    pieces: list[tuple[int, str]] = []
    while index < len(lines) and len(pieces) < 3:
        number, text = lines[index]
        index += 1
        if not text:
            continue
        if not parts.title_line_shape(text) or header_blocks(number, text):
            return None
        pieces.append((number, text))
        joined = "".join(p for _, p in pieces)
        if parts.TITLE_END.search(text) and parts.TITLE_SUBJECT.search(joined):
            return (pieces, index) if _YEAR.search(joined) or not _YEAR.search(first) else None
    return None


_YEAR_SUFFIX = re.compile(r"^[（(]\s*(?:\d{4}|[〇○零Ｏ一二三四五六七八九]{4})\s*年度?\s*[）)]$")


def _take_year_suffix(lines: Lines, index: int, pieces: list[tuple[int, str]]) -> int:
    """`××县法治政府建设年度报告` / `（2023年度）`: the year line under a title belongs to it."""
    following = next((i for i in range(index, len(lines)) if lines[i][1]), None)
    if following is not None and _YEAR_SUFFIX.match(lines[following][1]):
        pieces.append(lines[following])
        return following + 1
    return index


_PLACE_LINE = re.compile(r"^[\u4e00-\u9fff]{1,12}(?:省|自治区|市|州|盟|县|区|旗|镇|乡|苏木|街道)$")


# A line with a year or the report's topic is part of a split title, never a site banner.
_TITLE_WORDS = re.compile(r"\d{4}|[〇○零一二三四五六七八九]{4}|年度|法治|依法|法制|建设")
_TOPIC = re.compile(r"法治|依法|法制")
_TRAILING_SEPARATOR = re.compile(r"\s*(?:[｜|丨:：/／]|[-—–]{1,2})$")
# …报告_××市人民政府, …报告 - ××县人民政府门户网站: a browser's title bar, not a title line.
_SITE_WORDS = re.compile(r"网站|政府网|门户|_|\s[-—|｜]\s|[网網]$")


def _drop_banner(pieces: list[tuple[int, str]], ctx: Context) -> list[tuple[int, str]]:
    """Lines above a title that is complete without them and that name no organ (a site banner
    such as ××县人民政府门户网站) are not part of it: they are removed and logged."""
    for cut in range(1, len(pieces)):
        rest = "".join(p for _, p in pieces[cut:])
        head = pieces[:cut]
        if cut == 1 and _government_banner(head[0][1], rest):
            ctx.log.append(LogEntry("removed-chrome", head[0][0], head[0][1], note="site banner above the title"))
            return pieces[cut:]
        if any(
            parts.names_organ(_TRAILING_SEPARATOR.sub("", p))
            or p.endswith("关于")
            or _PLACE_LINE.match(p)
            or (_TITLE_WORDS.search(p) and not _SITE_WORDS.search(p))
            for _, p in head
        ) or not _TOPIC.search(rest):
            return pieces
        if parts.TITLE_END.search(rest) and parts.TITLE_SUBJECT.search(rest):
            for number, text in head:
                ctx.log.append(LogEntry("removed-chrome", number, text, note="line above the title"))
            return pieces[cut:]
    return pieces


_GOVERNMENT_LINE = re.compile(r"^([\u4e00-\u9fff]{2,20}?)(?:人民政府|政府)$")
_PLACE_THEN_YEAR = re.compile(
    r"^[\u4e00-\u9fff]{1,15}?(?:乡|镇|街道|苏木|县|区|市|旗)(?:\d{4}|[〇○零一二三四五六七八九]{4})"
)


def _government_banner(line: str, rest: str) -> bool:
    """××县人民政府 above a complete title that names its own unit (桐庐县司法局｜2023年…,
    邱集乡2021年度…) is the hosting site's banner. 鲤城区人民政府 / 金龙街道办事处关于… is one
    organ split over two lines and stays."""
    government = _GOVERNMENT_LINE.match(line)
    if not government or not (parts.TITLE_END.search(rest) and parts.TITLE_SUBJECT.search(rest)):
        return False
    place = government.group(1)
    repeats = rest.startswith(place) and not rest[len(place) :].startswith(("人民政府", "政府"))
    return repeats or bool(_PLACE_THEN_YEAR.match(rest))


# 权威发布｜××镇2023年…报告, 【法治政府】××镇…: a column label the article put before the title.
_COLUMN_LABEL = re.compile(
    r"^(?:[【\[［](?P<bracketed>[\u4e00-\u9fff]{2,8})[】\]］]|(?P<barred>[\u4e00-\u9fff]{2,8})\s*[｜|丨])\s*(?P<rest>\S.*)$"
)


_ORGAN_HEAD = re.compile(r"(?:人民政府|委员会|办事处|党工委|办公室|局|厅|委|办|所)$")


def _without_column_label(text: str, line: int, ctx: Context) -> str:
    """The title without a column label in front of it; an organ or place there (××县司法局｜…)
    is the title's and stays."""
    match = _COLUMN_LABEL.match(text)
    if not match:
        return text
    head = match.group("bracketed") or match.group("barred")
    rest = match.group("rest")
    if _ORGAN_HEAD.search(head) or _PLACE_LINE.match(head) or not _TOPIC.search(rest):
        return text
    if not (parts.TITLE_END.search(rest) and parts.TITLE_SUBJECT.search(rest)):
        return text
    label = text[: match.start("rest")].strip()
    ctx.log.append(LogEntry("removed-chrome", line, label, note="column label before the title"))
    return rest


def _title_block(pieces: list[tuple[int, str]], ctx: Context) -> Block:
    pieces = _drop_banner(pieces, ctx)
    text = pieces[0][1]
    for _, piece in pieces[1:]:
        joint = parts.ORG_LINE.match(piece) and not piece.startswith("关于")
        gap = " " if joint and re.search(rf"{parts.ORG_SUFFIX}$", text) else ""
        text += gap + piece
    if len(pieces) > 1:
        ctx.log.append(
            LogEntry("joined-title", pieces[0][0], " / ".join(p for _, p in pieces), text)
        )
    if unquoted(text) != text:
        ctx.log.append(LogEntry("removed-markup", pieces[0][0], text, unquoted(text), note="title in 《》"))
    return Block("title", _without_column_label(unquoted(text), pieces[0][0], ctx), line=pieces[0][0])


_FOOTNOTE = re.compile(r"^(?:注\s*[:：]|[①②③④⑤⑥⑦⑧⑨⑩]\S)")


def take_closing(lines: Lines, ctx: Context, footnotes: bool = True) -> tuple[list[Block], int]:
    """From the end: 印发, 抄送, 附注 (and footnotes right under the date: 注：①…), then 成文日期
    and 署名 lines. Returns blocks and the cut index."""
    indices = _nonblank(lines)
    found: list[Block] = []
    position = len(indices) - 1

    def current() -> tuple[int, str]:
        return lines[indices[position]]

    while position >= 0 and len(found) < 6:
        number, text = current()
        kind = _footer_kind(text) or ("note" if footnotes and _FOOTNOTE.match(text) else None)
        if not kind:
            break
        found.append(Block(kind, text, line=number))
        position -= 1
    tail: list[Block] = []
    if position >= 0:
        number, text = current()
        combined = parts.SIGNATURE_AND_DATE.match(text)
        if combined:
            tail = [
                Block("date", combined.group("date"), line=number),
                Block("signature", combined.group("sig"), line=number),
            ]
            position -= 1
        elif parts.DATE_LINE.match(text) or parts.MONTH_LINE.match(text) or (
            parts.NUMERIC_DATE_LINE.match(text)
            and position > 0
            and parts.names_organ(lines[indices[position - 1]][1])
        ):
            tail = [Block("date", text, line=number)]
            position -= 1
    while position >= 0 and len(tail) < 8:
        number, text = current()
        if not parts.names_organ(text) or parts.TITLE_END.search(text):
            break
        tail.append(Block("signature", text, line=number))
        position -= 1
    while position >= 0 and tail and parts.NOTE.match(current()[1]):
        found.append(Block("note", current()[1], line=current()[0]))
        position -= 1
    if footnotes and not tail and any(_FOOTNOTE.match(b.text) for b in found):
        return take_closing(lines, ctx, footnotes=False)  # no date above them: the body's own
    blocks = sorted(found + tail, key=lambda b: (b.line, b.kind != "signature"))
    cut = indices[position] + 1 if position >= 0 else 0
    return blocks, cut


def _footer_kind(text: str) -> str | None:
    if parts.CC.match(text):
        return "cc"
    if parts.PRINTED.search(text) and len(text) <= 60:
        return "printed"
    if parts.NOTE.match(text):
        return "note"
    return None


def detect_wrap(lines: Lines, raw: dict[int, str]) -> Wrap:
    """The hard-wrap width: the longest raw length shared by at least three lines that end
    mid-sentence and are followed by another line of the same paragraph. Numbered headings are
    no evidence (in a text whose paragraphs lack a final 。 they too "end mid-sentence"), nor is a
    line that is an organ's name alone (a joint title's or signature's lines, one organ a line) or
    a date;
    and a width that many lines overflow is no wrap width."""
    chars: list[int] = []
    widths: list[int] = []
    previous = ""
    for (number, text), (_, nxt) in itertools.pairwise(lines):
        standalone = _heading_line(text) and (
            not previous or parts.ends_sentence(previous) or parts.parse_marker(text) is not None
        )
        previous = text
        if (
            text
            and nxt
            and len(text) >= 8
            and not parts.ends_sentence(text)
            and not parts.parse_marker(nxt)
            and not standalone
            and not parts.SIGNATURE.match(text)
            and not parts.is_date_line(text)
        ):
            chars.append(len(raw.get(number, text)))
            widths.append(parts.display_width(raw.get(number, text)))
    wrap = Wrap(_shared_max(chars, 1), _shared_max(widths, 2), raw)
    if wrap.chars and _overflowing(lines, raw, wrap.chars) > 0.6:
        return Wrap(raw=raw)
    return wrap


def _overflowing(lines: Lines, raw: dict[int, str], chars: int) -> float:
    """The share of text lines that are clearly longer than the wrap width."""
    lengths = [len(raw.get(number, text)) for number, text in lines if len(text) >= 8]
    if not lengths:
        return 0.0
    return sum(n > chars + 3 for n in lengths) / len(lengths)


def _heading_line(text: str) -> bool:
    marker = parts.parse_marker(text)
    if marker:
        return parts.is_heading_shaped(marker.rest, text)
    return parts.unnumbered_heading_shape(text)


def _shared_max(values: list[int], tolerance: int) -> int:
    if len(values) < 3:
        return 0
    counts = Counter(values)
    for value in sorted(counts, reverse=True):
        near = sum(n for v, n in counts.items() if value - tolerance <= v <= value)
        if near >= 3 and near >= 0.3 * len(values):
            return value
    return 0


def unquoted(text: str) -> str:
    """A title written in 《》 (《××镇2023年法治政府建设年度报告》) without them."""
    if text.startswith("《") and text.endswith("》") and "《" not in text[1:-1] and "》" not in text[1:-1]:
        return text[1:-1]
    return text


def _title_tail(key: str, line: str) -> bool:
    """The title again without the place names in front (郫都区犀浦街道…报告 / 犀浦街道…报告)."""
    return (
        len(line) >= 10
        and key.endswith(line)
        and key != line
        and bool(parts.TITLE_END.search(line) and _YEAR.search(line) and _TOPIC.search(line))
    )


def drop_repeated_title(lines: Lines, title: str | None, ctx: Context) -> Lines:
    """A copy of the title (a page header, or the title printed again under the site's; on one
    line or split over up to four) is removed and logged."""
    if not title:
        return lines
    key = re.sub(r"\s", "", title)
    out = list(lines)
    indices = _nonblank(out)
    position = 0
    while position < len(indices):
        joined = ""
        for end in range(position, min(position + 4, len(indices))):
            joined += unquoted(re.sub(r"\s", "", out[indices[end]][1]))
            if not key.startswith(joined) or joined == key:
                break
        if joined == key or (end == position and _title_tail(key, joined)):
            for i in indices[position : end + 1]:
                ctx.log.append(LogEntry("removed-repeated-title", out[i][0], out[i][1]))
                ctx.page_breaks.add(out[i][0])
                out[i] = (out[i][0], "")
            position = end + 1
        else:
            position += 1
    return out
