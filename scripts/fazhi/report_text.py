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
    return escape_block(block.text)


def cleaned_markdown(report: Report) -> str:
    title = report.meta.title or report.doc.title
    parts = [f"# {escape_inline(title)}" if title else ""]
    parts += [_block(b) for b in report.doc.blocks]
    return "\n\n".join(p for p in parts if p) + "\n"
