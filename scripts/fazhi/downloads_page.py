"""The 数据下载 page: the bulk files with sizes, what each report offers, formats, licence, citation."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial

from .catalog_shards import SHARD_NAME
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

OVERVIEW_FILES = {
    "catalog.json": "各年度文件清单（JSON）：每个年度文件的路径、报告数、大小和 SHA-256",
    "datapackage.json": "Frictionless 数据包描述（Data Package v2）：每个年度的两张 CSV 表的字段、类型和约束",
    "catalog.jsonld": "DCAT-AP 3 数据目录（JSON-LD）：门户总目录，按年度链接各年度目录，供 CKAN 等开放数据平台采集",
}
YEAR_FILES = {
    "catalog": ("csv", "报告目录：每份报告一行，扁平的列（CSV，Excel 可直接双击打开）"),
    "catalog-json": ("json", "报告目录（JSON）：同上，另含每份报告的全部文件、大小和 SHA-256"),
    "indicators": (
        "csv",
        "量化指标长表：每条指标一行，列与每份报告的 <标识>.indicators.csv 相同（见数据字典）",
    ),
    "catalog-jsonld": ("jsonld", "DCAT-AP 3 数据目录（JSON-LD）：本年度的报告，每份报告一个数据集"),
}

SHARD_ORDER = [
    ("catalog", "csv"),
    ("indicators", "csv"),
    ("catalog", "json"),
    ("catalog", "jsonld"),
]


def year_of(name: str) -> str | None:
    """The year part of a per-year file's name ("2023", "undated"), None for the overview files."""
    found = SHARD_NAME.match(name) or ARCHIVE_NAME.match(name)
    return found.group(2 if found.re is SHARD_NAME else 1) if found else None


def year_file_label(name: str, archives: Iterable[str]) -> str:
    """What one of a year's files holds: a shard's table or catalogue, or an archive."""
    found = SHARD_NAME.match(name)
    if not found:
        return archive_label(name, archives)
    stem, _, part, suffix = found.groups()
    key = {"csv": stem, "json": "catalog-json", "jsonld": "catalog-jsonld"}[suffix]
    label = YEAR_FILES[key][1]
    return label + (f"，第 {part} 部分" if part else "")


def archive_label(name: str, names: Iterable[str]) -> str:
    """What one of the per-year archives holds (`catalog_zips.year_zips` names them)."""
    found = ARCHIVE_NAME.match(name)
    if not found:
        return "报告文件打包（ZIP）"
    year, part = found.groups()
    label = "本年度报告的全部文件（ZIP，目录结构同本站 reports/）"
    if part:
        total = sum(1 for n in names if (m := ARCHIVE_NAME.match(n)) and m.group(1) == year)
        label += f"，第 {part}/{total} 部分"
    return label


def file_order(name: str) -> tuple[int, int, int]:
    """Within a year: catalogue CSV, indicators CSV, JSON, JSON-LD (parts in order), then archives."""
    found = SHARD_NAME.match(name)
    if found:
        stem, _, part, suffix = found.groups()
        return (0, int(part or 0), SHARD_ORDER.index((stem, suffix)))
    archive = ARCHIVE_NAME.match(name)
    return (1, int(archive.group(2) or 0) if archive else 0, 0)


def year_order(year: str) -> tuple[int, int]:
    """Newest year first, undated last."""
    return (0, -int(year)) if year.isdigit() else (1, 0)


def file_rows(
    names: list[str], sizes: Mapping[str, int], label: Callable[[str], str]
) -> list[str]:
    return [
        f'<tr><td><a href="{name}" download>{name}</a></td><td>{html_text(label(name))}</td>'
        f'<td class="fz-size" data-bytes="{sizes[name]}">{human_size(sizes[name])}</td></tr>'
        for name in names
    ]


def files_table(rows: list[str], caption: str) -> str:
    return "\n".join(
        [
            '<table class="fz-downloads">',
            f"<caption>{html_text(caption)}</caption>",
            "<thead><tr><th>文件</th><th>内容</th><th>大小</th></tr></thead>",
            "<tbody>",
            *rows,
            "</tbody>",
            "</table>",
        ]
    )


def bulk_tables(sizes: Mapping[str, int], archives: list[str], counts: Mapping[str, int]) -> str:
    """The overview files, then one table per report year (`sizes`: of every file, the archives
    included; `counts`: reports per year key)."""
    overview = [n for n in OVERVIEW_FILES if n in sizes]
    out = [files_table(file_rows(overview, sizes, OVERVIEW_FILES.__getitem__), "总览")]
    by_year: dict[str, list[str]] = {}
    for name in sizes:
        year = year_of(name)
        if year:
            by_year.setdefault(year, []).append(name)
    for year in sorted(by_year, key=year_order):
        span = f"{year} 年度" if year.isdigit() else "未注明年度"
        names = sorted(by_year[year], key=file_order)
        label = partial(year_file_label, archives=archives)
        out.append(
            f"### {span}（{counts.get(year, 0)} 份报告） {{#year-{year}}}\n\n"
            + files_table(file_rows(names, sizes, label), f"{span}的数据文件")
        )
    return "\n\n".join(out)


def per_report_list(present: set[str]) -> str:
    """The kinds of per-report file that this build publishes (`present`: their suffixes)."""
    return "\n".join(
        f"- `<标识>{k.suffix}`：{k.label}"
        for k in KINDS
        if k.suffix in present and k.suffix != ".source.md.txt"
    )


def downloads_page(
    sizes: Mapping[str, int],
    archives: list[str],
    counts: Mapping[str, int],
    present: set[str],
    publication: Publication,
) -> str:
    cite_url = publication.base or "（本站网址）"
    return f"""---
{GENERATED}
title: 数据下载
---

# 数据下载

本站 {sum(counts.values())} 份报告的全部数据均可下载，无需注册。批量文件按报告年度分开：每个年度有报告目录（CSV、JSON）、量化指标表（CSV）、DCAT 目录（JSON-LD）和全部报告文件的压缩包；一年的报告过多时分为几部分，每个文件不超过约 16 MB，指标表也不会超出 Excel 的行数上限。各年度的 CSV 列完全相同，可直接上下拼接（去掉后续文件的表头行）。每份报告的文件也在其页面底部的“下载”一节。

{bulk_tables(sizes, archives, counts)}

各列的含义见[数据字典](dictionary.md)；元数据文件的结构见 [JSON Schema](../schema/report.schema.json)。

## 每份报告的文件

每份报告的页面旁都有下列文件（`<标识>` 是报告标识，如 `2023-guangxi-luzhai-lagou`），页面上列出每个文件的大小，并给出原始文件的 SHA-256 校验值：

{per_report_list(present)}

原始文件与收到时逐字节相同（源文件是 `.md` 时存为 `.source.md.txt`，内容不变）；ZIP 压缩包恰好包含页面列出的其他文件。

## 格式说明

- **CSV**：UTF-8 编码并带 BOM，逗号分隔，按 RFC 4180 加引号，行尾 CRLF。中文 Windows 上的 Excel 双击即可正确显示中文；pandas 直接 `pd.read_csv("catalog-2023.csv")` 即可，无需参数。
- **日期** 为 ISO 格式 `YYYY-MM-DD`；**布尔值** 为 `true` / `false`；**空单元格** 表示原文未载明（原因见元数据文件的 `unknown`）。
- 一个单元格中有多个值时以全角分号“；”分隔。
- 以 `=`、`+`、`-`、`@` 开头的文字单元格前加了一个英文单引号 `'`，以免电子表格把它当作公式执行。
- **校验**：`datapackage.json` 可用 `frictionless validate datapackage.json` 校验；`catalog.jsonld` 及各年度的 `catalog-<年度>.jsonld` 均符合 DCAT-AP 3.0.0 的 SHACL 约束；各年度目录以 Hydra 分页（`hydra:nextPage`）串联，CKAN 的 DCAT 采集器可从 `catalog.jsonld` 起依次采集。
- 每个报告页面内嵌 schema.org `Dataset` 描述（JSON-LD），供数据集搜索引擎收录；站点地图见 `sitemap.xml`。

## 许可 {{#licence}}

- **报告原文**：{DOCUMENT_RIGHTS}
- **本站整理的元数据和数据文件**（元数据、指标、目录、整理记录等）：以{METADATA_LICENCE_NAME}发布（许可文本：`{METADATA_LICENCE_URL}`），使用时请注明来源“{PORTAL_NAME}”。

## 引用 {{#cite}}

引用单份报告时，请使用报告页面“下载”一节给出的引用格式（GB/T 7714-2015 电子文献格式）。引用本站数据时可写作：

> {PORTAL_NAME}. 法治政府建设年度报告数据集[DS/OL]. {cite_url}.

请在引用中补充访问日期。
"""
