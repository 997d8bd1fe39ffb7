"""The report's own title, on one line: cleaning's title block, else the opening lines, else the
page's 标题 row. A title names the document kind (报告, 总结 …) and is not a sentence."""

from __future__ import annotations

import re

from .meta_text import DATE, ORGAN_END, Row, is_only_date, row_value, simplified, squeeze
from .model import Block, Document, Provenance
from .parts import separated_title
from .regions import find_places

_KIND_END = re.compile(
    r"(?:报告|总结|情况|汇报|(?:总结|报告)[^，。]{0,20}(?:计划|打算|安排|思路))[）)]?$"
)
_TOPIC = re.compile(r"法治|依法行政|法制")
# the 文种 of the other documents a scrape collects (工作要点, 实施方案（2021—2025年）, 通知 …):
# trusted only on the first lines, where a document's own title stands
_OTHER_KIND_END = re.compile(
    r"(?:要点|方案|计划|安排|纲要|通知|通报|公示|公告|意见)(?:[（(][^（）()]{1,20}[）)])?$"
)
_OTHER_TOPIC = re.compile(r"法治|依法行政|法制|依法治")
_OTHER_TITLE_LINES = 2
_SENTENCE = re.compile(r"[。；;！？:：>＞|｜→]|如下|现将|根据|按照")
_TITLE_OPENING = re.compile(r"^(?:关于|20\d\d|二[〇○零]|[（(]?20)")
_OPENING_KINDS = ("title", "issuer_mark", "paragraph", "heading", "signature")
_MAX_TITLE = 80
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])")
_ROW_LABEL = re.compile(r"^标\s*题\s*[:：]\s*")


def _looks_like_title(text: str) -> bool:
    return (
        len(text) <= _MAX_TITLE
        and bool(_TOPIC.search(text))
        and bool(_KIND_END.search(text))
        and not _SENTENCE.search(text)
    )


def _looks_like_other_title(text: str) -> bool:
    return (
        len(text) <= _MAX_TITLE
        and bool(_OTHER_TOPIC.search(text))
        and bool(_OTHER_KIND_END.search(text))
        and not _SENTENCE.search(text)
    )


def _is_organ(text: str) -> bool:
    """An issuing organ or a bare place chain (和林格尔县城关镇) on a line before the title."""
    if len(text) > 40 or _SENTENCE.search(text):
        return False
    if ORGAN_END.search(text):
        return True
    mentions = find_places(text)
    return bool(mentions) and mentions[0].start == 0 and mentions[-1].end == len(text)


def title_from_opening(blocks: list[Block]) -> str | None:
    """A title in the first lines, joined when it was split (机关 / 关于…的报告, …建设 / 工作报告)."""
    lines = [simplified(squeeze(b.text)) for b in blocks[:10] if b.kind in _OPENING_KINDS]
    lines = [t for t in lines if t and not is_only_date(t)]
    for index, text in enumerate(lines):
        if _SENTENCE.search(text) or len(text) > _MAX_TITLE or _NUMBERED.match(text):
            continue
        candidate = text
        nxt = lines[index + 1] if index + 1 < len(lines) else ""
        joined = candidate + nxt
        if (
            nxt
            and len(nxt) <= 30
            and not _looks_like_title(candidate)
            and not _looks_like_title(nxt)
            and _looks_like_title(joined)
        ):
            candidate = joined
        if not _looks_like_title(candidate) and not (
            index < _OTHER_TITLE_LINES and _looks_like_other_title(candidate)
        ):
            continue
        prev = lines[index - 1] if index else ""
        if prev and _is_organ(prev) and _TITLE_OPENING.match(candidate):
            candidate = prev + candidate
        return candidate
    return None


_LEADING_GOVERNMENT = re.compile(r"^([\u4e00-\u9fff]{2,20}?人民政府)(?!关于|办公室)(.+)$")


_ORGAN_CONTINUES = re.compile(r"^(?:办事处|人民政府|政府|党|委员会|工作委员会)")
_NOT_TITLE_PART = re.compile(r"星期|今天是|\d{1,2}:\d{2}|[>＞|｜]")


def _without_banner(text: str) -> str:
    """上犹县人民政府营前镇2023年…报告: a site banner glued to a title that names another unit.
    鲤城区人民政府金龙街道办事处关于… is one organ and stays."""
    match = _LEADING_GOVERNMENT.match(text)
    if not match:
        return text
    rest = match.group(2)
    mentions = find_places(simplified(rest))
    if not mentions or mentions[0].start != 0 or not _looks_like_title(rest):
        return text
    chain_end = mentions[0].end
    for mention in mentions[1:]:
        if mention.start != chain_end:
            break
        chain_end = mention.end
    return text if _ORGAN_CONTINUES.match(rest[chain_end:]) else rest


_TRAILING_SEPARATOR = re.compile(r"(?:[｜|丨:：/／]|[-—–]{1,2})$")


def _furniture(part: str) -> bool:
    """A banner with today's date or a breadcrumb; an organ followed by a separator is not."""
    if ORGAN_END.search(_TRAILING_SEPARATOR.sub("", part)) and not _SENTENCE.search(part[:-1]):
        return False
    return bool(_NOT_TITLE_PART.search(part) or is_only_date(part) or DATE.search(part))


def _repair_joined(doc: Document, text: str) -> str:
    """Drop the parts cleaning joined into the title that are page furniture (a banner with
    today's date, a breadcrumb)."""
    for entry in doc.log:
        if entry.action != "joined-title" or squeeze(entry.after) != text:
            continue
        parts = [squeeze(p) for p in entry.before.split(" / ")]
        kept = [p for p in parts if not _furniture(p)]
        if kept and len(kept) < len(parts):
            return "".join(kept)
    return text


def _with_organ(doc: Document, title: Block) -> str:
    """Prefix the issuing organ when the title starts at 关于 or the year on the next line."""
    text = _without_banner(_repair_joined(doc, _ROW_LABEL.sub("", squeeze(title.text))))
    index = doc.blocks.index(title)
    prev = squeeze(doc.blocks[index - 1].text) if index else ""
    if prev and _is_organ(prev) and _TITLE_OPENING.match(text) and prev not in text:
        return prev + text
    return text


def title_from_joins(doc: Document) -> str | None:
    """A title that cleaning joined to the next line (no full stop after it): split it off again
    where the cleaning log says lines were joined."""
    firsts = [b for b in doc.blocks[:4] if b.kind in ("paragraph", "heading")]
    for entry in doc.log:
        if entry.action != "joined-lines" or "⏎" not in entry.before:
            continue
        left = entry.before.split("⏎")[0]
        for block in firsts:
            text = simplified(block.text)
            at = text.find(simplified(left))
            if 0 <= at < _MAX_TITLE:
                head = squeeze(text[: at + len(left)])
                if _looks_like_title(head):
                    return head
    return None


def without_separator(title: str) -> str:
    """定王台街道：2023年…报告 → 定王台街道2023年…报告; 【宜章县】关于… → 宜章县关于…: the
    separator is the web page's, the organ or place before it the title's — unless an organ
    stands before a title that names its own unit."""
    split = separated_title(title)
    if not split:
        return title
    head, rest = split
    if _TITLE_OPENING.match(rest) or _TOPIC.match(rest) or not ORGAN_END.search(head):
        return head + rest
    return rest  # ××县人民政府｜××县司法局2023年…: the site's organ before a title naming its own


def find_title(doc: Document, rows: list[Row]) -> tuple[str | None, Provenance | None, str]:
    """(title, provenance, reason when none)."""
    title, provenance, reason = _find_title(doc, rows)
    return (without_separator(title) if title else title), provenance, reason


def _find_title(doc: Document, rows: list[Row]) -> tuple[str | None, Provenance | None, str]:
    block = doc.first("title")
    if block is not None and squeeze(block.text):
        text = _with_organ(doc, block)
        if _TOPIC.search(text) or "报告" in text or not title_from_opening(doc.blocks):
            return text, "text", ""
    opening = title_from_opening(doc.blocks) or title_from_joins(doc)
    if opening:
        return opening, "text", ""
    from_row = row_value(rows, "标题")
    if from_row:
        return squeeze(from_row), "metadata-row", ""
    return None, None, "the text opens without a title and the page carries no 标题 row"
