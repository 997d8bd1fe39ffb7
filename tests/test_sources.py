"""One report as .txt, two web-page layouts, .docx and .pdf → the same cleaned page and metadata;
unreadable documents → clear errors naming the file, and the other reports go on."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from fazhi.exceptions import ReadError, UnsupportedFormatError
from fazhi.model import Report, SourceText
from fazhi.pipeline import process_source
from fazhi.read import read_all, read_source
from fazhi.render import render_report_page
from fazhi.site_files import raw_name
from fazhi.sources_docx import read_docx
from fazhi.sources_html import read_html
from fazhi.sources_pdf import read_pdf
from tests.sources_make import (
    FIXTURES,
    META_ROWS,
    docx_auto_numbered,
    docx_bytes,
    html_modern,
    html_trs,
    html_undeclared,
    pdf_bytes,
    report_parts,
)

TEXT = (FIXTURES / "report.txt").read_text(encoding="utf-8")
PARTS = report_parts(TEXT)
MAKERS = {
    "report.txt": lambda: TEXT.encode("utf-8"),
    "report-trs.html": lambda: html_trs(PARTS),
    "report-modern.htm": lambda: html_modern(PARTS),
    "report-undeclared.html": lambda: html_undeclared(PARTS),
    "report.docx": lambda: docx_bytes(PARTS),
    "report-numbered.docx": lambda: docx_auto_numbered(PARTS),
    "report.pdf": lambda: pdf_bytes(PARTS),
}
SAME_FIELDS = ("title", "issuer", "level", "year", "date_signed")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[SourceText, Report]]:
    root = tmp_path_factory.mktemp("content") / "reports"
    root.mkdir()
    done = {}
    for name, make in MAKERS.items():
        (root / name).write_bytes(make())
        text = read_source(root / name, root)
        done[name] = (text, process_source(text))
    return done


def blocks(report: Report) -> list[tuple[str, str, int]]:
    return [(b.kind, b.text, b.level) for b in report.doc.blocks]


@pytest.mark.parametrize("name", [n for n in MAKERS if n != "report.txt"])
def test_every_format_gives_the_txt_page(reports, name: str) -> None:
    _, txt = reports["report.txt"]
    _, other = reports[name]
    assert blocks(other) == blocks(txt)
    assert page_without_log_summary(other) == page_without_log_summary(txt)


def page_without_log_summary(report: Report) -> str:
    """The rendered page less the cleaning summary, which counts what each reader removed."""
    page = render_report_page(report, ())
    return "\n".join(line for line in page.splitlines() if "整理改动" not in line)


@pytest.mark.parametrize("name", [n for n in MAKERS if n != "report.txt"])
def test_every_format_gives_the_txt_metadata(reports, name: str) -> None:
    _, txt = reports["report.txt"]
    _, other = reports[name]
    for field in SAME_FIELDS:
        assert getattr(other.meta, field) == getattr(txt.meta, field), field
    assert other.meta.region == txt.meta.region
    assert without_source(other.sidecar()) == without_source(txt.sidecar())
    assert txt.meta.year == 2024 and txt.meta.region.county == "宁陕县"


def without_source(sidecar: dict) -> dict:
    """The sidecar less its `source` block (file name, checksum, encoding and size differ)."""
    return {key: value for key, value in sidecar.items() if key != "source"}


@pytest.mark.parametrize("name", ["report-trs.html", "report-undeclared.html", "report-modern.htm"])
def test_web_page_metadata_table_is_chrome_evidence(reports, name: str) -> None:
    _, report = reports[name]
    rows = {(row.label, row.value) for row in report.doc.chrome}
    assert set(META_ROWS) <= rows
    shown = "".join(b.text for b in report.doc.blocks)
    assert "索引号" not in shown and "首页" not in shown and "版权所有" not in shown


@pytest.mark.parametrize(
    ("name", "dropped"),
    [
        ("report-trs.html", "当前位置：首页 > 政务公开 > 法治政府建设"),
        ("report-modern.htm", "关于印发第3号通知的文件"),
        ("report.pdf", "宁陕县人民政府信息公开"),
    ],
)
def test_what_a_reader_drops_is_logged(reports, name: str, dropped: str) -> None:
    text, report = reports[name]
    assert dropped not in text.text
    assert any(entry.before == dropped for entry in report.doc.log)


def test_pdf_running_lines_and_wraps(reports) -> None:
    text, _ = reports["report.pdf"]
    assert "— 1 —" not in text.text and "— 2 —" not in text.text
    assert "纠错率为12.5%。行政机关负责人出庭应诉率达到100%。" in text.text


def test_pdf_without_unicode_mapping_is_refused_not_published() -> None:
    """pdfminer cannot map this generated copy-protected PDF's CID font to Unicode: it would
    give "(cid:2913)…" instead of text. That must be an error, never a published page."""
    with pytest.raises(UnsupportedFormatError, match="cannot be turned into characters"):
        read_pdf(pdf_bytes(PARTS, password=""), "locked.pdf")


@pytest.mark.parametrize("name", ["report.docx", "report-numbered.docx"])
def test_docx_headings_come_from_styles_and_numbering(reports, name: str) -> None:
    text, _ = reports[name]
    assert "## 一、2024年推进法治政府建设的主要举措和成效" in text.text.splitlines()
    assert "### （一）加强党对法治政府建设的领导" in text.text.splitlines()


@pytest.mark.parametrize(
    ("file", "suffix"),
    [("a.pdf", ".source.pdf"), ("a.docx", ".source.docx"), ("a.html", ".source.html.txt"),
     ("a.md", ".source.md.txt"), ("a.txt", ".source.txt")],
)  # fmt: skip
def test_raw_download_keeps_a_safe_suffix(reports, file: str, suffix: str) -> None:
    _, report = reports["report.txt"]
    report.source = type(report.source)(**{**report.source.__dict__, "file": file})
    assert raw_name(report) == f"{report.id}{suffix}"


def test_undeclared_page_encoding_is_detected(reports) -> None:
    text, _ = reports["report-undeclared.html"]
    assert text.source.encoding == "html/gb18030"


def test_web_page_tables_keep_their_rows() -> None:
    page = (
        "<html><body><div class='c'><p>" + "各项工作有序推进，取得明显成效。" * 12 + "</p>"
        "<table><tr><th>指标</th><th>数量</th></tr><tr><td>行政复议</td><td>87件</td></tr></table>"
        "</div></body></html>"
    ).encode()
    text = read_html(page, "t.html").text
    assert "| 指标 | 数量 |\n| 行政复议 | 87件 |" in text


def junk_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "这不是 XML <<<")
        archive.writestr("junk.bin", b"\x00\x01\x02" * 100)
    return buffer.getvalue()


def scanned_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for _ in range(2):
        pdf.rect(50, 50, 400, 600, fill=1)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


NO_BODY_PAGE = """<html><head><meta charset="utf-8"><title>信息公开目录</title></head><body>
<ul><li><a href="/1">宁陕县2024年法治政府建设年度报告</a></li><li><a href="/2">关于印发某某方案的通知</a></li></ul>
<div class="footer">版权所有 宁陕县人民政府</div></body></html>""".encode()

HOSTILE = [
    ("list-page.html", lambda: NO_BODY_PAGE, ReadError, "with no article body"),
    ("locked.pdf", lambda: pdf_bytes(PARTS, password="secret"), ReadError, "encrypted PDF"),
    ("scan.pdf", scanned_pdf, UnsupportedFormatError, "needs OCR"),
    ("junk.docx", junk_docx, ReadError, "not a readable Word document"),
    ("plain-zip.docx", lambda: b"PK\x05\x06" + b"\x00" * 18, ReadError, "Word"),
    ("old.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, UnsupportedFormatError, ".docx"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "make", "error", "message"), HOSTILE)
def test_unreadable_documents_get_clear_errors(
    tmp_path: Path, name: str, make, error: type, message: str
) -> None:
    (tmp_path / name).write_bytes(make())
    with pytest.raises(error) as caught:
        read_source(tmp_path / name, tmp_path)
    assert caught.value.file == name
    assert message in str(caught.value)
    assert caught.value.hint


def test_the_other_reports_go_on(tmp_path: Path) -> None:
    root = tmp_path / "reports"
    root.mkdir()
    for name, make, _, _ in HOSTILE:
        (root / name).write_bytes(make())
    (root / "good.docx").write_bytes(docx_bytes(PARTS))
    texts, problems = read_all(root)
    assert [t.source.file for t in texts] == ["good.docx"]
    assert sorted(p.file for p in problems) == sorted(name for name, *_ in HOSTILE)


def test_build_publishes_documents_and_goes_on(tmp_path: Path) -> None:
    """A site built from a web page, a .docx and a PDF next to unreadable ones: the readable
    ones get pages and raw downloads byte for byte; the others are problems naming them."""
    from fazhi.build import build
    from tests.conftest import copy_project

    project = copy_project(tmp_path, reports=[])
    made = {name: MAKERS[name]() for name in ("report-trs.html", "report.docx", "report.pdf")}
    for name, data in made.items():
        (project.reports_dir / name).write_bytes(data)
    for name, make, _, _ in HOSTILE[:4]:
        (project.reports_dir / name).write_bytes(make())
    result = build(project)
    assert sorted(p.file for p in result.errors) == sorted(name for name, *_ in HOSTILE[:4])
    assert sorted(r.source.file for r in result.reports) == sorted(made)
    for report in result.reports:
        folder = project.site_dir / "reports" / report.id
        assert (folder / raw_name(report)).read_bytes() == made[report.source.file]
        page = (folder / "index.html").read_text(encoding="utf-8")
        assert "宁陕县2024年法治政府建设年度报告" in page
        assert f'href="{raw_name(report)}"' in page and "原始文件（按收到时原样" in page
    assert not list(project.site_dir.rglob("*.source.html"))


@pytest.mark.parametrize("name", [n for n in MAKERS if n != "report.txt"])
def test_reader_output_matches_golden(reports, name: str, update_golden: bool) -> None:
    """What each reader hands to cleaning, reviewed by eye in tests/fixtures/sources/."""
    text, _ = reports[name]
    golden = FIXTURES / f"{name}.expected.txt"
    if update_golden:
        golden.write_text(text.text, encoding="utf-8")
    assert text.text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "megabytes", "refused"),
    [("big.pdf", 5, False), ("big.docx", 5, False), ("big.html", 5, True), ("huge.pdf", 21, True)],
)
def test_documents_may_be_larger_than_text(tmp_path: Path, name, megabytes, refused) -> None:
    path = tmp_path / name
    with path.open("wb") as file:
        file.truncate(megabytes * 1024 * 1024)
    with pytest.raises(ReadError) as caught:
        read_source(path, tmp_path)
    assert ("is accepted" in str(caught.value)) == refused


ARTICLE = (
    "<div class='c'>"
    + "<p>各项工作有序推进，依法行政水平明显提升，取得明显成效。</p>" * 8
    + "</div>"
)
TITLE = "某某县2024年法治政府建设年度报告"


@pytest.mark.parametrize(
    ("head", "above"),
    [
        (
            f"<meta name='ArticleTitle' content='{TITLE}'><title>首页</title>",
            "<h1>网站导航栏目名称</h1>",
        ),
        (
            f"<title>{TITLE}_某某县人民政府</title>",
            f"<h1>{TITLE}</h1><h3>政府信息公开目录导航</h3>",
        ),
        (f"<title>{TITLE} - 某某县人民政府</title>", ""),
        ("<title>某某县人民政府</title>", f"<div class='title'>{TITLE}</div>"),
    ],
)
def test_web_page_title(head: str, above: str) -> None:
    page = f"<html><head><meta charset='utf-8'>{head}</head><body>{above}{ARTICLE}</body></html>"
    text = read_html(page.encode(), "t.html").text
    assert text.splitlines()[0] == f"# {TITLE}"
    assert text.count(TITLE) == 1


def test_title_inside_the_article_is_not_repeated() -> None:
    page = f"<html><body><div><h1>{TITLE}</h1>{ARTICLE}</div></body></html>"
    text = read_html(page.encode(), "t.html").text
    assert text.count(TITLE) == 1


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TRACKED = (
    f"<w:p {W}><w:pPr><w:tabs><w:tab w:val='left' w:pos='420'/></w:tabs></w:pPr>"
    "<w:r><w:t>全年办理</w:t></w:r>"
    "<w:ins w:id='1' w:author='a'><w:r><w:t>行政处罚</w:t></w:r></w:ins>"
    "<w:del w:id='2' w:author='a'><w:r><w:delText>删掉的字</w:delText></w:r></w:del>"
    "<w:sdt><w:sdtContent><w:r><w:t>案件</w:t></w:r></w:sdtContent></w:sdt>"
    "<w:r><w:br/><w:t>1268件。</w:t></w:r></w:p>"
)


def test_docx_text_as_word_shows_it() -> None:
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    document.element.body.insert(0, parse_xml(TRACKED))
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_docx(buffer.getvalue(), "t.docx").text
    assert text == "全年办理行政处罚案件\n1268件。\n"
