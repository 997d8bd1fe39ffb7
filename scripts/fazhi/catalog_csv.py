"""The two bulk tables: catalog.csv (one row per report, flat columns) and indicators.csv (long form,
the rows of every report's own `<id>.indicators.csv`: see `indicator_views`)."""

from __future__ import annotations

from typing import Any

from .indicator_views import (
    INDICATOR_COLUMNS as INDICATOR_COLUMNS,  # re-exported: the bulk tables' columns
)
from .model import Report
from .tabular import Column, joined

REQUIRED_ITEMS = (
    ("measures", "主要举措和成效"),
    ("leaders_duty", "党政主要负责人履行第一责任人职责情况"),
    ("shortcomings", "存在的不足和原因"),
    ("next_year", "下一年度主要安排"),
    ("other", "其他需要报告的情况"),
)

CATALOG_COLUMNS: tuple[Column, ...] = (
    Column("id", "string", "报告标识", "报告的稳定标识（年度-省-县-乡的拼音），也是报告页面的文件夹名。", required=True, unique=True, pattern="^[a-z0-9][a-z0-9-]*$"),
    Column("title", "string", "标题", "报告自身的标题；原文没有标题时为空。"),
    Column("issuer", "string", "发文机关", "发布报告的机关；联合行文时为人民政府。"),
    Column("co_issuers", "string", "联合发文机关", "联合行文的其他机关，多个时以全角分号“；”分隔。"),
    Column("level", "string", "层级", "发文机关层级：township（乡镇街道）、county（县级）、city（市级）、province（省级）、department（政府部门）。"),
    Column("province", "string", "省级", "省、自治区、直辖市。"),
    Column("city", "string", "地级", "地级市、自治州、地区、盟；直辖市下辖区县为空。"),
    Column("county", "string", "县级", "县、区、县级市、旗。"),
    Column("township", "string", "乡级", "乡、镇、街道、苏木。"),
    Column("region_code", "string", "区划代码", "最细一级的统计用区划代码（2、4、6 或 9 位数字）；在 Excel 中显示为数字，在 pandas 中读作整数，如需保留为文本请用 dtype={'region_code': str}。", pattern=r"^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$"),
    Column("year", "integer", "年度", "报告所述年度（不是成文年份）。"),
    Column("date_signed", "date", "成文日期", "成文日期，ISO 格式 YYYY-MM-DD。"),
    Column("doc_number", "string", "发文字号", "报告自身的发文字号（不含正文引用的文号）。"),
    Column("signer", "string", "签发人", "签发人。"),
    Column("addressee", "string", "主送机关", "主送机关。"),
    Column("cc", "string", "抄送机关", "抄送机关，多个时以全角分号“；”分隔。"),
    Column("document_type", "string", "文件类型", "按标题的文种判断的文件类型：annual_report（法治政府建设年度报告）、leaders_duty_report（第一责任人职责/述法报告）、rule_of_law_report（法治建设报告，非法治政府建设）、plan（工作要点/实施方案/计划）、other（通知、公示、政府工作报告等）；标题不能判断时为空。只有 annual_report 计入年度报告统计。", pattern="^(annual_report|leaders_duty_report|rule_of_law_report|plan|other)$"),
    Column("indicator_count", "integer", "指标数", "从正文抽取的量化指标条数（明细见 indicators-<年度>.csv）。", required=True),
    Column("heading_count", "integer", "标题数", "正文中识别出的各级标题数。", required=True),
    *(
        Column(f"has_{key}", "boolean", f"含“{label}”", f"报告是否包含规定内容“{label}”（true/false；未判断时为空）。")
        for key, label in REQUIRED_ITEMS
    ),
    Column("keywords", "string", "关键词", "关键词，以全角分号“；”分隔。"),
    Column("topics", "string", "主题", "主题，以全角分号“；”分隔。"),
    Column("unknown_fields", "string", "未注明字段", "原文未载明、因而为空的字段名，以全角分号“；”分隔（原因见元数据文件的 unknown）。"),
    Column("source_file", "string", "源文件名", "收到的源文件名。", required=True),
    Column("source_sha256", "string", "源文件 SHA-256", "源文件内容的 SHA-256 校验值，与可下载的原始文件一致。", required=True, pattern="^[0-9a-f]{64}$"),
    Column("source_encoding", "string", "源文件编码", "源文件的字符编码（utf-8、gb18030 等）。", required=True),
    Column("source_bytes", "integer", "源文件字节数", "源文件大小（字节）。", required=True),
    Column("source_url", "string", "原始网址", "报告原始发布网址（若已知）。"),
    Column("page", "string", "页面", "报告页面相对于站点根目录的路径。", required=True),
)  # fmt: skip

def catalog_row(report: Report) -> dict[str, Any]:
    meta = report.meta
    region = meta.region
    row: dict[str, Any] = {
        "id": report.id,
        "title": meta.title,
        "issuer": meta.issuer,
        "co_issuers": joined(meta.co_issuers),
        "level": meta.level,
        "province": region.province,
        "city": region.city,
        "county": region.county,
        "township": region.township,
        "region_code": region.code,
        "year": meta.year,
        "date_signed": meta.date_signed,
        "doc_number": meta.doc_number,
        "signer": meta.signer,
        "addressee": meta.addressee,
        "cc": joined(meta.cc),
        "document_type": meta.document_type,
        "indicator_count": len(report.indicators),
        "heading_count": len(report.outline),
        "keywords": joined(report.keywords),
        "topics": joined(report.topics),
        "unknown_fields": joined(sorted(meta.unknown)),
        "source_file": report.source.file,
        "source_sha256": report.source.sha256,
        "source_encoding": report.source.encoding,
        "source_bytes": report.source.size,
        "source_url": report.source.url,
        "page": f"reports/{report.id}/",
    }
    for key, _ in REQUIRED_ITEMS:
        row[f"has_{key}"] = report.required_items.get(key)
    return row
