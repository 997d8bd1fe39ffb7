from __future__ import annotations

from fazhi.clean import clean_report
from fazhi.meta import extract_meta
from fazhi.model import META_FIELDS, Source

SOURCE = Source("x.txt", "0" * 64, "utf-8", 1)


def test_every_null_field_has_a_reason():
    meta = extract_meta(clean_report("没有标题的正文。\n"), SOURCE)
    for name in META_FIELDS:
        value = getattr(meta, name)
        if value is None:
            assert meta.unknown[name]


def test_year_from_the_title():
    meta = extract_meta(clean_report("某乡2023年度法治政府建设工作报告\n正文。\n"), SOURCE)
    assert meta.year == 2023
    assert meta.provenance["year"] == "text"


def test_an_organ_line_ending_in_a_separator_opens_the_title():
    doc = clean_report("全南县人民政府 ｜\n2023年度法治政府建设情况报告\n2023年，全南县坚持依法行政。\n2024年3月1日\n")
    meta = extract_meta(doc, Source("x.txt", "0" * 64, "utf-8", 0))
    assert (meta.title, meta.issuer) == ("全南县人民政府2023年度法治政府建设情况报告", "全南县人民政府")


def test_issuer_and_date_rows_under_other_labels():
    """发布机关 / 成文时间 are other sites' names for 发布机构 / 成文日期."""
    doc = clean_report(
        "发布机关：龙里县湾滩河镇人民政府\n成文时间：2024-02-18\n法治政府建设年度报告\n"
        "2023年，我镇坚持依法行政，我镇全年调解纠纷30件，全镇法律顾问全覆盖。\n"
    )
    meta = extract_meta(doc, Source("x.txt", "0" * 64, "utf-8", 0))
    assert (meta.issuer, meta.date_signed, meta.region.code) == ("龙里县湾滩河镇人民政府", "2024-02-18", "522730104")
