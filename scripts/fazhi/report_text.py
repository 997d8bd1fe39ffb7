"""The cleaned report as a standalone Markdown text (the `<id>.md.txt` download): the document
only, without the site's navigation, metadata tables or anchors."""

from __future__ import annotations

from .markup import escape_block, escape_inline
from .model import Block, Report


def _block(block: Block) -> str:
    if block.kind == "heading":
        level = max(2, min(block.level, 6))
        return f"{'#' * level} {escape_inline(block.text)}"
    if block.kind == "title":
        return ""
    if block.lead:
        return f"**{escape_inline(block.lead)}**{escape_inline(block.text)}"
    if block.kind == "table":
        return _pipe_table(block.text)
    return escape_block(block.text)


def _pipe_table(text: str) -> str:
    rows = [row.split("\t") for row in text.split("\n")]
    width = max(len(row) for row in rows)
    lines = [
        "| " + " | ".join(escape_inline(c) for c in row + [""] * (width - len(row))) + " |"
        for row in rows
    ]
    lines.insert(1, "|" + " --- |" * width)
    return "\n".join(lines)


def cleaned_markdown(report: Report) -> str:
    title = report.meta.title or report.doc.title
    parts = [f"# {escape_inline(title)}" if title else ""]
    parts += [_block(b) for b in report.doc.blocks]
    return "\n\n".join(p for p in parts if p) + "\n"
