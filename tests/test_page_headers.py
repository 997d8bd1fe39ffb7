"""Running headers of PDF copies (page_headers.drop_running_headers) and the cleaning around them."""

from __future__ import annotations

import pytest

from fazhi.clean import clean_report

BODY = "2023年，某镇坚持依法行政，全面推进法治政府建设，取得明显成效，现将有关情况报告如下："


def page_two(header: str, after: str = "（二）规范执法。全年办理案件12件。") -> str:
    return (
        f"某镇2023年法治政府建设年度报告\n{BODY}\n一、主要成效\n（一）加强领导。全年研究法治工作4次。\n"
        f"— 1 —\n{header}\n{after}\n二、存在的不足\n执法力量不足。\n某县某镇人民政府\n2024年1月8日\n— 2 —\n"
    )


@pytest.mark.parametrize(
    "header",
    ["某镇人民政府文件", "某镇2023年度法治政府建设情况报告", "某县某镇人民政府"],
)
def test_running_header_after_a_page_number_is_removed_and_logged(header):
    doc = clean_report(page_two(header))
    assert any(e.action == "removed-page-header" and e.before == header for e in doc.log)
    assert header not in [b.text for b in doc.blocks if b.kind in ("heading", "paragraph")]


@pytest.mark.parametrize(
    "line",
    ["二、存在的不足", "存在的不足", "某乡人民政府", "（三）其他需要报告的情况"],
)
def test_a_heading_or_an_organ_named_once_after_a_page_number_stays(line):
    doc = clean_report(page_two(line, after="全年办理案件12件。"))
    assert not [e for e in doc.log if e.action == "removed-page-header"]


def test_signature_alone_on_the_last_page_is_not_a_running_header():
    """The organ heads page 2 (a running header) and signs alone on page 3, above the date."""
    text = (
        "某镇2023年法治政府建设年度报告\n" + BODY + "\n一、主要成效\n全年研究法治工作4次。\n— 1 —\n"
        "某县某镇人民政府\n二、存在的不足\n执法力量不足。\n— 2 —\n某县某镇人民政府\n2024年1月8日\n— 3 —\n"
    )
    doc = clean_report(text)
    assert [e.line for e in doc.log if e.action == "removed-page-header"] == [6]
    assert [b.text for b in doc.blocks if b.kind == "signature"] == ["某县某镇人民政府"]
    assert [b.text for b in doc.blocks if b.kind == "date"] == ["2024年1月8日"]


def test_a_short_line_at_the_top_of_two_pages_is_a_running_header():
    text = (
        "某镇2023年法治政府建设年度报告\n" + BODY + "\n一、主要成效\n全年研究法治工作4次，\n— 1 —\n吴江区某镇\n"
        "调解纠纷12件。\n二、存在的不足\n— 2 —\n吴江区某镇\n执法力量不足。\n某县某镇人民政府\n2024年1月8日\n"
    )
    doc = clean_report(text)
    assert [e.before for e in doc.log if e.action == "removed-page-header"] == ["吴江区某镇", "吴江区某镇"]
    assert "全年研究法治工作4次，调解纠纷12件。" in [b.text for b in doc.blocks]
