"""Running headers of a PDF copy: the line printed at the top of every page after the first (the
organ's name, its 发文机关标志, or the title, often shortened), read right after the previous
page's number. A heading never sits there in that shape: it has a number, or it is not an organ
name, an ××文件 line or a title; a line the text has nowhere else stays.
"""

from __future__ import annotations

import re
from collections import Counter

from . import parts
from .model import LogEntry

Lines = list[tuple[int, str]]

_TITLE_LIKE = re.compile(r"(?:报告|总结)$")
_TOPIC = re.compile(r"法治|依法|法制")
_SENTENCE = re.compile(r"[。，；：！？、,;:!?]")
_RUNNING_TEXT = re.compile(r"[。；！？，]")


def _header_shape(text: str) -> bool:
    return 4 <= len(text) <= 40 and not _SENTENCE.search(text) and parts.parse_marker(text) is None


def _next_filled(lines: Lines, index: int) -> int | None:
    return next((i for i in range(index + 1, len(lines)) if lines[i][1]), None)


def _is_running_header(lines: Lines, index: int, counts: Counter[str], tops: Counter[str]) -> bool:
    text = lines[index][1]
    if not _header_shape(text):
        return False
    if parts.ISSUER_MARK.match(text) or (_TITLE_LIKE.search(text) and _TOPIC.search(text)):
        return True
    following = _next_filled(lines, index)
    if following is None or parts.is_date_line(lines[following][1]):
        return False  # the signature alone on the last page
    if tops[text] >= 2:
        return True  # the same line at the top of two pages or more (吴江区震泽镇)
    return counts[text] >= 2 and parts.names_organ(text)


def drop_running_headers(lines: Lines, page_breaks: set[int], log: list[LogEntry]) -> Lines:
    """Remove the line right after each page number inside the text when it is a running header:
    an ××文件 line, a title-like line, a line at the top of two pages or more, or an organ name the
    text repeats elsewhere (the signature) that is not followed by the 成文日期 (then it is the
    signature on the last page)."""
    first = next((i for i, (_, t) in enumerate(lines) if _RUNNING_TEXT.search(t)), None)
    if first is None:
        return lines
    counts = Counter(text for _, text in lines)
    tops: list[int] = []
    for index, (number, _) in enumerate(lines):
        candidate = _next_filled(lines, index) if number in page_breaks and index >= first else None
        if candidate is not None and candidate not in tops:
            tops.append(candidate)  # page numbers in a row head one page
    top_texts = Counter(lines[i][1] for i in tops)
    out = list(lines)
    for candidate in tops:
        if not _is_running_header(lines, candidate, counts, top_texts):
            continue
        header_number, text = lines[candidate]
        log.append(LogEntry("removed-page-header", header_number, text, note="running header of a PDF page"))
        page_breaks.add(header_number)
        out[candidate] = (header_number, "")
    return out
