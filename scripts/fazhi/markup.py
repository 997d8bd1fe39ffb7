"""Make report text render literally in Markdown and HTML, whatever characters it contains."""

from __future__ import annotations

import html
import re

# Characters that Python-Markdown (mkdocs) and CommonMark (markdown-it) both accept backslash-escaped.
_INLINE = re.compile(r"([\\`*_{}\[\]|])")
_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+(?=[.)]))")
_TRAILING_HASH = re.compile(r"#(?=\s*$)")

GENERATED_KEY = "fazhi_generated"
GENERATED = f"{GENERATED_KEY}: true"
"""Front-matter line of every page fazhi generates: the mkdocs plugin renders it with markdown-it."""


def escape_inline(text: str) -> str:
    """Escape one line of report text so Markdown shows it exactly as written."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    text = text.replace("!", "\\!").replace("(", "\\(") if "](" in text else text
    return text


def escape_block(text: str) -> str:
    """Escape a paragraph or heading: inline marks plus what starts a list, heading or quote."""
    escaped = escape_inline(text)
    match = _LINE_START.match(escaped)
    if match:
        lead, mark = match.group(1), match.group(2)
        if mark.isdigit():
            escaped = f"{lead}{mark}\\{escaped[match.end() :]}"
        else:
            escaped = f"{lead}\\{mark}{escaped[match.end() :]}"
    return _TRAILING_HASH.sub(r"\\#", escaped)


_HTML_SPECIAL = re.compile("[&<>\"']")


def html_text(text: str) -> str:
    """Text for use inside a raw HTML block of the page (most text has nothing to escape: one scan)."""
    return html.escape(text, quote=True) if _HTML_SPECIAL.search(text) else text


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell that Excel/WPS will not run as a formula: a leading = + - @ gets a `'` before it.

    Report text such as `=HYPERLINK(…)` would otherwise become a live formula in a downloaded CSV.
    """
    return "'" + cell if cell.startswith(_FORMULA_START) else cell
