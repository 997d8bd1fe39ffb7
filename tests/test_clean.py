from __future__ import annotations

import pytest

from fazhi.clean import clean_report, heading_level


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("一、工作措施及成效", 2),
        ("（一）深入学习贯彻习近平法治思想", 3),
        ("(二)加强组织领导", 3),
        ("1、落实党政班子领导法治责任", 4),
        ("2.坚持民主集中制", 4),
        ("（1）健全制度", 5),
        ("2023年，雷高镇以习近平新时代", 0),
        ("1.19万人参加", 0),
    ],
)
def test_heading_level(line, level):
    assert heading_level(line) == level


def test_title_headings_and_paragraphs():
    doc = clean_report("# 某乡2023年度法治政府建设工作报告\n\n## 一、主要成效\n\n正文一段。\n")
    assert doc.title == "某乡2023年度法治政府建设工作报告"
    assert [(b.kind, b.level) for b in doc.blocks] == [
        ("title", 0),
        ("heading", 2),
        ("paragraph", 0),
    ]
