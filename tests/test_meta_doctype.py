"""The document-type classifier (fazhi.meta_doctype): the title's 文种 decides, else the opening."""

from __future__ import annotations

import pytest

from fazhi.meta_doctype import (
    classify_opening,
    classify_title,
    find_document_type,
    office_in_title,
    type_warnings,
    year_for_type,
)
from fazhi.model import Block, Document, Report, ReportMeta, Source


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("拉沟乡2023年度法治政府建设工作报告", "annual_report"),
        ("雷州市雷高镇人民政府关于2023年度法治政府建设情况的报告", "annual_report"),
        ("营前镇2022年度依法行政工作报告", "annual_report"),
        ("唐昌镇2023年法治政府建设工作总结", "annual_report"),
        ("法治政府 建设 年度报告（全文）", "annual_report"),
        ("营前镇2023年法治政府建设工作总结和2024年工作计划", "annual_report"),
        ("威远镇2023年度法治政府建设暨党政主要负责人履行推进法治建设第一责任人职责情况报告", "annual_report"),
        ("剑河县人民政府关于贯彻落实《法治政府建设实施纲要（2021—2025年）》暨2023年度法治政府建设情况的报告", "annual_report"),
        ("栾川县人民政府主要负责人2023年度履行推进法治建设第一责任人职责情况的报告", "leaders_duty_report"),
        ("大槐树镇镇长2023年度述法报告", "leaders_duty_report"),
        ("郫都区司法局局长2023年度述职述法报告", "leaders_duty_report"),
        ("中共营前镇委员会关于2023年度法治建设工作情况的报告", "rule_of_law_report"),
        ("信丰县大塘埠镇司法所2023年度法治建设工作报告", "rule_of_law_report"),
        ("泾县2024年法治政府建设工作要点", "plan"),
        ("浏阳市法治政府建设实施方案（2021—2025年）", "plan"),
        ("分水镇2024年法治政府建设工作安排", "plan"),
        ("中共浏阳市委全面依法治市委员会2024年工作要点", "plan"),
        ("正定县人民政府办公室关于印发《正定县2024年法治政府建设工作要点》的通知", "plan"),
        ("关于报送2023年度法治政府建设情况报告的通知", "other"),
        ("关于对郫都区法治政府建设督察的反馈意见", "other"),
        ("婺源县2023年度法治政府建设考核结果公示", "other"),
        ("凤凰县2024年政府工作报告", "other"),
        ("洪洞县人民政府关于法治政府建设督察反馈问题整改情况的报告", "other"),
        ("杭州市2023年度法治政府建设第三方评估报告", "other"),
        ("关于2023年度法治政府建设年度报告公开情况的通报", "other"),
        ("正定县司法局2023年工作总结", None),
        ("XX镇法治政府建设", None),
    ],
)
def test_title_decides_the_kind(title: str, kind: str | None):
    got, reason = classify_title(title)
    assert got == kind
    assert bool(reason) == (kind is None)


def _paragraphs(*texts: str) -> list[Block]:
    return [Block("paragraph", t) for t in texts]


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("现将大瑶镇2023年度法治政府建设工作情况报告如下：", "annual_report"),
        ("2023年，我乡在县委、县政府的正确领导下，全乡法治政府建设工作扎实推进。", "annual_report"),
        ("2024年，新城铺镇将围绕全县中心工作，重点抓好以下工作：", "plan"),
        ("2024年是实施纲要的关键之年。为深入推进法治政府建设，制定本要点。", None),
        ("2023年，为推进法治政府建设，制定本方案。", None),
    ],
)
def test_an_untitled_document_is_read_from_its_opening(opening: str, kind: str | None):
    assert classify_opening(_paragraphs(opening, "一、主要举措"))[0] == kind


def test_keywords_in_the_body_do_not_decide():
    blocks = _paragraphs("我县制定了2024年法治政府建设工作要点和实施方案。", "通知各乡镇报送述法报告。")
    kind, provenance, reason = find_document_type(None, None, blocks)
    assert (kind, provenance) == (None, None)
    assert "no title" in reason


def test_a_title_cut_before_its_wenzhong_falls_back_to_the_opening():
    """# 白庙子镇2023年度法治政府建设 / 工作报告: the title line lost its 文种 to a line break."""
    opening = "2023年，白庙子镇" + "认真贯彻落实习近平法治思想，" * 20 + "扎实推进法治政府建设，现将工作情况汇报如下："
    assert find_document_type("白庙子镇2023年度法治政府建设", None, _paragraphs(opening)) == ("annual_report", "text", "")
    kind, _, reason = find_document_type("正定县司法局2023年工作总结", None, _paragraphs(opening))
    assert kind is None and "neither" in reason


def test_the_page_title_row_decides_when_the_text_title_does_not():
    assert find_document_type(None, "泾县2024年法治政府建设工作要点", []) == ("plan", "metadata-row", "")


@pytest.mark.parametrize(
    ("kind", "year"),
    [("annual_report", 2023), ("leaders_duty_report", 2023), ("rule_of_law_report", 2023), (None, 2023), ("plan", None), ("other", None)],
)
def test_year_abstains_for_plans_and_other_documents(kind: str | None, year: int | None):
    got, provenance, reason = year_for_type(kind, 2023, "text", "")
    assert got == year
    assert (provenance is None) == (year is None) and bool(reason) == (year is None)


@pytest.mark.parametrize(
    ("title", "office"),
    [
        ("郫都区司法局局长2023年度述职述法报告", "郫都区司法局"),
        ("中共分水镇委员会书记陈立新2023年度述法报告", "中共分水镇委员会"),
        ("栾川县人民政府主要负责人2023年度履行推进法治建设第一责任人职责情况的报告", "栾川县人民政府"),
        ("大槐树镇镇长2023年度述法报告", None),
        ("拉沟乡2023年度法治政府建设工作报告", None),
    ],
)
def test_the_office_a_person_heads(title: str, office: str | None):
    assert office_in_title(title) == office


def _report(file: str, kind: str | None) -> Report:
    meta = ReportMeta(document_type=kind, unknown={} if kind else {"document_type": "the title names neither"})
    return Report(id=file, source=Source(file, "0" * 64, "utf-8", 1), doc=Document([]), meta=meta)


def test_warnings_name_each_file_that_is_not_an_annual_report():
    reports = [_report("a.txt", "annual_report"), _report("b.txt", "plan"), _report("c.txt", None)]
    warnings = type_warnings(reports)
    assert [(w.file, w.severity) for w in warnings] == [("b.txt", "warning"), ("c.txt", "warning")]
    assert "工作要点" in warnings[0].message
    assert "the title names neither" in warnings[1].message
