"""The reported year: title, else the body's opening, else the headings, else the signing date."""

from __future__ import annotations

import pytest

from fazhi.meta_year import (
    find_year,
    two_year_span,
    year_from_signing,
    year_in_opening,
    year_in_title,
)
from fazhi.model import Block


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("拉沟乡2023年度法治政府建设工作报告", 2023),
        ("营前镇2023年法治政府建设工作总结和2024年工作计划", 2023),
        ("关于落实《法治政府建设实施纲要（2021—2025年）》的2022年度报告", 2022),
        ("紫阳乡二〇二三年度法治政府建设工作报告", 2023),
        ("营前镇法治政府建设工作报告", None),
        ("２０２３年法治政府建设年度报告", 2023),
        ("2022年度法治政府建设情况报告（2023年1月）", 2022),
        ("2022年2023年工作回顾", None),
    ],
)
def test_year_in_title(title, year):
    assert year_in_title(title) == year


@pytest.mark.parametrize(
    ("opening", "year"),
    [
        ("2023年，营前镇坚持依法行政。", 2023),
        ("2022 年,雷高镇以习近平新时代中国特色社会主义思想为指导", 2022),
        ("根据《关于报送2023年度报告的通知》（犹法办〔2024〕1号）要求，现将有关情况报告如下。", None),
        ("现将我镇2023年法治政府建设工作情况和2024年工作打算报告如下：", 2023),
        ("按照《永寿县2024年法治政府建设工作要点》要求，扎实推进。", None),
    ],
)
def test_year_in_opening(opening, year):
    assert year_in_opening([Block("paragraph", opening)]) == year


@pytest.mark.parametrize(
    ("date", "year"),
    [("2024-01-02", 2023), ("2024-04-30", 2023), ("2022-12-02", 2022), ("2024-06-15", None), (None, None)],
)
def test_year_from_signing(date, year):
    assert year_from_signing(date) == year


def test_a_title_year_after_the_signing_year_is_refused():
    year, _, reason = find_year("营前镇2025年法治政府建设工作报告", None, [], "2024-01-05")
    assert year == 2023  # the signing date decides instead
    year, _, reason = find_year("营前镇2025年法治政府建设工作报告", None, [], "2024-07-05")
    assert year is None and reason


def test_headings_name_the_year_when_nothing_else_does():
    blocks = [
        Block("paragraph", "今年以来，我镇全面推进依法行政。"),
        Block("heading", "一、2023年推进法治政府建设的主要举措和成效", level=2),
        Block("heading", "三、2024年工作计划", level=2),
    ]
    assert find_year(None, None, blocks, None)[0] == 2023
    assert find_year(None, None, blocks[2:], None)[0] == 2023


def test_a_title_with_the_publication_year_yields_to_the_body_and_the_signing_date():
    blocks = [Block("paragraph", "2023年，我镇全面推进法治政府建设。")]
    assert find_year("营前镇2024年法治政府建设年度报告", None, blocks, "2024-02-01")[0] == 2023
    assert find_year("营前镇2024年法治政府建设年度报告", None, [], "2024-02-01")[0] == 2024


@pytest.mark.parametrize(
    ("title", "year", "span"),
    [
        ("于河街道2022—2023年度法治政府建设情况报告", None, "2022—2023年度"),
        ("某县2022-2023年法治政府建设工作总结", None, "2022-2023年"),
        ("于都县2022年度及2023年度法治政府建设情况报告", None, "2022年度及2023年度"),
        ("某镇2023年法治政府建设工作总结和2024年工作计划", 2023, None),
        ("某县落实法治政府建设实施纲要（2021—2025年）2023年度情况报告", 2023, None),
        ("大埔县2019—2023年法治政府建设工作情况报告", None, "2019—2023年"),
        ("关于贯彻落实《法治政府建设实施纲要（2021—2025年）》暨2023年度法治政府建设情况的报告", 2023, None),
        ("某县2023年法治政府建设情况和2024—2025年工作计划", 2023, None),
    ],
)
def test_a_title_over_two_years_has_no_single_year(title, year, span):
    assert two_year_span(title) == span
    found, _, reason = find_year(title, None, [], "2024-01-15")
    assert found == year
    assert (reason != "") == (year is None)


@pytest.mark.parametrize(
    ("opening", "signed", "year"),
    [
        ("去年，小溪镇在县委、县政府的坚强领导下，扎实推进法治政府建设。", "2024-06-12", 2023),
        ("去年以来，县司法局全面履职。", "2024-07-01", 2023),
        ("去年同期相比，案件数量下降。", "2024-06-12", None),
        ("今年以来，县司法局全面履职。", "2024-06-12", None),
    ],
)
def test_last_year_is_the_year_before_signing(opening, signed, year):
    blocks = [Block("paragraph", opening)]
    assert find_year("某镇法治政府建设年度报告", None, blocks, signed)[0] == year
