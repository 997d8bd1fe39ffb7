"""Make the same report as a web page (two site layouts), a .docx and a PDF, for test_sources.

The report text is tests/fixtures/sources/report.txt: first line the title, paragraphs separated by
blank lines, the last two lines the signature and the date.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from pathlib import Path

from fazhi.clean import heading_level

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
META_ROWS = (
    ("索引号", "11610923/2025-00012"),
    ("发布机构", "宁陕县人民政府"),
    ("成文日期", "2025-01-20"),
)


@dataclass(frozen=True)
class ReportParts:
    title: str
    paragraphs: tuple[str, ...]
    signature: tuple[str, ...]


def report_parts(text: str) -> ReportParts:
    blocks = [b.strip() for b in text.strip().split("\n\n")]
    *body, closing = blocks[1:]
    return ReportParts(blocks[0], tuple(body), tuple(closing.splitlines()))


def html_trs(parts: ReportParts) -> bytes:
    """An older TRS-style page: GB2312, tables for layout, metadata table above the title."""
    meta = "".join(
        f"<tr><td class='lab'>{label}：</td><td>{value}</td></tr>" for label, value in META_ROWS
    )
    body = "".join(f"<p style='text-indent:2em'>{html.escape(p)}</p>" for p in parts.paragraphs)
    closing = "".join(f"<p align='right'>{line}</p>" for line in parts.signature)
    page = f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{parts.title}_宁陕县人民政府</title>
<script>var x = "<p>不是正文</p>";</script><style>p {{ margin: 0 }}</style></head>
<body><table width="100%"><tr><td><a href="/">首页</a> | <a href="/zwgk">政务公开</a> |
<a href="/bsfw">办事服务</a> | <a href="/hdjl">互动交流</a></td></tr></table>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 法治政府建设</div>
<table class="xxgk">{meta}</table>
<table width="980"><tr><td>
<h1 class="title">{parts.title}</h1>
<div class="tools">【字体：<a>大</a> <a>中</a> <a>小</a>】 【打印本页】 【关闭窗口】</div>
<div class="TRS_Editor">{body}{closing}</div>
</td></tr></table>
<div class="footer"><p>主办单位：宁陕县人民政府办公室</p><p>版权所有：宁陕县人民政府 陕ICP备05001234号</p></div>
</body></html>"""
    return page.encode("gb18030")


def html_undeclared(parts: ReportParts) -> bytes:
    """The TRS page saved without its charset declaration: GBK bytes, encoding to be detected."""
    page = html_trs(parts)
    return page.replace(
        b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', b""
    )


def html_modern(parts: ReportParts) -> bytes:
    """A newer template: UTF-8, HTML5, metadata as a list, a sidebar of links, title as h2."""
    meta = "".join(f"<li><span>{label}：</span>{value}</li>" for label, value in META_ROWS)
    links = "".join(f"<li><a href='/n{i}'>关于印发第{i}号通知的文件</a></li>" for i in range(12))
    body = "".join(f"<p>\u3000\u3000{html.escape(p)}</p>" for p in parts.paragraphs)
    closing = "".join(f"<p style='text-align:right'>{line}</p>" for line in parts.signature)
    page = f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{parts.title} - 政府信息公开 - 宁陕县人民政府</title></head><body>
<header><nav><ul><li><a href="/">首页</a></li><li><a href="/x">新闻中心</a></li>
<li><a href="/y">政务公开</a></li></ul></nav></header>
<div class="crumb">您的位置：<a href="/">首页</a> » <a href="/y">政务公开</a> » 正文</div>
<main><aside><h3>相关文件</h3><ul>{links}</ul></aside>
<section class="detail"><ul class="meta">{meta}</ul>
<h2 class="article-title">{parts.title}</h2>
<div class="article-body">{body}{closing}</div>
<div class="share">分享到：微信 微博</div></section></main>
<footer>网站标识码：6109230001 版权所有 © 宁陕县人民政府</footer></body></html>"""
    return page.encode("utf-8")


def docx_bytes(parts: ReportParts) -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(parts.title, style="Title")
    for paragraph in parts.paragraphs:
        level = heading_level(paragraph) if len(paragraph) < 40 else 0
        if level:
            document.add_heading(paragraph, level=level - 1)
        else:
            document.add_paragraph(paragraph)
    for line in parts.signature:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(parts: ReportParts, *, password: str | None = None) -> bytes:
    """A4 pages in STSong-Light 12pt, 2-character first-line indents, a running header and page
    numbers, paragraphs hard-wrapped at the right margin (and across page breaks)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    encrypt = None
    if password is not None:  # "" = permissions only: anyone may open it, copying is "forbidden"
        from reportlab.lib import pdfencrypt

        encrypt = pdfencrypt.StandardEncryption(password, ownerPassword="owner", canCopy=0)
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt)
    width, height = A4
    size, left, measure = 14, 72, 432
    state = {"y": height - 110.0, "page": 1}

    def page_chrome() -> None:
        pdf.setFont("STSong-Light", 9)
        pdf.drawString(left, height - 50, "宁陕县人民政府信息公开")
        pdf.drawCentredString(width / 2, 40, f"— {state['page']} —")
        pdf.setFont("STSong-Light", size)

    def line(text: str, x: float) -> None:
        if state["y"] < 110:
            pdf.showPage()
            state["page"] += 1
            state["y"] = height - 110.0
            page_chrome()
        pdf.drawString(x, state["y"], text)
        state["y"] -= size * 1.8

    page_chrome()
    pdf.setFont("STSong-Light", 16)
    pdf.drawCentredString(width / 2, state["y"], parts.title)
    state["y"] -= 40
    pdf.setFont("STSong-Light", size)
    for paragraph in parts.paragraphs:
        x = left + 2 * size
        for piece in wrap(paragraph, measure - 2 * size, measure, size):
            line(piece, x)
            x = left
    for signature in parts.signature:
        line(signature, width - left - len(signature) * size)
    pdf.save()
    return buffer.getvalue()


def wrap(text: str, first: float, measure: float, size: int) -> list[str]:
    """Break a paragraph into lines no wider than the measure (the first line indented)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, current, limit = [], "", first
    for char in text:
        if stringWidth(current + char, "STSong-Light", size) > limit:
            lines.append(current)
            current, limit = "", measure
        current += char
    return [*lines, current] if current else lines


NUMBERING_XML = (
    '<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' w:abstractNumId="90">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
)


def docx_auto_numbered(parts: ReportParts) -> bytes:
    """The report with its 一、 and （一） heading numbers drawn by Word's automatic numbering
    (the numbers are not in the paragraph text), as many templates do."""
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING_XML))
    num = numbering.add_num(90)
    document.add_paragraph(parts.title, style="Title")
    for paragraph in parts.paragraphs:
        level = heading_level(paragraph) if len(paragraph) < 40 else 0
        if not level:
            document.add_paragraph(paragraph)
            continue
        marker = (
            paragraph.split("、", 1)[0] + "、" if level == 2 else paragraph.split("）", 1)[0] + "）"
        )
        added = document.add_paragraph(paragraph[len(marker) :], style=f"Heading {level - 1}")
        props = added._p.get_or_add_pPr().get_or_add_numPr()
        props.get_or_add_numId().val = num.numId
        props.get_or_add_ilvl().val = level - 2
    for line in parts.signature:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
