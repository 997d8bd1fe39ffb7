from __future__ import annotations

import re
from pathlib import Path

import yaml

from fazhi.model import Block, Document, LogEntry, Region, Report, ReportMeta, Source
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
    # one more since the 文件类型 row: this report has no document_type
    assert page.count('<span class="fz-unknown">未注明</span>') == 7
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


def test_attachments_after_the_closing_stay_after_it():
    doc = Document(
        blocks=[
            Block("paragraph", "正文一段。"),
            Block("signature", "某县某镇人民政府"),
            Block("date", "2024年1月26日"),
            Block("attachment", "附件1"),
            Block("paragraph", "重点任务清单"),
            Block("cc", "抄送：县司法局。"),
        ]
    )
    page = render_report_page(Report("x", Source("x.txt", "0" * 64, "utf-8", 10), doc, ReportMeta()))
    order = [page.index(t) for t in ("正文一段。", "fz-signature", "fz-date", "附件1", "重点任务清单", "fz-cc")]
    assert order == sorted(order)


def test_run_in_lead_is_strong_html_not_asterisks():
    doc = Document(blocks=[Block("paragraph", "党政主要负责人切实履职。", level=3, lead="（一）强化组织领导。")])
    page = render_report_page(Report("x", Source("x.txt", "0" * 64, "utf-8", 1), doc, ReportMeta()))
    assert '<strong class="fz-lead">（一）强化组织领导。</strong>党政主要负责人切实履职。' in page
    assert "**" not in page


def test_cleaning_note_counts_actions_and_links_the_log():
    doc = Document(
        blocks=[Block("paragraph", "正文。")],
        log=[
            LogEntry("removed-page-number", 3, "— 3 —"),
            LogEntry("removed-page-number", 9, "— 4 —"),
            LogEntry("joined-lines", 5, "a⏎b"),
        ],
    )
    page = render_report_page(Report("r1", Source("x.txt", "0" * 64, "utf-8", 1), doc, ReportMeta()))
    assert "删除页码 2 处；合并断行 1 处" in page
    assert '<a href="r1.cleaning-log.csv">' in page


def test_script_note_only_when_the_whole_text_was_converted():
    source = Source("x.txt", "0" * 64, "utf-8", 1)
    plain = Document(blocks=[Block("paragraph", "正文。")])
    converted = Document(blocks=[Block("paragraph", "正文。")], script_converted=True)
    assert "fz-script-note" not in render_report_page(Report("x", source, plain, ReportMeta()))
    assert "OpenCC" in render_report_page(Report("x", source, converted, ReportMeta()))


def _page_html(built, word: str) -> tuple[str, Path]:
    project, result = built
    report = next(r for r in result.reports if word in (r.doc.title or ""))
    folder = project.site_dir / "reports" / report.id
    return (folder / "index.html").read_text(encoding="utf-8"), folder / f"{report.id}.cleaning-log.csv"


def test_built_page_has_heading_levels_closing_and_footer(built):
    html, _ = _page_html(built, "柱山乡")
    assert re.search(r"<h1[^>]*>中共重庆市万州区柱山乡委员会 重庆市万州区柱山乡人民政府关于2023年度法治政府建设情况的报告", html)
    assert len(re.findall(r'<h2 id="(?!downloads")', html)) == 4  # the report's 一、 headings
    assert len(re.findall(r"<h3 id=", html)) == 4
    assert '<p class="fz-cc">抄送：区委依法治区办。</p>' in html
    assert '<p class="fz-date">2024年2月28日</p>' in html


def test_built_site_publishes_the_cleaning_log(built):
    html, csv_path = _page_html(built, "雷高镇")
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbfline,action")
    assert "整理说明" in html and csv_path.name in html
    assert '<p class="fz-doc-number">雷高府发〔2022〕61号</p>' in html
    assert "<h1" in html and "雷高镇人民政府关于2022年度法治政府建设情况的报告</h1>" in html
