"""Stage `clean`: messy report text → ordered Document blocks plus a cleaning log."""

from __future__ import annotations

import re

from .model import Block, Document, LogEntry

_HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (2, re.compile(r"^[一二三四五六七八九十]+、")),
    (3, re.compile(r"^[（(][一二三四五六七八九十]+[）)]")),
    (4, re.compile(r"^\d{1,2}[、.．](?!\d)")),
    (5, re.compile(r"^[（(]\d{1,2}[）)]")),
)
_MARKDOWN_WRAP = re.compile(r"^#{1,6}\s*|^\*\*|\*\*$")


def heading_level(line: str) -> int:
    """The GB/T 9704 level of a numbered heading line (2..5), or 0 when it is not one."""
    for level, pattern in _HEADING_PATTERNS:
        if pattern.match(line):
            return level
    return 0


def clean_report(text: str) -> Document:
    """Split the text into blocks: a title when one leads the text, headings, paragraphs."""
    log: list[LogEntry] = []
    blocks: list[Block] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        stripped = _MARKDOWN_WRAP.sub("", line).strip()
        if stripped != line:
            log.append(LogEntry("removed-markup", number, line, stripped))
        if not blocks and "报告" in stripped and len(stripped) <= 60:
            blocks.append(Block("title", stripped, line=number))
            continue
        level = heading_level(stripped)
        if level and len(stripped) <= 40:
            blocks.append(Block("heading", stripped, level=level, line=number))
        else:
            blocks.append(Block("paragraph", stripped, line=number))
    return Document(blocks=blocks, log=log)
