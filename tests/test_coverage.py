from __future__ import annotations

import pytest

from fazhi.coverage import ITEM_KEYS, required_items
from fazhi.model import Block, Document


def heading(text: str) -> Block:
    return Block("heading", text, level=2)


def para(text: str) -> Block:
    return Block("paragraph", text)


FULL_PLAN = [
    heading("一、2023年推进法治政府建设的主要举措和成效"),
    heading("二、党政主要负责人履行推进法治建设第一责任人职责情况"),
    heading("三、存在的不足和原因"),
    heading("四、2024年推进法治政府建设的主要安排"),
    heading("五、其他需要报告的情况"),
]


@pytest.mark.parametrize(
    ("blocks", "covered"),
    [
        (FULL_PLAN, set(ITEM_KEYS)),
        ([para("全年共办理行政复议案件3件。")], set()),
        (
            [heading("一、主要做法和成效"), heading("二、存在问题及下一步工作计划")],
            {"measures", "shortcomings", "next_year"},
        ),
        # a run-in heading is a heading
        ([Block("paragraph", "加强组织领导……", lead="（一）主要负责人切实履行第一责任人职责。")], {"leaders_duty"}),
        # text evidence in the item's own words
        (
            [para("乡党委书记认真履行推进法治建设第一责任人职责。"), para("但也存在的不足，主要是……下一步，我乡将……")],
            {"leaders_duty", "shortcomings", "next_year"},
        ),
        # 问题 alone is everywhere in these reports: not evidence of the shortcomings item
        ([para("及时研究解决工作中存在困难和问题。")], set()),
    ],
)
def test_required_items_are_found_in_headings_and_text(blocks: list[Block], covered: set[str]):
    found, evidence = required_items(Document(blocks))
    assert list(found) == list(ITEM_KEYS)
    assert {k for k, v in found.items() if v} == covered
    assert set(evidence) == covered


def test_evidence_says_where_the_item_was_found():
    _, evidence = required_items(Document([heading("三、存在的不足和原因"), para("下一步，我乡将加强培训。")]))
    assert evidence["shortcomings"] == "标题：三、存在的不足和原因"
    assert evidence["next_year"].startswith("正文：") and "下一步" in evidence["next_year"]
