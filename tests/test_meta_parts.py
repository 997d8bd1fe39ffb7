"""The small extractors on their own: organ names, 文号, dates, titles, level."""

from __future__ import annotations

import pytest

from fazhi.meta_fields import DOC_NUMBER, find_doc_number, normal_doc_number
from fazhi.meta_issuer import find_issuer, find_level, organs_in
from fazhi.meta_text import parse_date
from fazhi.meta_title import title_from_opening, without_separator
from fazhi.model import Block, Document


@pytest.mark.parametrize(
    ("line", "organs"),
    [
        ("鹿寨县拉沟乡人民政府", ["鹿寨县拉沟乡人民政府"]),
        ("中共上犹县营前镇委员会　　上犹县营前镇人民政府", ["中共上犹县营前镇委员会", "上犹县营前镇人民政府"]),
        ("中共上犹县委上犹县人民政府", ["中共上犹县委", "上犹县人民政府"]),
        ("北京市朝阳区人民政府劲松街道办事处", ["北京市朝阳区人民政府劲松街道办事处"]),
        ("上犹县人民政府办公室", ["上犹县人民政府办公室"]),
        ("鹿寨县 拉沟乡人民政府", ["鹿寨县拉沟乡人民政府"]),
        ("现将我乡法治政府建设情况报告如下：", []),
        ("2024年1月2日", []),
        ("主办：上犹县人民政府办公室", []),
        ("浦城县临江镇人民代表大会主席团", ["浦城县临江镇人民代表大会主席团"]),
        ("信丰县大塘埠镇司法所", ["信丰县大塘埠镇司法所"]),
        ("新疆生产建设兵团第一师十团", ["新疆生产建设兵团第一师十团"]),
        ("崇义县国有阳岭林场", ["崇义县国有阳岭林场"]),
    ],
)
def test_organs_in(line, organs):
    assert organs_in(line) == organs


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("雷高府发〔2022〕61号", True),
        ("犹府文[2024]12号", True),
        ("双府发〔2024〕5 号", True),
        ("（鹿法办通〔2021〕16号）文件精神", False),
        ("根据鹿法办通〔2021〕16号文件", False),
    ],
)
def test_doc_number_pattern_needs_the_whole_line(text, own):
    assert bool(DOC_NUMBER.match(text)) is own
    assert DOC_NUMBER.match(normal_doc_number("双府发〔2024〕5 号"))


def test_a_number_cited_in_the_body_is_never_the_reports_own():
    doc = Document(
        blocks=[
            Block("title", "营前镇2023年度法治政府建设工作报告"),
            Block("paragraph", "根据《通知》（犹法办〔2024〕1号）要求，现报告如下："),
            Block("paragraph", "犹法办〔2024〕1号"),
        ]
    )
    assert find_doc_number(doc, [])[0] is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024年1月2日", "2024-01-02"),
        ("二〇二四年一月十五日", "2024-01-15"),
        ("二〇二四年十二月三十一日", "2024-12-31"),
        ("2024 年 1 月 5 日", "2024-01-05"),
        ("2024年13月5日", None),
        ("2024.1.5", "2024-01-05"),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (["城口县左岚乡人民政府", "2024年法治政府建设情况报告", "2024年，…"], "城口县左岚乡人民政府2024年法治政府建设情况报告"),
        (["五指峰乡2023年度法治政府建设", "工作报告", "2023年，…"], "五指峰乡2023年度法治政府建设工作报告"),
        (["签发人：王科栋", "雷高镇人民政府关于2022年度法治政府建设情况的报告"], "雷高镇人民政府关于2022年度法治政府建设情况的报告"),
        (["首页 > 政务公开 > 法治政府建设年度报告", "正文。"], None),
        (["一、2023年法治政府建设工作情况", "正文。"], None),
        (["现将我乡2023年法治政府建设情况报告如下："], None),
    ],
)
def test_title_from_opening(lines, title):
    assert title_from_opening([Block("paragraph", t) for t in lines]) == title


@pytest.mark.parametrize(
    ("issuer", "subject", "body", "level"),
    [
        ("鹿寨县拉沟乡人民政府", "township", "", "township"),
        ("北京市朝阳区人民政府劲松街道办事处", "township", "", "township"),
        ("上犹县司法局", "county", "", "department"),
        ("钟祥市人民政府", "county", "", "county"),
        ("赣州市人民政府", "city", "", "city"),
        ("中共上犹县营前镇委员会", "township", "", "township"),
        (None, None, "我乡……全乡……我乡", "township"),
        (None, None, "正文", None),
        ("石家庄高新技术产业开发区管理委员会", "county", "", "county"),
        ("苏州工业园区管委会", None, "", None),
        ("北京市城市管理委员会", "city", "", "department"),
        ("中共长沙市岳麓区委全面依法治区委员会办公室", "county", "", "department"),
        ("中共长沙市岳麓区委全面依法治区委员会", "county", "", "department"),
        ("中共长沙市岳麓区委", "county", "", "county"),
        ("中共长沙市岳麓区纪律检查委员会", "county", "", "department"),
        ("浦城县临江镇党委", "township", "", "township"),
        ("信丰县大塘埠镇司法所", "township", "", "department"),
        ("崇义县国有阳岭林场", "county", "", "department"),
        ("新疆生产建设兵团第一师十团", "province", "", None),
        ("赣州经济技术开发区管理委员会", "township", "", None),
    ],
)
def test_level(issuer, subject, body, level):
    assert find_level(issuer, subject, body)[0] == level


@pytest.mark.parametrize(
    ("signature", "title", "issuer"),
    [
        ("石家庄高新区管委会", "石家庄高新技术产业开发区管理委员会2023年度法治政府建设情况报告", "石家庄高新技术产业开发区管理委员会"),
        ("上犹县政府", "上犹县人民政府关于2023年度法治政府建设情况的报告", "上犹县人民政府"),
        ("营前镇人民政府", "上犹县营前镇人民政府2023年法治政府建设工作报告", "营前镇人民政府"),
        ("上犹县司法局", "上犹县人民政府关于2023年度法治政府建设情况的报告", "上犹县司法局"),
    ],
)
def test_a_signature_abbreviating_the_titles_organ_gets_its_full_name(signature, title, issuer):
    doc = Document(blocks=[Block("title", title), Block("paragraph", "正文。"), Block("signature", signature)])
    assert find_issuer(doc, title, [])[0] == issuer


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        ("定王台街道：2023年法治政府建设工作报告", "定王台街道2023年法治政府建设工作报告"),
        ("桐庐县司法局｜2023年度法治政府建设情况报告", "桐庐县司法局2023年度法治政府建设情况报告"),
        ("五里桥街道丨2023年法治政府建设情况报告", "五里桥街道2023年法治政府建设情况报告"),
        ("【宜章县】关于2022年度法治政府建设工作情况的报告", "宜章县关于2022年度法治政府建设工作情况的报告"),
        ("昆山市人民政府-2023年度法治政府建设年度报告", "昆山市人民政府2023年度法治政府建设年度报告"),
        ("临夏市城北街道/2023年法治政府建设工作报告", "临夏市城北街道2023年法治政府建设工作报告"),
        ("某县2021-2025年法治政府建设规划中期评估报告", "某县2021-2025年法治政府建设规划中期评估报告"),
        ("关于2023年度法治政府建设情况的报告", "关于2023年度法治政府建设情况的报告"),
        ("2023年度|兴国县法治政府建设年度报告", "2023年度兴国县法治政府建设年度报告"),
        ("【郴州市】宜章县2023年法治政府建设工作报告", "郴州市宜章县2023年法治政府建设工作报告"),
        ("宜章县人民政府｜宜章县司法局2023年法治政府建设工作报告", "宜章县司法局2023年法治政府建设工作报告"),
        ("【通知】某县2023年度法治政府建设情况报告", "【通知】某县2023年度法治政府建设情况报告"),
    ],
)
def test_title_separator_of_a_web_page_is_dropped(title, clean):
    assert without_separator(title) == clean
