"""The 数据下载 page: the bulk files with sizes, what each report offers, formats, licence, citation."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .catalog_zips import ARCHIVE_NAME
from .downloads import KINDS, human_size
from .markup import GENERATED, html_text
from .publication import (
    DOCUMENT_RIGHTS,
    METADATA_LICENCE_NAME,
    METADATA_LICENCE_URL,
    PORTAL_NAME,
    Publication,
)

BULK_FILES = {
    "catalog.csv": "报告目录：每份报告一行，扁平的列（CSV，Excel 可直接双击打开）",
    "catalog.json": "报告目录（JSON）：同上，另含每份报告的全部文件、大小和 SHA-256",
    "indicators.csv": "量化指标长表：每条指标一行（报告标识、名称、规范名称、数值、单位、约数、原句、所在章节、原句锚点），与每份报告的 <标识>.indicators.csv 列相同",
    "datapackage.json": "Frictionless 数据包描述（Data Package v2）：两张 CSV 表的字段、类型和约束",
    "catalog.jsonld": "DCAT-AP 3 数据目录（JSON-LD）：供 CKAN 等开放数据平台采集",
}


def archive_label(name: str, names: Iterable[str]) -> str:
    """What one of the per-year archives holds (`catalog_zips.year_zips` names them)."""
    found = ARCHIVE_NAME.match(name)
    if not found:
        return "报告文件打包（ZIP）"
    year, part = found.groups()
    span = "未注明年度的报告" if year == "undated" else f"{year} 年度的报告"
    label = f"{span}的全部文件（ZIP，目录结构同本站 reports/）"
    if part:
        total = sum(1 for n in names if (m := ARCHIVE_NAME.match(n)) and m.group(1) == year)
        label += f"，第 {part}/{total} 部分"
    return label


def archive_order(name: str) -> tuple[int, int, str]:
    """Newest year first, undated last, parts in order."""
    found = ARCHIVE_NAME.match(name)
    if not found:
        return (1, 0, name)
    year, part = found.groups()
    return (0 if year != "undated" else 1, -int(year) if year.isdigit() else 0, f"{int(part or 0):09d}")


def bulk_table(bulk: Mapping[str, bytes], archives: Mapping[str, bytes]) -> str:
    labelled = [(name, label) for name, label in BULK_FILES.items() if name in bulk]
    labelled += [(n, archive_label(n, archives)) for n in sorted(archives, key=archive_order)]
    sizes = {**bulk, **archives}
    rows = [
        f'<tr><td><a href="{name}" download>{name}</a></td><td>{html_text(label)}</td>'
        f'<td class="fz-size" data-bytes="{len(sizes[name])}">{human_size(len(sizes[name]))}</td></tr>'
        for name, label in labelled
    ]
    return "\n".join(
        ['<table class="fz-downloads">', "<thead><tr><th>文件</th><th>内容</th><th>大小</th></tr></thead>", "<tbody>", *rows, "</tbody>", "</table>"]
    )


def per_report_list(present: set[str]) -> str:
    """The kinds of per-report file that this build publishes (`present`: their suffixes)."""
    return "\n".join(
        f"- `<标识>{k.suffix}`：{k.label}" for k in KINDS if k.suffix in present and k.suffix != ".source.md.txt"
    )


def downloads_page(
    bulk: Mapping[str, bytes],
    archives: Mapping[str, bytes],
    count: int,
    present: set[str],
    publication: Publication,
) -> str:
    cite_url = publication.base or "（本站网址）"
    return f"""---
{GENERATED}
title: 数据下载
---

# 数据下载

本站 {count} 份报告的全部数据均可下载，无需注册。批量文件如下：目录和指标表各一个文件，报告的全部文件按报告年度分别打包（一年的文件过多时分为几部分），每个压缩包不超过约 16 MB；每份报告的文件也在其页面底部的“下载”一节。

{bulk_table(bulk, archives)}

各列的含义见[数据字典](dictionary.md)；元数据文件的结构见 [JSON Schema](../schema/report.schema.json)。

## 每份报告的文件

每份报告的页面旁都有下列文件（`<标识>` 是报告标识，如 `2023-guangxi-luzhai-lagou`），页面上列出每个文件的大小，并给出原始文件的 SHA-256 校验值：

{per_report_list(present)}

原始文件与收到时逐字节相同（源文件是 `.md` 时存为 `.source.md.txt`，内容不变）；ZIP 压缩包恰好包含页面列出的其他文件。

## 格式说明

- **CSV**：UTF-8 编码并带 BOM，逗号分隔，按 RFC 4180 加引号，行尾 CRLF。中文 Windows 上的 Excel 双击即可正确显示中文；pandas 直接 `pd.read_csv("catalog.csv")` 即可，无需参数。
- **日期** 为 ISO 格式 `YYYY-MM-DD`；**布尔值** 为 `true` / `false`；**空单元格** 表示原文未载明（原因见元数据文件的 `unknown`）。
- 一个单元格中有多个值时以全角分号“；”分隔。
- 以 `=`、`+`、`-`、`@` 开头的文字单元格前加了一个英文单引号 `'`，以免电子表格把它当作公式执行。
- **校验**：`datapackage.json` 可用 `frictionless validate datapackage.json` 校验；`catalog.jsonld` 符合 DCAT-AP 3.0.0 的 SHACL 约束。
- 每个报告页面内嵌 schema.org `Dataset` 描述（JSON-LD），供数据集搜索引擎收录；站点地图见 `sitemap.xml`。

## 许可 {{#licence}}

- **报告原文**：{DOCUMENT_RIGHTS}
- **本站整理的元数据和数据文件**（元数据、指标、目录、整理记录等）：以{METADATA_LICENCE_NAME}发布（许可文本：`{METADATA_LICENCE_URL}`），使用时请注明来源“{PORTAL_NAME}”。

## 引用 {{#cite}}

引用单份报告时，请使用报告页面“下载”一节给出的引用格式（GB/T 7714-2015 电子文献格式）。引用本站数据时可写作：

> {PORTAL_NAME}. 法治政府建设年度报告数据集[DS/OL]. {cite_url}.

请在引用中补充访问日期。
"""
