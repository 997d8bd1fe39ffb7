"""The data dictionary page: every field of the metadata sidecar (from its JSON Schema) and every
column of every published CSV (from the same column lists that write the files)."""

from __future__ import annotations

import json
from typing import Any

from .catalog_csv import CATALOG_COLUMNS, INDICATOR_COLUMNS
from .markup import GENERATED, escape_inline
from .meta import report_schema_text
from .tabular import Column

TYPE_NAMES = {
    "string": "文本",
    "integer": "整数",
    "number": "数值",
    "boolean": "布尔值",
    "date": "日期",
    "array": "列表",
    "object": "对象",
    "null": "空",
}
CLEANING_LOG_COLUMNS = (
    ("line", "整数", "改动所在的源文件行号。"),
    ("action", "文本", "改动类别的英文代码，如 removed-chrome、joined-lines。"),
    ("action_zh", "文本", "改动类别的中文名称。"),
    ("before", "文本", "改动前的原文。"),
    ("after", "文本", "改动后的文字（删除时为空）。"),
    ("note", "文本", "补充说明。"),
)


def cell(text: str) -> str:
    return escape_inline(text).replace("\n", " ")


def type_of(spec: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in spec:
        return type_of(defs.get(spec["$ref"].rsplit("/", 1)[-1], {}), defs)
    if "enum" in spec:
        return "取值：" + "、".join("空" if v is None else str(v) for v in spec["enum"])
    if "const" in spec:
        return f"固定为 {spec['const']}"
    kinds = spec.get("type", "")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return "或".join(TYPE_NAMES.get(k, k) for k in kinds if k)


def schema_rows(properties: dict[str, Any], defs: dict[str, Any], prefix: str = "") -> list[str]:
    rows = []
    for name, spec in properties.items():
        path = prefix + name
        rows.append(f"| `{path}` | {cell(type_of(spec, defs))} | {cell(spec.get('description', ''))} |")
        if isinstance(spec.get("properties"), dict):
            rows += schema_rows(spec["properties"], defs, path + ".")
    return rows


def sidecar_section() -> str:
    schema = json.loads(report_schema_text())
    rows = schema_rows(schema.get("properties", {}), schema.get("$defs", {}))
    return "\n".join(
        [
            "## 元数据文件（`<标识>.yml` / `<标识>.json`）",
            "",
            cell(schema.get("description", "")),
            "",
            "| 字段 | 类型 | 说明 |",
            "| --- | --- | --- |",
            *rows,
        ]
    )


def columns_section(title: str, intro: str, columns: tuple[Column, ...]) -> str:
    rows = [
        f"| `{c.name}` | {cell(c.title)} | {TYPE_NAMES[c.type]}{'，必填' if c.required else ''} | {cell(c.description)} |"
        for c in columns
    ]
    return "\n".join([f"## {title}", "", intro, "", "| 列名 | 中文名 | 类型 | 说明 |", "| --- | --- | --- | --- |", *rows])


def simple_section(title: str, intro: str, columns: tuple[tuple[str, str, str], ...]) -> str:
    rows = [f"| `{name}` | {kind} | {text} |" for name, kind, text in columns]
    return "\n".join([f"## {title}", "", intro, "", "| 列名 | 类型 | 说明 |", "| --- | --- | --- |", *rows])


def per_report_sections(present: set[str]) -> list[str]:
    """Sections for the per-report CSV files this build publishes (`present`: their suffixes)."""
    sections = []
    if ".indicators.csv" in present:
        intro = "每份报告一个，每条指标一行；列与 `indicators.csv` 相同（见上），各报告的指标合在一起即 `indicators.csv`。`<标识>.indicators.json` 的每条记录含相同字段。"
        sections.append(f"## 报告的量化指标（`<标识>.indicators.csv`）\n\n{intro}")
    if ".cleaning-log.csv" in present:
        intro = "每份报告一个，记录整理时删除或改动的每一处，保证原文的每个字都能在页面或记录中找到。"
        sections.append(simple_section("整理记录（`<标识>.cleaning-log.csv`）", intro, CLEANING_LOG_COLUMNS))
    return sections


SHARDS = """## 按年度分开的文件

批量的目录和指标表按报告所述年度分开：`catalog-2023.csv`、`indicators-2023.csv`、`catalog-2023.json`、`catalog-2023.jsonld` 只含 2023 年度的报告，年度不明的报告在 `…-undated.…` 中。一个年度的报告过多、某个文件将超过约 16 MB 时，该年度分为几部分（`catalog-2023-1.csv`、`catalog-2023-2.csv` …），同一部分的各文件含相同的报告。各年度的 CSV 列完全相同（见下），合并时上下拼接、只保留第一个表头即可，例如 `pd.concat(pd.read_csv(f) for f in files)`。

`catalog.json` 列出全部年度文件：`parts` 中每项为一个年度（或年度的一部分），含 `year`（年度，不明时为空）、`part`（部分序号，未分开时为空）、`count`（报告数）和 `files`（`catalog_csv`、`indicators_csv`、`catalog_json`、`catalog_jsonld` 各自的 `path`、`bytes`、`sha256`）。`datapackage.json` 为每个年度的两张表各列一项资源，字段定义相同。"""


def dictionary_page(present: set[str]) -> str:
    parts = [
        f"---\n{GENERATED}\ntitle: 数据字典\n---",
        "# 数据字典",
        "本页说明本站每个数据文件的每个字段和每一列。CSV 文件均为 UTF-8（带 BOM）、逗号分隔、行尾 CRLF；"
        "空单元格表示原文未载明；多个值以全角分号“；”分隔。返回[数据下载](index.md)。",
        SHARDS,
        columns_section("报告目录（`catalog-<年度>.csv`）", "每份报告一行。`catalog-<年度>.json` 的 `reports` 含相同字段，列表字段为数组，另有每份报告的文件清单。", CATALOG_COLUMNS),
        columns_section("量化指标（`indicators-<年度>.csv`）", "每条指标一行（长表），`report_id` 对应同一年度 `catalog-<年度>.csv` 的 `id`。", INDICATOR_COLUMNS),
        *per_report_sections(present),
        sidecar_section(),
    ]
    return "\n\n".join(parts) + "\n"
