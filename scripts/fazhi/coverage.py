"""Required-items coverage: which of the five items 厅字〔2019〕28号 requires a report covers.

A heading that names the item is the strong evidence; failing that, a sentence that uses the item's own
wording (存在的不足, 下一步 …). What was found is kept, so a reader can check the badge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Block, Document

SNIPPET = 40


@dataclass(frozen=True)
class RequiredItem:
    key: str
    name: str  # the item as domain.md / the regulation words it
    short: str  # badge label
    heading: re.Pattern[str]
    text: re.Pattern[str]


REQUIRED_ITEMS: tuple[RequiredItem, ...] = (
    RequiredItem(
        "measures",
        "上一年度推进法治政府建设的主要举措和成效",
        "举措和成效",
        re.compile(
            r"举措|成效|主要做法|工作措施|主要工作|工作开展情况|工作情况|建设情况|推进情况|工作开展"
        ),
        re.compile(r"主要举措|工作成效|取得的成效|主要做法|取得.{0,6}成效"),
    ),
    RequiredItem(
        "leaders_duty",
        "党政主要负责人履行推进法治建设第一责任人职责的情况",
        "第一责任人职责",
        re.compile(r"第一责任人|主要负责人"),
        re.compile(r"(履行|落实|履职).{0,20}第一责任人|第一责任人职责"),
    ),
    RequiredItem(
        "shortcomings",
        "存在的不足和原因",
        "不足和原因",
        re.compile(r"不足|存在.{0,4}问题|问题.{0,4}(原因|不足)|短板|差距|薄弱"),
        re.compile(r"存在的?(不足|问题)|不足之处|短板弱项|不足和原因|差距和不足"),
    ),
    RequiredItem(
        "next_year",
        "下一年度的主要安排",
        "下一年度安排",
        re.compile(r"下一步|下一年|下步|明年|工作计划|工作打算|主要安排|工作思路|工作安排|今后"),
        re.compile(r"下一步|下一年度|明年|20\d\d年(工作)?(计划|打算|安排|思路)"),
    ),
    RequiredItem(
        "other",
        "其他需要报告的情况",
        "其他情况",
        re.compile(r"其[他它](需要|应当)?(报告|说明)?的?(事项|情况)"),
        re.compile(r"其[他它]需要报告的(事项|情况)"),
    ),
)
ITEM_KEYS = tuple(item.key for item in REQUIRED_ITEMS)


def _heading_text(block: Block) -> str | None:
    if block.kind == "heading":
        return block.text
    if block.lead:
        return block.lead
    return None


def _snippet(text: str, match: re.Match[str]) -> str:
    start = max(0, match.start() - SNIPPET // 2)
    return text[start : start + SNIPPET].strip()


def find_item(doc: Document, item: RequiredItem) -> str | None:
    """Where the report covers `item`: '标题：…' or '正文：…', or None."""
    for block in doc.blocks:
        heading = _heading_text(block)
        if heading and item.heading.search(heading):
            return f"标题：{heading}"
    for block in doc.blocks:
        if block.kind not in ("paragraph", "heading"):
            continue
        text = (block.lead or "") + block.text
        match = item.text.search(text)
        if match:
            return f"正文：{_snippet(text, match)}"
    return None


def required_items(doc: Document) -> tuple[dict[str, bool], dict[str, str]]:
    """`required_items` for the sidecar (key → covered) and the evidence for each covered item."""
    covered: dict[str, bool] = {}
    evidence: dict[str, str] = {}
    for item in REQUIRED_ITEMS:
        found = find_item(doc, item)
        covered[item.key] = found is not None
        if found:
            evidence[item.key] = found
    return covered, evidence
