"""Stage `render`: a Report → the Markdown of its public page."""

from __future__ import annotations

import re

import yaml

from .fidelity import ACTION_NAMES, cleaning_counts, cleaning_log_name
from .markup import GENERATED, escape_block, escape_inline, html_text
from .meta_doctype import TYPE_LABELS
from .model import Block, Report

UNKNOWN = "未注明"
_LEVEL_NAMES = {
    "township": "乡镇（街道）",
    "county": "县级",
    "city": "市级",
    "province": "省级",
    "department": "部门",
}


def front_matter(report: Report) -> str:
    meta = report.meta
    # Material puts both into the page head and header without escaping them: escape them here.
    data = {
        "title": html_text(meta.title or f"未注明标题的报告（{report.source.file}）"),
        "description": html_text(_description(report)),
    }
    return f"---\n{GENERATED}\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"


def _description(report: Report) -> str:
    meta = report.meta
    place = meta.issuer or _place(report) or UNKNOWN
    if meta.document_type not in (None, "annual_report"):
        return f"{place}：{TYPE_LABELS[meta.document_type]}"
    year = f"{meta.year}年度" if meta.year else "年度未注明"
    return f"{place}{year}法治政府建设年度报告"


def _place(report: Report) -> str | None:
    region = report.meta.region
    parts = [region.province, region.city, region.county, region.township]
    named = [p for p in parts if p]
    return "".join(named) if named else None


_PROVENANCE_NAMES = {
    "text": "正文",
    "metadata-row": "网页元数据",
    "gazetteer": "区划代码表",
    "editor": "编辑校订",
    "file-name": "文件名",
}
_REGION_LEVELS = ("province", "city", "county", "township")


def _region_cell(report: Report, links: dict[str, str]) -> str | None:
    """地区: each level linked to its page when `links` (level → href) has one."""
    region = report.meta.region
    parts = []
    for level in _REGION_LEVELS:
        name = getattr(region, level)
        if not name:
            continue
        href = links.get(level)
        parts.append(f'<a href="{html_text(href)}">{html_text(name)}</a>' if href else html_text(name))
    return " ".join(parts) if parts else None


def _cell(value: str | None, field: str, report: Report) -> str:
    meta = report.meta
    if not value:
        reason = meta.unknown.get(field) or meta.unknown.get(field.split(".")[0], "")
        hint = f' title="{html_text(reason)}"' if reason else ""
        return f'<span class="fz-unknown"{hint}>{UNKNOWN}</span>'
    source = _PROVENANCE_NAMES.get(meta.provenance.get(field, ""))
    hint = f' title="来源：{source}"' if source else ""
    return f"<span{hint}>{value}</span>" if hint else value


def meta_table(report: Report, region_links: dict[str, str] | None = None) -> str:
    """The metadata header: every field shown, unknown ones as 未注明 (never blank, never invented).

    `region_links` maps a region level (province, city, county, township) to its page's href.
    """
    meta = report.meta
    issuers = "、".join([meta.issuer, *meta.co_issuers]) if meta.issuer else None
    kind = TYPE_LABELS.get(meta.document_type or "")
    rows = [
        ("文件类型", html_text(kind) if kind else None, "document_type"),
        ("发布机关", html_text(issuers) if issuers else None, "issuer"),
        ("层级", _LEVEL_NAMES.get(meta.level or ""), "level"),
        ("地区", _region_cell(report, region_links or {}), "region"),
        ("年度", f"{meta.year}年" if meta.year else None, "year"),
        ("成文日期", html_text(meta.date_signed) if meta.date_signed else None, "date_signed"),
        ("文号", html_text(meta.doc_number) if meta.doc_number else None, "doc_number"),
    ]
    lines = ['<table class="fz-meta">', "<caption>报告信息</caption>", "<tbody>"]
    for label, value, field in rows:
        lines.append(f'<tr><th scope="row">{label}</th><td>{_cell(value, field, report)}</td></tr>')
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def type_note(report: Report) -> str:
    """What a document that is not an annual 法治政府建设 report is, said above its metadata."""
    meta = report.meta
    if meta.document_type == "annual_report":
        return ""
    if meta.document_type is None:
        reason = meta.unknown.get("document_type", "")
        return (
            '<p class="fz-doctype-note"><strong>文件类型未能判断</strong>：标题不能表明本文件是'
            f"法治政府建设年度报告（{html_text(reason)}）。</p>"
        )
    year = "；计划所列年份是计划年度，不是报告年度，因此“年度”一栏为空" if meta.document_type == "plan" else ""
    if meta.document_type == "other":
        year = "；它不报告某一年度的法治政府建设，因此“年度”一栏为空"
    return (
        '<p class="fz-doctype-note"><strong>本文件不是法治政府建设年度报告</strong>，而是'
        f"{html_text(TYPE_LABELS[meta.document_type])}。它与年度报告一同收录，"
        f"但不计入年度报告的统计{year}。</p>"
    )


def doc_header(report: Report) -> str:
    """版头: 发文机关标志, 发文字号 and 签发人 as one block."""
    doc = report.doc
    parts = [
        (kind, block.text)
        for kind in ("issuer_mark", "doc_number", "signer")
        for block in doc.of_kind(kind)
    ]
    if not parts:
        return ""
    inner = "\n".join(
        f'<p class="fz-{kind.replace("_", "-")}">{html_text(t)}</p>' for kind, t in parts
    )
    return f'<div class="fz-docheader">\n{inner}\n</div>'


def _body_block(block: Block) -> str:
    if block.kind == "heading":
        level = max(2, min(block.level, 6))
        return f"{'#' * level} {escape_inline(block.text)}"
    if block.lead:
        # <strong>, not **…**: `**…。**正文` stays literal under CommonMark's flanking rule.
        lead = f'<strong class="fz-lead">{escape_inline(block.lead)}</strong>'
        return f"{lead}{escape_inline(block.text)}"
    if block.kind == "attachment":
        return f'<p class="fz-attachment">{html_text(block.text)}</p>'
    if block.kind == "table":
        return _table(block.text)
    return escape_block(block.text)


_NUMBER_CELL = re.compile(r"^[+\-−]?[\d.,，]+[%％]?$")


def _table(text: str) -> str:
    """A table pasted as text. Cells are separated by a tab inside the row as well, so that
    cleaning the page again finds the same rows; a first row without numbers is the header.
    No class, so that the theme styles it as any Markdown table."""
    rows = [row.split("\t") for row in text.split("\n")]
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    header = len(rows) > 1 and not any(_NUMBER_CELL.match(cell) for cell in rows[0])
    lines = ["<table>", "<tbody>"]
    for index, row in enumerate(rows):
        tag, scope = ("th", ' scope="col"') if header and index == 0 else ("td", "")
        cells = "\t".join(f"<{tag}{scope}>{html_text(c)}</{tag}>" for c in row)
        lines.append(f"<tr>{cells}</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


_BODY_KINDS = ("addressee", "heading", "paragraph", "table", "attachment")
_CLOSING_KINDS = ("signature", "date", "note")
_FOOTER_KINDS = ("cc", "printed")


def _around_closing(report: Report) -> tuple[list[Block], list[Block]]:
    """(blocks before the 署名 and 成文日期, blocks after them): attachments or a table may follow
    the closing, and the page keeps them there."""
    blocks = report.doc.blocks
    last = max((i for i, b in enumerate(blocks) if b.kind in _CLOSING_KINDS), default=len(blocks))
    return blocks[:last], blocks[last + 1 :]


def body(report: Report) -> str:
    before, _ = _around_closing(report)
    return "\n\n".join(_body_block(b) for b in before if b.kind in _BODY_KINDS)


def after_closing(report: Report) -> str:
    """附件 and tables printed after the signature and date."""
    _, after = _around_closing(report)
    return "\n\n".join(_body_block(b) for b in after if b.kind in _BODY_KINDS)


def script_note(report: Report) -> str:
    """A visible note when the whole text was converted from traditional script."""
    if not report.doc.script_converted:
        return ""
    return (
        '<p class="fz-script-note">原文为繁体字，本页已用 OpenCC（t2s）逐字转为简体字；'
        "原文见本页下载的原始文件。</p>"
    )


def cleaning_note(report: Report) -> str:
    """整理说明: how many changes of each kind cleaning made, and a link to the full log."""
    counts = cleaning_counts(report.doc)
    summary = "；".join(f"{ACTION_NAMES.get(a, a)} {n} 处" for a, n in counts.items()) or "无改动"
    link = f'<a href="{cleaning_log_name(report)}">整理记录（CSV）</a>'
    return (
        '<div class="fz-cleaning">\n'
        "<p><strong>整理说明</strong>：本页正文整理自原始文本，正文文字未作增删；"
        f"网页信息、页码等已删除，断行已合并，空格和标点已规范。整理改动：{html_text(summary)}。"
        f"逐条记录见{link}，原始文本可在下载中获取。</p>\n</div>"
    )


def closing(report: Report) -> str:
    """署名, 成文日期 and 附注, right-aligned as on the printed document."""
    blocks = [b for b in report.doc.blocks if b.kind in _CLOSING_KINDS]
    if not blocks:
        return ""
    inner = "\n".join(f'<p class="fz-{b.kind}">{html_text(b.text)}</p>' for b in blocks)
    return f'<div class="fz-closing">\n{inner}\n</div>'


def footer(report: Report) -> str:
    """版记: 抄送 and 印发."""
    blocks = [b for b in report.doc.blocks if b.kind in _FOOTER_KINDS]
    if not blocks:
        return ""
    inner = "\n".join(f'<p class="fz-{b.kind}">{html_text(b.text)}</p>' for b in blocks)
    return f'<div class="fz-footer">\n{inner}\n</div>'


def title_heading(report: Report) -> str:
    """The H1: the document's own title when it has one (so nothing of it is lost), else the
    title the metadata found elsewhere (a 标题 row of the web page)."""
    title = report.doc.title or report.meta.title
    shown = (
        escape_inline(title)
        if title
        else f"未注明标题的报告（{escape_inline(report.source.file)}）"
    )
    return f"# {shown}"


def document_markdown(report: Report) -> str:
    """The report itself as it appears on the page: title, 版头, 正文, 署名 and 版记."""
    parts = [
        title_heading(report),
        doc_header(report),
        body(report),
        closing(report),
        after_closing(report),
        footer(report),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def render_report_page(
    report: Report, extra_sections: tuple[str, ...] = (), lead_sections: tuple[str, ...] = ()
) -> str:
    """The whole page; `lead_sections` (breadcrumbs, badges) follow the title, `extra_sections`
    (indicators, downloads, related reports) follow the text."""
    parts = [
        front_matter(report),
        title_heading(report),
        *lead_sections,
        type_note(report),
        meta_table(report),
        doc_header(report),
        script_note(report),
        body(report),
        closing(report),
        after_closing(report),
        footer(report),
        cleaning_note(report),
        *extra_sections,
    ]
    return "\n\n".join(p for p in parts if p) + "\n"
