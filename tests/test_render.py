from __future__ import annotations

import yaml

from fazhi.model import Block, Document, Region, Report, ReportMeta, Source
from fazhi.render import render_report_page


def report(**meta) -> Report:
    doc = Document(
        blocks=[
            Block("doc_number", "雷高府发〔2022〕61号"),
            Block("title", "标题: #!!python/object"),
            Block("heading", "一、主要成效", level=2),
            Block("paragraph", "<script>alert(1)</script>"),
            Block("signature", "雷州市雷高镇人民政府"),
            Block("cc", "抄送：区委依法治区办。"),
        ]
    )
    source = Source("x.txt", "0" * 64, "utf-8", 10)
    return Report("x", source, doc, ReportMeta(**meta))


def test_unknown_fields_read_weizhuming_and_nothing_is_invented():
    page = render_report_page(report(title="标题: #!!python/object"))
    assert page.count('<span class="fz-unknown">未注明</span>') == 6
    front = yaml.safe_load(page.split("---\n")[1])
    assert front["title"] == "标题: #!!python/object"


def test_parts_go_to_their_blocks():
    page = render_report_page(report(year=2022, region=Region(township="雷高镇")))
    assert '<p class="fz-doc-number">雷高府发〔2022〕61号</p>' in page
    assert '<div class="fz-closing">\n<p class="fz-signature">' in page
    assert '<div class="fz-footer">\n<p class="fz-cc">抄送' in page
    assert "## 一、主要成效" in page
    assert "<script>" not in page
    assert "2022年" in page
