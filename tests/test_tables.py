"""Tables pasted as text: which lines are rows, and how a cleaned table looks on the page."""

from __future__ import annotations

import pytest

from fazhi.clean import clean_report
from fazhi.report_text import cleaned_markdown
from fazhi.tables import row_cells, table_lines
from tests.clean_support import as_report, page_of


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("项目\t2022年\t2023年\t同比", ["项目", "2022年", "2023年", "同比"]),
        ("收到申请（件）\t312", ["收到申请（件）", "312"]),
        ("投诉            1528          1528          100%", ["投诉", "1528", "1528", "100%"]),
        ("　　类别　　受理件数　　办结率", ["类别", "受理件数", "办结率"]),
        ("市场监管  1862  1804", ["市场监管", "1862", "1804"]),
    ],
)
def test_row_cells(line, cells):
    assert row_cells(line) == cells


@pytest.mark.parametrize(
    "line",
    [
        "衢州市司法局    2024年3月8日",  # signature and date: two cells only
        "法  治  政  府  建  设",  # letter-spaced title
        "发布时间：2024-01-22  来源：宁都县市场监督管理局  浏览次数：12",  # chrome row
        "索引号\t113607/2024-01\t发布机构\t县司法局",  # metadata table
        "全年办理案件312件。  同比增长14%。  纠错率11.2%。",  # sentences
        "　　2023年，我县坚持依法行政。",
    ],
)
def test_not_a_row(line):
    assert row_cells(line) is None


def test_a_lone_row_is_not_a_table():
    lines = ["情况如下：", "类别  件数  办结率", "全年召开会议21次。"]
    assert table_lines(lines) == {}


def test_rows_with_one_blank_line_between_are_one_table():
    lines = ["项目  2022年  2023年", "", "受理  287  331", "", "", "审结  279  318"]
    assert sorted(table_lines(lines)) == [0, 2]


def test_table_block_keeps_rows_and_cells_apart():
    text = (
        "一、主要成效\n全年案件办理情况如下：\n"
        "类别          受理件数      办结率\n投诉            1528          100%\n举报             364          99.2%\n"
        "全年召开案审会21次。\n"
    )
    doc = clean_report(text)
    tables = doc.of_kind("table")
    assert [t.text for t in tables] == ["类别\t受理件数\t办结率\n投诉\t1528\t100%\n举报\t364\t99.2%"]
    page = page_of(doc)
    assert '<th scope="col">受理件数</th>' in page and "<td>99.2%</td>" in page
    assert "全年召开案审会21次。" in [b.text for b in doc.blocks]


def test_wrap_width_ignores_table_rows():
    """Equal-width rows must not make a heading below them look hard-wrapped."""
    rows = "".join(f"市场监管{i}      1862      1804      2316.5\n" for i in range(4))
    text = (
        f"一、执法情况\n各部门执法情况如下：\n{rows}"
        "二、市政府主要负责人履行推进法治建设第一责任人职责情况\n市长认真履行职责。\n"
    )
    headings = [b.text for b in clean_report(text).of_kind("heading")]
    assert headings == ["一、执法情况", "二、市政府主要负责人履行推进法治建设第一责任人职责情况"]


def test_part_headings_shift_levels_down():
    text = "第一部分　主要成效\n一、加强领导\n（一）健全机制\n全年开会5次。\n第二部分　存在问题\n人员不足。\n"
    doc = clean_report(text)
    assert [(b.text, b.level) for b in doc.of_kind("heading")] == [
        ("第一部分\u3000主要成效", 2), ("一、加强领导", 3), ("（一）健全机制", 4), ("第二部分\u3000存在问题", 2),
    ]


def test_markdown_download_has_a_pipe_table():
    doc = clean_report("情况如下：\n项目\t2022年\t备注\n受理\t287\t含|转办\n审结\t279\n")
    text = cleaned_markdown(as_report(doc))
    assert "| 项目 | 2022年 | 备注 |\n| --- | --- | --- |\n| 受理 | 287 | 含\\|转办 |\n| 审结 | 279 |  |" in text


def test_empty_cells_keep_their_column():
    doc = clean_report("如下：\n\t2022年\t2023年\n受理\t287\t\n审结\t\t318\n")
    assert doc.of_kind("table")[0].text == "\t2022年\t2023年\n受理\t287\t\n审结\t\t318"
    page = page_of(doc)
    assert "<tr><td>受理</td>\t<td>287</td>\t<td></td></tr>" in page
