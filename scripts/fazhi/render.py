"""Stage `render`: a Report → the Markdown of its public page."""

from __future__ import annotations

import yaml

from .markup import escape_block, escape_inline, html_text
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
    data = {
        "title": meta.title or f"未注明标题的报告（{report.source.file}）",
        "description": _description(report),
    }
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"


def _description(report: Report) -> str:
    meta = report.meta
    place = meta.issuer or _place(report) or UNKNOWN
    year = f"{meta.year}年度" if meta.year else "年度未注明"
    return f"{place}{year}法治政府建设年度报告"


def _place(report: Report) -> str | None:
    region = report.meta.region
    parts = [region.province, region.city, region.county, region.township]
    named = [p for p in parts if p]
    return "".join(named) if named else None


def meta_table(report: Report) -> str:
    """The metadata header: every field shown, unknown ones as 未注明, never blank."""
    meta = report.meta
    rows = [
        ("发布机关", "、".join([meta.issuer, *meta.co_issuers]) if meta.issuer else None),
        ("层级", _LEVEL_NAMES.get(meta.level or "")),
        ("地区", _place(report)),
        ("年度", f"{meta.year}年" if meta.year else None),
        ("成文日期", meta.date_signed),
        ("文号", meta.doc_number),
    ]
    lines = ['<table class="fz-meta">', "<caption>报告信息</caption>", "<tbody>"]
    for label, value in rows:
        shown = html_text(value) if value else f'<span class="fz-unknown">{UNKNOWN}</span>'
        lines.append(f'<tr><th scope="row">{label}</th><td>{shown}</td></tr>')
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


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
        return f"**{escape_inline(block.lead)}**{escape_inline(block.text)}"
    return escape_block(block.text)


_BODY_KINDS = ("addressee", "heading", "paragraph", "attachment")
_CLOSING_KINDS = ("signature", "date", "note")
_FOOTER_KINDS = ("cc", "printed")


def body(report: Report) -> str:
    return "\n\n".join(_body_block(b) for b in report.doc.blocks if b.kind in _BODY_KINDS)


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
    title = report.meta.title or report.doc.title
    shown = (
        escape_inline(title)
        if title
        else f"未注明标题的报告（{escape_inline(report.source.file)}）"
    )
    return f"# {shown}"


def render_report_page(
    report: Report, extra_sections: tuple[str, ...] = (), lead_sections: tuple[str, ...] = ()
) -> str:
    """The whole page; `lead_sections` (breadcrumbs, badges) follow the title, `extra_sections`
    (indicators, downloads, related reports) follow the text."""
    parts = [
        front_matter(report),
        title_heading(report),
        *lead_sections,
        meta_table(report),
        doc_header(report),
        body(report),
        closing(report),
        footer(report),
        *extra_sections,
    ]
    return "\n\n".join(p for p in parts if p) + "\n"
