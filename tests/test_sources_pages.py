"""Saved web pages as inputs: the same report as .txt and as .html gives the same cleaned text."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from fazhi.exceptions import ReadError
from fazhi.pipeline import process_source
from fazhi.read import read_source
from fazhi.sources_html import page_encoding, read_html

from .conftest import SEEDS

SEED = SEEDS[0]


def body_lines() -> list[str]:
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def modern_page(lines: list[str]) -> bytes:
    """A present-day site: metadata table above the article, chrome in header/nav/footer."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in lines)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(lines[0])}</title>
<script>var tracker = "统计代码统计代码统计代码";</script><style>p {{ margin: 0 }}</style></head>
<body><header>鹿寨县人民政府门户网站 首页 政务公开 政务服务 互动交流</header>
<nav><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 法治政府建设</nav>
<div class="xxgk-table"><table>
<tr><td>索引号：</td><td>11450223MB1234567X/2024-00012</td><td>发布机构：</td><td>鹿寨县拉沟乡人民政府</td></tr>
<tr><td>成文日期：</td><td>2024-01-02</td></tr></table></div>
<div class="article"><div id="zoom">{paragraphs}</div></div>
<div class="related"><a href="/a">相关链接一</a><a href="/b">相关链接二</a></div>
<footer>版权所有：鹿寨县人民政府 网站标识码：4502230001 桂ICP备12345678号</footer>
</body></html>""".encode()


def old_table_page(lines: list[str]) -> bytes:
    """An older site: GB2312 declared in http-equiv, a table layout, the body as <br>-separated text."""
    text = "<br>\n".join(html.escape(line) for line in lines)
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>政府信息公开</title></head><body><table width="100%"><tr><td class="left">
<a href="/">网站首页</a><br><a href="/x">机构概况</a></td>
<td class="bt_content">{text}</td></tr></table>
<table><tr><td>主办单位：鹿寨县人民政府办公室</td></tr></table></body></html>"""
    return page.encode("gb18030")


def cleaned(path: Path) -> tuple[list[tuple[str, str]], dict]:
    report = process_source(read_source(path, path.parent))
    blocks = [(b.kind, (b.lead or "") + b.text) for b in report.doc.blocks]
    meta = report.meta
    return blocks, {"title": meta.title, "year": meta.year, "region": meta.region}


@pytest.mark.parametrize("page", [modern_page, old_table_page], ids=["modern", "old-gb2312"])
def test_same_report_as_txt_and_html_gives_the_same_text(tmp_path, page):
    txt = tmp_path / "report.txt"
    txt.write_bytes(SEED.read_bytes())
    saved = tmp_path / "report.html"
    saved.write_bytes(page(body_lines()))
    html_blocks, html_meta = cleaned(saved)
    txt_blocks, txt_meta = cleaned(txt)
    assert html_meta == txt_meta
    assert html_blocks == txt_blocks


def test_page_metadata_rows_come_before_the_body():
    decoded = read_html(modern_page(body_lines()), "p.html")
    lines = [line for line in decoded.text.splitlines() if line]
    assert lines[:3] == [
        "索引号：11450223MB1234567X/2024-00012",
        "发布机构：鹿寨县拉沟乡人民政府",
        "成文日期：2024-01-02",
    ]
    assert "统计代码" not in decoded.text and "版权所有" not in decoded.text
    assert "相关链接" not in decoded.text and "政务服务" not in decoded.text


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b'<meta charset="GBK">', "gb18030"),
        (b"<meta http-equiv='Content-Type' content='text/html; charset=utf-8'>", "utf-8"),
        (b"<p>no declaration</p>", None),
    ],
)
def test_page_encoding_from_the_declaration(data, encoding):
    assert page_encoding(data) == encoding


def test_page_without_an_article_body_is_a_clear_error():
    page = "<html><body><nav>首页 政务公开</nav><p>页面不存在</p></body></html>".encode()
    with pytest.raises(ReadError, match=r"^empty\.html: is a web page with no article body"):
        read_html(page, "empty.html")
