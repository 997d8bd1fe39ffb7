"""Table rows pasted as text: cells separated by tabs, by runs of spaces, or by Markdown pipes.

Normalising such a line would drop the separators between Chinese cells (`项目	2022年` →
`项目2022年`) and the hard-wrap rule would glue the rows into one paragraph. A line is a row only
inside a run of rows, so one spaced-out line (a signature and its date, a chrome row) never is.
"""

from __future__ import annotations

import re

from .chrome import is_label, is_metadata_row, is_page_label

_SPACE_GAP = re.compile(r"\t+|[ \u3000\u00a0]{2,}")
_SENTENCE = re.compile(r"[。；！？;!?]")
_RUNNING_TEXT = re.compile(r"[。；！？，]")
_PIPE_ROW = re.compile(r"^\|.*\|$")
# |---|:---:| under a Markdown table's header row: removed as chrome, and no break in the table
PIPE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
_MAX_CELL = 24
_MAX_CELLS = 12


def row_cells(raw: str, in_body: bool = False) -> list[str] | None:
    """The cells of a line that looks like a table row, else None: at least two tab-separated
    cells or three space-separated ones, each short and without a sentence in it. Label-led rows
    are a page's metadata table, except `in_body` (between lines of running text), where
    `名称	X	地址	Y` is the report's own table."""
    text = raw.strip(" \t\u3000\u00a0")
    if _PIPE_ROW.match(text):
        cells = [c.strip() for c in text.strip("|｜").split("|")]
        minimum = 2
    elif "\t" in text:
        # one tab per cell boundary: an empty cell keeps the cells after it in their column
        cells = [c.strip() for c in raw.lstrip(" \u3000\u00a0").rstrip().split("\t")]
        minimum = 2
    else:
        cells = [c.strip() for c in _SPACE_GAP.split(text)]
        minimum = 3
    filled = [c for c in cells if c]
    if not minimum <= len(filled) or len(cells) > _MAX_CELLS:
        return None
    if any(len(c) > _MAX_CELL or _SENTENCE.search(c) for c in cells):
        return None
    if sum(len(c) == 1 and not c.isascii() for c in filled) * 2 >= len(filled):
        return None  # letter-spaced text (法  治  政  府), not cells
    page_row = is_label(filled[0]) or any(is_metadata_row(c) for c in filled)
    if page_row and (not in_body or any(map(is_page_label, filled))):
        return None  # a page's metadata table: chrome, handled there
    return cells


def running_text_span(raw_lines: list[str]) -> range:
    """Indices from the first line of running text to the last (empty when there is none)."""
    found = [i for i, raw in enumerate(raw_lines) if _RUNNING_TEXT.search(raw)]
    return range(found[0], found[-1] + 1) if found else range(0)


def table_lines(raw_lines: list[str]) -> dict[int, list[str]]:
    """Index of each line that belongs to a run of table rows → its cells. A run needs two rows of
    three or more cells, or three rows of two; one blank line between rows is allowed."""
    body = running_text_span(raw_lines)
    found: dict[int, list[str]] = {}
    run: list[tuple[int, list[str]]] = []
    blanks = 0

    def close() -> None:
        widths = [len(cells) for _, cells in run]
        if (len(run) >= 2 and max(widths) >= 3) or len(run) >= 3:
            found.update(run)
        run.clear()

    for index, raw in enumerate(raw_lines):
        if PIPE_RULE.match(raw.strip()):
            continue
        if not raw.strip():
            blanks += 1
            if blanks > 1:
                close()
            continue
        blanks = 0
        cells = row_cells(raw, index in body)
        if cells is None:
            close()
        else:
            run.append((index, cells))
    close()
    return found
