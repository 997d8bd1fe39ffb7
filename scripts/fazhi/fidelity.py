"""Nothing lost: every character of the source is on the page or in the published cleaning log.

The check compares multisets of letters and digits (Han characters included): the source after the
documented character transforms (full-width → half-width, OpenCC t2s; see normalise.py) must be
covered by the visible text of the rendered document plus what the log says was removed.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from .markup import spreadsheet_safe
from .model import Document, LogEntry, Problem
from .normalise import documented_transforms

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from .model import Report

ACTION_NAMES = {
    "removed-chrome": "删除网页信息行",
    "removed-navigation": "删除网页导航",
    "removed-page-number": "删除页码",
    "removed-stale-date": "删除网页日期",
    "removed-repeated-title": "删除重复标题",
    "removed-page-header": "删除页眉",
    "removed-markup": "删除排版符号",
    "joined-title": "合并标题行",
    "joined-lines": "合并断行",
    "joined-page-break": "合并跨页断行",
    "table-row": "识别表格行",
    "normalised-space": "规范空格",
    "normalised-width": "全角转半角",
    "normalised-punctuation": "规范标点",
    "t2s": "繁体转简体",
    "suspect-artefact": "疑似转换残留（保留原文）",
    "suspect-garbled": "疑似乱码（保留原文）",
    "removed-control": "删除控制字符",
    "removed-invisible": "删除不可见字符",
    "line-break": "统一换行符",
    "decoded-line-gb18030": "按GB18030解码的行",
    "suspect-insertion": "疑似网站插入内容（保留原文）",
}
LOG_COLUMNS = ("line", "action", "action_zh", "before", "after", "note")
_TAG = re.compile(r"<[^>]+>")


def cleaning_counts(doc: Document) -> dict[str, int]:
    counts = Counter(entry.action for entry in doc.log)
    order = list(ACTION_NAMES)
    return dict(sorted(counts.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99))


def cleaning_log_name(report: Report) -> str:
    return f"{report.id}.cleaning-log.csv"


def cleaning_log_csv(doc: Document) -> str:
    """The cleaning log as CSV text, starting with a BOM so spreadsheet programs read UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(LOG_COLUMNS)
    for e in doc.log:
        texts = (spreadsheet_safe(e.before), spreadsheet_safe(e.after), spreadsheet_safe(e.note))
        writer.writerow((e.line, e.action, ACTION_NAMES.get(e.action, ""), *texts))
    return "\ufeff" + buffer.getvalue()


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def page_text(markdown: str) -> str:
    """The text a reader sees: Markdown parsed with markdown-it, raw HTML blocks reduced to text."""
    out: list[str] = []
    for token in _parser().parse(markdown):
        if token.type == "inline":
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    out.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    out.append("\n")
            out.append("\n")
        elif token.type == "html_block":
            out.append(html.unescape(_TAG.sub("", token.content)))
    return "".join(out)


def _letters(text: str) -> Counter[str]:
    counts = Counter(text)
    for char in [c for c in counts if not c.isalnum()]:
        del counts[char]
    return counts


def removed_text(log: list[LogEntry], whole_script: bool = False) -> Counter[str]:
    """Letters the log says were removed, after the same character transforms as the source
    (chrome is removed before script conversion, so a traditional page logs 發佈機構)."""
    pool: Counter[str] = Counter()
    for entry in log:
        if entry.action.startswith("removed-"):
            before = documented_transforms(entry.before, whole_script)
            after = documented_transforms(entry.after, whole_script) if entry.after else ""
            pool += _letters(before) - _letters(after)
    return pool


def missing_characters(source: str, doc: Document, markdown: str) -> Counter[str]:
    """Letters and digits of the source found neither on the page nor in the log's removals."""
    expected = _letters(documented_transforms(source, doc.script_converted))
    return expected - _letters(page_text(markdown)) - removed_text(doc.log, doc.script_converted)


def nothing_lost_problems(file: str, source: str, doc: Document, markdown: str) -> list[Problem]:
    missing = missing_characters(source, doc, markdown)
    if not missing:
        return []
    shown = "".join(f"{c}×{n} " for c, n in missing.most_common(20)).strip()
    return [
        Problem(
            file,
            f"cleaning lost {sum(missing.values())} character(s): {shown}",
            hint="this is a bug in fazhi.clean; the page shows less than the source",
            severity="warning",
        )
    ]
