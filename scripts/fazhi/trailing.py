"""Attachments and tables printed after the signature and date.

GB/T 9704 puts 附件 after the 成文日期, and reports often paste a summary table there: the closing
is then not the text's last line. `split_trailing` finds it, so that the signature and date are
read as the closing and what follows stays after it on the page.
"""

from __future__ import annotations

import re

from . import parts
from .structure import Context, Lines

_TRAILING_START = re.compile(r"^(?:附\s*件|附\s*表|附\s*[:：])")
_SCAN = 400


def _date_line(text: str) -> bool:
    return bool(
        parts.DATE_LINE.match(text) or parts.MONTH_LINE.match(text) or parts.NUMERIC_DATE_LINE.match(text)
    )


def _closing_line(text: str) -> bool:
    """The text already ends as a report ends: a date, a signature or the 版记."""
    return _date_line(text) or parts.names_organ(text) or bool(
        parts.CC.match(text) or parts.PRINTED.search(text) or parts.NOTE.match(text)
    )


def split_trailing(lines: Lines, ctx: Context) -> tuple[Lines, Lines]:
    """(the report up to its closing, what follows): a date line right under an organ line and
    right above an attachment heading or a table (…人民政府 / 2024年1月26日 / 附件1) closes the
    report when the text does not end with a closing of its own."""
    indices = [i for i, (_, text) in enumerate(lines) if text]
    if not indices or _closing_line(lines[indices[-1]][1]):
        return lines, []
    for k in range(len(indices) - 2, max(0, len(indices) - _SCAN), -1):
        text = lines[indices[k]][1]
        if not _date_line(text):
            continue
        next_number, next_text = lines[indices[k + 1]]
        if (_TRAILING_START.match(next_text) or next_number in ctx.tables) and parts.names_organ(
            lines[indices[k - 1]][1]
        ):
            return lines[: indices[k] + 1], lines[indices[k] + 1 :]
    return lines, []
