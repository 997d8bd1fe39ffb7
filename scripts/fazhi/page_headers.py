"""Running headers of a PDF copy: the line printed at the top of every page after the first (the
organ's name, its 发文机关标志, or the title, often shortened), read right after the previous
page's number. A heading never sits there in that shape: it has a number, or it is not an organ
name, an ××文件 line or a title; a line the text has nowhere else stays.
"""

from __future__ import annotations

import re

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


def _is_running_header(lines: Lines, index: int, counts: dict[str, int]) -> bool:
    text = lines[index][1]
    if not _header_shape(text):
        return False
    if parts.ISSUER_MARK.match(text) or (_TITLE_LIKE.search(text) and _TOPIC.search(text)):
        return True
    if counts.get(text, 0) < 2 or not parts.names_organ(text):
        return False
    following = _next_filled(lines, index)
    return following is not None and not parts.is_date_line(lines[following][1])


def drop_running_headers(lines: Lines, page_breaks: set[int], log: list[LogEntry]) -> Lines:
    """Remove the line right after each page number inside the text when it is a running header:
    an ××文件 line, a title-like line, or an organ name the text repeats elsewhere (the signature)
    that is not followed by the 成文日期 (then it is the signature on the last page)."""
    first = next((i for i, (_, t) in enumerate(lines) if _RUNNING_TEXT.search(t)), None)
    if first is None:
        return lines
    counts: dict[str, int] = {}
    for _, text in lines:
        counts[text] = counts.get(text, 0) + 1
    out = list(lines)
    for index, (number, _) in enumerate(lines):
        if number not in page_breaks or index < first:
            continue
        candidate = _next_filled(lines, index)
        if candidate is None or not _is_running_header(lines, candidate, counts):
            continue
        header_number, text = lines[candidate]
        log.append(LogEntry("removed-page-header", header_number, text, note="running header of a PDF page"))
        page_breaks.add(header_number)
        out[candidate] = (header_number, "")
    return out
